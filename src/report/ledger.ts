/**
 * The worst path's cash ledger check, in exact decimal arithmetic: each day
 * opening + inflows + asset sales + credit draws − payouts = closing, and each day opens with the
 * previous day's closing cash. A regulator reads "reconciles to the cent" literally.
 */
import { PAYOUT_TYPES, type LedgerRow } from '../results/types.js';
import { Decimal, sumExact, toDecimal } from './money.js';

export interface LedgerCheck {
  /** opening + inflows + asset sales + credit draws (+ loan money of actions) − payouts − closing: zero when the day reconciles. */
  difference: Decimal;
  /** opening − previous closing (zero on the first day): zero when the days chain. */
  carryDifference: Decimal;
  ok: boolean;
}

export function checkLedger(ledger: readonly LedgerRow[]): LedgerCheck[] {
  return ledger.map((row, i) => {
    const payouts = sumExact(PAYOUT_TYPES.map((t) => row.payouts[t]));
    // loan money from management actions arrives as cash (the column is there only with actions)
    const difference = sumExact([row.openingCash, row.inflows, row.assetSales, row.creditDraws, row.actionInflows ?? 0]).minus(payouts).minus(toDecimal(row.closingCash));
    const carryDifference = i === 0 ? new Decimal(0) : toDecimal(row.openingCash).minus(toDecimal(ledger[i - 1].closingCash));
    return { difference, carryDifference, ok: difference.isZero() && carryDifference.isZero() };
  });
}
