/**
 * The assumptions table: every key parameter of the simulated scenario with its value and unit,
 * grouped as a reader checks them (book, surrender stress, funding, payments, run), built from the
 * resolved scenario carried in results.json (`meta.scenario.resolved`, after `extends`, CSV rows
 * inlined) and the run metadata: data, not the YAML text (which is in the appendix).
 *
 * The resolved scenario is as written, before defaults: a key that is absent is shown as "not set"
 * with the model's default named. Labels and units come from the catalogue below (en, zh-CN); it
 * belongs with ./i18n.ts, kept apart because it is long and only this table uses it.
 */
import type { Results } from '../results/types.js';
import type { ReportLang } from './i18n.js';
import { Decimal, formatCount, formatInUnit, toDecimal } from './money.js';

export type AssumptionGroupId = 'book' | 'stress' | 'funding' | 'payments' | 'run';
export const ASSUMPTION_GROUPS: readonly AssumptionGroupId[] = ['book', 'stress', 'funding', 'payments', 'run'];

export interface AssumptionRow {
  parameter: string;
  value: string;
  unit: string;
}

export interface AssumptionGroup {
  id: AssumptionGroupId;
  title: string;
  rows: AssumptionRow[];
}

type Rec = Record<string, unknown>;
const rec = (x: unknown): Rec | undefined => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Rec) : undefined);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const num = (x: unknown): number | undefined => {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x.replace(/_/g, '')))) return Number(x.replace(/_/g, ''));
  return undefined;
};
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined);

interface Text {
  groups: Record<AssumptionGroupId, string>;
  notSet: (def: string) => string;
  yes: string;
  no: string;
  units: {
    /** Appended to a money unit for an amount per business day. */
    perBusinessDay: string;
    perYear: string;
    perMonth: string;
    ofValue: string;
    ofPaths: string;
    ofPayouts: string;
    ofInForce: string;
    ofCustomers: string;
    ofExcess: string;
    percent: string;
    days: string;
    businessDays: string;
    calendarDays: string;
    policies: string;
    payoutsPerDay: string;
    transfersPerDay: string;
    times: string;
    logSd: string;
    date: string;
    dates: string;
    text: string;
    count: string;
  };
  book: {
    policies: (cohorts: string) => string;
    value: string;
    maturing: string;
    maturityDates: string;
    yields: string;
    product: (name: string, what: string) => string;
    baseRate: string;
    charge: string;
    rollover: string;
    rolloverValue: (mean: string, sd: string) => string;
    claimDay0: string;
    claimAfter: (days: string) => string;
    lateClaim: string;
    badAccounts: string;
    badRetry: string;
    outflow: (name: string) => string;
    monthly: (day: string) => string;
  };
  stress: {
    level: string;
    levelNone: string;
    noise: string;
    appliesTo: string;
    appliesToValue: Record<string, string>;
    shock: (name: string, what: string) => string;
    shockDate: string;
    shockProbability: string;
    shockPeak: string;
    shockHalfLife: string;
    contagionStrength: string;
    contagionDecay: string;
    mitigationFrom: string;
    mitigationShare: string;
    mitigationDamping: string;
    massLapse: string;
    none: string;
  };
  funding: {
    cash: string;
    minimumCash: string;
    asset: (name: string, what: string) => string;
    assetAmount: string;
    haircut: string;
    settlement: string;
    saleCapacity: string;
    allOfIt: string;
    line: (bank: string, what: string) => string;
    limit: string;
    window: string;
    windowValue: (from: string, until: string) => string;
    start: string;
    openEnded: string;
    notice: string;
    drawCap: string;
    theLimit: string;
    refusal: string;
    inflow: (name: string) => string;
    waterfall: string;
    sources: Record<string, string>;
    lookahead: string;
    prefund: string;
  };
  payments: {
    channel: (bank: string, what: string) => string;
    dailyLimit: string;
    perTransfer: string;
    transfers: string;
    noLimit: string;
    processing: string;
    change: (when: string, what: string) => string;
    on: (date: string) => string;
    triggered: (amount: string, days: string, p: string) => string;
  };
  run: {
    name: string;
    file: string;
    currency: string;
    asOf: string;
    asOfNone: string;
    start: string;
    horizon: string;
    end: string;
    paths: string;
    seed: string;
    threshold: string;
    grace: string;
    graceValue: (business: boolean) => string;
    holidays: string;
    weekends: string;
    sha256: string;
  };
}

