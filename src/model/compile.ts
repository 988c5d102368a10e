/**
 * Compiles a validated scenario into the `Model` the engine runs: calendar arrays, per-product
 * liability groups with their accrual and maturity profiles, day-indexed cash-flow arrays, and
 * funding and payment terms with dates turned into day indices and bank names into channel indices.
 * The scenario has been fully validated before this runs; nothing here can fail on user input.
 */
import type { Scenario } from '../scenario/schema.js';
import { BASEL_HAIRCUTS, REGULATORY_WITHOUT_KEY, type RegulatoryConfig } from '../regulatory/config.js';
import { transfersFor } from '../scenario/transfers.js';
import { grownAtYield } from '../scenario/amounts.js';
import { compileActions, deriveActions } from './actions.js';
import { buildCalendar, rollForward } from './calendar.js';
import { fundingOnlyPayments, NO_COUNT_LIMIT } from './payments.js';
import { calendarParts, daysInMonth, epochDayOf, isoDate } from '../dates.js';
import type {
  Calendar,
  ChannelLimits,
  ClaimLagPoint,
  CreditLine,
  DerivedTerms,
  EpochDay,
  LimitChange,
  LiabilityGroup,
  LiquidAsset,
  Model,
  ModelTerms,
  PaymentChannel,
  ShareDistribution,
  SurrenderStress,
} from './types.js';

/** Days kept after the horizon so late dates (claim lags, settlements) can still be rolled. */
export const MIN_CALENDAR_TAIL = 60;
/** `untilDay` of a credit line with no end date. */
export const OPEN_ENDED_DAY = 1_000_000_000;
export { NO_COUNT_LIMIT };

type Product = Scenario['liabilities']['products'][string];
type Cohort = Scenario['liabilities']['cohorts'][number];
type ScheduledItem = Scenario['funding']['inflows'][number];
type Change = Scenario['payments']['changes'][number];

/**
 * The `regulatory:` section with its defaults (src/regulatory/config.ts); bank names become line
 * indices. Without the key: the presets on the regulatory path only (the distributions over paths
 * and the funding-only shortfall, which cost simulation time, are asked for with the key).
 */
function compileRegulatory(s: Scenario): RegulatoryConfig {
  const r = s.regulatory;
  if (r === undefined) return REGULATORY_WITHOUT_KEY;
  const banks = s.funding.credit_lines.map((l) => l.bank);
  const defined = <T extends object>(o: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    deterministic: {
      levelQuantile: r.deterministic.level_quantile,
      shocks: r.deterministic.shocks,
      refusedLines: banks.flatMap((b, i) => (r.deterministic.refused_lines.includes(b) ? [i] : [])),
      haircut: r.deterministic.haircut,
      rollover: r.deterministic.rollover,
    },
    cross2: {
      base: r.cross2.base ?? null,
      horizonsMonths: r.cross2.horizons_months,
      countOpeningCash: r.cross2.count_opening_cash,
      floors: r.cross2.floors,
      discounts: defined(r.cross2.discounts),
    },
    basel: {
      horizonDays: r.basel.horizon_days,
      haircuts: { ...BASEL_HAIRCUTS, ...defined(r.basel.haircuts) },
      level2Cap: r.basel.level2_cap,
      level2bCap: r.basel.level2b_cap,
      inflowCap: r.basel.inflow_cap,
      facilityInflowRate: r.basel.facility_inflow_rate,
    },
    sourcesUsesDays: r.sources_uses_days,
    shortfallQuantile: r.shortfall_quantile === false ? null : r.shortfall_quantile,
    perPathStatistics: true,
  };
}

/**
 * Builds the model from a validated scenario: its terms, then what docs/model.md derives from them.
 * @returns a `Model` whose arrays have length `horizonDays` (calendar arrays: plus `calendarTail`)
 */
export function compileModel(s: Scenario): Model {
  return deriveModel(compileTerms(s));
}

