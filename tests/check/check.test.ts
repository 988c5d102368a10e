import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckOptions, type ScenarioRunner, checkScenarios, renderJUnit, renderMarkdown, renderTerminal } from '../../src/check/index.js';
import { LiqsimError } from '../../src/errors.js';
import { type SyntheticOptions, syntheticResults } from './fixture.js';
import { findAll, parseXml } from './xml.js';

/**
 * Scenario files stand for synthetic runs: they exist (checkScenarios looks for them) but are empty,
 * and the runner picks the synthetic run by file name.
 */
function runner(byFile: Record<string, SyntheticOptions>): ScenarioRunner {
  return async (file, options) =>
    syntheticResults({ paths: 1000, ...byFile[basename(file)], ...(options.seed === undefined ? {} : { seed: options.seed }) });
}

let workspace = '';

function setup(byFile: Record<string, SyntheticOptions>): CheckOptions {
  workspace = mkdtempSync(join(tmpdir(), 'liqsim-check-'));
  mkdirSync(join(workspace, 'scenarios'));
  for (const name of ['base.yaml', 'stress.yaml', 'line.yaml', 'a.yaml', 'b.yaml', 'missing.yaml']) writeFileSync(join(workspace, 'scenarios', name), '');
  return { baselinesDir: join(workspace, 'baselines'), update: false, k: 4, windowDays: 3, run: runner(byFile) };
}

/** Paths of scenario files in the current workspace. */
const scenario = (name: string) => join(workspace, 'scenarios', name);

