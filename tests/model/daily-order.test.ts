/**
 * The daily order of events is stated once (src/model/daily-order.ts). These tests hold every
 * other place that shows it to that one statement: the generated blocks of README.md and
 * docs/model.md, the report's methodology list, and the reference model's function names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DAILY_ORDER, DAILY_ORDER_BEGIN as BEGIN, DAILY_ORDER_END as END, dailyOrderMarkdown } from '../../src/model/daily-order.js';
import * as reference from '../../src/engine/reference/reference.js';
import { ORDER_OF_EVENTS } from '../../src/report/i18n.js';

function block(file: string): string {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  expect(a, `${file} has the daily-order markers`).toBeGreaterThanOrEqual(0);
  expect(b).toBeGreaterThan(a);
  return text.slice(a + BEGIN.length + 1, b - 1);
}

describe('the daily order of events, stated once', () => {
  it.each([
    ['README.md', 'src/engine/reference/reference.ts'],
    ['docs/model.md', '../src/engine/reference/reference.ts'],
  ])('%s carries the current generated list (else: npm run docs:daily-order)', (file, ref) => {
    expect(block(file)).toBe(dailyOrderMarkdown(ref));
  });

  it('names only functions the reference model exports, each step at least one', () => {
    const exported = reference as unknown as Record<string, unknown>;
    for (const step of DAILY_ORDER) {
      expect(step.reference.length, step.title).toBeGreaterThan(0);
      for (const fn of step.reference) expect(typeof exported[fn], `${step.title}: ${fn}`).toBe('function');
    }
  });

  it('is the report methodology list in both languages, step for step', () => {
    expect(ORDER_OF_EVENTS.en).toHaveLength(DAILY_ORDER.length);
    expect(ORDER_OF_EVENTS['zh-CN']).toHaveLength(DAILY_ORDER.length);
    DAILY_ORDER.forEach((step, i) => {
      expect(ORDER_OF_EVENTS.en[i]).toContain(step.text);
      expect(ORDER_OF_EVENTS['zh-CN'][i]).toContain(step.textZh);
    });
  });

  it('has no leftover English prose in the Chinese text (only key names such as after_days)', () => {
    for (const step of DAILY_ORDER) {
      const words = step.textZh.match(/[A-Za-z][A-Za-z_+()]*/g) ?? [];
      for (const w of words) expect(w, step.titleZh).toMatch(/^(prefund_surrenders|after_days|T\+n\)?|T)$/);
    }
  });
});
