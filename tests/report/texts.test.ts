/**
 * The report's text tables as data (src/report/texts/*.json joined with the message functions by
 * `catalogue` in src/report/i18n.ts). What the types cannot see is checked here: the maps keyed by
 * English texts that code writes still name those texts, an optional text left out of a language
 * (null in JSON) reads as absent, no text is empty, and an entry given both in JSON and in code is
 * refused when the catalogue is made, not silently overwritten.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, messages } from '../../src/report/i18n.js';
import { analysisMessages } from '../../src/report/analysis-i18n.js';
import { QUANTILE_METHOD } from '../../src/engine/sketch.js';
import { INTERVAL_METHOD } from '../../src/results/stats.js';
import { WORST_PATH_CRITERION } from '../../src/results/build.js';

const TEXTS_DIR = join('src', 'report', 'texts');

/** Every text of a JSON table (strings, list items, map values), with its path. */
function textsOf(node: unknown, at: string): [string, unknown][] {
  if (typeof node === 'string' || node === null) return [[at, node]];
  if (Array.isArray(node)) return node.flatMap((child, i) => textsOf(child, `${at}[${i}]`));
  return Object.entries(node as object).flatMap(([key, child]) => textsOf(child, `${at}.${key}`));
}

describe('report texts as data', () => {
  it('translates exactly the method texts that results.json writes', () => {
    expect(Object.keys(messages('zh-CN').knownText).sort()).toEqual([WORST_PATH_CRITERION, QUANTILE_METHOD, INTERVAL_METHOD].sort());
    expect(messages('en').knownText).toEqual({});
  });

  it('translates notes that the reverse search writes', () => {
    const search = readFileSync(join('src', 'analysis', 'reverse.ts'), 'utf8');
    const notes = Object.keys(analysisMessages('zh-CN').reverseNotes);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(search, note).toContain(`'${note}'`);
  });

  it('reads an optional text left out of a language (null in JSON) as absent', () => {
    expect(analysisMessages('en').suiteMethod).toBeUndefined();
    expect(analysisMessages('zh-CN').suiteMethod).toMatch(/配对/);
  });

  it('holds no empty text', () => {
    const files = readdirSync(TEXTS_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['actions.json', 'analysis.json', 'regulatory.json', 'report.json']);
    for (const file of files) {
      const texts = textsOf(JSON.parse(readFileSync(join(TEXTS_DIR, file), 'utf8')), file);
      expect(texts.length).toBeGreaterThan(10);
      for (const [at, text] of texts) if (text !== null) expect(text, at).not.toBe('');
    }
  });

  it('refuses an entry given both in JSON and in code', () => {
    interface T {
      group: { title: string; caption: (x: string) => string };
    }
    const json = { group: { title: { en: 'Title', 'zh-CN': '标题' } } };
    const caption = { en: (x: string) => x, 'zh-CN': (x: string) => x };
    expect(catalogue<T>()(json, { group: { caption } }).en.group.title).toBe('Title');
    const twice = { group: { caption, title: { en: 'Other', 'zh-CN': '其他' } } };
    // written inline in the call, tsc refuses it (an excess property); a code part built elsewhere slips past that
    expect(() => catalogue<T>()(json, twice as never)).toThrow(/group\.title is given both in a JSON file and in code/);
  });
});