const EN: Text = {
  groups: { book: 'Book of policies', stress: 'Surrender stress', funding: 'Funding', payments: 'Payments', run: 'Run and scenario' },
  notSet: (def) => `not set (${def})`,
  yes: 'yes',
  no: 'no',
  units: {
    perBusinessDay: ' per business day',
    perYear: '% a year',
    perMonth: '% a month',
    ofValue: '% of account value',
    ofPaths: '% of paths',
    ofPayouts: '% of payouts',
    ofInForce: '% of in-force value',
    ofCustomers: '% of customers',
    ofExcess: '% of the shock excess',
    percent: '%',
    days: 'days',
    businessDays: 'business days',
    calendarDays: 'calendar days',
    policies: 'policies',
    payoutsPerDay: 'payouts per business day',
    transfersPerDay: 'transfers per business day',
    times: '× normal hazard',
    logSd: 'sd of log(level), mean 1',
    date: 'date',
    dates: 'dates',
    text: '',
    count: 'count',
  },
  book: {
    policies: (cohorts) => `Policies in force (${cohorts} cohorts)`,
    value: 'In-force account value at the start',
    maturing: 'Account value of cohorts maturing within the horizon',
    maturityDates: 'Maturity dates',
    yields: 'Guaranteed yields',
    product: (name, what) => `${name}: ${what}`,
    baseRate: 'base surrender rate',
    charge: 'surrender charge',
    rollover: 'rollover share, mean (sd), drawn per path',
    rolloverValue: (mean, sd) => `${mean} (${sd})`,
    claimDay0: 'claimed on the due date',
    claimAfter: (days) => `claimed ${days} days after the due date`,
    lateClaim: 'late-claim rate of unclaimed amounts',
    badAccounts: 'payouts to bad accounts',
    badRetry: 'bad-account retry delay',
    outflow: (name) => `Other outflow: ${name}`,
    monthly: (day) => `monthly, on day ${day}`,
  },
  stress: {
    level: 'Surrender level uncertainty',
    levelNone: 'none',
    noise: 'Daily noise on the hazard',
    appliesTo: 'Stress multiplier applies to',
    appliesToValue: { daily_hazard: 'the daily hazard', annual_rate: 'the annual rate, capped at 100% a day' },
    shock: (name, what) => `Shock “${name}”: ${what}`,
    shockDate: 'date',
    shockProbability: 'probability it happens',
    shockPeak: 'peak multiplier',
    shockHalfLife: 'half-life',
    contagionStrength: 'Contagion strength',
    contagionDecay: 'Contagion decay',
    mitigationFrom: 'Customer notification from',
    mitigationShare: 'Customers notified',
    mitigationDamping: 'Damping for notified customers',
    massLapse: 'Mass lapse',
    none: 'none',
  },
  funding: {
    cash: 'Opening cash',
    minimumCash: 'Minimum cash buffer',
    asset: (name, what) => `Asset “${name}”: ${what}`,
    assetAmount: 'market value',
    haircut: 'haircut on sale (drawn per path)',
    settlement: 'settlement lag (T+n)',
    saleCapacity: 'sale capacity',
    allOfIt: 'all of it',
    line: (bank, what) => `Credit line ${bank}: ${what}`,
    limit: 'limit',
    window: 'funds can arrive',
    windowValue: (from, until) => `${from} to ${until}`,
    start: 'the start',
    openEnded: 'open-ended',
    notice: 'notice period',
    drawCap: 'daily draw cap',
    theLimit: 'the limit',
    refusal: 'probability the bank refuses',
    inflow: (name) => `Inflow: ${name}`,
    waterfall: 'Funding order after cash',
    sources: { credit: 'credit lines', assets: 'asset sales', cash: 'cash' },
    lookahead: 'Known payouts pre-funded ahead',
    prefund: 'Expected surrenders pre-funded',
  },
  payments: {
    channel: (bank, what) => `Channel ${bank}: ${what}`,
    dailyLimit: 'daily amount limit',
    perTransfer: 'per-transfer limit',
    transfers: 'daily transfers',
    noLimit: 'no limit',
    processing: 'Processing capacity',
    change: (when, what) => `${when}: ${what}`,
    on: (date) => `From ${date}`,
    triggered: (amount, days, p) => `When the backlog exceeds ${amount} (after ${days} days, probability ${p})`,
  },
  run: {
    name: 'Scenario name',
    file: 'Scenario file',
    currency: 'Currency',
    asOf: 'As-of date of the data',
    asOfNone: 'not stated (scenario key as_of)',
    start: 'First simulated date',
    horizon: 'Horizon',
    end: 'Last simulated date',
    paths: 'Monte Carlo paths',
    seed: 'Seed',
    threshold: 'Shortfall-window threshold',
    grace: 'Overdue grace period',
    graceValue: (business) => (business ? 'business days' : 'calendar days'),
    holidays: 'Holiday dates or ranges',
    weekends: 'Weekends closed',
    sha256: 'SHA-256 of the resolved scenario',
  },
};

