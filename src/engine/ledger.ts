/**
 * What one path's simulation gives, whichever engine ran it (the wasm kernel or the reference
 * model): its scalar outcome and, on request, its day-by-day ledger with the conservation totals.
 * The kernel interface (abi.ts) lists the ledger's rows and totals against these types.
 */
import type { Cents } from '../model/types.js';

/** A path's scalar outcome. */
export interface PathOutcome {
  /** Largest end-of-day overdue amount (cents). */
  peakOverdue: Cents;
  /** First day with an overdue payout, or -1. */
  firstShortfallDay: number;
  minHeadroom: Cents;
}

/** Day-by-day cash ledger of one path (recorded on request, e.g. for the worst path and tests). */
export interface PathLedger {
  openingCash: Float64Array;
  inflows: Float64Array;
  assetSales: Float64Array;
  creditDraws: Float64Array;
  paidMaturity: Float64Array;
  paidSurrender: Float64Array;
  paidOther: Float64Array;
  closingCash: Float64Array;
  backlog: Float64Array;
  overdue: Float64Array;
  /** CauseCode of the largest overdue part, or -1. */
  cause: Int8Array;
  /** The day's new payout requests by kind (as the daily rows' `requests`). */
  requestMaturity: Float64Array;
  requestSurrender: Float64Array;
  requestOther: Float64Array;
  /**
   * Funding still reachable at the end of the day (the headroom's term): undrawn limits of lines not
   * refused that can still arrive in their window, plus unsold assets times (1 - haircut). Not rounded.
   */
  reachable: Float64Array;
  /** Per asset (scenario order): sale proceeds settling that day; they sum to `assetSales`. */
  assetSalesByAsset: Float64Array[];
  /** Per credit line (scenario order): credit arriving that day; they sum to `creditDraws`. */
  creditDrawsByLine: Float64Array[];
  /** Deferred surrenders (management actions) owed but not yet due, at the day's end. */
  deferred: Float64Array;
  /** Intra-group loan money arrived that day. */
  actionInflows: Float64Array;
  /** End-of-run stocks and flows for the conservation identity (cents). */
  totals: ConservationTotals;
}

export interface ConservationTotals {
  initialValue: Cents;
  accrued: Cents;
  /** Customer payouts (maturity + surrender) paid, and still unpaid (backlog, incl. bad accounts). */
  paid: Cents;
  backlog: Cents;
  unclaimed: Cents;
  /** Matured money whose claim date lies after the horizon's end (claim lag). */
  awaitingClaim: Cents;
  rolledOver: Cents;
  surrenderCharges: Cents;
  inForce: Cents;
  otherRequested: Cents;
  otherPaid: Cents;
  otherBacklog: Cents;
}

/** A path ledger of `days` zero rows (cause -1: none), as both engines fill it. */
export function allocLedger(days: number, assets = 0, lines = 0): PathLedger {
  const f = () => new Float64Array(days);
  return {
    requestMaturity: f(),
    requestSurrender: f(),
    requestOther: f(),
    reachable: f(),
    assetSalesByAsset: Array.from({ length: assets }, f),
    creditDrawsByLine: Array.from({ length: lines }, f),
    openingCash: f(),
    inflows: f(),
    assetSales: f(),
    creditDraws: f(),
    paidMaturity: f(),
    paidSurrender: f(),
    paidOther: f(),
    closingCash: f(),
    backlog: f(),
    overdue: f(),
    cause: new Int8Array(days).fill(-1),
    deferred: f(),
    actionInflows: f(),
    totals: {
      initialValue: 0,
      accrued: 0,
      paid: 0,
      backlog: 0,
      unclaimed: 0,
      awaitingClaim: 0,
      rolledOver: 0,
      surrenderCharges: 0,
      inForce: 0,
      otherRequested: 0,
      otherPaid: 0,
      otherBacklog: 0,
    },
  };
}
