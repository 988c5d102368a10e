/**
 * What `liqsim check` prints and writes: a terminal log that explains a failure without opening any
 * file, JUnit XML for CI test tabs, and Markdown for a job summary (e.g. $GITHUB_STEP_SUMMARY).
 */
import { basename } from 'node:path';
import type { Baseline } from './baseline.js';
import type { SuiteBaseline } from './suite.js';
import type { CheckReport, ScenarioCheck } from './types.js';
import { FIGURE_GROUPS, type FigureCheck, type FigureGroup, type Unit, percent } from './compare.js';
import { terminalLines, terminalText } from '../escape/terminal.js';
import { markdownCode, markdownFence, markdownText } from '../escape/markdown.js';
import { xmlAttribute, xmlText } from '../escape/xml.js';
import { shellQuote } from '../escape/shell.js';

/** Failing daily rows shown in the terminal per scenario; JUnit and Markdown list them all. */
const MAX_DAILY_ROWS = 10;

// ---------------------------------------------------------------------------------------------
// Formatting

const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function formatValue(unit: Unit, value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'probability':
      return `${(value * 100).toFixed(4)}%`;
    case 'money':
      return moneyFormat.format(value);
    case 'ratio':
      return value.toFixed(4);
    default:
      return String(value);
  }
}

function formatDifference(unit: Unit, difference: number | null): string {
  if (difference === null) return '—';
  const sign = difference > 0 ? '+' : difference < 0 ? '-' : '±';
  const size = Math.abs(difference);
  switch (unit) {
    case 'probability':
      return `${sign}${(size * 100).toFixed(4)} pp`;
    case 'money':
      return `${sign}${moneyFormat.format(size)}`;
    case 'ratio':
      return `${sign}${size.toFixed(4)}`;
    case 'date':
    case 'window':
      return `${sign}${size} d`;
  }
}

function formatAllowed(check: FigureCheck): string {
  if (check.allowed === null) return check.basis;
  if (check.basis === 'identical') return 'identical';
  const size =
    check.unit === 'probability'
      ? `${(check.allowed * 100).toFixed(4)} pp`
      : check.unit === 'money'
        ? moneyFormat.format(check.allowed)
        : check.unit === 'ratio'
          ? check.allowed.toFixed(4)
          : `${Number(check.allowed.toPrecision(3))} d`;
  return `±${size} (${check.basis})`;
}

function formatZ(z: number | null): string {
  return z === null ? '—' : Number.isFinite(z) ? z.toFixed(2) : 'inf';
}

function figureLabel(check: FigureCheck): string {
  return check.date === undefined ? check.id : `${check.id} ${check.date}`;
}

const HEADER = ['figure', 'baseline', 'now', 'difference', 'allowed', 'z', 'result'];

function tableRow(check: FigureCheck): string[] {
  return [
    figureLabel(check),
    formatValue(check.unit, check.baseline),
    formatValue(check.unit, check.now),
    formatDifference(check.unit, check.difference),
    formatAllowed(check),
    formatZ(check.z),
    (check.passed ? 'ok' : 'FAIL') + (check.note === undefined ? '' : ` (${check.note})`),
  ];
}

function textTable(rows: string[][], indent: string): string {
  const widths = HEADER.map((_, c) => Math.max(...[HEADER, ...rows].map((r) => r[c].length)));
  const line = (r: string[]) =>
    indent + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(HEADER), ...rows.map(line)].join('\n');
}

/**
 * The rows worth a reader's attention: every failure, and every headline, coverage and window
 * figure that moved. Passing daily figures are summarised in one line instead.
 */
function shownRows(checks: FigureCheck[], maxDaily: number): { rows: FigureCheck[]; hiddenDaily: number } {
  const rows = checks.filter((c) => !c.passed || (c.moved && c.group !== 'daily') || (c.note !== undefined && c.group !== 'daily'));
  const daily = rows.filter((c) => c.group === 'daily');
  const hidden = Math.max(0, daily.length - maxDaily);
  const keptDaily = new Set(daily.slice(0, maxDaily));
  return { rows: rows.filter((c) => c.group !== 'daily' || keptDaily.has(c)), hiddenDaily: hidden };
}