const ZH: Text = {
  groups: { book: '保单业务', stress: '退保压力', funding: '资金', payments: '支付', run: '运行与情景' },
  notSet: (def) => `未设定（${def}）`,
  yes: '是',
  no: '否',
  units: {
    perBusinessDay: '／工作日',
    perYear: '%／年',
    perMonth: '%／月',
    ofValue: '账户价值的 %',
    ofPaths: '路径的 %',
    ofPayouts: '给付的 %',
    ofInForce: '在险价值的 %',
    ofCustomers: '客户的 %',
    ofExcess: '冲击超额的 %',
    percent: '%',
    days: '天',
    businessDays: '工作日',
    calendarDays: '自然日',
    policies: '件',
    payoutsPerDay: '笔给付／工作日',
    transfersPerDay: '笔转账／工作日',
    times: '倍正常强度',
    logSd: 'log(水平) 的标准差，均值 1',
    date: '日期',
    dates: '日期',
    text: '',
    count: '个',
  },
  book: {
    policies: (cohorts) => `有效保单（${cohorts} 个批次）`,
    value: '期初有效账户价值',
    maturing: '模拟期内到期批次的账户价值',
    maturityDates: '到期日',
    yields: '保证收益率',
    product: (name, what) => `${name}：${what}`,
    baseRate: '基础退保率',
    charge: '退保费用',
    rollover: '续投比例，均值（标准差），按路径抽取',
    rolloverValue: (mean, sd) => `${mean}（${sd}）`,
    claimDay0: '到期日当日申领',
    claimAfter: (days) => `到期后 ${days} 天申领`,
    lateClaim: '未领取金额的补领率',
    badAccounts: '付至无效账户的给付',
    badRetry: '无效账户重试间隔',
    outflow: (name) => `其他支出：${name}`,
    monthly: (day) => `每月 ${day} 日`,
  },
  stress: {
    level: '退保水平的不确定性',
    levelNone: '无',
    noise: '退保强度的每日噪声',
    appliesTo: '压力乘数作用于',
    appliesToValue: { daily_hazard: '每日退保强度', annual_rate: '年退保率（每日以 100% 为上限）' },
    shock: (name, what) => `冲击“${name}”：${what}`,
    shockDate: '日期',
    shockProbability: '发生概率',
    shockPeak: '峰值乘数',
    shockHalfLife: '半衰期',
    contagionStrength: '传染强度',
    contagionDecay: '传染衰减',
    mitigationFrom: '客户告知起始日',
    mitigationShare: '已告知客户',
    mitigationDamping: '已告知客户的抑制比例',
    massLapse: '集中退保',
    none: '无',
  },
  funding: {
    cash: '期初现金',
    minimumCash: '最低现金缓冲',
    asset: (name, what) => `资产“${name}”：${what}`,
    assetAmount: '市值',
    haircut: '出售折扣（按路径抽取）',
    settlement: '结算周期（T+n）',
    saleCapacity: '出售能力',
    allOfIt: '全部',
    line: (bank, what) => `银行授信 ${bank}：${what}`,
    limit: '额度',
    window: '资金可到账期间',
    windowValue: (from, until) => `${from} 至 ${until}`,
    start: '模拟起始日',
    openEnded: '不限',
    notice: '通知期',
    drawCap: '单日提款上限',
    theLimit: '即额度',
    refusal: '银行拒绝的概率',
    inflow: (name) => `现金流入：${name}`,
    waterfall: '现金之后的资金来源顺序',
    sources: { credit: '银行授信', assets: '资产出售', cash: '现金' },
    lookahead: '已知给付的预筹天数',
    prefund: '预筹预期退保',
  },
  payments: {
    channel: (bank, what) => `支付通道 ${bank}：${what}`,
    dailyLimit: '单日金额限额',
    perTransfer: '单笔限额',
    transfers: '单日笔数',
    noLimit: '不限',
    processing: '处理能力',
    change: (when, what) => `${when}：${what}`,
    on: (date) => `自 ${date} 起`,
    triggered: (amount, days, p) => `积压超过 ${amount} 时（${days} 天后生效，概率 ${p}）`,
  },
  run: {
    name: '情景名称',
    file: '情景文件',
    currency: '币种',
    asOf: '数据截止日',
    asOfNone: '未说明（情景键 as_of）',
    start: '首个模拟日',
    horizon: '模拟期',
    end: '最后模拟日',
    paths: '蒙特卡洛路径数',
    seed: '随机种子',
    threshold: '缺口窗口阈值',
    grace: '逾期宽限期',
    graceValue: (business) => (business ? '工作日' : '自然日'),
    holidays: '节假日日期或区间',
    weekends: '周末休息',
    sha256: '完整情景的 SHA-256',
  },
};

