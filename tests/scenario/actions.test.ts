/**
 * The scenario's `management_actions:` list: a valid list compiles to the model's actions (dates as
 * day indices, products as groups, the named outflow's amounts by day); each bad entry is reported at
 * its file, line, column and key, with a hint where there is one. MINIMAL (./helpers.ts) ends at line
 * 14, so an appended list starts at line 15.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/model/load.js';
import { MINIMAL, issuesOf, scratchDir } from './helpers.js';

const OUTFLOWS = `  other_outflows:
    - { name: dividend, date: 2020-01-15, amount: 250 }
`;

/** MINIMAL with the dividend outflow (inserted in liabilities) and `text` appended. */
function scenario(text: string): string {
  return MINIMAL.replace('funding:\n', `${OUTFLOWS}funding:\n`) + text;
}

describe('management_actions', () => {
  it('compiles each type: dates to day indices (start 2020-01-06 = day 0), products to groups, outflow amounts by day', () => {
    const s = scratchDir();
    const file = s.write(
      'ok.yaml',
      scenario(`management_actions:
  - { name: moratorium, type: suspend_surrenders, from: 2020-01-08, days: 5, products: [savings] }
  - { name: parent loan, type: intragroup_loan, amount: 300, when_backlog_above: 100, notice_days: 2, probability: 0.5 }
  - { name: stop dividend, type: cancel_outflow, outflow: dividend, from: 2020-01-10 }
  - { name: outreach, type: outreach, from: 2020-01-07, contacts_per_day: 5, take_up: 0.4, late_claim_rate: 0.3 }
`),
    );
    const { model } = loadScenario(file);
    const a = model.actions!;
    expect(a.order.map((o) => [o.type, o.index])).toEqual([
      ['suspend_surrenders', 0],
      ['intragroup_loan', 0],
      ['cancel_outflow', 0],
      ['outreach', 0],
    ]);
    // from 2020-01-08 = day 2, for 5 days: until day 7
    expect(a.suspensions[0]).toEqual({ name: 'moratorium', fromDay: 2, untilDay: 7, groups: [0] });
    expect(a.loans[0]).toEqual({ name: 'parent loan', amount: 30000, requestDay: null, backlogAbove: 10000, noticeDays: 2, probability: 0.5 });
    // the dividend, 250.00 on 2020-01-15 (a Wednesday, day 9)
    expect(a.cancellations[0]).toMatchObject({ outflow: 'dividend', fromDay: 4, headroomBelow: null });
    expect(Array.from(a.cancellations[0].amounts).map((x, d) => [d, x]).filter(([, x]) => x > 0)).toEqual([[9, 25000]]);
    // monthly 30% -> daily 1 - 0.7^(1/30)
    expect(a.outreach[0]).toMatchObject({ fromDay: 1, contactsPerDay: 5, takeUp: 0.4, damping: 1 });
    expect(a.outreach[0].lateClaimDailyRate).toBeCloseTo(1 - Math.pow(0.7, 1 / 30), 15);
  });

  it('no actions: the model has none (old behaviour)', () => {
    const s = scratchDir();
    expect(loadScenario(s.write('none.yaml', scenario(''))).model.actions).toBeUndefined();
  });

  it('an unknown outflow and an unknown product: located, with the names there are', () => {
    const s = scratchDir();
    const file = s.write(
      'bad.yaml',
      scenario(`management_actions:
  - { name: stop, type: cancel_outflow, outflow: dividends, from: 2020-01-10 }
  - { name: m, type: suspend_surrenders, from: 2020-01-08, until: 2020-01-09, products: [saving] }
`),
    );
    const issues = issuesOf(file);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: 'unknown-reference', path: ['management_actions', 0, 'outflow'], location: { file, line: 19 }, message: 'no other outflow named `dividends`' });
    expect(issues[0].hint).toMatch(/dividend/);
    expect(issues[1]).toMatchObject({ code: 'unknown-reference', path: ['management_actions', 1, 'products', 0], location: { file, line: 20 }, message: 'no product named `saving`' });
  });

  it('timing: exactly one of until/days, of from/when_backlog_above; until after from; not before the start', () => {
    const s = scratchDir();
    const file = s.write(
      'bad.yaml',
      scenario(`management_actions:
  - { name: a, type: suspend_surrenders, from: 2020-01-08 }
  - { name: b, type: intragroup_loan, amount: 5, from: 2020-01-08, when_backlog_above: 3 }
  - { name: c, type: suspend_surrenders, from: 2020-01-08, until: 2020-01-08 }
  - { name: d, type: intragroup_loan, amount: 5, from: 2020-01-01 }
`),
    );
    const issues = issuesOf(file);
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['missing-key', 'management_actions.0'],
      ['conflicting-keys', 'management_actions.1.when_backlog_above'],
      ['out-of-range', 'management_actions.2.until'],
      ['out-of-range', 'management_actions.3.from'],
    ]);
    expect(issues[0].message).toBe('one of `until` or `days` is required');
    expect(issues[1].location).toMatchObject({ line: 20 });
    expect(issues[2]).toMatchObject({ expected: 'a date after `from` (2020-01-08)', found: 'text "2020-01-08"' });
    expect(issues[2].hint).toMatch(/at least one day/);
    expect(issues[3].message).toBe('the action is before the scenario start');
  });

  it('an unknown type: located at `type`, the allowed types listed', () => {
    const s = scratchDir();
    const file = s.write('bad.yaml', scenario(`management_actions:\n  - { name: x, type: defer, from: 2020-01-08 }\n`));
    const issues = issuesOf(file);
    expect(issues[0]).toMatchObject({ path: ['management_actions', 0, 'type'], location: { line: 19, column: 22 } });
    expect(`${issues[0].message} ${issues[0].expected ?? ''} ${issues[0].hint ?? ''}`).toMatch(/suspend_surrenders/);
  });

  it('duplicate names and two cancellations of one outflow', () => {
    const s = scratchDir();
    const file = s.write(
      'bad.yaml',
      scenario(`management_actions:
  - { name: stop, type: cancel_outflow, outflow: dividend, from: 2020-01-10 }
  - { name: stop, type: cancel_outflow, outflow: dividend, when_headroom_below: 10 }
`),
    );
    expect(issuesOf(file).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['duplicate-name', 'management_actions.1.name'],
      ['duplicate-name', 'management_actions.1.outflow'],
    ]);
  });
});