/** The scenario's terms, compiled to days, cents and indices (no derived quantity yet). */
function compileTerms(s: Scenario): ModelTerms {
  const horizonDays = s.horizon_days;
  const calendarTail = tailDays(s);
  const calendar = buildCalendar({
    startDay: s.start,
    length: horizonDays + calendarTail,
    weekends: s.calendar.weekends,
    holidays: expandDates(s.calendar.holidays, s.start, horizonDays + calendarTail),
    extraBusinessDays: expandDates(s.calendar.extra_business_days, s.start, horizonDays + calendarTail),
  });
  const products = Object.keys(s.liabilities.products).sort();
  const bandLimits = transferBandLimits(s);
  const groups = products
    .map((product) => ({ product, cohorts: s.liabilities.cohorts.filter((c) => c.product === product) }))
    .filter((g) => g.cohorts.length > 0)
    .flatMap((g) => groupsOfProduct(g.product, s.liabilities.products[g.product], g.cohorts, s.start, horizonDays, bandLimits));

  const actions = compileActions(s, calendar, groups, (items) => scheduleAmounts(items, s.start, horizonDays, calendar));
  return {
    name: s.name,
    description: s.description,
    ...(s.as_of === undefined ? {} : { asOf: isoDate(s.as_of) }),
    currency: s.currency,
    startDay: s.start,
    horizonDays,
    calendarTail,
    seed: s.seed,
    paths: s.paths,
    shortfallThreshold: s.shortfall_threshold,
    overdueGraceDays: s.overdue_grace_days,
    overdueGraceCalendar: s.overdue_grace_calendar,
    calendar,
    groups,
    otherOutflows: scheduleAmounts(s.liabilities.other_outflows, s.start, horizonDays, calendar),
    stress: compileStress(s),
    funding: {
      openingCash: s.funding.cash,
      minimumCash: s.funding.minimum_cash,
      assets: s.funding.assets.map(
        (a): LiquidAsset => ({
          name: a.name,
          amount: a.amount,
          haircut: Array.isArray(a.haircut) ? { kind: 'uniform', low: a.haircut[0], high: a.haircut[1] } : { kind: 'fixed', value: a.haircut },
          settlementDays: a.settlement_days,
          dailyCapacity: a.daily_capacity ?? a.amount,
          assetClass: a.class ?? null,
        }),
      ),
      creditLines: s.funding.credit_lines.map(
        (l): CreditLine => ({
          bank: l.bank,
          limit: l.limit,
          fromDay: l.from === undefined ? 0 : l.from - s.start,
          untilDay: l.until === undefined ? OPEN_ENDED_DAY : l.until - s.start,
          noticeDays: l.notice_days,
          dailyDrawCap: l.daily_draw_cap ?? l.limit,
          failProbability: l.fail_probability,
        }),
      ),
      inflows: scheduleAmounts(s.funding.inflows, s.start, horizonDays, calendar),
      waterfall: s.funding.policy.waterfall,
      lookaheadDays: s.funding.policy.lookahead_days,
      prefundSurrenders: s.funding.policy.prefund_surrenders,
    },
    payments: {
      channels: s.payments.channels.map(
        (c): PaymentChannel => ({
          bank: c.bank,
          dailyLimit: c.daily_limit,
          perTransferLimit: c.per_transfer_limit ?? c.daily_limit,
          dailyTransfers: c.daily_transfers ?? NO_COUNT_LIMIT,
        }),
      ),
      processingCapacity: s.payments.processing_capacity ?? NO_COUNT_LIMIT,
      changes: s.payments.changes.map((c) => compileChange(c, s)),
      bandLimits,
    },
    regulatory: compileRegulatory(s),
    ...(actions === undefined ? {} : { actions }),
  };
}

const LN_HALF = Math.log(0.5);

/**
 * The model with its derived terms (`DerivedTerms`, see types.ts), computed from `terms` only: the
 * one place these formulas live. Hand-built models (tests) call it too; a model changed by spreading
 * (`{ ...model, funding }`) must go through it again.
 */
