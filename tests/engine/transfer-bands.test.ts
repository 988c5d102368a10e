/**
 * Per-band transfer counting, by hand: two payouts of 1 m and 9 m under a 5 m per-transfer limit
 * need 1 + ceil(9 / 5) = 3 transfers; the average rule sees two payouts of 5 m, 1 transfer each,
 * so 2. With 2 transfers a day the per-band count binds and the average rule does not.
 */
import { describe, expect, it } from 'vitest';
import { PathSimulator } from '../../src/engine/kernel.js';
import { drawPath } from '../../src/engine/reference/draws.js';
import { runReference } from '../../src/engine/reference/reference.js';
import { transfersFor } from '../../src/scenario/transfers.js';
import { loadScenario } from '../../src/model/load.js';
import { scratchDir } from '../scenario/helpers.js';

const M = 1_000_000_00; // 1 m in cents

function scenario(counting: 'average' | 'per_band', cohorts = '    - { product: p, maturity_date: 2020-01-07, value: 1000000, count: 1, maturity_value: 1000000 }\n    - { product: p, maturity_date: 2020-01-07, value: 9000000, count: 1, maturity_value: 9000000 }\n') {
  // 2020-01-06 is a Monday: the maturities on Tuesday (day 1) are due and paid on day 1.
  const text = `name: Bands
currency: CNY
start: 2020-01-06
horizon_days: 5
seed: 1
paths: 1
liabilities:
  products:
    p: { base_surrender_rate: 0 }
  cohorts:
${cohorts}funding:
  cash: 100000000
payments:
  transfer_counting: ${counting}
  channels:
    - { bank: A, daily_limit: 100000000, per_transfer_limit: 5000000, daily_transfers: 2 }
`;
  return loadScenario(scratchDir().write('s.yaml', text)).model;
}

function paidOnDay1(counting: 'average' | 'per_band'): { reference: number; kernel: number } {
  const model = scenario(counting);
  const ref = runReference(model, drawPath(model, 0));
  const ledger = new PathSimulator(model).run(0, null, true).ledger!;
  return { reference: ref.ledger.paidMaturity[1], kernel: ledger.paidMaturity[1] };
}

describe('per-band transfer counting', () => {
  it("counts transfers per payout from each cohort's own size, exactly at band edges", () => {
    // 9 m / 5 m = 1.8 -> 2; 1 m -> 1; exactly 5 m -> 1 (the band is (0, 5 m]); 5 m + 1 cent -> 2
    expect(transfersFor(9 * M, 1, 1, 5 * M)).toBe(2);
    expect(transfersFor(1 * M, 1, 1, 5 * M)).toBe(1);
    expect(transfersFor(3 * 5 * M, 1, 3, 5 * M)).toBe(1);
    expect(transfersFor(5 * M + 1, 1, 1, 5 * M)).toBe(2);
    // three policies of 5 m + 1 cent: the average is on no edge, each needs 2
    expect(transfersFor(3 * (5 * M + 1), 1, 3, 5 * M)).toBe(2);
    // net of a 2% charge: 10.2 m x 0.98 = 9.996 m -> 2; 5.1 m x 0.98 = 4.998 m -> 1
    expect(transfersFor(10_200_000_00, 0.98, 1, 5 * M)).toBe(2);
    expect(transfersFor(5_100_000_00, 0.98, 1, 5 * M)).toBe(1);
  });

  it('splits the product into one group per band and lists every per-transfer limit value', () => {
    const model = scenario('per_band');
    expect(model.payments.bandLimits).toEqual([5 * M]);
    expect(model.groups.map((g) => g.transfersPerPayout?.maturity)).toEqual([[1], [2]]);
    expect(scenario('average').groups.length).toBe(1);
  });

  it('1 m + 9 m under a 5 m limit take 3 transfers: a limit of 2 a day binds per band, not by the average', () => {
    // Average rule: 2 payouts of 5 m, 1 transfer each = 2 <= 2: all 10 m paid on day 1.
    expect(paidOnDay1('average')).toEqual({ reference: 10 * M, kernel: 10 * M });
    // Per band: 3 transfers needed, 2 available: 2/3 of the request, floor(10 m x 2 / 3) cents.
    const paid = Math.floor((2 / 1.5) * 5 * M);
    expect(paid).toBe(666_666_666);
    expect(paidOnDay1('per_band')).toEqual({ reference: paid, kernel: paid });
  });

  it("gives the average rule's results when every payout fits one transfer", () => {
    const small = '    - { product: p, maturity_date: 2020-01-07, value: 1000000, count: 1, maturity_value: 1000000 }\n    - { product: p, maturity_date: 2020-01-07, value: 3000000, count: 1, maturity_value: 3000000 }\n';
    const a = scenario('average', small);
    const b = scenario('per_band', small);
    expect(runReference(b, drawPath(b, 0)).ledger.paidMaturity).toEqual(runReference(a, drawPath(a, 0)).ledger.paidMaturity);
  });
});
