import { deriveModel } from '../../src/model/compile.js';
import type { LiabilityGroup } from '../../src/model/types.js';
import { buildModel, c, group } from './model-builder.js';

/** A busy stochastic world: two products with yields, shocks, contagion, noise, lags, bad accounts, limits. */
export function busyModel(paths = 60) {
  const H = 90;
  // Growing every day from day 0, so what is due at maturity (day m) is the value grown m + 1 times.
  const withYield = (g: LiabilityGroup, dailyGrowth: number): LiabilityGroup => {
    const scheduled = g.scheduledMaturities.map((x, d) => (x === 0 ? 0 : Math.round(x * Math.pow(dailyGrowth, d + 1))));
    return { ...g, growth: new Float64Array(H).fill(dailyGrowth), scheduledMaturities: scheduled };
  };
  const a = withYield(
    group(H, {
      value: 2_000_000,
      maturityDay: 30,
      policies: 5000,
      product: {
        baseDailyHazard: 0.0004,
        surrenderCharge: 0.02,
        rollover: { kind: 'beta', mean: 0.2, sd: 0.05, alpha: 12.6, beta: 50.4 },
        claimLag: [
          { lagDays: 0, share: 0.6 },
          { lagDays: 7, share: 0.25 },
          { lagDays: 120, share: 0.1 },
        ],
        lateClaimDailyRate: 0.001,
        accountFailureRate: 0.03,
        accountRetryDays: 4,
      },
    }),
    1.00013,
  );
  const b = withYield(group(H, { value: 3_000_000, maturityDay: 200, policies: 1000, product: { baseDailyHazard: 0.0008 } }), 1.0001);
  const model = buildModel({
    horizon: H,
    paths,
    seed: 'busy',
    holidays: [5, 6, 12, 13, 19, 20, 26, 27, 40, 41, 42],
    cash: 2_200_000,
    minimumCash: 100_000,
    cohorts: [],
    creditLines: [
      { limit: c(1_000_000), fromDay: 10, noticeDays: 2, dailyDrawCap: c(300_000), failProbability: 0.3 },
      { limit: c(500_000), fromDay: 0, untilDay: 60, noticeDays: 1, dailyDrawCap: c(200_000), failProbability: 0.1 },
    ],
    assets: [{ amount: c(2_000_000), haircut: { kind: 'uniform', low: 0.02, high: 0.15 }, settlementDays: 2, dailyCapacity: c(150_000) }],
    channels: [
      { dailyLimit: c(1_200_000), perTransferLimit: c(2_000), dailyTransfers: 2500 },
      { dailyLimit: c(200_000), perTransferLimit: c(500), dailyTransfers: 2000 },
    ],
    processingCapacity: 2500,
    changes: [
      { kind: 'dated', day: 35, channel: 0, limits: { dailyLimit: c(900_000) } },
      { kind: 'triggered', backlogAbove: c(300_000), afterDays: 3, probability: 0.7, channel: 1, limits: { dailyLimit: c(600_000) } },
    ],
    lookaheadDays: 5,
    inflows: { 15: 200_000, 45: 200_000, 75: 200_000 },
    otherOutflows: { 1: 50_000, 31: 50_000, 61: 50_000 },
    stress: {
      levelSd: 0.4,
      dailyNoiseSd: 0.3,
      shocks: [{ name: 'news', day: 18, probability: 0.6, peakMultiplier: 8, halfLifeDays: 10 }],
      contagion: { strength: 0.5, decayDays: 5 },
      mitigation: { fromDay: 40, notifiedShare: 0.9, damping: 0.5 },
      massLapse: { day: 50, share: 0.1 },
    },
  });
  return deriveModel({ ...model, groups: [a, b] });
}

