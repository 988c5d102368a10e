/**
 * The derived terms of the compile step (`Model.derived`, src/model/compile.ts `deriveModel`) against
 * their definitions in docs/model.md, written here the slow, plain way (scans over the calendar, the
 * product from scratch for each day). The kernel and the reference model both read these terms as they
 * are, so the differential test cannot catch a wrong formula here: this test does.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/types.js';
import { buildModel, c } from '../engine/model-builder.js';
import { generateModel } from '../engine/model-generator.js';

/** The business day n business days after d (n = 0: the first on or after d), or the calendar's length. */
function afterBusinessDays(m: Model, d: number, n: number): number {
  const C = m.calendar.businessDay.length;
  for (let t = d; t < C; t++) {
    if (m.calendar.businessDay[t] !== 1) continue;
    if (n === 0) return t;
    n--;
  }
  return C;
}

/** Each derived term by its definition (docs/model.md); `d` runs over the horizon. */
function plainDefinitions(m: Model) {
  const H = m.horizonDays;
  const days = Array.from({ length: H }, (_, d) => d);
  const C = m.calendar.businessDay.length;
  const slowest = Math.max(0, ...m.funding.creditLines.map((l) => l.noticeDays), ...m.funding.assets.map((a) => a.settlementDays));
  return {
    noSurrenderBook: m.groups.map((g) =>
      days.map((d) => {
        let base = g.initialValue;
        for (let t = 0; t <= d; t++) base = base * g.growth[t] * (1 - g.maturingValueShare[t]);
        return base;
      }),
    ),
    unclaimedShare: m.groups.map((g) => 1 - g.claimLag.reduce((sum, p) => sum + p.share, 0)),
    shockExcess: m.stress.shocks.map((sh) => days.map((d) => (d >= sh.day ? (sh.peakMultiplier - 1) * Math.pow(0.5, (d - sh.day) / sh.halfLifeDays) : 0))),
    mitigationScale: m.stress.mitigation ? 1 - m.stress.mitigation.notifiedShare * m.stress.mitigation.damping : 1,
    contagionWeight: m.stress.contagion ? Math.exp(-1 / m.stress.contagion.decayDays) : 0,
    runRateDays: days.map((d) => afterBusinessDays(m, d, slowest + 1) - d),
    lastDrawDay: m.funding.creditLines.map((line) => {
      for (let b = C - 1; b >= 0; b--) {
        if (m.calendar.businessDay[b] !== 1) continue;
        const arrival = afterBusinessDays(m, b, line.noticeDays);
        if (arrival < C && arrival <= line.untilDay) return arrival >= line.fromDay ? b : -1;
      }
      return -1;
    }),
    lastOverdueDue: days.map((d) => {
      if (m.overdueGraceCalendar !== 'business') return d - m.overdueGraceDays;
      let steps = m.overdueGraceDays;
      for (let t = d; t >= 0; t--) {
        if (m.calendar.businessDay[t] !== 1) continue;
        if (steps === 0) return t;
        steps--;
      }
      return -1;
    }),
    bookAveragePolicy: (() => {
      const count = m.groups.reduce((s, g) => s + g.initialPolicies, 0);
      return count > 0 ? m.groups.reduce((s, g) => s + g.initialValue, 0) / count : 0;
    })(),
    ...actionDefinitions(m),
  };
}

/**
 * Management actions' derived terms (docs/model.md "Management actions"): the first suspension in
 * scenario order covering group g on day d; reach(d) = take_up · min(1, contacts · business days in
 * [from, d] / initial policies); the shock-excess factor Π (1 − reach · damping); the late-claim rate
 * r ← r + reach · (q − r) per campaign with a rate q.
 */
function actionDefinitions(m: Model) {
  const H = m.horizonDays;
  const G = m.groups.length;
  const a = m.actions;
  const cells = (n: number, f: (d: number, g: number) => number) => Array.from({ length: n > 0 ? H * G : 0 }, (_, i) => f(Math.floor(i / G), i % G));
  const policies = m.groups.reduce((s, g) => s + g.initialPolicies, 0);
  const reach = (c: NonNullable<Model['actions']>['outreach'][number], d: number) => {
    if (d < c.fromDay) return 0;
    let business = 0;
    for (let t = Math.max(0, c.fromDay); t <= d; t++) business += m.calendar.businessDay[t] === 1 ? 1 : 0;
    return c.takeUp * (policies > 0 ? Math.min(1, (c.contactsPerDay * business) / policies) : 1);
  };
  const campaigns = a?.outreach ?? [];
  const lateCampaigns = campaigns.filter((c) => c.lateClaimDailyRate !== null);
  return {
    suspensionCovering: cells(a?.suspensions.length ?? 0, (d, g) => a!.suspensions.findIndex((s) => s.fromDay <= d && d < s.untilDay && s.groups.includes(g))),
    outreachScale: campaigns.length === 0 ? [] : Array.from({ length: H }, (_, d) => campaigns.reduce((f, c) => f * (1 - reach(c, d) * c.damping), 1)),
    outreachLateRate: cells(lateCampaigns.length, (d, g) => lateCampaigns.reduce((r, c) => r + reach(c, d) * (c.lateClaimDailyRate! - r), m.groups[g].lateClaimDailyRate)),
  };
}

