/**
 * A number where a date belongs is one wrong-type error at its key, never also a day the
 * cross-checks compare or print (fuzz seed 3, case 1702: `from: 3000000000` on a management action
 * made them format a date past year 275,760 and stop with an internal error).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuesOf, scratchDir } from './helpers.js';

function withActionFrom(value: string): string {
  const dir = scratchDir();
  for (const f of ['base.yaml', 'maturity-peak-2020q1.yaml', 'data/maturity-peak-2020q1.csv']) dir.write(f, readFileSync(join('scenarios', f), 'utf8'));
  const text = readFileSync('scenarios/maturity-peak-with-actions.yaml', 'utf8').replace('type: suspend_surrenders, from: 2020-02-10', `type: suspend_surrenders, from: ${value}`);
  return dir.write('actions.yaml', text);
}

describe('a number in a date field', () => {
  for (const value of ['3000000000', '-3000000000', '9007199254740991', '18000']) {
    it(`from: ${value} is one wrong-type error at the key`, () => {
      const issues = issuesOf(withActionFrom(value));
      expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid-type', 'management_actions.0.from']]);
      expect(issues[0].location).toMatchObject({ line: 35 });
    });
  }
});
