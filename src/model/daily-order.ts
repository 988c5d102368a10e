/**
 * The model's daily order of events: the ONE statement of it in prose, in both report languages.
 *
 * Everything that states the order reads it from here:
 *  - the report's methodology section (../report/i18n.ts `ORDER_OF_EVENTS`, en and zh-CN);
 *  - the generated blocks of README.md and docs/model.md between `<!-- daily-order:begin -->` and
 *    `<!-- daily-order:end -->` (`npm run docs:daily-order` rewrites them; tests/model/daily-order.test.ts
 *    fails when they are stale);
 *  - the reference model (../engine/reference/reference.ts): each step names the functions that
 *    execute it, and the test checks that every named function exists there.
 * The fast kernel (../engine/assembly/kernel.ts) is held equal to the reference by
 * tests/engine/differential.test.ts, so this text, the reference and the kernel cannot drift apart
 * without a failing test.
 */

export interface DailyStep {
  /** Step title, English (README / docs / report). */
  readonly title: string;
  /** Step title, Simplified Chinese (report). */
  readonly titleZh: string;
  /** What happens, English. Plain text (no Markdown): it is shown in the report as is. */
  readonly text: string;
  /** What happens, Simplified Chinese. */
  readonly textZh: string;
  /** The reference model's functions that execute the step, in the order they run. */
  readonly reference: readonly string[];
}

