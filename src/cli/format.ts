/**
 * Terminal output of `liqsim run` and `liqsim merge`: a short summary per scenario that a treasurer
 * can read in a log, and the `--fail-above` verdict.
 */
import { basename } from 'node:path';
import type { Results } from '../results/types.js';
import { shellQuote } from '../escape/shell.js';
import { terminalText } from '../escape/terminal.js';

/** The command line as typed (program name shortened to `liqsim`). */
export function commandLine(argv: readonly string[] = process.argv): string {
  return ['liqsim', ...argv.slice(2).map(shellQuote)].join(' ');
}

/** Amount in currency units as e.g. `CNY 12.35 bn` / `CNY 480.0 m` / `CNY 1,234`. */
export function shortMoney(units: number, currency: string): string {
  const abs = Math.abs(units);
  const sign = units < 0 ? '-' : '';
  if (abs >= 1e9) return `${currency} ${sign}${(abs / 1e9).toFixed(2)} bn`;
  if (abs >= 1e6) return `${currency} ${sign}${(abs / 1e6).toFixed(1)} m`;
  return `${currency} ${sign}${abs.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

const pct = (p: number) => `${(p * 100).toFixed(2)}%`;

export function summaryText(results: Results, dir: string): string {
  const s = results.summary;
  const cur = results.meta.scenario.currency;
  const lines: string[] = [];
  lines.push(`${terminalText(results.meta.scenario.name)} (${terminalText(basename(results.meta.scenario.file))})`);
  lines.push(
    `  ${results.meta.run.paths} paths, seed ${terminalText(results.meta.run.seed)}, ${results.meta.run.startDate} .. ${results.meta.run.endDate}`,
  );
  const p = s.pAnyShortfall;
  lines.push(`  P(any overdue payout): ${pct(p.estimate)}  (95% CI ${pct(p.ci95[0])} .. ${pct(p.ci95[1])})`);
  lines.push(
    `  Peak overdue amount: mean ${shortMoney(s.shortfall.expectedPeak.mean, cur)}, P99 ${shortMoney(s.shortfall.p99Peak, cur)}, CVaR95 ${shortMoney(s.shortfall.tailMean95, cur)}`,
  );
  if (s.windows.length === 0) {
    lines.push(`  Shortfall windows (P >= ${pct(results.meta.run.shortfallThreshold)}): none`);
  } else {
    lines.push(`  Shortfall windows (P >= ${pct(results.meta.run.shortfallThreshold)}):`);
    for (const w of s.windows) {
      lines.push(
        `    ${w.start} .. ${w.end} (${w.days} d): peak ${pct(w.peakProbability)} on ${w.peakDate}, mean overdue up to ${shortMoney(w.maxExpectedShortfall, cur)} over all paths${w.maxMeanOverdueOnShortfallPaths === undefined ? '' : `, ${shortMoney(w.maxMeanOverdueOnShortfallPaths, cur)} on shortfall paths`}, cause ${terminalText(w.dominantCause)}`,
      );
    }
  }
  if (s.regulatory) {
    const ratio = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
    const cross = s.regulatory.cross2.lcr.map((c) => `${c.variant.toUpperCase()} ${c.horizonMonths}m${c.cover.truncated ? ` (${c.cover.coveredDays} d)` : ''} ${ratio(c.ratio)}`);
    const basel = s.regulatory.basel;
    lines.push(`  Regulatory path: ${[...cross, `Basel-style LCR ${basel.cover.coveredDays} d ${ratio(basel.ratio)}`].join(', ')}`);
  }
  lines.push(`  Written: ${terminalText(dir)}/`);
  return lines.join('\n') + '\n';
}

export function printSummary(results: Results, dir: string): void {
  process.stdout.write(summaryText(results, dir));
}

/**
 * `--fail-above`: a FAIL line on stderr for each run whose P(any shortfall) is above it.
 * @returns true when any run was (the command then exits 1)
 */
export function failedAbove(runs: readonly { dirName: string; results: Results }[], failAbove: number | undefined): boolean {
  if (failAbove === undefined) return false;
  const over = runs.filter((run) => run.results.summary.pAnyShortfall.estimate > failAbove);
  for (const run of over) {
    process.stderr.write(`FAIL ${terminalText(run.dirName)}: P(any shortfall) ${run.results.summary.pAnyShortfall.estimate} is above --fail-above ${failAbove}\n`);
  }
  return over.length > 0;
}