const TEXT: Record<ReportLang, Text> = { en: EN, 'zh-CN': ZH };

/** A share as a percentage number without the sign, exact: 0.045 -> `4.5`, 0.12 -> `12`. */
export function percentNumber(share: number): string {
  return new Decimal(share).times(100).toDecimalPlaces(6).toString();
}

/**
 * An amount exactly, in a unit that reads well: English whole currency units with separators (cents
 * only when there are any); Chinese 亿元 when the amount is a whole number of 百万, else 万元.
 */
export function assumptionMoney(amount: number, currency: string, lang: ReportLang): { value: string; unit: string } {
  const a = toDecimal(amount);
  if (lang === 'zh-CN') {
    const zhCurrency = currency === 'CNY' || currency === 'RMB' ? '元' : ` ${currency}`;
    const yi = a.abs().gte(1e8) && a.mod(1e6).isZero();
    const divisor = yi ? 1e8 : 1e4;
    const decimals = a.dividedBy(divisor).decimalPlaces();
    return { value: formatInUnit(a, { divisor, decimals, label: '' }), unit: `${yi ? '亿' : '万'}${zhCurrency}` };
  }
  return { value: formatInUnit(a, { divisor: 1, decimals: a.isInteger() ? 0 : 2, label: currency }), unit: currency };
}