export function deriveModel(terms: ModelTerms): Model {
  const H = terms.horizonDays;
  const { contagion, mitigation } = terms.stress;
  let value = 0;
  let count = 0;
  for (const g of terms.groups) {
    value += g.initialValue;
    count += g.initialPolicies;
  }
  const derived: DerivedTerms = {
    noSurrenderBook: terms.groups.map((g) => {
      const book = new Float64Array(H);
      let v = g.initialValue;
      for (let d = 0; d < H; d++) book[d] = v = v * g.growth[d] * (1 - g.maturingValueShare[d]);
      return book;
    }),
    unclaimedShare: terms.groups.map((g) => {
      let claimed = 0;
      for (const p of g.claimLag) claimed += p.share;
      return 1 - claimed;
    }),
    shockExcess: terms.stress.shocks.map((sh) => {
      const excess = new Float64Array(H);
      for (let d = Math.max(0, sh.day); d < H; d++) excess[d] = (sh.peakMultiplier - 1) * Math.exp((LN_HALF * (d - sh.day)) / sh.halfLifeDays);
      return excess;
    }),
    mitigationScale: mitigation === null ? 1 : 1 - mitigation.notifiedShare * mitigation.damping,
    contagionWeight: contagion === null ? 0 : Math.exp(-1 / contagion.decayDays),
    runRateDays: runRateDays(terms),
    lastDrawDay: terms.funding.creditLines.map((line) => lastDrawDay(terms.calendar, line)),
    lastOverdueDue: lastOverdueDue(terms),
    bookAveragePolicy: count > 0 ? value / count : 0,
    ...deriveActions(terms),
  };
  return { ...terms, derived };
}

/** The business days of the calendar, in order. */
function businessDayList(calendar: Calendar): number[] {
  const days: number[] = [];
  for (let d = 0; d < calendar.businessDay.length; d++) if (calendar.businessDay[d]) days.push(d);
  return days;
}

/** The business day `n` business days after day d (n = 0: the first on or after d), or the calendar's length outside it. */
function afterBusinessDays(calendar: Calendar, businessDays: readonly number[], d: number, n: number): number {
  const C = calendar.businessDay.length;
  if (d >= C) return C;
  const i = calendar.businessDaysBefore[d] + n;
  return i < businessDays.length ? businessDays[i] : C;
}

/** `DerivedTerms.runRateDays`: per day, days until money raised that day from the slowest source could arrive (inclusive). */
function runRateDays(terms: ModelTerms): Float64Array {
  const businessDays = businessDayList(terms.calendar);
  let slowest = 0;
  for (const line of terms.funding.creditLines) slowest = Math.max(slowest, line.noticeDays);
  for (const asset of terms.funding.assets) slowest = Math.max(slowest, asset.settlementDays);
  const days = new Float64Array(terms.horizonDays);
  for (let d = 0; d < days.length; d++) days[d] = afterBusinessDays(terms.calendar, businessDays, d, slowest + 1) - d;
  return days;
}

/** `DerivedTerms.lastDrawDay` of one line: the last business day whose draw arrives inside the line's window and the calendar, or −1. */
function lastDrawDay(calendar: Calendar, line: CreditLine): number {
  const businessDays = businessDayList(calendar);
  for (let i = businessDays.length - 1; i >= 0; i--) {
    const arrival = afterBusinessDays(calendar, businessDays, businessDays[i], line.noticeDays);
    if (arrival < calendar.businessDay.length && arrival <= line.untilDay) return arrival >= line.fromDay ? businessDays[i] : -1;
  }
  return -1;
}

/**
 * `DerivedTerms.lastOverdueDue`: d − grace days; under business-day grace, with the business days up
 * to d numbered 0..j, the (j − grace)-th (a request due on business day b is overdue from the grace-th
 * business day after b), or −1.
 */
function lastOverdueDue(terms: ModelTerms): Int32Array {
  const grace = terms.overdueGraceDays;
  const last = new Int32Array(terms.horizonDays);
  if (terms.overdueGraceCalendar !== 'business') {
    for (let d = 0; d < last.length; d++) last[d] = d - grace;
    return last;
  }
  const businessDays = businessDayList(terms.calendar);
  for (let d = 0, j = -1; d < last.length; d++) {
    if (terms.calendar.businessDay[d]) j++;
    last[d] = j - grace >= 0 ? businessDays[j - grace] : -1;
  }
  return last;
}

