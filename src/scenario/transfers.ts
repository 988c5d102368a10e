/**
 * Payout-size bands: the transfers one payout needs under a per-transfer limit. The policy-file
 * compression (./policies.ts) cuts cohorts at these bands and model/compile.ts splits groups by
 * them, so both read this one function (scenario/ must not import model/).
 */

/**
 * Transfers one payout of size `total · factor / count` (cents) needs under a per-transfer limit:
 * ceil(total · factor / (count · limit)), at least 1, in exact integer arithmetic (the factor, a
 * double, is an exact binary fraction), so a cohort whose payouts all lie in one band
 * ((k − 1) · limit, k · limit] gets k even when its average sits on the band's edge. 1 without a limit.
 */
export function transfersFor(total: number, factor: number, count: number, limit: number): number {
  if (!(limit > 0) || !(total > 0) || !(count > 0)) return 1;
  // The double quotient is within q * 2^-50 of the exact one: below 2^20 that is under 1e-9, so
  // away from a whole number its ceiling is the exact answer (no BigInt needed).
  const q = (total * factor) / (count * limit);
  if (q < 1 << 20 && Math.abs(q - Math.round(q)) > 1e-6) return Math.max(1, Math.ceil(q));
  let scale = 0n;
  let f = factor;
  while (!Number.isInteger(f)) {
    f *= 2;
    scale++;
  }
  const numerator = BigInt(total) * BigInt(f);
  const denominator = (BigInt(count) * BigInt(limit)) << scale;
  const k = (numerator + denominator - 1n) / denominator;
  return Math.max(1, Number(k));
}