/** The compiled terms as plain arrays, for a deep comparison. */
function compiled(m: Model) {
  const d = m.derived;
  return {
    noSurrenderBook: d.noSurrenderBook.map((a) => [...a]),
    unclaimedShare: [...d.unclaimedShare],
    shockExcess: d.shockExcess.map((a) => [...a]),
    mitigationScale: d.mitigationScale,
    contagionWeight: d.contagionWeight,
    runRateDays: [...d.runRateDays],
    lastDrawDay: [...d.lastDrawDay],
    lastOverdueDue: [...d.lastOverdueDue],
    bookAveragePolicy: d.bookAveragePolicy,
    suspensionCovering: [...d.suspensionCovering],
    outreachScale: [...d.outreachScale],
    outreachLateRate: [...d.outreachLateRate],
  };
}

/** Equal to the relative precision of a few operations (the decay is exp(ln 0.5 x) there, 0.5^x here). */
function expectClose(actual: ReturnType<typeof compiled>, expected: ReturnType<typeof plainDefinitions>) {
  const { shockExcess, ...exact } = actual;
  const { shockExcess: shockExpected, ...exactExpected } = expected;
  expect(exact).toEqual(exactExpected);
  shockExcess.forEach((byDay, s) => byDay.forEach((x, d) => expect(x).toBeCloseTo(shockExpected[s][d], 12)));
}

describe('derived model terms (compile step)', () => {
  it('equal their definitions on 200 generated models', () => {
    for (let i = 0; i < 200; i++) {
      const { model } = generateModel(`derived/${i}`);
      expectClose(compiled(model), plainDefinitions(model));
    }
  });

  it('worked example: grace, run-rate days, last draw day and a shock (hand-derived)', () => {
    // Days 0..9, weekend on days 5 and 6; a line with 2 business days' notice open until day 8; an
    // asset settling T+1; two business days' grace.
    const m = buildModel({
      horizon: 10,
      holidays: [5, 6],
      cohorts: [{ value: 1000, maturityDay: 30, policies: 4 }],
      creditLines: [{ limit: c(100), noticeDays: 2, untilDay: 8 }],
      assets: [{ amount: c(50), settlementDays: 1 }],
      grace: 2,
      graceCalendar: 'business',
      stress: { shocks: [{ name: 'news', day: 2, probability: 1, peakMultiplier: 5, halfLifeDays: 2 }], mitigation: { fromDay: 0, notifiedShare: 0.5, damping: 0.4 } },
    });
    const d = m.derived;
    // Business days 0-4, 7, 8, 9, ... The last draw: a draw on day 7 arrives 2 business days on, on
    // day 9, past `until` 8; one on day 4 arrives on day 8 (7 is the 1st): the last draw day is 4.
    expect([...d.lastDrawDay]).toEqual([4]);
    // Run-rate days: slowest source 2 (notice), so the 3rd business day after d, minus d.
    // d = 0: business days 0,1,2,3 -> the 3rd after day 0 is day 3: 3 days. d = 3: 4, 7, 8 -> 8 - 3 = 5.
    expect(d.runRateDays[0]).toBe(3);
    expect(d.runRateDays[3]).toBe(5);
    // Weekend day 5: first business day on or after it is 7, then 8, 9, 10: 10 - 5 = 5.
    expect(d.runRateDays[5]).toBe(5);
    // Business-day grace 2: on day 4 (business days 0..4), due day 2 is overdue; on day 7 (business
    // days 0,1,2,3,4,7) it is day 3; on weekend day 6 still day 2; on day 1 nothing (-1).
    expect([d.lastOverdueDue[1], d.lastOverdueDue[4], d.lastOverdueDue[6], d.lastOverdueDue[7]]).toEqual([-1, 2, 2, 3]);
    // Shock: (5 - 1) x 0.5^((d - 2) / 2): day 2: 4, day 4: 2, day 6: 1; 0 before day 2.
    expect([...d.shockExcess[0].slice(0, 3)]).toEqual([0, 0, 4]);
    expect(d.shockExcess[0][4]).toBeCloseTo(2, 14);
    expect(d.shockExcess[0][6]).toBeCloseTo(1, 14);
    // Mitigation: 1 - 0.5 x 0.4 = 0.8; no contagion: weight 0.
    expect(d.mitigationScale).toBeCloseTo(0.8, 15);
    expect(d.contagionWeight).toBe(0);
    // 1,000.00 over 4 policies: 250.00 = 25,000 cents.
    expect(d.bookAveragePolicy).toBe(25_000);
  });
});