/**
 * 60 days, or more when a lag is long: the longest calendar-day lag (claim lag, account retry,
 * lookahead) or twice the longest business-day lag (settlement, notice), plus 30 days for holidays.
 */
function tailDays(s: Scenario): number {
  let longest = s.funding.policy.lookahead_days;
  for (const p of Object.values(s.liabilities.products)) {
    for (const k of Object.keys(p.claim_lag.after_days)) longest = Math.max(longest, Number(k));
    longest = Math.max(longest, p.account_failure.retry_after_days);
  }
  for (const a of s.funding.assets) longest = Math.max(longest, 2 * a.settlement_days);
  for (const l of s.funding.credit_lines) longest = Math.max(longest, 2 * l.notice_days);
  for (const a of s.management_actions ?? []) if (a.type === 'intragroup_loan') longest = Math.max(longest, 2 * a.notice_days);
  return Math.max(MIN_CALENDAR_TAIL, longest + 30);
}

/** The set of epoch days covered by dates and ranges, clipped to [startDay, startDay + length). */
function expandDates(ranges: readonly { from: EpochDay; to: EpochDay }[], startDay: EpochDay, length: number): Set<EpochDay> {
  const days = new Set<EpochDay>();
  for (const r of ranges) {
    for (let d = Math.max(r.from, startDay); d <= Math.min(r.to, startDay + length - 1); d++) days.add(d);
  }
  return days;
}

/**
 * One liability group: the product's terms and the accrual and maturity profile of its cohorts.
 * Cohort c has account value A_c(d) = V_c (1 + y_c)^(d / 365) until it matures on day m_c; shares
 * are of the cohorts still in force, which all share the group's survival, so they hold on every path.
 */
export function compileGroup(product: string, terms: Product, cohorts: readonly Cohort[], startDay: EpochDay, horizonDays: number): LiabilityGroup {
  const points = cohorts.map((c) => {
    const maturity = c.maturity_date - startDay;
    const annualYield = c.guaranteed_yield ?? Math.pow(c.maturity_value! / c.value, 365 / maturity) - 1;
    const dailyLog = Math.log1p(annualYield) / 365;
    // What is due at maturity when nothing was surrendered, in cents: the stated maturity_value, or
    // the value grown at the guaranteed yield, rounded once (the kernel scales it by the survival).
    const due = c.maturity_value ?? Math.round(c.value * Math.exp(dailyLog * maturity));
    return { value: c.value, count: c.count, maturity, dailyLog, due };
  });
  const valueOn = (p: (typeof points)[number], d: number) => p.value * Math.exp(p.dailyLog * d);

  const growth = new Float64Array(horizonDays);
  const maturingValueShare = new Float64Array(horizonDays);
  const maturingCountShare = new Float64Array(horizonDays);
  const scheduledMaturities = new Float64Array(horizonDays);
  growth[0] = 1;
  for (let d = 0; d < horizonDays; d++) {
    let inForce = 0;
    let inForceBefore = 0;
    let maturing = 0;
    let inForceCount = 0;
    let maturingCount = 0;
    let laterCohorts = 0;
    for (const p of points) {
      if (p.maturity < d) continue;
      const a = valueOn(p, d);
      inForce += a;
      if (d > 0) inForceBefore += valueOn(p, d - 1);
      inForceCount += p.count;
      if (p.maturity === d) {
        maturing += a;
        maturingCount += p.count;
        scheduledMaturities[d] += p.due;
      } else {
        laterCohorts++;
      }
    }
    if (d > 0) growth[d] = inForceBefore > 0 ? inForce / inForceBefore : 1;
    // When the last cohorts mature the share is exactly 1, so the group empties to the cent.
    maturingValueShare[d] = maturing === 0 ? 0 : laterCohorts === 0 ? 1 : maturing / inForce;
    maturingCountShare[d] = maturingCount === 0 ? 0 : laterCohorts === 0 ? 1 : maturingCount / inForceCount;
  }

  const lags: ClaimLagPoint[] = [{ lagDays: 0, share: terms.claim_lag.day0 }];
  for (const [days, share] of Object.entries(terms.claim_lag.after_days)) lags.push({ lagDays: Number(days), share });
  lags.sort((a, b) => a.lagDays - b.lagDays);

  return {
    product,
    cohortCount: cohorts.length,
    initialValue: cohorts.reduce((sum, c) => sum + c.value, 0),
    initialPolicies: cohorts.reduce((sum, c) => sum + c.count, 0),
    baseDailyHazard: 1 - Math.pow(1 - terms.base_surrender_rate, 1 / 365),
    baseAnnualRate: terms.base_surrender_rate,
    surrenderCharge: terms.surrender_charge,
    growth,
    maturingValueShare,
    maturingCountShare,
    scheduledMaturities,
    rollover: shareDistribution(terms.rollover_share),
    claimLag: lags,
    lateClaimDailyRate: 1 - Math.pow(1 - terms.unclaimed_late_claim_rate, 1 / 30),
    accountFailureRate: terms.account_failure.rate,
    accountRetryDays: terms.account_failure.retry_after_days,
  };
}

