/**
 * Random compiled models for the differential test (reference model vs WebAssembly kernel): every
 * feature of the model appears in a good share of them. Deterministic: `generateModel(seed)` gives the
 * same model for the same seed, so a failure names the seed to replay.
 *
 * Liability groups go through the real `compileGroup` (cohorts with yields or maturity values, so the
 * growth and maturing shares are the compiler's); the calendar through `buildCalendar`. The rest is
 * built directly, including some things the scenario layer would not produce (a short calendar tail,
 * changes dated before the start), since the two engines must agree on any `Model`.
 */
import seedrandom from 'seedrandom';
import { buildCalendar } from '../../src/model/calendar.js';
import { compileGroup, deriveModel } from '../../src/model/compile.js';
import type { CreditLine, FundingSource, LimitChange, LiquidAsset, Model, ModelTerms, PaymentChannel, ShareDistribution } from '../../src/model/types.js';
import type {
  ActionType,
  IntragroupLoan,
  ManagementActions,
  OutflowCancellation,
  OutreachCampaign,
  SurrenderSuspension,
} from '../../src/model/actions.js';

type Product = Parameters<typeof compileGroup>[1];
type Cohort = Parameters<typeof compileGroup>[2][number];

/** A small seeded random source with the helpers the generator needs. */
class Rng {
  private readonly u: () => number;
  constructor(seed: string) {
    this.u = seedrandom.alea(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.u();
  }
  chance(p: number): boolean {
    return this.u() < p;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.u() * (hi - lo + 1));
  }
  real(lo: number, hi: number): number {
    return lo + (hi - lo) * this.u();
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.u() * xs.length)];
  }
  /** Whole cents in [lo, hi] currency units. */
  cents(lo: number, hi: number): number {
    return Math.round(this.real(lo, hi) * 100);
  }
}

function shareDistribution(r: Rng): ShareDistribution {
  switch (r.int(0, 3)) {
    case 0:
      return { kind: 'fixed', value: 0 };
    case 1:
      return { kind: 'fixed', value: r.real(0, 0.6) };
    case 2: {
      const mean = r.real(0.1, 0.6);
      const sd = r.real(0.02, Math.sqrt(mean * (1 - mean)) * 0.6);
      const k = (mean * (1 - mean)) / (sd * sd) - 1;
      return { kind: 'beta', mean, sd, alpha: mean * k, beta: (1 - mean) * k };
    }
    default: {
      const low = r.real(0, 0.4);
      return { kind: 'uniform', low, high: low + r.real(0, 0.4) };
    }
  }
}

/** One product's terms (the scenario's, before compiling). */
function product(r: Rng): Product {
  const day0 = r.chance(0.4) ? 1 : r.real(0.3, 1);
  const afterDays: Record<string, number> = {};
  let left = 1 - day0;
  if (left > 0) {
    for (let i = r.int(0, 3); i > 0; i--) {
      const share = r.chance(0.2) ? left : r.real(0, left);
      afterDays[String(r.int(1, 40))] = share;
      left -= share;
    }
  }
  return {
    // a rate of 1 gives a daily hazard of 1: with any stress the hazard reaches its cap
    base_surrender_rate: r.chance(0.03) ? 1 : r.chance(0.05) ? r.real(0.99, 0.99999) : r.chance(0.1) ? 0 : r.real(0.01, 0.4),
    surrender_charge: r.chance(0.5) ? 0 : r.real(0, 0.05),
    rollover_share: 0,
    claim_lag: { day0, after_days: afterDays },
    unclaimed_late_claim_rate: r.chance(0.5) ? 0 : r.real(0.01, 0.5),
    account_failure: r.chance(0.4) ? { rate: 0, retry_after_days: 1 } : { rate: r.real(0.001, 0.3), retry_after_days: r.int(1, 10) },
  } as unknown as Product;
}

export interface GeneratedModel {
  model: Model;
  /** Which features this model has (for the test's coverage check). */
  features: Set<string>;
}