export const DAILY_ORDER: readonly DailyStep[] = [
  {
    title: 'Arrivals',
    titleZh: '到账',
    text:
      'Scheduled inflows (premiums, coupons, asset maturities), credit drawdowns whose notice period ends today and asset sales that settle today land in cash. Payment-limit changes dated today, and triggered changes whose delay ends today, take effect. Management actions: money of an intra-group loan arriving today lands in cash; a loan requested today (on its date, or the day after its trigger), if the parent agrees on the path, arrives after its notice days.',
    textZh:
      '按计划的现金流入（保费、票息、资产到期）、通知期于今日届满的银行授信提款，以及今日结算的资产出售款计入现金；今日生效的按日期调整的支付限额，以及延迟期于今日届满的触发式调整，开始生效。管理措施：今日到账的集团内借款计入现金；今日申请的借款（按其日期，或触发后次日）若母公司在该路径上同意，于通知期后到账。',
    reference: ['arrivals', 'limitChanges', 'loanArrivals'],
  },
  {
    title: 'Payout requests',
    titleZh: '给付申请',
    text:
      'The in-force book accrues its guaranteed yield. Each product surrenders at its stressed daily hazard (the surrender charge stays with the insurer); a mass lapse, if any, happens on its date. Cohorts maturing today pay their stated maturity amount times the path\'s survival, rounded once to the cent; the rollover share is reinvested and the rest is claimed over the claim-lag distribution, what is left staying unclaimed. Unclaimed money is claimed late at the product\'s late-claim rate, from the day after maturity. Other dated outflows fall due. A share of customer payouts goes to bad accounts: it is re-submitted, and due, after the retry delay counted from the due date. Re-submissions reaching today are pooled with today\'s new requests: one day\'s customer requests of one type (maturity or surrender), over all products, form one request in the payment queue, whose average payout size sets the transfers each payout needs. A request made on a non-business day is due on the next business day. Management actions: a surrender request of a product under a suspension is deferred whole (owed, outside the backlog, never overdue) and falls due on the suspension\'s end date, joining that day\'s surrender request after the re-submissions; a cancelled other outflow is not requested from the day its cancellation takes effect; an outreach campaign scales the shock excess by 1 − reach × damping and moves the late-claim rate towards its own for the share reached.',
    textZh:
      '在险保单按保证收益率计息。各产品按压力情景下的每日退保强度退保（退保费用留在公司）；如设定集中退保，则于当日发生。今日到期的批次按约定满期金额乘以该路径的存续比例给付，只在最后舍入到分；续投部分再投资，其余按申领滞后分布申领，剩余部分为未领取。未领取金额自到期次日起按产品的补领率补领。其他支出按日期到期。部分客户给付付至无效账户：自到期日起经过重试期后重新提交并于届时到期。当日到达的重新提交与当日新申请合并：同一类型（满期或退保）的当日客户申请跨产品合为支付队列中的一笔申请，其平均给付金额决定每笔给付所需的转账笔数。非工作日提出的申请于下一个工作日到期。管理措施：暂停退保所涵盖产品的退保申请整体递延（仍为应付款，不计入积压，不会逾期），于暂停结束日到期，并在重新提交之后并入当日的退保申请；被取消的其他支出自取消生效之日起不再发生；客户沟通活动将冲击超额强度乘以 1 − 触达比例 × 抑制系数，并使已触达部分的补领率趋向活动设定的补领率。',
    reference: [
      'liabilities',
      'accrue',
      'hazard',
      'surrenders',
      'massLapse',
      'lateClaims',
      'maturities',
      'claims',
      'badAccounts',
      'badAccountRetries',
      'releaseDeferred',
      'deferSurrenders',
      'otherOutflowsOn',
      'lateClaimRate',
    ],
  },
  {
    title: 'Funding actions (business days)',
    titleZh: '资金安排（工作日）',
    text:
      'The funding need is the unpaid backlog (each unpaid payout once) plus the payouts known for the next lookahead days (scheduled maturities scaled by the path\'s survival, less rollover; claim instalments already known; other outflows less cancelled ones; deferred surrenders falling due), plus, with prefund_surrenders (the default), the surrender run-rate for the days until new money could arrive. If the need exceeds cash above the minimum buffer plus money in transit, credit lines are drawn and assets sold in waterfall order, within availability windows, notice days, daily draw caps, daily sale capacities and settlement lags (T+n), after the path\'s refusals and haircuts; funds with zero lag arrive at once.',
    textZh:
      '资金需求为未付积压（每笔未付给付只计一次），加上向前看天数内已知的给付（按该路径存续比例折算并扣除续投的到期给付、已知的分期申领、扣除已取消部分的其他支出、将到期的递延退保），在启用 prefund_surrenders（默认）时再加上新资金到账前各日的退保流出速率。若需求超过最低现金缓冲以上的现金加在途资金，则按资金来源顺序提用银行授信、出售资产，受可用期间、通知期、单日提款上限、单日出售能力和结算周期（T+n）约束，并计入该路径的银行拒绝和资产折价；无时滞的资金即时到账。',
    reference: ['fundingNeed', 'survival', 'cancelledIn', 'raiseFunding'],
  },
  {
    title: 'Payments (business days)',
    titleZh: '支付（工作日）',
    text:
      'Requests are paid oldest due date first. A customer payout needs cash above the minimum buffer, room in a payment channel (daily amount and daily transfer count; a payout above the per-transfer limit needs several transfers), and processing capacity; channels are used in scenario order. Other outflows need funding only. A request that cannot be paid in full records the constraint that stopped it (its binding cause).',
    textZh:
      '按到期日先后支付。客户给付需要最低现金缓冲以上的现金、支付通道的余量（单日金额和单日笔数；超过单笔限额的给付需拆分为多笔）以及处理能力；按情景中的顺序使用各支付通道。其他支出只受资金约束。未能全额支付的申请记录导致其未付的约束（约束原因）。',
    reference: ['payQueue', 'channelCapacity'],
  },
  {
    title: 'End of day',
    titleZh: '日终',
    text:
      'Payouts still unpaid after their due date plus the grace days (calendar or business days, as the scenario says) are overdue, by cause (funding, channel, processing); the path is in shortfall on that date if anything is overdue. Backlog, headroom, closing cash, requests, payments, capacities, credit drawn and assets sold are recorded. A triggered limit change fires the first time the end-of-day backlog exceeds its threshold: with its probability the bank agrees, and the new limit applies after_days later (at least the next day). A triggered intra-group loan is requested the day after the backlog first exceeds its threshold; a triggered outflow cancellation takes effect the day after headroom first falls below its threshold. Deferred surrenders owed, loan money arrived and each action\'s activation and amount are recorded.',
    textZh:
      '超过到期日加宽限期（按情景设定为自然日或工作日）仍未支付的款项即为逾期，并按原因（资金、支付通道、处理能力）分类；若有任何逾期，该路径当日处于缺口状态。同时记录积压、流动性余量、期末现金、申请、支付、能力、授信提款和资产出售。触发式限额调整在日终积压首次超过其阈值时触发：银行以设定的概率同意，新限额于 after_days 天后生效（至少为次日）。触发式集团内借款在日终积压首次超过其阈值的次日申请；触发式支出取消在流动性余量首次低于其阈值的次日生效。同时记录递延退保余额、借款到账及各项管理措施的启动和金额。',
    reference: ['overdue', 'triggeredChanges', 'headroom', 'actionTriggers', 'metrics', 'actionMetrics'],
  },
];

/** The markers around the generated list in README.md and docs/model.md. */
export const DAILY_ORDER_BEGIN = '<!-- daily-order:begin (generated from src/model/daily-order.ts: npm run docs:daily-order) -->';
export const DAILY_ORDER_END = '<!-- daily-order:end -->';

/** The Markdown list README.md and docs/model.md carry between their daily-order markers. */
export function dailyOrderMarkdown(referencePath: string): string {
  return DAILY_ORDER.map((step, i) => {
    const links = step.reference.map((fn) => `[\`${fn}\`](${referencePath})`).join(', ');
    return `${i + 1}. **${step.title}.** ${step.text}\n   Reference: ${links}.`;
  }).join('\n');
}