/**
 * Per-band transfer counting (`payments.transfer_counting: per_band`, the default with
 * `liabilities.policies`): every per-transfer limit value a channel can have, at the start or after
 * a change, ascending and distinct; null under the average rule.
 */
export function transferBandLimits(s: Scenario): number[] | null {
  const mode = s.payments.transfer_counting ?? (s.liabilities.policies !== undefined ? 'per_band' : 'average');
  if (mode === 'average') return null;
  const values = new Set<number>();
  for (const c of s.payments.channels) values.add(c.per_transfer_limit ?? c.daily_limit);
  for (const c of s.payments.changes) if (c.per_transfer_limit !== undefined) values.add(c.per_transfer_limit);
  return [...values].sort((a, b) => a - b);
}

/**
 * The groups of one product: its cohorts split by what a group's kernel terms need to be constant:
 * the surrender charge (a cohort's own, else the product's), the account status (a known-bad
 * cohort's payouts all bounce first: failure rate 1) and, per band, the transfers per maturity and
 * per surrender payout under every limit value. Cohorts without these keys under the average rule
 * make one group, as before. Groups are ordered by
 * that key, so the same cohorts give the same groups in any order.
 */
function groupsOfProduct(product: string, terms: Product, cohorts: readonly Cohort[], startDay: EpochDay, horizonDays: number, bandLimits: readonly number[] | null): LiabilityGroup[] {
  const byKey = new Map<string, { cohorts: Cohort[]; maturity: number[]; surrender: number[]; charge: number; knownBad: boolean }>();
  for (const c of cohorts) {
    const charge = c.surrender_charge ?? terms.surrender_charge;
    const due = maturityDue(c, startDay);
    const maturity = (bandLimits ?? []).map((l) => transfersFor(due, 1, c.count, l));
    const surrender = (bandLimits ?? []).map((l) => transfersFor(c.value, 1 - charge, c.count, l));
    const knownBad = c.account_status === 'known_bad';
    const key = JSON.stringify([maturity, surrender, charge, knownBad]);
    const entry = byKey.get(key);
    if (entry === undefined) byKey.set(key, { cohorts: [c], maturity, surrender, charge, knownBad });
    else entry.cohorts.push(c);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => {
      const adjusted: Product = {
        ...terms,
        surrender_charge: g.charge,
        account_failure: g.knownBad ? { ...terms.account_failure, rate: 1 } : terms.account_failure,
      };
      const group = compileGroup(product, adjusted, g.cohorts, startDay, horizonDays);
      return bandLimits === null ? group : { ...group, transfersPerPayout: { maturity: g.maturity, surrender: g.surrender } };
    });
}

/** What a cohort pays at maturity with nothing surrendered, in cents (see compileGroup). */
function maturityDue(c: Cohort, startDay: EpochDay): number {
  if (c.maturity_value !== undefined) return c.maturity_value;
  return grownAtYield(c.value, c.guaranteed_yield!, c.maturity_date - startDay);
}