export function generateModel(seed: string): GeneratedModel {
  const r = new Rng(seed);
  const features = new Set<string>();
  const has = (name: string, yes: boolean) => {
    if (yes) features.add(name);
    return yes;
  };
  const H = r.int(15, 60);
  const startDay = 18263 + r.int(0, 400);
  const tail = has('short calendar tail', r.chance(0.1)) ? r.int(3, 12) : 60;
  const C = H + tail;
  const holidays = new Set<number>();
  if (has('holidays', r.chance(0.6))) for (let i = r.int(1, 6); i > 0; i--) holidays.add(startDay + r.int(0, C - 1));
  const weekends = has('weekends', r.chance(0.7));
  const calendar = buildCalendar({ startDay, length: C, weekends, holidays, extraBusinessDays: new Set(weekends && r.chance(0.3) ? [startDay + r.int(0, H)] : []) });

  // liabilities: 1-3 products of 1-3 cohorts each
  const groups = [];
  const productCount = r.int(1, 3);
  for (let p = 0; p < productCount; p++) {
    const terms = product(r) as unknown as { rollover_share: unknown; account_failure: { rate: number }; unclaimed_late_claim_rate: number; claim_lag: { after_days: object } };
    const cohorts: Cohort[] = [];
    for (let k = r.int(1, 3); k > 0; k--) {
      const value = r.cents(1e5, 5e7);
      const maturity = r.chance(0.75) ? r.int(0, H - 1) : r.int(H, H + 200);
      const byValue = has('maturity_value', r.chance(0.3)) && maturity > 30;
      cohorts.push({
        product: `p${p}`,
        maturity_date: startDay + maturity,
        value,
        count: Math.max(1, Math.round(value / r.cents(1e3, 3e5))),
        ...(byValue ? { maturity_value: Math.round(value * r.real(1, 1.05)) } : { guaranteed_yield: r.chance(0.3) ? 0 : r.real(-0.01, 0.06) }),
      } as unknown as Cohort);
    }
    const g = compileGroup(`p${p}`, terms as unknown as Product, cohorts, startDay, H);
    const rollover = r.chance(0.5) ? shareDistribution(r) : ({ kind: 'fixed', value: 0 } as const);
    has('rollover beta', rollover.kind === 'beta');
    has('rollover', rollover.kind !== 'fixed' || rollover.value > 0);
    has('claim lag', g.claimLag.length > 1);
    has('unclaimed', g.claimLag.reduce((s, x) => s + x.share, 0) < 1);
    has('late claims', g.lateClaimDailyRate > 0);
    has('bad accounts', g.accountFailureRate > 0);
    has('yields', g.growth.some((x) => x !== 1));
    has('surrender charge', g.surrenderCharge > 0);
    groups.push({ ...g, rollover });
  }
  has('several products', groups.length > 1);
  has('several cohorts', groups.some((g) => g.cohortCount > 1));
  const book = groups.reduce((s, g) => s + g.initialValue, 0);

  // surrender stress
  const shocks = [];
  for (let i = has('shocks', r.chance(0.6)) ? r.int(1, 2) : 0; i > 0; i--) {
    const day = r.int(-15, H - 1);
    has('shock before start', day < 0);
    shocks.push({ name: `s${i}`, day, probability: r.chance(0.5) ? 1 : r.real(0, 1), peakMultiplier: r.real(1, 20), halfLifeDays: r.real(0.5, 30) });
  }
  const stress: Model['stress'] = {
    levelSd: has('level sd', r.chance(0.5)) ? r.real(0.05, 0.6) : 0,
    dailyNoiseSd: has('daily noise', r.chance(0.5)) ? r.real(0.05, 0.5) : 0,
    shocks,
    contagion: has('contagion', r.chance(0.5)) ? { strength: r.real(0, 2), decayDays: r.real(0.5, 10) } : null,
    mitigation: has('mitigation', r.chance(0.35)) ? { fromDay: r.int(-5, H), notifiedShare: r.real(0, 1), damping: r.real(0, 1) } : null,
    massLapse: has('mass lapse', r.chance(0.3)) ? { day: r.int(-2, H - 1), share: r.chance(0.1) ? 0 : r.real(0, 0.3) } : null,
    multiplierAppliesTo: has('annual-rate stress', r.chance(0.3)) ? 'annual_rate' : 'daily_hazard',
  };

  // funding
  const assets: LiquidAsset[] = [];
  for (let i = has('assets', r.chance(0.7)) ? r.int(1, 2) : 0; i > 0; i--) {
    const amount = Math.round(book * r.real(0.05, 0.6));
    const haircut: ShareDistribution = r.chance(0.1) ? { kind: 'fixed', value: 1 } : r.chance(0.5) ? { kind: 'fixed', value: r.real(0, 0.3) } : { kind: 'uniform', low: 0.01, high: r.real(0.02, 0.4) };
    has('asset haircut range', haircut.kind === 'uniform');
    const settlementDays = r.int(0, 4);
    has('asset T+n', settlementDays > 0);
    const dailyCapacity = r.chance(0.5) ? amount : Math.round(amount * r.real(0.02, 0.5));
    has('asset capacity', dailyCapacity < amount);
    assets.push({ name: `a${i}`, amount, haircut, settlementDays, dailyCapacity });
  }
  const creditLines: CreditLine[] = [];
  for (let i = has('credit lines', r.chance(0.75)) ? r.int(1, 3) : 0; i > 0; i--) {
    const limit = Math.round(book * r.real(0.02, 0.4));
    const fromDay = r.chance(0.6) ? 0 : r.int(-5, H - 1);
    const untilDay = r.chance(0.5) ? 1_000_000_000 : fromDay + r.int(-2, H + 10);
    has('credit window', fromDay > 0 || untilDay < H);
    const noticeDays = r.int(0, 4);
    has('credit notice', noticeDays > 0);
    const dailyDrawCap = r.chance(0.5) ? limit : Math.round(limit * r.real(0.05, 0.6));
    has('credit daily cap', dailyDrawCap < limit);
    const failProbability = r.pick([0, 0, 0.3, 0.7, 1]);
    has('credit refusal', failProbability > 0);
    creditLines.push({ bank: `bank ${i}`, limit, fromDay, untilDay, noticeDays, dailyDrawCap, failProbability });
  }
  const waterfall = r.pick<FundingSource[]>([['credit', 'assets'], ['assets', 'credit'], ['credit'], ['assets'], ['credit', 'assets']]);
  has('assets first', waterfall[0] === 'assets');
  const perDay = (p: number, lo: number, hi: number) => {
    const a = new Float64Array(H);
    for (let d = 0; d < H; d++) if (r.chance(p)) a[d] = Math.round(book * r.real(lo, hi));
    return a;
  };
  const inflows = has('inflows', r.chance(0.5)) ? perDay(0.1, 0.001, 0.05) : new Float64Array(H);
  const otherOutflows = has('other outflows', r.chance(0.5)) ? perDay(0.1, 0.001, 0.05) : new Float64Array(H);
  const minimumCash = has('minimum cash', r.chance(0.5)) ? Math.round(book * r.real(0, 0.05)) : 0;
  const lookaheadDays = has('lookahead', r.chance(0.6)) ? r.int(1, 10) : 0;

  // payments
  const channels: PaymentChannel[] = [];
  for (let i = r.int(1, 3); i > 0; i--) {
    const dailyLimit = r.chance(0.2) ? 1e15 : Math.round(book * r.real(0.002, 0.1));
    const perTransferLimit = has('per-transfer limit', r.chance(0.4)) ? r.cents(500, 2e5) : dailyLimit;
    const dailyTransfers = has('transfer count limit', r.chance(0.5)) ? r.int(10, 5000) : 1_000_000_000;
    channels.push({ bank: `bank ${i}`, dailyLimit, perTransferLimit, dailyTransfers });
  }
  has('several channels', channels.length > 1);
  const processingCapacity = has('processing capacity', r.chance(0.5)) ? r.int(5, 3000) : 1_000_000_000;
  const changes: LimitChange[] = [];
  const limits = () => {
    const l: { dailyLimit?: number; perTransferLimit?: number; dailyTransfers?: number } = {};
    if (r.chance(0.6)) l.dailyLimit = Math.round(book * r.real(0.001, 0.2));
    if (r.chance(0.3)) l.perTransferLimit = r.cents(500, 3e5);
    if (r.chance(0.3)) l.dailyTransfers = r.int(5, 5000);
    return l;
  };
  for (let i = has('dated changes', r.chance(0.5)) ? r.int(1, 3) : 0; i > 0; i--) {
    const day = r.int(-3, H - 1);
    has('dated change before start', day < 0);
    const channel = r.int(-1, channels.length - 1);
    const processing = channel < 0 || r.chance(0.3) ? { processingCapacity: r.int(5, 3000) } : {};
    changes.push({ kind: 'dated', day, channel, limits: channel < 0 ? {} : limits(), ...processing });
  }
  for (let i = has('triggered changes', r.chance(0.5)) ? r.int(1, 2) : 0; i > 0; i--) {
    const channel = r.int(-1, channels.length - 1);
    const processing = channel < 0 || r.chance(0.3) ? { processingCapacity: r.int(5, 3000) } : {};
    const afterDays = r.int(0, 5);
    has('after_days 0', afterDays === 0);
    changes.push({
      kind: 'triggered',
      backlogAbove: Math.round(book * r.real(0, 0.05)),
      afterDays,
      probability: r.pick([1, 1, 0.5, 0]),
      channel,
      limits: channel < 0 ? {} : limits(),
      ...processing,
    });
  }
  const overdueGraceDays = has('grace days', r.chance(0.4)) ? r.int(1, 3) : 0;
  const overdueGraceCalendar = has('business-day grace', r.chance(0.3)) ? 'business' : 'calendar';

  // per-band transfer counting: every per-transfer limit value, and each group's transfers per
  // payout under each (whole numbers from 1; all 1 sometimes, so the ratio is exactly 1)
  let bandLimits: number[] | null = null;
  if (has('per-band transfers', r.chance(0.4))) {
    const values = new Set<number>(channels.map((c) => c.perTransferLimit));
    for (const c of changes) if (c.limits.perTransferLimit !== undefined) values.add(c.limits.perTransferLimit);
    const sorted = [...values].sort((a, b) => a - b);
    bandLimits = sorted;
    const allOne = has('per-band all one transfer', r.chance(0.2));
    const ks = () => sorted.map(() => (allOne ? 1 : r.int(1, 4)));
    groups.forEach((g, i) => (groups[i] = { ...g, transfersPerPayout: { maturity: ks(), surrender: ks() } }));
  }

  const terms: ModelTerms = {
    name: `generated ${seed}`,
    description: '',
    currency: 'CNY',
    startDay,
    horizonDays: H,
    calendarTail: tail,
    seed,
    paths: r.int(2, 5),
    shortfallThreshold: 0.01,
    overdueGraceDays,
    overdueGraceCalendar,
    calendar,
    groups,
    otherOutflows,
    stress,
    funding: {
      openingCash: Math.round(book * r.real(0, 0.3)),
      minimumCash,
      assets,
      creditLines,
      inflows,
      waterfall,
      lookaheadDays,
      prefundSurrenders: has('no surrender pre-funding', r.chance(0.3)) ? false : true,
    },
    payments: { channels, processingCapacity, changes, bandLimits },
  };
  // management actions: drawn last, so the models above are those of the seeds before actions existed
  const actions = has('management actions', r.chance(0.5)) ? generateActions(r, has, terms, book) : undefined;
  return { model: deriveModel(actions ? { ...terms, actions } : terms), features };
}