function dailySummary(checks: FigureCheck[]): string {
  const daily = checks.filter((c) => c.group === 'daily');
  const moved = daily.filter((c) => c.moved);
  const failed = daily.filter((c) => !c.passed);
  if (moved.length === 0) return `daily: all ${daily.length} sampled figures identical`;
  const worst = daily
    .filter((c) => c.z !== null && Number.isFinite(c.z))
    .reduce<FigureCheck | null>((a, c) => (a === null || Math.abs(c.z ?? 0) > Math.abs(a.z ?? 0) ? c : a), null);
  return (
    `daily: ${moved.length} of ${daily.length} sampled figures moved, ${failed.length} beyond tolerance` +
    (worst === null ? '' : `; largest |z| ${formatZ(Math.abs(worst.z ?? 0))} (${figureLabel(worst)})`)
  );
}

function statusWord(s: ScenarioCheck, update: boolean): string {
  if (s.status === 'error') return 'ERROR';
  if (update) return (s.update?.outcome ?? 'updated').toUpperCase();
  return s.status === 'pass' ? 'PASS' : 'FAIL';
}

function errors(count: number): string {
  return `${count} error${count === 1 ? '' : 's'}`;
}

function counts(report: CheckReport): string {
  const n = (status: ScenarioCheck['status']) => report.scenarios.filter((s) => s.status === status).length;
  const total = report.scenarios.length;
  const suites = report.scenarios.filter((s) => s.suite).length;
  const count = (k: number, noun: string) => `${k} ${noun}${k === 1 ? '' : 's'}`;
  // "6 scenarios", "1 suite", "6 scenarios and 1 suite"
  const plural = suites === 0 ? count(total, 'scenario') : total === suites ? count(suites, 'suite') : `${count(total - suites, 'scenario')} and ${count(suites, 'suite')}`;
  if (report.update) {
    const outcome = (o: string) => report.scenarios.filter((s) => s.update?.outcome === o).length;
    return `${plural}: ${outcome('created')} created, ${outcome('updated')} updated, ${outcome('unchanged')} unchanged, ${errors(n('error'))}`;
  }
  return `${plural}: ${n('pass')} passed, ${n('fail')} failed, ${errors(n('error'))}`;
}

/** One line with what a baseline says: shortfall probability, expected peak, windows (a suite: its members). */
function headlineText(baseline: Baseline | SuiteBaseline): string {
  if ('members' in baseline) {
    return `${baseline.members.length} members (base ${baseline.base}), seed ${baseline.seed}, ${baseline.paths} paths: paired deltas and figures of each member`;
  }
  const h = baseline.headline;
  const windows = baseline.windows.map((w) => `${w.start}..${w.end}`);
  return (
    `pAnyShortfall ${formatValue('probability', h.pAnyShortfall.value)}, ` +
    `expectedPeak ${formatValue('money', h.expectedPeak.value)} ${baseline.scenario.currency}, ` +
    `${windows.length === 0 ? 'no shortfall window' : `windows ${windows.join(', ')}`}`
  );
}

// ---------------------------------------------------------------------------------------------
// Terminal

