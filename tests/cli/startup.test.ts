/**
 * What the built CLI loads: the chart renderer (Vega, Vega-Lite, ~0.16 s of start-up) only for
 * commands that write a report. Not timed: a module-resolution hook records every module the
 * process loads, and the test reads the list.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'liqsim-startup-'));

// Module hooks (node:module register) run on their own thread; this one appends each resolved URL
// to the file named by LIQSIM_MODULE_LOG.
const hooks = tmp();
writeFileSync(
  join(hooks, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
let log = '';
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + '\\n');
  return result;
}
`,
);
writeFileSync(
  join(hooks, 'register.mjs'),
  `import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url), { data: { log: process.env.LIQSIM_MODULE_LOG } });
`,
);

/** Runs the CLI and returns the URLs of the modules it loaded. */
function modulesLoadedBy(args: string[]): string[] {
  const log = join(tmp(), 'modules.txt');
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(hooks, 'register.mjs')).href, cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', LIQSIM_MODULE_LOG: log },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return readFileSync(log, 'utf8').trim().split('\n');
}

const chartRenderer = (urls: string[]) => urls.filter((u) => /\/node_modules\/vega(-lite)?\//.test(u));

describe('CLI start-up', () => {
  it('loads Vega and Vega-Lite when it writes a report (the probe sees them)', () => {
    const urls = modulesLoadedBy(['run', 'scenarios/base.yaml', '--paths', '40', '--threads', '1', '--out', tmp()]);
    expect(chartRenderer(urls).length).toBeGreaterThan(0);
  });

  it.each([
    ['validate', ['validate', 'scenarios/base.yaml']],
    ['run --no-report', ['run', 'scenarios/base.yaml', '--paths', '40', '--threads', '1', '--no-report', '--out', tmp()]],
    ['schema', ['schema']],
  ])('does not load them for %s', (_name, args) => {
    const urls = modulesLoadedBy(args);
    expect(urls.some((u) => u.includes('/node_modules/yargs/'))).toBe(true);
    expect(chartRenderer(urls)).toEqual([]);
  });
});
