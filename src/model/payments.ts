/**
 * Payment limits the model sets itself: the count limit of a scenario that gives none, and the
 * funding-only model's payments (every limit lifted). A leaf of model/ (types only), so the engine
 * reads the lifted limits without importing the compile step.
 */
import type { Model } from './types.js';

/** Transfer counts and processing capacity when the scenario sets no limit. */
export const NO_COUNT_LIMIT = 1_000_000_000;

/** The funding-only model's payments: every channel's limits and the processing capacity lifted, no limit changes. */
export function fundingOnlyPayments(payments: Model['payments']): Model['payments'] {
  return {
    channels: payments.channels.map((c) => ({ bank: c.bank, dailyLimit: Number.MAX_SAFE_INTEGER, perTransferLimit: Number.MAX_SAFE_INTEGER, dailyTransfers: NO_COUNT_LIMIT * 1e6 })),
    processingCapacity: NO_COUNT_LIMIT * 1e6,
    changes: [],
    // Transfers cannot bind without count limits: the average rule, whatever the scenario says.
    bandLimits: null,
  };
}