/** The log: one block per scenario, a table of the figures that moved, and a one-line tally. */
export function renderTerminal(report: CheckReport): string {
  const out: string[] = [];
  out.push(
    report.update
      ? `liqsim check --update: writing baselines to ${report.baselinesDir}`
      : `liqsim check: baselines in ${report.baselinesDir} (k = ${report.k}, window days = ${report.windowDays}, relative tolerance without SE = ${percent(report.relTolerance)})`,
  );
  for (const s of report.scenarios) {
    out.push('');
    const word = statusWord(s, report.update);
    const c = s.comparison;
    if (s.status === 'error') {
      out.push(`${word.padEnd(6)}${terminalText(s.file)}`);
      for (const line of s.error?.message.split('\n') ?? []) out.push(`      ${terminalText(line)}`);
      if (s.error?.hint !== undefined) out.push(`      hint: ${terminalText(s.error.hint)}`);
      continue;
    }
    if (report.update) {
      out.push(`${word.padEnd(10)}${terminalText(s.file)} -> ${terminalText(s.baselineFile)}`);
      if (s.update !== undefined) out.push(`          ${headlineText(s.update.baseline)}`);
      if (s.update?.note !== undefined) out.push(`          ${terminalText(s.update.note)}`);
      if (c !== null) {
        out.push(`          compared with the previous baseline (${c.mode}: ${c.modeReason})`);
        for (const note of c.notes) out.push(`          ${terminalText(note)}`);
        const moved = c.figures.filter((f) => f.moved && f.group !== 'daily');
        if (moved.length > 0) out.push(textTable(moved.map(tableRow), '          '));
        out.push(`          ${dailySummary(c.figures)}`);
      }
      continue;
    }
    if (c === null) continue;
    out.push(`${word.padEnd(6)}${terminalText(s.file)}  ${c.mode}: ${terminalText(c.modeReason)}`);
    for (const note of c.notes) out.push(`      ${terminalText(note)}`);
    const { rows, hiddenDaily } = shownRows(c.figures, MAX_DAILY_ROWS);
    if (rows.length > 0) out.push(textTable(rows.map(tableRow), '      '));
    if (hiddenDaily > 0) out.push(`      ... and ${hiddenDaily} more daily rows (all in --junit and --summary output)`);
    if (rows.length === 0 && c.figures.every((f) => !f.moved)) {
      out.push(`      all ${c.figures.length} figures identical`);
    } else {
      out.push(`      ${dailySummary(c.figures)}`);
    }
    if (s.status === 'fail') {
      out.push(`      if this change is intended: liqsim check --update ${terminalText(shellQuote(s.file))}`);
    }
  }
  out.push('', counts(report));
  // Last line of defence: a user string that reached a line above unescaped shows its escapes.
  return terminalLines(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// JUnit XML

/** Element content: src/escape/xml.ts. Attribute values go through `xmlAttribute` (keeps newlines). */
const xmlEscape = xmlText;

function suiteName(s: ScenarioCheck): string {
  return basename(s.file).replace(/\.ya?ml$/, '');
}

/**
 * One <testsuite> per scenario, one <testcase> per figure group (headline, windows, coverage,
 * daily); a scenario that could not be checked has a single "baseline" test case with an <error>.
 */
export function renderJUnit(report: CheckReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const s of report.scenarios) {
    const name = suiteName(s);
    const classname = `liqsim.check.${name}`;
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    const properties: [string, string][] = [
      ['scenario', s.file],
      ['baseline', s.baselineFile],
    ];
    if (s.status === 'error' || s.comparison === null) {
      const message = s.error?.message ?? 'not checked';
      const body = s.error?.hint === undefined ? message : `${message}\nhint: ${s.error.hint}`;
      cases.push(
        `    <testcase classname="${xmlAttribute(classname)}" name="baseline">\n` +
          `      <error message="${xmlAttribute(message.split('\n')[0])}" type="error">${xmlEscape(body)}</error>\n` +
          `    </testcase>`,
      );
      suiteErrors = s.status === 'error' ? 1 : 0;
    } else {
      const c = s.comparison;
      properties.push(['mode', c.mode], ['modeReason', c.modeReason], ['scenarioChanged', String(c.scenarioChanged)]);
      for (const group of FIGURE_GROUPS) {
        const checks = c.figures.filter((f) => f.group === group);
        const failed = checks.filter((f) => !f.passed);
        let element = `    <testcase classname="${xmlAttribute(classname)}" name="${group}">`;
        if (failed.length > 0) {
          suiteFailures++;
          const message = `${failed.length} of ${checks.length} ${group} figures moved beyond tolerance (${c.mode} mode): ${failed
            .slice(0, 5)
            .map(figureLabel)
            .join(', ')}${failed.length > 5 ? ', ...' : ''}`;
          element += `\n      <failure message="${xmlAttribute(message)}" type="regression">${xmlEscape(textTable(failed.map(tableRow), ''))}</failure>\n    `;
        }
        cases.push(`${element}</testcase>`);
      }
      const out = [`${c.mode}: ${c.modeReason}`, ...c.notes, dailySummary(c.figures)].join('\n');
      cases.push(`    <system-out>${xmlEscape(out)}</system-out>`);
    }
    const caseCount = s.status === 'error' || s.comparison === null ? 1 : FIGURE_GROUPS.length;
    tests += caseCount;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(
      `  <testsuite name="${xmlAttribute(name)}" tests="${caseCount}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0">\n` +
        `    <properties>\n${properties.map(([k, v]) => `      <property name="${xmlAttribute(k)}" value="${xmlAttribute(v)}"/>`).join('\n')}\n    </properties>\n` +
        `${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="liqsim check" tests="${tests}" failures="${failures}" errors="${errors}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** One table cell or line of text: Markdown and HTML syntax escaped, newlines made spaces. */
function mdCell(text: string): string {
  return markdownText(text.replace(/\r?\n/g, ' '));
}

function mdTable(checks: FigureCheck[]): string {
  const rows = checks.map(tableRow);
  return [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((_, i) => (i === 0 || i === HEADER.length - 1 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
}

const ICON: Record<string, string> = { PASS: '✅', FAIL: '❌', ERROR: '⚠️', CREATED: '🆕', UPDATED: '📝', UNCHANGED: '✅' };

/** A job summary: one line per scenario, then the moved figures of each scenario that did not pass. */
export function renderMarkdown(report: CheckReport): string {
  const out: string[] = [];
  out.push(`## liqsim check${report.update ? ' --update' : ''}: ${counts(report)}`, '');
  out.push('| scenario | result | mode | beyond tolerance |', '| --- | --- | --- | --- |');
  for (const s of report.scenarios) {
    const word = statusWord(s, report.update);
    const c = s.comparison;
    const failed = c === null ? [] : c.figures.filter((f) => !f.passed);
    const failedText =
      s.status === 'error'
        ? mdCell(s.error?.message.split('\n')[0] ?? '')
        : failed.length === 0
          ? '—'
          : summarizeFailures(failed);
    out.push(`| ${mdCell(s.file)} | ${ICON[word] ?? ''} ${word} | ${c === null ? '—' : c.mode} | ${failedText} |`);
  }
  for (const s of report.scenarios) {
    const c = s.comparison;
    const word = statusWord(s, report.update);
    if (s.status === 'error') {
      out.push('', `### ${ICON.ERROR} ${mdCell(s.file)}`, '', markdownFence(s.error?.message ?? ''));
      if (s.error?.hint !== undefined) out.push('', `Hint: ${markdownCode(s.error.hint)}`);
      continue;
    }
    if (c === null) continue;
    if (s.status === 'pass' && !report.update) continue;
    const rows = c.figures.filter((f) => !f.passed || (f.moved && f.group !== 'daily'));
    out.push('', `### ${ICON[word] ?? ''} ${mdCell(s.file)}`, '', `${c.mode}: ${mdCell(c.modeReason)}`);
    for (const note of c.notes) out.push('', `- ${mdCell(note)}`);
    if (rows.length > 0) out.push('', mdTable(rows));
    out.push('', mdCell(dailySummary(c.figures)));
    if (s.status === 'fail') out.push('', `If this change is intended: ${markdownCode(`liqsim check --update ${shellQuote(s.file)}`)}`);
  }
  return `${out.join('\n')}\n`;
}

function summarizeFailures(failed: FigureCheck[]): string {
  const byGroup = new Map<FigureGroup, FigureCheck[]>();
  for (const f of failed) byGroup.set(f.group, [...(byGroup.get(f.group) ?? []), f]);
  const parts: string[] = [];
  for (const [group, list] of byGroup) {
    if (group === 'daily') parts.push(`${list.length} daily`);
    else if (group === 'windows') parts.push(`${list.length} window${list.length === 1 ? '' : 's'}`);
    else parts.push(...list.map((f) => f.id));
  }
  return mdCell(parts.join(', '));
}
