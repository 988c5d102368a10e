#!/usr/bin/env node
// Rewrites the daily order of events in README.md and docs/model.md from its one statement,
// src/model/daily-order.ts (built to dist/), and docs/model.md's list of simplifications from
// src/model/limitations.ts. `npm run docs:daily-order`; tests/model/daily-order.test.ts
// fails while a block is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { DAILY_ORDER_BEGIN as BEGIN, DAILY_ORDER_END as END, dailyOrderMarkdown } from '../dist/model/daily-order.js';
import { LIMITATIONS_BEGIN, LIMITATIONS_END, limitationsMarkdown } from '../dist/model/limitations.js';
const targets = [
  ['README.md', 'src/engine/reference/reference.ts'],
  ['docs/model.md', '../src/engine/reference/reference.ts'],
];
/** `text` with the block between `begin` and `end` replaced by `body`. */
function replaceBlock(file, text, begin, end, body) {
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file}: no ${begin.slice(5, begin.indexOf(':'))} markers`);
  return text.slice(0, a + begin.length) + '\n' + body + '\n' + text.slice(b);
}
for (const [file, ref] of targets) {
  const text = readFileSync(file, 'utf8');
  let next = replaceBlock(file, text, BEGIN, END, dailyOrderMarkdown(ref));
  // The model's simplifications (src/model/limitations.ts): docs/model.md only.
  if (file === 'docs/model.md') next = replaceBlock(file, next, LIMITATIONS_BEGIN, LIMITATIONS_END, limitationsMarkdown());
  if (next !== text) writeFileSync(file, next);
  console.log(`${file}: ${next === text ? 'up to date' : 'rewritten'}`);
}
