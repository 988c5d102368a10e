/**
 * Management actions through the built CLI: the bundled example with actions gives byte-identical
 * results for 1 and 2 threads and for two shards merged; its results carry the actions' figures
 * (summary.actions, daily and ledger columns, daily.csv's last columns) and its report the
 * "Actions used" section; the worst path's ledger reconciles with the loan money.
 */
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liqsim, tmp } from './helpers.js';

vi.setConfig({ testTimeout: 180_000 });

const scenario = join('scenarios', 'maturity-peak-with-actions.yaml');
const name = 'maturity-peak-with-actions';

describe('management actions through the CLI', () => {
  const one = tmp();
  const two = tmp();
  const parts = tmp();
  const merged = tmp();
  const r1 = liqsim(['run', scenario, '--out', one, '--paths', '600', '--threads', '1']);
  const r2 = liqsim(['run', scenario, '--out', two, '--paths', '600', '--threads', '2', '--no-report']);
  const shards = [1, 2].map((k) => liqsim(['run', scenario, '--out', parts, '--paths', '600', '--shard', `${k}/2`, '--threads', '1']));
  const m = liqsim(['merge', join(parts, name), '--out', merged, '--no-report']);
  const read = (dir: string, f: string) => readFileSync(join(dir, name, f), 'utf8');

  it('runs, and gives the same bytes for 1 and 2 threads and for 2 shards merged', () => {
    for (const r of [r1, r2, ...shards, m]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    for (const f of ['results.json', 'daily.csv']) {
      expect(read(two, f)).toBe(read(one, f));
      expect(read(merged, f)).toBe(read(one, f));
    }
  });

  it('writes the actions figures', () => {
    const results = JSON.parse(read(one, 'results.json'));
    expect(results.summary.actions.map((a: { type: string }) => a.type)).toEqual(['suspend_surrenders', 'intragroup_loan', 'cancel_outflow', 'outreach']);
    // the moratorium and the outreach campaign are dated: activated on every path, on their date
    expect(results.summary.actions[0]).toMatchObject({ activationProbability: 1, activation: { earliest: '2020-02-10', p95: '2020-02-10' }, amountKind: 'deferred' });
    expect(results.summary.actions[0].meanAmount).toBeGreaterThan(0);
    // the loan is granted on about 80% of the paths, requested on 2020-03-02, 5 bn each time
    expect(results.summary.actions[1].activationProbability).toBeGreaterThan(0.7);
    expect(results.summary.actions[1].activationProbability).toBeLessThan(0.9);
    expect(results.summary.actions[1].meanAmountWhenActivated).toBe(5e9);
    // deferred requests are owed until 2020-03-23, then nothing is deferred
    const day = (date: string) => results.daily.find((d: { date: string }) => d.date === date);
    expect(day('2020-03-20').deferred).toBeGreaterThan(0);
    expect(day('2020-03-23').deferred).toBe(0);
    expect(day('2020-02-07').deferred).toBe(0);
    expect(results.worstPath.ledger[0]).toHaveProperty('deferred');
    expect(results.worstPath.ledger[0]).toHaveProperty('actionInflows');
    const csv = read(one, 'daily.csv').split('\n')[0].split(',');
    expect(csv.slice(-2)).toEqual(['deferred', 'action_inflows']);
  });

  it('reports the actions, and the worst path reconciles to the cent with the loan money', () => {
    const html = read(one, 'report.html');
    expect(html).toContain('<section id="actions">');
    expect(html).toContain('surrender moratorium');
    expect(html).toMatch(/class="reconciliation flag-ok"/);
    expect(html).toContain('<th scope="col" class="num">Loan money</th>');
    expect(html).toContain('<th scope="col" class="num">Deferred surrenders</th>');
  });
});