describe('checkScenarios', () => {
  it('reports a missing baseline with exit 2 and the --update hint', async () => {
    const options = setup({ 'base.yaml': {} });
    const report = await checkScenarios([scenario('base.yaml')], options);
    expect(report.exitCode).toBe(2);
    expect(report.scenarios[0]).toMatchObject({
      status: 'error',
      baselineFile: join(options.baselinesDir, 'base.json'),
      error: { message: `no baseline ${join(options.baselinesDir, 'base.json')}`, hint: `liqsim check --update ${scenario('base.yaml')}` },
    });
    expect(renderTerminal(report)).toContain(`hint: liqsim check --update ${scenario('base.yaml')}`);
  });

  it('round-trips --update: writes, re-checks in exact mode, leaves the file unchanged', async () => {
    const options = setup({ 'base.yaml': {}, 'stress.yaml': { capacity: 900_000 } });
    const files = [scenario('base.yaml'), scenario('stress.yaml')];
    const written = await checkScenarios(files, { ...options, update: true });
    expect(written.exitCode).toBe(0);
    expect(written.scenarios.map((s) => s.update?.outcome)).toEqual(['created', 'created']);
    expect(readdirSync(options.baselinesDir).sort()).toEqual(['base.json', 'stress.json']);
    const before = readFileSync(join(options.baselinesDir, 'base.json'), 'utf8');

    const checked = await checkScenarios(files, options);
    expect(checked.exitCode).toBe(0);
    expect(checked.scenarios.map((s) => [s.status, s.comparison?.mode])).toEqual([
      ['pass', 'exact'],
      ['pass', 'exact'],
    ]);
    expect(renderTerminal(checked)).toMatch(/^PASS {2}\S*scenarios\/base\.yaml {2}exact: same seed 1, 1000 paths/m);

    const again = await checkScenarios(files, { ...options, update: true });
    expect(again.scenarios.map((s) => s.update?.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(readFileSync(join(options.baselinesDir, 'base.json'), 'utf8')).toBe(before);
  });

  it('keeps hand-set tolerances through --update and prints what changed', async () => {
    const options = setup({ 'base.yaml': {} });
    await checkScenarios([scenario('base.yaml')], { ...options, update: true });
    const file = join(options.baselinesDir, 'base.json');
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.tolerances = { 'coverage.30d': { rel: 0.02 } };
    writeFileSync(file, JSON.stringify(edited));

    const changedRun = { ...options, update: true, run: runner({ 'base.yaml': { capacity: 700_000 } }) };
    const report = await checkScenarios([scenario('base.yaml')], changedRun);
    expect(report.scenarios[0].update?.outcome).toBe('updated');
    expect(JSON.parse(readFileSync(file, 'utf8')).tolerances).toEqual({ 'coverage.30d': { rel: 0.02 } });
    const log = renderTerminal(report);
    expect(log).toMatch(/^UPDATED {3}\S*scenarios\/base\.yaml -> /m);
    expect(log).toMatch(/compared with the previous baseline \(exact: /);
    expect(log).toMatch(/^ +pAnyShortfall +\d/m);
  });

  it('passes a change of seed in statistical mode', async () => {
    const options = setup({ 'base.yaml': {} });
    await checkScenarios([scenario('base.yaml')], { ...options, update: true });
    const reseeded = { ...options, run: runner({ 'base.yaml': { seed: '99' } }) };
    const report = await checkScenarios([scenario('base.yaml')], reseeded);
    expect(report.exitCode).toBe(0);
    expect(report.scenarios[0].comparison).toMatchObject({ mode: 'statistical', modeReason: 'seed 99 (baseline 1)', passed: true });
  });

  it('fails a real change with exit 1, naming the moved figures in every output', async () => {
    const options = setup({ 'base.yaml': {}, 'line.yaml': {} });
    const files = [scenario('base.yaml'), scenario('line.yaml')];
    await checkScenarios(files, { ...options, update: true });
    const smallerLine = { ...options, run: runner({ 'base.yaml': {}, 'line.yaml': { capacity: 800_000, sha256: 'smaller line' } }) };
    const report = await checkScenarios(files, smallerLine);
    expect(report.exitCode).toBe(1);
    expect(report.scenarios.map((s) => s.status)).toEqual(['pass', 'fail']);

    const log = renderTerminal(report);
    expect(log).toMatch(/^FAIL {2}\S*scenarios\/line\.yaml {2}exact: same seed 1/m);
    expect(log).toContain('scenario changed since the baseline');
    expect(log).toMatch(/^ +pAnyShortfall +\d+\.\d{4}% +\d+\.\d{4}% +\+\d+\.\d{4} pp +identical +\d+\.\d{2} +FAIL/m);
    expect(log).toContain(`if this change is intended: liqsim check --update ${scenario('line.yaml')}`);
    expect(log.trimEnd().split('\n').at(-1)).toBe('2 scenarios: 1 passed, 1 failed, 0 errors');

    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/^\| \S*scenarios\/line\.yaml \| ❌ FAIL \| exact \| pAnyShortfall, expectedPeak, .*daily/m);
    expect(markdown).toMatch(/^\| pAnyShortfall \| /m);
  });

  it('writes JUnit XML that parses and counts failures and errors', async () => {
    const options = setup({ 'a.yaml': {}, 'b.yaml': {}, 'missing.yaml': {} });
    await checkScenarios([scenario('a.yaml'), scenario('b.yaml')], { ...options, update: true });
    const changed = { ...options, run: runner({ 'a.yaml': {}, 'b.yaml': { capacity: 800_000, seed: '5' }, 'missing.yaml': {} }) };
    const report = await checkScenarios([scenario('a.yaml'), scenario('b.yaml'), scenario('missing.yaml')], changed);
    expect(report.exitCode).toBe(2);

    const xml = parseXml(renderJUnit(report));
    expect(xml.name).toBe('testsuites');
    const suites = findAll(xml, 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual(['a', 'b', 'missing']);
    expect(suites.map((s) => findAll(s, 'testcase').map((t) => t.attributes.name))).toEqual([
      ['headline', 'windows', 'coverage', 'daily'],
      ['headline', 'windows', 'coverage', 'daily'],
      ['baseline'],
    ]);
    const failures = findAll(xml, 'failure');
    const failedCases = findAll(suites[1], 'testcase').filter((t) => findAll(t, 'failure').length > 0);
    expect(failures.length).toBe(failedCases.length);
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(Number(xml.attributes.failures)).toBe(failures.length);
    expect(Number(suites[1].attributes.failures)).toBe(failures.length);
    expect(Number(suites[0].attributes.failures)).toBe(0);
    expect(Number(xml.attributes.errors)).toBe(1);
    expect(Number(xml.attributes.tests)).toBe(9);
    expect(findAll(suites[2], 'error')[0].text).toContain(`hint: liqsim check --update ${scenario('missing.yaml')}`);
    const headline = findAll(suites[1], 'testcase').find((t) => t.attributes.name === 'headline')!;
    expect(findAll(headline, 'failure')[0].attributes.message).toMatch(/headline figures moved beyond tolerance \(statistical mode\): pAnyShortfall, expectedPeak/);
  });

  it('reports an invalid baseline with exit 2 and the key path', async () => {
    const options = setup({ 'base.yaml': {} });
    await checkScenarios([scenario('base.yaml')], { ...options, update: true });
    const file = join(options.baselinesDir, 'base.json');
    const broken = JSON.parse(readFileSync(file, 'utf8'));
    broken.headline.pAnyShortfall.value = 'high';
    writeFileSync(file, JSON.stringify(broken));
    const report = await checkScenarios([scenario('base.yaml')], options);
    expect(report.exitCode).toBe(2);
    expect(report.scenarios[0].error?.message.split('\n')[0]).toBe(`${file}: headline.pAnyShortfall.value: Invalid input: expected number, received string`);
  });

  it('rejects two scenarios that would share a baseline, and bad options', async () => {
    const options = setup({});
    await expect(checkScenarios(['a/x.yaml', 'b/x.yaml'], options)).rejects.toThrow(/would share the baseline/);
    await expect(checkScenarios(['a/x.yaml'], { ...options, k: 0 })).rejects.toThrow(LiqsimError);
    await expect(checkScenarios(['a/x.yaml'], { ...options, windowDays: 1.5 })).rejects.toThrow(/--window-days/);
  });
});
