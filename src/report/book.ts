/**
 * The report's "Book" section: what the policy files held, from the compressed figures the results
 * carry (`meta.policies`, never the rows): files and their SHA-256, policies accepted and rejected,
 * policies and amounts by product and maturity month, the payout-size distribution against the
 * per-transfer limits (transfers one payout needs), the share of known-bad accounts and the banks.
 * Absent (empty) when the scenario had no policy file.
 */
import type { Results } from '../results/types.js';
import { escapeHtml as e } from './escape.js';
import type { ReportLang } from './i18n.js';
import { formatCount, formatPercent } from './money.js';

const TEXT = {
  en: {
    title: 'Book (policy files)',
    intro: (rows: string, cohorts: string) => `${rows} policy rows read and compressed to ${cohorts} cohorts (exact counts and sums).`,
    file: 'File',
    sha: 'SHA-256',
    rows: 'Rows',
    accepted: (n: string, v: string) => `Accepted: ${n} policies, account value ${v}.`,
    rejected: (n: string, v: string, file: string) => `Rejected: ${n} policies, account value ${v}${file ? `, quarantined in ${file}` : ''}.`,
    reasons: 'Rejected by reason',
    reason: 'Reason',
    byMonth: 'Policies and amounts by product and maturity month',
    product: 'Product',
    month: 'Maturity month',
    policies: 'Policies',
    accountValue: 'Account value',
    maturityValue: 'Maturity value',
    bySize: 'Maturity payouts by size against the per-transfer limits',
    transfersUnder: (limit: string) => `Transfers per payout, limit ${limit}`,
    share: 'Share of policies',
    knownBad: (n: string, share: string, v: string) => `Known-bad payout accounts: ${n} policies (${share}), account value ${v}; their payouts bounce first and are re-submitted after the product's retry days.`,
    byBank: 'Payout accounts by bank',
    bank: 'Bank',
    none: '(none given)',
  },
  'zh-CN': {
    title: '保单明细（保单文件）',
    intro: (rows: string, cohorts: string) => `读取保单 ${rows} 行，压缩为 ${cohorts} 个模型点（计数与金额精确）。`,
    file: '文件',
    sha: 'SHA-256',
    rows: '行数',
    accepted: (n: string, v: string) => `接受：${n} 张保单，账户价值 ${v}。`,
    rejected: (n: string, v: string, file: string) => `拒绝：${n} 张保单，账户价值 ${v}${file ? `，已隔离至 ${file}` : ''}。`,
    reasons: '拒绝原因',
    reason: '原因',
    byMonth: '按产品和到期月份的保单数与金额',
    product: '产品',
    month: '到期月份',
    policies: '保单数',
    accountValue: '账户价值',
    maturityValue: '满期金额',
    bySize: '满期给付金额分布（相对单笔转账限额）',
    transfersUnder: (limit: string) => `每笔给付所需转账次数（限额 ${limit}）`,
    share: '保单占比',
    knownBad: (n: string, share: string, v: string) => `已知无效收款账户：${n} 张保单（${share}），账户价值 ${v}；其给付先被退回，按产品的重试天数后重新提交。`,
    byBank: '收款账户所属银行',
    bank: '银行',
    none: '（未提供）',
  },
} as const;

function table(headers: { text: string; num?: boolean }[], rows: string[][]): string {
  const head = headers.map((h) => `<th scope="col"${h.num ? ' class="num"' : ''}>${e(h.text)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((c, i) => `<td${headers[i]?.num ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The section's HTML, or '' without policy files. `money` formats an amount in the scenario currency. */
export function bookSection(results: Results, lang: ReportLang, money: (amount: number) => string): string {
  const book = results.meta.policies;
  if (book === undefined) return '';
  const x = TEXT[lang];
  const total = book.accepted.policies;
  const share = (n: number) => (total > 0 ? formatPercent(n / total) : '0%');
  const files = table(
    [{ text: x.file }, { text: x.sha }, { text: x.rows, num: true }],
    book.files.map((f) => [f.file, f.sha256, formatCount(f.rows)]),
  );
  const reasons = Object.entries(book.rejected.byReason);
  const months = table(
    [{ text: x.product }, { text: x.month }, { text: x.policies, num: true }, { text: x.accountValue, num: true }, { text: x.maturityValue, num: true }],
    book.byProductMonth.map((r) => [r.product, r.month, formatCount(r.policies), money(r.accountValue), money(r.maturityValue)]),
  );
  const sizes = table(
    [...book.bandLimits.map((l) => ({ text: x.transfersUnder(money(l)), num: true })), { text: x.policies, num: true }, { text: x.share, num: true }, { text: x.maturityValue, num: true }],
    book.bySize.map((r) => [...r.transfers.map(String), formatCount(r.policies), share(r.policies), money(r.maturityValue)]),
  );
  const banks = table(
    [{ text: x.bank }, { text: x.policies, num: true }, { text: x.share, num: true }, { text: x.accountValue, num: true }],
    book.byBank.map((r) => [r.bank === '' ? x.none : r.bank, formatCount(r.policies), share(r.policies), money(r.accountValue)]),
  );
  return `<section id="book">
<h2>${e(x.title)}</h2>
<p>${e(x.intro(formatCount(book.rows), formatCount(book.cohorts)))}</p>
${files}
<p>${e(x.accepted(formatCount(total), money(book.accepted.accountValue)))}</p>
<p>${e(x.rejected(formatCount(book.rejected.policies), money(book.rejected.accountValue), book.rejected.file ?? ''))}</p>
${reasons.length > 0 ? `<h3>${e(x.reasons)}</h3>\n${table([{ text: x.reason }, { text: x.policies, num: true }], reasons.map(([r, n]) => [r, formatCount(n)]))}` : ''}
<p>${e(x.knownBad(formatCount(book.knownBad.policies), share(book.knownBad.policies), money(book.knownBad.accountValue)))}</p>
<h3>${e(x.bySize)}</h3>
${sizes}
<h3>${e(x.byMonth)}</h3>
${months}
<h3>${e(x.byBank)}</h3>
${banks}
</section>`;
}
