/** `liqsim validate` and `liqsim schema`: the command modules, run in-process. */
import { describe, it, expect, vi, afterEach } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { schemaCommand } from '../../src/cli/schema.js';
import { MINIMAL, scratchDir } from './helpers.js';

function capture(run: () => void) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    run();
  } finally {
    vi.restoreAllMocks();
  }
  return { out: out.join(''), err: err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('liqsim validate', () => {
  it('prints ok for valid files, every issue for the others, and exits 2', () => {
    const s = scratchDir();
    const good = s.write('good.yaml', MINIMAL);
    const bad = s.write('bad.yaml', MINIMAL.replace('cash: 5000', 'cash: -1'));
    let code = 0;
    const command = validateCommand((c) => (code = c));
    const { out, err } = capture(() => (command.handler as (argv: { files: string[] }) => void)({ files: [good, bad] }));
    expect(out).toBe(`ok ${good}\n`);
    expect(err).toBe(
      `error: ${bad}:12:9: funding.cash: amounts cannot be negative (expected an amount >= 0, found -1)\n1 problem in 1 of 2 files\n`,
    );
    expect(code).toBe(2);
  });

  it('leaves the exit code alone when every file is valid', () => {
    const good = scratchDir().write('good.yaml', MINIMAL);
    let code = 0;
    const { out, err } = capture(() => (validateCommand((c) => (code = c)).handler as (argv: { files: string[] }) => void)({ files: [good] }));
    expect(out).toBe(`ok ${good}\n`);
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});

describe('liqsim schema', () => {
  it('prints the JSON Schema', () => {
    const { out } = capture(() => (schemaCommand(() => undefined).handler as (argv: object) => void)({}));
    const schema = JSON.parse(out);
    expect(schema.title).toBe('liqsim scenario');
    expect(schema.$defs.scenario.properties.payments.required).toEqual(['channels']);
  });
});