/** The assumptions table of a results document, grouped. */
export function assumptionGroups(results: Results, lang: ReportLang): AssumptionGroup[] {
  const T = TEXT[lang];
  const u = T.units;
  const currency = results.meta.scenario.currency;
  const s = rec(results.meta.scenario.resolved) ?? {};
  const run = results.meta.run;
  const groups: Record<AssumptionGroupId, AssumptionRow[]> = { book: [], stress: [], funding: [], payments: [], run: [] };
  const row = (g: AssumptionGroupId, parameter: string, value: string, unit = '') => groups[g].push({ parameter, value, unit });
  const money = (g: AssumptionGroupId, parameter: string, x: unknown, perDay = false, fallback?: string) => {
    const n = num(x);
    if (n === undefined) {
      if (fallback !== undefined) row(g, parameter, fallback);
      return;
    }
    const m = assumptionMoney(n, currency, lang);
    row(g, parameter, m.value, perDay ? `${m.unit}${u.perBusinessDay}` : m.unit);
  };
  const pct = (g: AssumptionGroupId, parameter: string, x: unknown, unit: string, fallback?: string) => {
    const n = num(x);
    if (n !== undefined) row(g, parameter, percentNumber(n), unit);
    else if (fallback !== undefined) row(g, parameter, fallback);
  };
  const count = (g: AssumptionGroupId, parameter: string, x: unknown, unit: string, fallback?: string) => {
    const n = num(x);
    if (n !== undefined) row(g, parameter, formatCount(n), unit);
    else if (fallback !== undefined) row(g, parameter, fallback);
  };
  const date = (x: unknown) => str(x) ?? '';

  // Book
  const liabilities = rec(s.liabilities) ?? {};
  const cohorts = list(liabilities.cohorts).map(rec).filter((c): c is Rec => c !== undefined);
  if (cohorts.length > 0) {
    count('book', T.book.policies(formatCount(cohorts.length)), cohorts.reduce((t, c) => t + (num(c.count) ?? 0), 0), u.policies);
    const totalCents = cohorts.reduce((t, c) => t + Math.round((num(c.value) ?? 0) * 100), 0);
    money('book', T.book.value, totalCents / 100);
    const maturing = cohorts.filter((c) => date(c.maturity_date) >= run.startDate && date(c.maturity_date) <= run.endDate);
    money('book', T.book.maturing, maturing.reduce((t, c) => t + Math.round((num(c.value) ?? 0) * 100), 0) / 100);
    const dates = cohorts.map((c) => date(c.maturity_date)).filter((d) => d !== '').sort();
    if (dates.length > 0) row('book', T.book.maturityDates, `${dates[0]} – ${dates[dates.length - 1]}`, u.dates);
    const yields = cohorts.map((c) => num(c.guaranteed_yield)).filter((y): y is number => y !== undefined);
    if (yields.length > 0) {
      const lo = Math.min(...yields);
      const hi = Math.max(...yields);
      row('book', T.book.yields, lo === hi ? percentNumber(lo) : `${percentNumber(lo)} – ${percentNumber(hi)}`, u.perYear);
    }
  }
  const products = rec(liabilities.products) ?? {};
  for (const name of Object.keys(products).sort()) {
    const p = rec(products[name]) ?? {};
    const P = (what: string) => T.book.product(name, what);
    pct('book', P(T.book.baseRate), p.base_surrender_rate, u.perYear);
    pct('book', P(T.book.charge), p.surrender_charge ?? 0, u.ofValue);
    const roll = p.rollover_share;
    const rollRec = rec(roll);
    if (rollRec) row('book', P(T.book.rollover), T.book.rolloverValue(percentNumber(num(rollRec.mean) ?? 0), percentNumber(num(rollRec.sd) ?? 0)), u.percent);
    else if (num(roll) !== undefined && num(roll) !== 0) pct('book', P(T.book.rollover), roll, u.percent);
    const lag = rec(p.claim_lag);
    if (lag) {
      pct('book', P(T.book.claimDay0), lag.day0, u.ofValue);
      const after = rec(lag.after_days) ?? {};
      for (const k of Object.keys(after).sort((a, b) => Number(a) - Number(b))) pct('book', P(T.book.claimAfter(k)), after[k], u.ofValue);
    }
    if (num(p.unclaimed_late_claim_rate)) pct('book', P(T.book.lateClaim), p.unclaimed_late_claim_rate, u.perMonth);
    const fail = rec(p.account_failure);
    if (fail && num(fail.rate)) {
      pct('book', P(T.book.badAccounts), fail.rate, u.ofPayouts);
      count('book', P(T.book.badRetry), fail.retry_after_days, u.calendarDays);
    }
  }
  for (const o of list(liabilities.other_outflows).map(rec)) {
    if (!o) continue;
    const name = str(o.name) ?? '';
    if (num(o.monthly) !== undefined) money('book', `${T.book.outflow(name)} (${T.book.monthly(str(o.day_of_month) ?? '1')})`, o.monthly);
    if (num(o.amount) !== undefined) money('book', `${T.book.outflow(name)} (${date(o.date)})`, o.amount);
  }

  // Surrender stress
  const st = rec(s.surrender_stress) ?? {};
  const level = rec(st.level);
  if (level) row('stress', T.stress.level, String(num(level.sd) ?? ''), u.logSd);
  else row('stress', T.stress.level, T.stress.levelNone);
  row('stress', T.stress.noise, String(num(st.daily_noise_sd) ?? 0), u.logSd.replace(/level|水平/, lang === 'zh-CN' ? '噪声' : 'noise'));
  const appliesTo = str(st.multiplier_applies_to) ?? 'daily_hazard';
  row('stress', T.stress.appliesTo, T.stress.appliesToValue[appliesTo] ?? appliesTo);
  for (const sh of list(st.shocks).map(rec)) {
    if (!sh) continue;
    const S = (what: string) => T.stress.shock(str(sh.name) ?? '', what);
    row('stress', S(T.stress.shockDate), date(sh.date), u.date);
    pct('stress', S(T.stress.shockProbability), sh.probability ?? 1, u.ofPaths);
    row('stress', S(T.stress.shockPeak), String(num(sh.peak_multiplier) ?? ''), u.times);
    row('stress', S(T.stress.shockHalfLife), String(num(sh.half_life_days) ?? ''), u.days);
  }
  const contagion = rec(st.contagion);
  if (contagion) {
    row('stress', T.stress.contagionStrength, String(num(contagion.strength) ?? ''), '');
    row('stress', T.stress.contagionDecay, String(num(contagion.decay_days) ?? ''), u.days);
  }
  const mitigation = rec(st.mitigation);
  if (mitigation) {
    row('stress', T.stress.mitigationFrom, date(mitigation.from), u.date);
    pct('stress', T.stress.mitigationShare, mitigation.notified_share, u.ofCustomers);
    pct('stress', T.stress.mitigationDamping, mitigation.damping, u.ofExcess);
  }
  const lapse = rec(st.mass_lapse);
  if (lapse) row('stress', `${T.stress.massLapse} (${date(lapse.date)})`, percentNumber(num(lapse.share) ?? 0), u.ofInForce);
  else row('stress', T.stress.massLapse, T.stress.none);

  // Funding
  const f = rec(s.funding) ?? {};
  money('funding', T.funding.cash, f.cash);
  money('funding', T.funding.minimumCash, f.minimum_cash ?? 0);
  for (const a of list(f.assets).map(rec)) {
    if (!a) continue;
    const A = (what: string) => T.funding.asset(str(a.name) ?? '', what);
    money('funding', A(T.funding.assetAmount), a.amount);
    const h = Array.isArray(a.haircut) ? a.haircut.map((x) => num(x) ?? 0) : [num(a.haircut) ?? 0];
    row('funding', A(T.funding.haircut), h.length === 2 && h[0] !== h[1] ? `${percentNumber(h[0])} – ${percentNumber(h[1])}` : percentNumber(h[0]), u.ofValue.replace(/account value|账户价值/, lang === 'zh-CN' ? '市值' : 'market value'));
    count('funding', A(T.funding.settlement), a.settlement_days ?? 0, u.businessDays);
    money('funding', A(T.funding.saleCapacity), a.daily_capacity, true, T.funding.allOfIt);
  }
  for (const l of list(f.credit_lines).map(rec)) {
    if (!l) continue;
    const L = (what: string) => T.funding.line(str(l.bank) ?? '', what);
    money('funding', L(T.funding.limit), l.limit);
    row('funding', L(T.funding.window), T.funding.windowValue(str(l.from) ?? T.funding.start, str(l.until) ?? T.funding.openEnded), u.dates);
    count('funding', L(T.funding.notice), l.notice_days ?? 0, u.businessDays);
    money('funding', L(T.funding.drawCap), l.daily_draw_cap, true, T.funding.theLimit);
    pct('funding', L(T.funding.refusal), l.fail_probability ?? 0, u.ofPaths);
  }
  for (const i of list(f.inflows).map(rec)) {
    if (!i) continue;
    const name = str(i.name) ?? '';
    if (num(i.monthly) !== undefined) money('funding', `${T.funding.inflow(name)} (${T.book.monthly(str(i.day_of_month) ?? '1')})`, i.monthly);
    if (num(i.amount) !== undefined) money('funding', `${T.funding.inflow(name)} (${date(i.date)})`, i.amount);
  }
  const policy = rec(f.policy) ?? {};
  const waterfall = list(policy.waterfall ?? ['credit', 'assets']).map((x) => T.funding.sources[String(x)] ?? String(x));
  row('funding', T.funding.waterfall, waterfall.join(lang === 'zh-CN' ? '、' : ', '));
  count('funding', T.funding.lookahead, policy.lookahead_days ?? 0, u.calendarDays);
  row('funding', T.funding.prefund, policy.prefund_surrenders === false ? T.no : T.yes);

  // Payments
  const pay = rec(s.payments) ?? {};
  for (const c of list(pay.channels).map(rec)) {
    if (!c) continue;
    const C = (what: string) => T.payments.channel(str(c.bank) ?? '', what);
    money('payments', C(T.payments.dailyLimit), c.daily_limit, true);
    money('payments', C(T.payments.perTransfer), c.per_transfer_limit, false, T.payments.noLimit);
    count('payments', C(T.payments.transfers), c.daily_transfers, u.transfersPerDay, T.payments.noLimit);
  }
  count('payments', T.payments.processing, pay.processing_capacity, u.payoutsPerDay, T.payments.noLimit);
  for (const ch of list(pay.changes).map(rec)) {
    if (!ch) continue;
    const trigger = num(ch.when_backlog_above);
    const when =
      trigger !== undefined
        ? T.payments.triggered(
            `${assumptionMoney(trigger, currency, lang).value} ${assumptionMoney(trigger, currency, lang).unit}`.trim(),
            String(num(ch.after_days) ?? 0),
            `${percentNumber(num(ch.probability) ?? 1)}%`,
          )
        : T.payments.on(date(ch.on));
    const target = str(ch.channel);
    if (target === undefined) {
      count('payments', T.payments.change(when, T.payments.processing), ch.processing_capacity, u.payoutsPerDay);
      continue;
    }
    const C = (what: string) => T.payments.change(when, T.payments.channel(target, what));
    money('payments', C(T.payments.dailyLimit), ch.daily_limit, true);
    money('payments', C(T.payments.perTransfer), ch.per_transfer_limit);
    count('payments', C(T.payments.transfers), ch.daily_transfers, u.transfersPerDay);
  }

  // Run and scenario
  const meta = results.meta;
  row('run', T.run.name, meta.scenario.name);
  row('run', T.run.file, meta.scenario.file);
  row('run', T.run.currency, meta.scenario.currency);
  row('run', T.run.asOf, meta.scenario.asOf ?? T.run.asOfNone, meta.scenario.asOf ? u.date : '');
  row('run', T.run.start, run.startDate, u.date);
  row('run', T.run.end, run.endDate, u.date);
  row('run', T.run.horizon, formatCount(run.horizonDays), u.calendarDays);
  row('run', T.run.paths, formatCount(run.paths), '');
  row('run', T.run.seed, run.seed, '');
  row('run', T.run.threshold, percentNumber(run.shortfallThreshold), u.percent);
  row('run', T.run.grace, formatCount(run.overdueGraceDays), T.run.graceValue(run.overdueGraceCalendar === 'business'));
  const cal = rec(s.calendar) ?? {};
  row('run', T.run.weekends, cal.weekends === false ? T.no : T.yes);
  const holidays = list(cal.holidays).map((x) => str(x) ?? '');
  if (holidays.length > 0) row('run', T.run.holidays, holidays.join(', '), u.dates);
  row('run', T.run.sha256, meta.scenario.sha256);

  return ASSUMPTION_GROUPS.map((id) => ({ id, title: T.groups[id], rows: groups[id] })).filter((g) => g.rows.length > 0);
}
