/**
 * Hand-built models for the analysis tests (research note 8.3 set-up): one product, no maturity in
 * the horizon, every day a business day, yield 0, no surrender charge, no noise, one ample channel.
 */
import { buildModel } from '../engine/model-builder.js';
import type { Model } from '../../src/model/types.js';

/** Daily hazard of the annual rate r. */
export const hazard = (r: number) => 1 - Math.pow(1 - r, 1 / 365);

/** Cash C above a zero buffer, in force V, annual rate r, horizon T, level sd sigma. */
export function surrenderModel(o: { C: number; V: number; r: number; T: number; sigma?: number; paths?: number; seed?: string }): Model {
  return buildModel({
    horizon: o.T,
    cash: o.C,
    paths: o.paths ?? 1,
    seed: o.seed ?? 'reverse',
    cohorts: [{ value: o.V, maturityDay: 10_000, policies: 1_000_000, product: { baseDailyHazard: hazard(o.r) } }],
    channels: [{ dailyLimit: 1e15 }],
    stress: { levelSd: o.sigma ?? 0 },
  });
}