/** Management actions of every type (suspension, loan, cancellation, outreach), dated and triggered. */
function generateActions(r: Rng, has: (name: string, yes: boolean) => boolean, model: ModelTerms, book: number): ManagementActions {
  const H = model.horizonDays;
  const suspensions: SurrenderSuspension[] = [];
  const loans: IntragroupLoan[] = [];
  const cancellations: OutflowCancellation[] = [];
  const outreach: OutreachCampaign[] = [];
  const order: { name: string; type: ActionType; index: number }[] = [];
  const add = (type: ActionType, index: number) => order.push({ name: `${type} ${index}`, type, index });
  for (let i = has('suspension', r.chance(0.6)) ? r.int(1, 2) : 0; i > 0; i--) {
    const fromDay = r.int(-3, H - 1);
    const untilDay = fromDay + r.int(1, H + 10);
    has('suspension past the horizon', untilDay >= H);
    const groups = model.groups.map((_, g) => g).filter(() => r.chance(0.7));
    has('suspension by product', groups.length < model.groups.length);
    add('suspend_surrenders', suspensions.length);
    suspensions.push({ name: `suspension ${i}`, fromDay, untilDay, groups });
  }
  for (let i = has('loans', r.chance(0.6)) ? r.int(1, 2) : 0; i > 0; i--) {
    const dated = has('dated loan', r.chance(0.5));
    has('triggered loan', !dated);
    add('intragroup_loan', loans.length);
    loans.push({
      name: `loan ${i}`,
      amount: Math.round(book * r.real(0.01, 0.2)),
      requestDay: dated ? r.int(0, H - 1) : null,
      backlogAbove: dated ? null : Math.round(book * r.real(0, 0.05)),
      noticeDays: r.int(0, 4),
      probability: r.pick([1, 1, 0.5, 0]),
    });
  }
  const other = model.otherOutflows;
  if (has('cancellations', other.some((x) => x > 0) && r.chance(0.7))) {
    // two cancellations split some days' outflows between them (each day's parts sum to at most the day's amount)
    const first = new Float64Array(H);
    const second = new Float64Array(H);
    for (let d = 0; d < H; d++) {
      if (other[d] <= 0 || r.chance(0.3)) continue;
      first[d] = r.chance(0.5) ? other[d] : Math.round(other[d] * r.real(0, 1));
      second[d] = other[d] - first[d];
    }
    for (const amounts of r.chance(0.5) ? [first, second] : [first]) {
      const dated = has('dated cancellation', r.chance(0.5));
      has('triggered cancellation', !dated);
      add('cancel_outflow', cancellations.length);
      cancellations.push({
        name: `cancel ${cancellations.length}`,
        outflow: `o${cancellations.length}`,
        amounts,
        fromDay: dated ? r.int(0, H - 1) : null,
        headroomBelow: dated ? null : Math.round(book * r.real(-0.05, 0.3)),
      });
    }
  }
  if (has('outreach', r.chance(0.5))) {
    const late = has('outreach late claims', r.chance(0.6));
    add('outreach', 0);
    outreach.push({
      name: 'outreach',
      fromDay: r.int(-3, H - 1),
      contactsPerDay: r.int(1, 2000),
      takeUp: r.real(0, 1),
      damping: r.real(0, 1),
      lateClaimDailyRate: late ? r.real(0, 0.05) : null,
    });
  }
  // scenario order: shuffled, so the action fields' order is not the types' order
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { suspensions, loans, cancellations, outreach, order };
}
