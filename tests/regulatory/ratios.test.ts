/**
 * The regulatory ratio pack's hand-computed cases (research note §8.1, tests 1, 3, 4 and 6), written
 * out in the comments, and the sources-and-uses reconciliation on every path of a stochastic run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/results/run.js';
import { loadScenario } from '../../src/model/load.js';
import { baselHqla, baselNetOutflows, addMonths, normalQuantile } from '../../src/regulatory/formulas.js';
import { levelAtQuantile, regulatoryDraws, runRegulatoryPath } from '../../src/engine/regulatory-path.js';
import { PathStats } from '../../src/engine/path-stats.js';
import { PathSimulator } from '../../src/engine/kernel.js';
import { simulateInProcess } from '../../src/engine/simulate.js';
import { epochDayOf } from '../../src/dates.js';

/**
 * The research note's 91-day C-ROSS case. Every day is a business day (weekends: false, no
 * holidays), yields 0, no charges, no noise, no level uncertainty. Start 2020-01-02; 3 months =
 * [2020-01-02, 2020-04-02) = 91 days. Cash 400. Premiums 100 on the 10th (Jan-Mar: 300 in the base
 * scenario; the stress scenario's premiums are 80% lower, 20 a month: 60). Expenses 50 on the 25th
 * (150). A maturity of 1,000 on 2020-02-20 (its product has surrender rate 0, claimed on the day). A
 * universal-life book of 5,000 at 10% a year (base) and 20% (stress: the annual rate x 2). HQLA:
 * government bonds 800 at a 2% discount = 784.
 */
function scenario(stress: boolean): string {
  return `
name: C-ROSS hand case ${stress ? 'stress' : 'base'}
currency: CNY
start: 2020-01-02
horizon_days: 120
paths: 4
calendar: { weekends: false }
liabilities:
  products:
    endowment: { base_surrender_rate: 0 }
    universal-life: { base_surrender_rate: ${stress ? 0.2 : 0.1} }
  cohorts:
    - { product: endowment, maturity_date: 2020-02-20, value: 1000, count: 1, guaranteed_yield: 0 }
    - { product: universal-life, maturity_date: 2040-12-31, value: 5000, count: 50, guaranteed_yield: 0 }
  other_outflows:
    - { name: expenses, monthly: 50, day_of_month: 25 }
funding:
  cash: 400
  assets:
    - { name: government bonds, amount: 800, haircut: 0.02, class: L1 }
  inflows:
    - { name: premiums, monthly: ${stress ? 20 : 100}, day_of_month: 10 }
payments:
  channels: [{ bank: Bank C, daily_limit: 1e6 }]
${stress ? 'regulatory:\n  cross2: { base: base.yaml }\n' : ''}`;
}

function handCaseFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'liqsim-cross2-'));
  writeFileSync(join(dir, 'base.yaml'), scenario(false));
  writeFileSync(join(dir, 'stress.yaml'), scenario(true));
  return join(dir, 'stress.yaml');
}

