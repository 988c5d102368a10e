/**
 * Builds small compiled models by hand for kernel tests, without the scenario layer, so each test
 * states exactly the world it computes by hand. Amounts are given in currency units.
 */
import { deriveModel } from '../../src/model/compile.js';
import type { CreditLine, LiabilityGroup, LiquidAsset, Model, PaymentChannel, LimitChange } from '../../src/model/types.js';

export const c = (units: number) => Math.round(units * 100);

export interface Cohort {
  value: number;
  maturityDay: number;
  policies?: number;
  product?: Partial<Omit<LiabilityGroup, 'growth' | 'maturingValueShare' | 'maturingCountShare' | 'scheduledMaturities'>>;
}

/** One group per cohort, zero yield: growth 1, the whole group matures on its day. */
export function group(horizon: number, cohort: Cohort): LiabilityGroup {
  const share = new Float64Array(horizon);
  const scheduled = new Float64Array(horizon);
  if (cohort.maturityDay < horizon) {
    share[cohort.maturityDay] = 1;
    scheduled[cohort.maturityDay] = c(cohort.value);
  }
  const g = {
    product: 'p',
    cohortCount: 1,
    initialValue: c(cohort.value),
    initialPolicies: cohort.policies ?? 1,
    baseDailyHazard: 0,
    surrenderCharge: 0,
    growth: new Float64Array(horizon).fill(1),
    maturingValueShare: share,
    maturingCountShare: Float64Array.from(share),
    scheduledMaturities: scheduled,
    rollover: { kind: 'fixed', value: 0 },
    claimLag: [{ lagDays: 0, share: 1 }],
    lateClaimDailyRate: 0,
    accountFailureRate: 0,
    accountRetryDays: 0,
    ...cohort.product,
  };
  // The annual rate of the daily hazard, unless given (read only under the annual-rate convention).
  return { ...g, baseAnnualRate: cohort.product?.baseAnnualRate ?? 1 - Math.pow(1 - g.baseDailyHazard, 365) };
}

export interface ModelSpec {
  horizon?: number;
  holidays?: number[];
  cash?: number;
  minimumCash?: number;
  cohorts?: Cohort[];
  creditLines?: Partial<CreditLine>[];
  assets?: Partial<LiquidAsset>[];
  channels?: Partial<PaymentChannel>[];
  processingCapacity?: number;
  changes?: LimitChange[];
  lookaheadDays?: number;
  prefundSurrenders?: boolean;
  inflows?: Record<number, number>;
  otherOutflows?: Record<number, number>;
  stress?: Partial<Model['stress']>;
  paths?: number;
  seed?: string;
  grace?: number;
  graceCalendar?: 'calendar' | 'business';
}

const BIG = 1e15;

export function buildModel(spec: ModelSpec = {}): Model {
  const H = spec.horizon ?? 20;
  const tail = 60;
  const C = H + tail;
  const businessDay = new Uint8Array(C).fill(1);
  for (const h of spec.holidays ?? []) businessDay[h] = 0;
  const nextBusinessDay = new Int32Array(C);
  let next = C;
  for (let d = C - 1; d >= 0; d--) {
    if (businessDay[d]) next = d;
    nextBusinessDay[d] = next;
  }
  const businessDaysBefore = new Int32Array(C + 1);
  for (let d = 0; d < C; d++) businessDaysBefore[d + 1] = businessDaysBefore[d] + businessDay[d];
  const perDay = (rec: Record<number, number> | undefined) => {
    const a = new Float64Array(H);
    for (const [k, v] of Object.entries(rec ?? {})) a[Number(k)] = c(v);
    return a;
  };
  return deriveModel({
    name: 'hand-built',
    description: '',
    currency: 'CNY',
    startDay: 18263, // 2020-01-01
    horizonDays: H,
    calendarTail: tail,
    seed: spec.seed ?? 'test',
    paths: spec.paths ?? 1,
    shortfallThreshold: 0.01,
    overdueGraceDays: spec.grace ?? 0,
    overdueGraceCalendar: spec.graceCalendar ?? 'calendar',
    calendar: { businessDay, nextBusinessDay, businessDaysBefore },
    groups: (spec.cohorts ?? []).map((co) => group(H, co)),
    otherOutflows: perDay(spec.otherOutflows),
    stress: {
      levelSd: 0,
      dailyNoiseSd: 0,
      shocks: [],
      contagion: null,
      mitigation: null,
      massLapse: null,
      multiplierAppliesTo: 'daily_hazard',
      ...spec.stress,
    },
    funding: {
      openingCash: c(spec.cash ?? 0),
      minimumCash: c(spec.minimumCash ?? 0),
      assets: (spec.assets ?? []).map((a, i) => ({
        name: `asset ${i + 1}`,
        amount: 0,
        haircut: { kind: 'fixed', value: 0 },
        settlementDays: 0,
        dailyCapacity: BIG,
        ...a,
      })),
      creditLines: (spec.creditLines ?? []).map((l, i) => ({
        bank: `Bank ${i + 1}`,
        limit: 0,
        fromDay: 0,
        untilDay: 1e9,
        noticeDays: 0,
        dailyDrawCap: BIG,
        failProbability: 0,
        ...l,
      })),
      inflows: perDay(spec.inflows),
      waterfall: ['credit', 'assets'],
      lookaheadDays: spec.lookaheadDays ?? 0,
      prefundSurrenders: spec.prefundSurrenders ?? true,
    },
    payments: {
      channels: (spec.channels ?? [{}]).map((ch, i) => ({
        bank: `Bank ${i + 1}`,
        dailyLimit: BIG,
        perTransferLimit: BIG,
        dailyTransfers: 1e12,
        ...ch,
      })),
      processingCapacity: spec.processingCapacity ?? 1e12,
      changes: spec.changes ?? [],
      bandLimits: null,
    },
  });
}
