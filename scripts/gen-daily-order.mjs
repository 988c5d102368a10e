#!/usr/bin/env node
// Rewrites the daily order of events in README.md and docs/model.md from its one statement,
// src/model/daily-order.ts (built to dist/). `npm run docs:daily-order`; tests/model/daily-order.test.ts
// fails while a block is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { DAILY_ORDER_BEGIN as BEGIN, DAILY_ORDER_END as END, dailyOrderMarkdown } from '../dist/model/daily-order.js';
const targets = [
  ['README.md', 'src/engine/reference/reference.ts'],
  ['docs/model.md', '../src/engine/reference/reference.ts'],
];
for (const [file, ref] of targets) {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: no daily-order markers`);
  const next = text.slice(0, a + BEGIN.length) + '\n' + dailyOrderMarkdown(ref) + '\n' + text.slice(b);
  if (next !== text) writeFileSync(file, next);
  console.log(`${file}: ${next === text ? 'up to date' : 'rewritten'}`);
}
