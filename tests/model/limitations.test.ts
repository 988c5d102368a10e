/**
 * The model's simplifications are stated once (src/model/limitations.ts): docs/model.md's generated
 * block must be that list (the report's limitations section is checked in tests/report/supervisor.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITATIONS, LIMITATIONS_BEGIN as BEGIN, LIMITATIONS_END as END, limitationsMarkdown } from '../../src/model/limitations.js';

describe('the model’s limitations, stated once', () => {
  it('docs/model.md carries the current generated list (else: npm run docs:daily-order)', () => {
    const text = readFileSync('docs/model.md', 'utf8');
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    expect(text.slice(a + BEGIN.length + 1, b - 1)).toBe(limitationsMarkdown());
    // One bullet per limitation, each with its title.
    expect(limitationsMarkdown().split('\n')).toHaveLength(LIMITATIONS.length);
  });

  it('has Chinese for every item, without leftover English prose (key names only)', () => {
    for (const l of LIMITATIONS) {
      expect(l.titleZh.length, l.title).toBeGreaterThan(0);
      const words = `${l.titleZh} ${l.textZh}`.match(/[A-Za-z][A-Za-z_]*/g) ?? [];
      for (const w of words) expect(w, l.title).toMatch(/^prefund_surrenders$/);
    }
  });
});