describe('C-ROSS II LCR1/LCR2/LCR3 (research note §8.1 test 1)', () => {
  it('gives LCR1 = 54.70%, LCR2 = 87.57%, LCR3 = 32.38% over the next 3 months (91 days)', async () => {
    const { results } = await runScenario(handCaseFiles(), { threads: 1 });
    const lcr = results.summary.regulatory!.cross2.lcr.filter((c) => c.horizonMonths === 3);
    const by = Object.fromEntries(lcr.map((c) => [c.variant, c]));
    // Surrenders in 91 days, closed form 5000 (1 − (1 − h)^91):
    //   base   h = 1 − 0.9^(1/365): 129.63;  stress h = 1 − 0.8^(1/365): 270.57.
    // The engine rounds each day's surrender to the cent, cents(value · h) on the book left:
    //   base 129.64, stress 270.56 (the same recurrence by hand: Σ of 91 rounded daily amounts).
    expect(by.lcr1.cover).toMatchObject({ horizonDays: 91, coveredDays: 91, truncated: false, from: '2020-01-02', to: '2020-04-01' });
    expect(by.lcr1.outflows).toEqual({ maturity: 1000, surrender: 129.64, other: 150, total: 1279.64 });
    expect(by.lcr2.outflows).toEqual({ maturity: 1000, surrender: 270.56, other: 150, total: 1420.56 });
    expect(Math.abs(by.lcr1.outflows.surrender - 129.63)).toBeLessThan(0.02);
    expect(Math.abs(by.lcr2.outflows.surrender - 270.57)).toBeLessThan(0.02);
    // LCR1 = (I_base + cash0) / O_base = (300 + 400) / 1279.63 = 54.70%
    expect(by.lcr1.lines).toMatchObject({ inflows: 300, openingCash: 400, hqla: 0, numerator: 700 });
    expect(by.lcr1.ratio!).toBeCloseTo(700 / 1279.63, 4);
    expect(Math.round(by.lcr1.ratio! * 1e4) / 1e4).toBe(0.547);
    // LCR2 = (I_stress + cash0 + Σ HQLA (1 − d)) / O_stress = (60 + 400 + 784) / 1420.57 = 87.57%
    expect(by.lcr2.lines).toMatchObject({ inflows: 60, openingCash: 400, hqlaByClass: { L1: 784 }, hqla: 784, numerator: 1244 });
    expect(by.lcr2.ratio!).toBeCloseTo(1244 / 1420.57, 4);
    expect(Math.round(by.lcr2.ratio! * 1e4) / 1e4).toBe(0.8757);
    // LCR3 = (I_stress + cash0) / O_stress = 460 / 1420.57 = 32.38%
    expect(by.lcr3.lines).toMatchObject({ inflows: 60, openingCash: 400, hqla: 0, numerator: 460 });
    expect(by.lcr3.ratio!).toBeCloseTo(460 / 1420.57, 4);
    expect(Math.round(by.lcr3.ratio! * 1e4) / 1e4).toBe(0.3238);
    // all fail their floors 100% / 100% / 50%
    expect([by.lcr1.pass, by.lcr2.pass, by.lcr3.pass]).toEqual([false, false, false]);
    expect([by.lcr1.floor, by.lcr2.floor, by.lcr3.floor]).toEqual([1, 1, 0.5]);
    // no randomness in the stress scenario: every path breaches, P5 is the ratio itself (sketch accuracy 0.5%)
    expect(by.lcr2.distribution!.pBelowFloor).toBe(1);
    expect(by.lcr2.distribution!.p5!).toBeCloseTo(by.lcr2.ratio!, 2);
    expect(by.lcr1.distribution).toBeNull();
  });

  it('labels the 12-month horizon by the days the 120-day scenario covers, never as 365 days', async () => {
    const { results } = await runScenario(handCaseFiles(), { threads: 1 });
    const twelve = results.summary.regulatory!.cross2.lcr.find((c) => c.horizonMonths === 12 && c.variant === 'lcr3')!;
    // EDATE(2020-01-02, 12) = 2021-01-02: 366 days (2020 is a leap year); the scenario covers 120
    expect(twelve.cover).toMatchObject({ horizonDays: 366, coveredDays: 120, truncated: true, to: '2020-04-30' });
  });

  it('says why LCR1 is missing when no base scenario is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-cross2-'));
    writeFileSync(join(dir, 'alone.yaml'), scenario(false));
    const { results } = await runScenario(join(dir, 'alone.yaml'), { threads: 1 });
    const cross2 = results.summary.regulatory!.cross2;
    expect(cross2.lcr.some((c) => c.variant === 'lcr1')).toBe(false);
    expect(cross2.lcr1NotComputed).toMatch(/regulatory\.cross2\.base/);
  });

  it('counts calendar months with EDATE', () => {
    const start = epochDayOf(2020, 1, 2);
    expect(addMonths(start, 3) - start).toBe(91);
    expect(addMonths(start, 12) - start).toBe(366);
    // a month-end start: 2020-01-31 + 1 month = 2020-02-29
    expect(addMonths(epochDayOf(2020, 1, 31), 1)).toBe(epochDayOf(2020, 2, 29));
  });
});

describe('Basel-style LCR (research note §8.1 tests 3 and 4)', () => {
  it('caps Level 2 at 40% and Level 2B at 15% through the adjustment formulas: HQLA 166.67', () => {
    // post-haircut L1 = 100, L2A = 80, L2B = 30:
    //   adj15 = max(30 − 15/85 · (100 + 80), 30 − 15/60 · 100, 0) = max(−1.76, 5, 0) = 5
    //   adj40 = max(80 + 30 − 5 − 2/3 · 100, 0) = 105 − 66.67 = 38.33
    //   HQLA = 100 + 80 + 30 − 5 − 38.33 = 166.67; Level 2 counted = 110 − 43.33 = 66.67 = 40% exactly
    const h = baselHqla(100, 80, 30);
    expect(h.adjustment15).toBeCloseTo(5, 12);
    expect(h.adjustment40).toBeCloseTo(115 / 3, 12);
    expect(h.total).toBeCloseTo(500 / 3, 12);
    expect((h.level2a + h.level2b - h.adjustment15 - h.adjustment40) / h.total).toBeCloseTo(0.4, 12);
  });

  it('caps inflows at 75% of outflows: O = 100, I = 90 gives net outflows 25, not 10', () => {
    expect(baselNetOutflows(100, 90)).toBe(25);
    expect(baselNetOutflows(100, 50)).toBe(50);
  });

  it('counts committed facilities at 0% by default, cash above the buffer as Level 1', async () => {
    const { results } = await runScenario(handCaseFiles(), { threads: 1 });
    const b = results.summary.regulatory!.basel;
    // HQLA = cash 400 + government bonds 800 at the L1 haircut 0% = 1,200 (no Level 2)
    expect(b.hqla).toMatchObject({ cash: 400, level1Assets: 800, level1: 1200, total: 1200, level2Share: 0 });
    expect(b.inflows.facilities).toBe(0);
    // 30 days (Jan 2 .. Jan 31): inflows 20 (stress premiums on Jan 10), outflows: expenses 50 on Jan 25 + 30 days of surrenders
    expect(b.inflows.scheduled).toBe(20);
    expect(b.outflows.other).toBe(50);
    expect(b.netOutflows).toBeCloseTo(b.outflows.total - 20, 2);
    expect(b.ratio!).toBeCloseTo(1200 / b.netOutflows, 5);
  });
});

