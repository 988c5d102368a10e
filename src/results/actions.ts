/**
 * Management actions in the results (`summary.actions`, docs/results.md): per action, how often and
 * when it was activated and what it moved, from the exact run totals of the action fields
 * (../engine/aggregate.ts `DailyTotals`: per action its activations and its amount, by day). Each action activates at most once a path, so the sum of
 * its activations over the days is the number of paths where it did.
 */
import type { ActionType } from '../model/actions.js';
import type { Model } from '../model/types.js';
import { DailyTotals, type RunTotals } from '../engine/aggregate.js';
import { isoDate } from '../dates.js';
import type { ActionSummary } from './action-summary.js';
import { meanCents } from '../engine/aggregate.js';
import { quantileOfHistogram } from './stats.js';

const AMOUNT_KIND: Record<ActionType, ActionSummary['amountKind']> = {
  suspend_surrenders: 'deferred',
  intragroup_loan: 'provided',
  cancel_outflow: 'cancelled',
  outreach: null,
};

/** The run's action summaries in scenario order; undefined when the model has no actions. */
export function actionSummaries(model: Model, totals: RunTotals): ActionSummary[] | undefined {
  const actions = model.actions;
  if (actions === undefined || actions.order.length === 0) return undefined;
  const H = model.horizonDays;
  const n = totals.paths;
  const day = new DailyTotals(totals, model);
  return actions.order.map((act, k) => {
    const activations = new Array<number>(H);
    let amount = 0n;
    let paths = 0;
    for (let d = 0; d < H; d++) {
      activations[d] = Number(day.actionActivations(d, k));
      paths += activations[d];
      amount += day.actionAmount(d, k);
    }
    const date = (q: number) => isoDate(model.startDay + quantileOfHistogram(activations, q));
    return {
      name: act.name,
      type: act.type,
      activationProbability: n > 0 ? Math.round((paths / n) * 1e6) / 1e6 : 0,
      activation: paths > 0 ? { earliest: isoDate(model.startDay + activations.findIndex((x) => x > 0)), p5: date(0.05), p50: date(0.5), p95: date(0.95) } : null,
      amountKind: AMOUNT_KIND[act.type],
      meanAmount: meanCents(amount, n) / 100,
      meanAmountWhenActivated: paths > 0 ? meanCents(amount, paths) / 100 : null,
    };
  });
}
