/**
 * What the model leaves out, deliberately: the ONE statement of the model's documented
 * simplifications, in both report languages.
 *
 * Everything that states them reads them from here:
 *  - the report's limitations section (../report/html.ts, en and zh-CN);
 *  - the generated block of docs/model.md between `<!-- limitations:begin -->` and
 *    `<!-- limitations:end -->` (`npm run docs:daily-order` rewrites it with the daily order;
 *    tests/model/limitations.test.ts fails when it is stale).
 */

export interface Limitation {
  /** Short title, English. */
  readonly title: string;
  readonly titleZh: string;
  /** What is left out and what it means for the figures, English. Plain text (no Markdown). */
  readonly text: string;
  readonly textZh: string;
}

export const LIMITATIONS: readonly Limitation[] = [
  {
    title: 'No interest, repayment or reinvestment',
    titleZh: '不计利息、还款和再投资',
    text:
      'Interest on credit drawn and its repayment within the horizon are not modelled, nor are reinvestment returns on cash: drawn credit stays in cash, so later dates can look better funded than they would be after repayments.',
    textZh: '不模拟已提用授信的利息及其在模拟期内的偿还，也不计现金的再投资收益：已提用授信留在现金中，因此较晚日期的资金状况可能好于计入还款后的实际情况。',
  },
  {
    title: 'Asset prices move only within the haircut range',
    titleZh: '资产价格只在折扣区间内变动',
    text:
      'Asset sales lose a haircut drawn per path from the stated range and nothing else: market moves beyond that range, and fire-sale discounts that grow with the amount sold, are not modelled.',
    textZh: '资产出售只按每条路径从设定区间抽取的折扣计损：超出该区间的市场波动，以及随出售规模扩大的折价，均未建模。',
  },
  {
    title: 'No policy-level randomness of surrenders',
    titleZh: '不模拟单张保单层面的退保随机性',
    text:
      'With millions of policies the daily surrender count concentrates around its expectation, so uncertainty is modelled where it matters (the path\'s surrender level, shocks, contagion, daily noise), not policy by policy; a small book would be more random than shown.',
    textZh: '保单数以百万计时，每日退保笔数集中在其期望附近，因此不确定性只在关键处建模（路径的退保水平、冲击、传染、每日噪声），而非逐张保单；规模较小的业务实际随机性会大于所示。',
  },
  {
    title: 'Surrender waves are not forecast',
    titleZh: '不预测退保潮',
    text:
      'Lookahead pre-funds contractual payouts (maturities, claim instalments, dated outflows) and, with prefund_surrenders, the recent surrender run-rate for the days until new money could arrive; a surrender wave that has not started yet is not pre-funded.',
    textZh: '前瞻资金安排只预筹合同约定的给付（满期、分期申领、按日期的支出），并在启用 prefund_surrenders 时预筹新资金到账前各日的近期退保流出速率；尚未开始的退保潮不会被预先筹资。',
  },
  {
    title: 'Results end at the horizon',
    titleZh: '结果止于模拟期末',
    text:
      'Nothing after the last simulated date is counted: a shortfall window that reaches the last date may continue, and its figures are a lower bound.',
    textZh: '不计最后一个模拟日之后的任何情况：延续到最后一日的缺口窗口可能继续，其数字只是下限。',
  },
];

/** The markers around the generated list in docs/model.md. */
export const LIMITATIONS_BEGIN = '<!-- limitations:begin (generated from src/model/limitations.ts: npm run docs:daily-order) -->';
export const LIMITATIONS_END = '<!-- limitations:end -->';

/** The Markdown list docs/model.md carries between its limitations markers. */
export function limitationsMarkdown(): string {
  return LIMITATIONS.map((l) => `- **${l.title}.** ${l.text}`).join('\n');
}
