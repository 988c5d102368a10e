/**
 * The report's "Actions used" section and the worst-path ledger check with loan money: the section
 * is absent without actions (the page unchanged), lists each action in scenario order with its
 * figures, escapes names; a day with loan money reconciles only when that money is counted.
 */
import { describe, expect, it } from 'vitest';
import { actionsSection } from '../../src/report/actions.js';
import { checkLedger } from '../../src/report/ledger.js';
import type { ActionSummary } from '../../src/results/action-summary.js';
import type { LedgerRow, Results } from '../../src/results/types.js';

function results(actions: ActionSummary[] | undefined): Results {
  return { meta: { scenario: { currency: 'CNY' } }, summary: { actions } } as unknown as Results;
}

const loan: ActionSummary = {
  name: 'parent <loan>',
  type: 'intragroup_loan',
  activationProbability: 0.5,
  activation: { earliest: '2020-03-02', p5: '2020-03-02', p50: '2020-03-04', p95: '2020-03-09' },
  amountKind: 'provided',
  meanAmount: 2_500_000_000,
  meanAmountWhenActivated: 5_000_000_000,
};
const never: ActionSummary = { ...loan, name: 'stop dividend', type: 'cancel_outflow', activationProbability: 0, activation: null, amountKind: 'cancelled', meanAmount: 0, meanAmountWhenActivated: null };

describe('Actions used', () => {
  it('is absent without actions', () => {
    expect(actionsSection(results(undefined), 'en')).toBe('');
    expect(actionsSection(results([]), 'en')).toBe('');
  });

  it('lists each action: type, share of paths, dates, amounts; names escaped', () => {
    const html = actionsSection(results([loan, never]), 'en');
    expect(html).toContain('<h2>Actions used</h2>');
    expect(html).toContain('parent &lt;loan&gt;');
    expect(html).not.toContain('<loan>');
    const rows = html.split('<tr>').slice(2);
    expect(rows[0]).toContain('intra-group loan');
    expect(rows[0]).toContain('50.0%');
    expect(rows[0]).toContain('CNY 2,500,000,000');
    expect(rows[0]).toContain('CNY 5,000,000,000');
    expect(rows[1]).toContain('never activated');
    expect(rows[1]).toContain('—');
  });

  it('has a Chinese version', () => {
    expect(actionsSection(results([loan]), 'zh-CN')).toContain('已采取的管理措施');
  });
});

describe('ledger check with loan money', () => {
  // opening 100 + loan 30 - payouts 130 = closing 0
  const row: LedgerRow = {
    date: '2020-01-08',
    openingCash: 100,
    inflows: 0,
    assetSales: 0,
    creditDraws: 0,
    payouts: { maturity: 130, surrender: 0, other: 0 },
    closingCash: 0,
    backlog: 20,
    overdue: 20,
    cause: 'funding',
    deferred: 0,
    actionInflows: 30,
  };
  it('reconciles when the loan is counted, and not without it', () => {
    expect(checkLedger([row])[0].ok).toBe(true);
    expect(checkLedger([{ ...row, actionInflows: 0 }])[0].ok).toBe(false);
  });
});