describe('the deterministic regulatory-mode path (research note §8.1 test 6)', () => {
  it('puts the level at its 99.5% quantile: exp(0.35 · 2.5758 − 0.35² / 2) = 2.3170', () => {
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263479, 6);
    expect(levelAtQuantile(0.35, 0.995)).toBeCloseTo(2.317, 4);
    expect(levelAtQuantile(0, 0.995)).toBe(1);
  });

  it('pins every path-level draw and its requests follow the closed form', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-regpath-'));
    // the base hand case with a level of sd 0.35, a shock of probability 0.3, a line refused by name
    const text = scenario(false)
      .replace('payments:', 'surrender_stress:\n  level: { dist: lognormal, sd: 0.35 }\n  shocks: [{ name: news, date: 2020-03-01, probability: 0.3, peak_multiplier: 3, half_life_days: 10 }]\npayments:')
      .replace('  inflows:', '  credit_lines: [{ bank: Bank A, limit: 100, fail_probability: 0.1 }, { bank: Bank B, limit: 100 }]\n  inflows:')
      .concat('regulatory:\n  deterministic: { level_quantile: 0.995, refused_lines: [Bank B] }\n');
    writeFileSync(join(dir, 'level.yaml'), text);
    const model = loadScenario(join(dir, 'level.yaml')).model;
    const draws = regulatoryDraws(model);
    expect(draws.level).toBeCloseTo(2.317, 4);
    expect(draws.shockHappens).toEqual([true]);
    expect(draws.lineRefused).toEqual([false, true]);
    expect(draws.assetKeep).toEqual([0.98]);
    // Surrender requests before the shock (days 0 .. 58, 2020-01-02 .. 2020-02-29): the daily hazard
    // h = L · (1 − 0.9^(1/365)) on the book of 5,000: 5000 (1 − (1 − h)^59), to the daily roundings.
    const { ledger } = runRegulatoryPath(model, draws);
    let requested = 0;
    for (let d = 0; d < 59; d++) requested += ledger.requestSurrender[d];
    const h = 2.317039 * (1 - Math.pow(0.9, 1 / 365));
    expect(Math.abs(requested / 100 - 5000 * (1 - Math.pow(1 - h, 59)))).toBeLessThan(0.3);
  });
});

