/**
 * The report's Book section, from the figures results carry about policy files (meta.policies).
 */
import { describe, expect, it } from 'vitest';
import { bookSection } from '../../src/report/book.js';
import type { Results } from '../../src/results/types.js';

const policies = {
  files: [{ file: 'book.csv', sha256: 'ab'.repeat(32), bytes: 448, rows: 6 }],
  rows: 6,
  accepted: { policies: 5, accountValue: 18_000_500.5, maturityValue: 18_000_520 },
  rejected: { policies: 1, accountValue: 100.25, byReason: { 'unknown-product': 1 }, file: 'rejects.csv' },
  cohorts: 4,
  bandLimits: [5_000_000],
  byProductMonth: [{ product: 'savings', month: '2020-01', policies: 5, accountValue: 18_000_500.5, maturityValue: 18_000_520 }],
  bySize: [
    { transfers: [1], policies: 3, maturityValue: 3_000_520 },
    { transfers: [2], policies: 2, maturityValue: 15_000_000 },
  ],
  knownBad: { policies: 1, accountValue: 6_000_000 },
  byBank: [{ bank: 'ICBC', policies: 5, accountValue: 18_000_500.5 }],
  notified: 0,
};

const money = (x: number) => `CNY ${x}`;

describe('report: Book section', () => {
  it('is absent without policy files', () => {
    expect(bookSection({ meta: {} } as unknown as Results, 'en', money)).toBe('');
  });

  it('shows files, accepted and rejected counts, the size distribution against the limits and known-bad accounts', () => {
    const html = bookSection({ meta: { policies } } as unknown as Results, 'en', money);
    expect(html).toContain('<section id="book">');
    expect(html).toContain('ab'.repeat(32));
    expect(html).toContain('Rejected: 1 policies, account value CNY 100.25, quarantined in rejects.csv.');
    expect(html).toContain('Transfers per payout, limit CNY 5000000');
    // 3 of 5 policies need one transfer (60.0%), 2 need two (40.0%); 1 of 5 known bad (20.0%)
    expect(html).toMatch(/<td class="num">1<\/td><td class="num">3<\/td><td class="num">60.0%<\/td>/);
    expect(html).toMatch(/<td class="num">2<\/td><td class="num">2<\/td><td class="num">40.0%<\/td>/);
    expect(html).toContain('Known-bad payout accounts: 1 policies (20.0%)');
    expect(bookSection({ meta: { policies } } as unknown as Results, 'zh-CN', money)).toContain('保单明细');
  });
});
