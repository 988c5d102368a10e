/**
 * The schema of one management action's summary (`summary.actions[]`, docs/results.md), inferred
 * type `ActionSummary`; ./actions.ts computes it from the run totals. Kept apart from that
 * computation so results/types.ts can use the schema without importing the statistics it needs.
 */
import { z } from 'zod';
import { ISO_DATE_SHAPE } from '../dates.js';

const isoDate = z.string().regex(ISO_DATE_SHAPE, 'an ISO date YYYY-MM-DD');

export const actionSummarySchema = z.object({
  name: z.string(),
  type: z.enum(['suspend_surrenders', 'intragroup_loan', 'cancel_outflow', 'outreach']),
  /** Share of paths on which the action was activated within the horizon. */
  activationProbability: z.number().min(0).max(1),
  /** Activation dates over the paths where it was activated (null when it never was). */
  activation: z.object({ earliest: isoDate, p5: isoDate, p50: isoDate, p95: isoDate }).nullable(),
  /** What `amount` measures: loan money arrived, surrenders deferred, outflows cancelled; null for outreach. */
  amountKind: z.enum(['provided', 'deferred', 'cancelled']).nullable(),
  /** Mean over all paths of that amount over the horizon (currency units). */
  meanAmount: z.number(),
  /** Mean over the paths where the action was activated (null when it never was). */
  meanAmountWhenActivated: z.number().nullable(),
});
export type ActionSummary = z.infer<typeof actionSummarySchema>;