describe('funding-only shortfall', () => {
  it('lifts channel limits: cash 100 against a maturity of 1,000 leaves 900 unfunded on every path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqsim-fsi-'));
    // One maturity of 1,000 on 2020-01-10, cash 100, no other source; the channel pays 50 a day, so
    // the main run is channel-bound too. With channels and processing lifted only funding binds:
    // peak overdue = 1,000 − 100 = 900 on every path, so its 99.5% quantile is 900 exactly.
    const text =
      `name: funding only\ncurrency: CNY\nstart: 2020-01-06\nhorizon_days: 20\npaths: 8\ncalendar: { weekends: false }\nliabilities:\n  products:\n    endowment: { base_surrender_rate: 0 }\n  cohorts:\n    - { product: endowment, maturity_date: 2020-01-10, value: 1000, count: 1, guaranteed_yield: 0 }\nfunding:\n  cash: 100\npayments:\n  channels: [{ bank: Bank A, daily_limit: 50 }]\n`;
    // the funding-only run is asked for with a regulatory key (any, even an empty one)
    writeFileSync(join(dir, 'fsi.yaml'), `${text}regulatory: {}\n`);
    writeFileSync(join(dir, 'plain.yaml'), text);
    const { results } = await runScenario(join(dir, 'fsi.yaml'), { threads: 1 });
    expect(results.summary.regulatory!.fundingShortfall).toMatchObject({ quantile: 0.995, amount: 900, mean: 900, pAny: 1 });
    expect(results.summary.regulatory!.fundingShortfall!.cover).toMatchObject({ horizonDays: 365, coveredDays: 20, truncated: true });
    // the main run's peak is at least that (the channel adds to it)
    expect(results.summary.shortfall.expectedPeak.mean).toBeGreaterThanOrEqual(900);
    // without the key: no second run and no per-path statistics; the regulatory path's figures and
    // every other figure are the same
    const plain = (await runScenario(join(dir, 'plain.yaml'), { threads: 1 })).results;
    expect(plain.summary.regulatory!.fundingShortfall).toBeNull();
    expect(plain.summary.shortfall).toEqual(results.summary.shortfall);
    expect(plain.daily).toEqual(results.daily);
    const lines = (r: typeof results) => r.summary.sourcesUses!.flatMap((h) => h.lines);
    expect(lines(plain).map((l) => [l.key, l.regulatoryPath])).toEqual(lines(results).map((l) => [l.key, l.regulatoryPath]));
    expect(lines(results).every((l) => l.mean !== null && l.p95 !== null)).toBe(true);
    expect(lines(plain).every((l) => l.mean === null && l.p5 === null && l.p50 === null && l.p95 === null)).toBe(true);
    expect(plain.summary.regulatory!.basel.ratio).toBe(results.summary.regulatory!.basel.ratio);
    expect(plain.summary.regulatory!.basel.distribution).toBeNull();
    expect(results.summary.regulatory!.basel.distribution).not.toBeNull();
  });
});

describe('sources and uses (research note §8.1 test 2)', () => {
  it('reconciles on every path: sources used − uses paid = closing cash − opening cash, to the cent', () => {
    const model = { ...loadScenario('scenarios/maturity-peak-2020q1.yaml').model, paths: 300 };
    const stats = new PathStats(model);
    const sim = new PathSimulator(model);
    const key = (h: number, k: string) => stats.index(`su${h}.${k}`);
    const sums = new Float64Array(stats.size);
    let checked = 0;
    for (let p = 0; p < model.paths; p++) {
      const { ledger } = sim.run(p, null, true);
      const v = stats.values(ledger, 0);
      for (const h of stats.suHorizons) {
        const c = h.covered;
        // straight from the ledger rows, independently of PathStats
        let flows = 0;
        let assets = 0;
        let credit = 0;
        for (let d = 0; d < c; d++) {
          flows += ledger.inflows[d] + ledger.assetSales[d] + ledger.creditDraws[d] - ledger.paidMaturity[d] - ledger.paidSurrender[d] - ledger.paidOther[d];
          assets += ledger.assetSales[d];
          credit += ledger.creditDraws[d];
        }
        const change = ledger.closingCash[c - 1] - ledger.openingCash[0];
        expect(flows).toBe(change);
        expect(v[key(h.days, 'sourcesUsed')] - v[key(h.days, 'usesPaid')]).toBe(change);
        expect(v[key(h.days, 'cashDrawn')]).toBe(-change);
        // by asset, by class and by line add up to the totals
        expect(v[key(h.days, 'assetSales')]).toBe(assets);
        const byAsset = model.funding.assets.reduce((s, _, a) => s + v[key(h.days, `asset${a}`)], 0);
        const byClass = ['L1', 'L2A', 'L2B'].reduce((s, c2) => s + v[key(h.days, `class.${c2}`)], 0);
        expect([byAsset, byClass]).toEqual([assets, assets]);
        expect(v[key(h.days, 'creditDraws')]).toBe(credit);
        expect(model.funding.creditLines.reduce((s, _, l) => s + v[key(h.days, `line${l}`)], 0)).toBe(credit);
        expect(v[key(h.days, 'unmet')]).toBe(v[key(h.days, 'overdue')] + v[key(h.days, 'backlogNotDue')]);
        checked++;
      }
      for (let k = 0; k < stats.size; k++) if (stats.kinds[k] === 'money' && !stats.keys[k].startsWith('shortfall')) sums[k] += v[k];
    }
    expect(checked).toBe(300 * 3);
    // the run totals sum the same per-path values exactly (blocks of 256, any order)
    const totals = simulateInProcess({ ...model, regulatory: { ...model.regulatory, shortfallQuantile: null } });
    const noShortfall = new PathStats({ ...model, regulatory: { ...model.regulatory, shortfallQuantile: null } });
    for (const k of ['su30.sourcesUsed', 'su90.cashDrawn', 'su365.unmet', 'su90.asset2', 'cross2.3m.outflows']) {
      expect(totals.statSums[noShortfall.index(k)]).toBe(BigInt(sums[stats.index(k)]));
    }
  });
});