/** A beta distribution's shape from its mean and sd: alpha = mean k, beta = (1 - mean) k, k = mean (1 - mean) / sd^2 - 1. */
function shareDistribution(d: Product['rollover_share']): ShareDistribution {
  if (typeof d === 'number') return { kind: 'fixed', value: d };
  if (d.dist === 'uniform') return { kind: 'uniform', low: d.low, high: d.high };
  const k = (d.mean * (1 - d.mean)) / (d.sd * d.sd) - 1;
  return { kind: 'beta', mean: d.mean, sd: d.sd, alpha: d.mean * k, beta: (1 - d.mean) * k };
}

function compileStress(s: Scenario): SurrenderStress {
  const st = s.surrender_stress;
  return {
    levelSd: st.level?.sd ?? 0,
    dailyNoiseSd: st.daily_noise_sd,
    shocks: st.shocks.map((k) => ({
      name: k.name,
      day: k.date - s.start,
      probability: k.probability,
      peakMultiplier: k.peak_multiplier,
      halfLifeDays: k.half_life_days,
    })),
    contagion: st.contagion === undefined ? null : { strength: st.contagion.strength, decayDays: st.contagion.decay_days },
    mitigation:
      st.mitigation === undefined
        ? null
        : { fromDay: st.mitigation.from - s.start, notifiedShare: st.mitigation.notified_share, damping: st.mitigation.damping },
    massLapse: st.mass_lapse === undefined ? null : { day: st.mass_lapse.date - s.start, share: st.mass_lapse.share },
    multiplierAppliesTo: st.multiplier_applies_to,
  };
}

/**
 * Cents due per day: one-off items on their date, monthly items on `day_of_month` (clamped to the
 * month's last day) of every month in the horizon; each rolled to the next business day and dropped
 * when that falls after the horizon.
 */
export function scheduleAmounts(items: readonly ScheduledItem[], startDay: EpochDay, horizonDays: number, calendar: Calendar): Float64Array {
  const out = new Float64Array(horizonDays);
  const add = (day: EpochDay, cents: number) => {
    const index = day - startDay;
    if (index < 0 || index >= horizonDays) return;
    const due = rollForward(calendar, index);
    if (due < horizonDays) out[due] += cents;
  };
  for (const item of items) {
    if (item.monthly === undefined) {
      add(item.date!, item.amount!);
      continue;
    }
    const dayOfMonth = item.day_of_month ?? 1;
    let { year, month } = calendarParts(startDay);
    for (;;) {
      const day = epochDayOf(year, month, Math.min(dayOfMonth, daysInMonth(year, month)));
      if (day - startDay >= horizonDays) break;
      add(day, item.monthly);
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return out;
}

function compileChange(c: Change, s: Scenario): LimitChange {
  const channel = c.channel === undefined ? -1 : s.payments.channels.findIndex((ch) => ch.bank === c.channel);
  const limits: { -readonly [K in keyof ChannelLimits]: ChannelLimits[K] } = {};
  if (c.daily_limit !== undefined) limits.dailyLimit = c.daily_limit;
  if (c.per_transfer_limit !== undefined) limits.perTransferLimit = c.per_transfer_limit;
  if (c.daily_transfers !== undefined) limits.dailyTransfers = c.daily_transfers;
  const capacity = c.processing_capacity === undefined ? {} : { processingCapacity: c.processing_capacity };
  if (c.on !== undefined) return { kind: 'dated', day: c.on - s.start, channel, limits, ...capacity };
  return {
    kind: 'triggered',
    backlogAbove: c.when_backlog_above!,
    afterDays: c.after_days ?? 0,
    probability: c.probability ?? 1,
    channel,
    limits,
    ...capacity,
  };
}

/** The model with payment-channel and processing limits lifted (and no limit changes): only funding binds. */
export function fundingOnlyModel(model: Model): Model {
  // changed by spreading, so derived again (no derived term reads the payment limits today)
  return deriveModel({ ...model, payments: fundingOnlyPayments(model.payments) });
}

