/**
 * Sensitivity (tornado): one-at-a-time bumps of named levers, every run with common random numbers
 * (the base's seed and paths), so each bump's effect on a figure is a paired difference with its
 * paired standard error (./paired.ts). 2m + 1 runs for m levers. Bars are ranked by
 * max(|Δ_low|, |Δ_high|); a bump whose effect is within 2 paired SE of 0 is marked "within noise".
 */
import type { Model } from '../model/types.js';
import { LiqsimError } from '../errors.js';
import type { PairedRunner } from './pool.js';
import { FIGURE_KEYS, FIGURE_LABELS, FIGURE_UNITS, figure, pairedDelta, type FigureKey, type PairedDelta } from './paired.js';
import { baseValue, parseLeverKey, setLever, type LeverKey } from './variants.js';
import { chartHtml, esc, fmt, page, round, table, VEGA_LITE_SCHEMA } from './html.js';

export interface Vary {
  key: LeverKey;
  low: number;
  high: number;
  text: string;
}

/**
 * Parses `KEY=LOW..HIGH`. LOW and HIGH: a number (the lever's value), a percentage change of the
 * base value (-20%, +20%) or a factor (x0.5, x1.5).
 */
export function parseVary(text: string, model: Model, at = 0): Vary {
  const m = /^([^=]+)=(.+?)\.\.(.+)$/.exec(text.trim());
  if (!m) throw new LiqsimError(`--vary '${text}' is not KEY=LOW..HIGH (e.g. funding.cash=-20%..+20%, channel[Bank A].daily_limit=x0.5..x1.5, shock.peak_multiplier=4..12)`);
  const key = parseLeverKey(m[1]);
  const base = baseValue(model, key, at);
  const value = (s: string): number => {
    const t = s.trim();
    let v: number;
    if (/^[+-]?\d+(\.\d+)?%$/.test(t)) v = base * (1 + Number(t.slice(0, -1)) / 100);
    else if (/^x\d+(\.\d+)?$/.test(t)) v = base * Number(t.slice(1));
    else v = Number(t.replace(/_/g, ''));
    if (!Number.isFinite(v) || t === '') throw new LiqsimError(`--vary '${text}': '${s}' is not a number, a percentage (+20%) or a factor (x1.5)`);
    return v;
  };
  return { key, low: value(m[2]), high: value(m[3]), text };
}

export interface SensitivityBar {
  lever: string;
  base: number;
  low: number;
  high: number;
  /** Per figure: the figure at the low and high bump, and the paired deltas against the base. */
  effects: Record<FigureKey, { atLow: number | null; atHigh: number | null; low: PairedDelta; high: PairedDelta; size: number; withinNoise: boolean }>;
}

export interface SensitivityResult {
  schema: 'liqsim/sensitivity';
  scenario: string;
  file: string;
  seed: string;
  paths: number;
  runs: number;
  base: Record<FigureKey, number | null>;
  figures: { key: FigureKey; label: string; unit: string }[];
  /** Per figure, lever names ranked by effect size, largest first. */
  ranking: Record<FigureKey, string[]>;
  bars: SensitivityBar[];
  method: string;
}

const digitsOf = (k: FigureKey) => (FIGURE_UNITS[k] === 'amount' ? 2 : 6);
const r = (d: PairedDelta, k: FigureKey): PairedDelta => ({ delta: round(d.delta, digitsOf(k)), se: round(d.se, digitsOf(k)), unpairedSe: round(d.unpairedSe, digitsOf(k)), significant: d.significant });

export async function sensitivity(model: Model, varies: Vary[], runner: PairedRunner, meta: { scenario: string; file: string }, at = 0): Promise<SensitivityResult> {
  if (varies.length === 0) throw new LiqsimError('name at least one --vary KEY=LOW..HIGH');
  const start = runner.runs;
  const base = (await runner.run(model)).figures;
  const bars: SensitivityBar[] = [];
  for (const v of varies) {
    const low = (await runner.run(setLever(model, v.key, v.low, at))).figures;
    const high = (await runner.run(setLever(model, v.key, v.high, at))).figures;
    const effects = Object.fromEntries(
      FIGURE_KEYS.map((k) => {
        const dl = pairedDelta(low, base, k);
        const dh = pairedDelta(high, base, k);
        const size = Math.max(Math.abs(dl.delta ?? 0), Math.abs(dh.delta ?? 0));
        return [k, { atLow: round(figure(low, k), digitsOf(k)), atHigh: round(figure(high, k), digitsOf(k)), low: r(dl, k), high: r(dh, k), size: round(size, digitsOf(k))!, withinNoise: !dl.significant && !dh.significant }];
      }),
    ) as SensitivityBar['effects'];
    bars.push({ lever: v.key.text, base: baseValue(model, v.key, at), low: v.low, high: v.high, effects });
  }
  const ranking = Object.fromEntries(
    FIGURE_KEYS.map((k) => [k, [...bars].sort((a, b) => b.effects[k].size - a.effects[k].size || a.lever.localeCompare(b.lever)).map((b) => b.lever)]),
  ) as Record<FigureKey, string[]>;
  return {
    schema: 'liqsim/sensitivity',
    scenario: meta.scenario,
    file: meta.file,
    seed: model.seed,
    paths: model.paths,
    runs: runner.runs - start,
    base: Object.fromEntries(FIGURE_KEYS.map((k) => [k, round(figure(base, k), digitsOf(k))])) as Record<FigureKey, number | null>,
    figures: FIGURE_KEYS.map((key) => ({ key, label: FIGURE_LABELS[key], unit: FIGURE_UNITS[key] })),
    ranking,
    bars,
    method:
      'one-at-a-time bumps, 2m + 1 runs with common random numbers; delta = mean_i(X_i^bump - X_i^base), paired SE = sd_i(...)/sqrt(n) (quantile figures: 20 batch means); within noise: neither bump differs from the base by more than 2 paired SE',
  };
}

/** A tornado chart of one figure (Vega-Lite): a bar per lever from 0 to Δ_low and to Δ_high. */
export function tornadoSpec(res: SensitivityResult, k: FigureKey) {
  const unit = FIGURE_UNITS[k];
  const order = res.ranking[k];
  const values = res.bars.flatMap((b) =>
    (['low', 'high'] as const).map((side) => ({
      lever: b.lever,
      bump: `${side} (${side === 'low' ? b.low : b.high})`,
      side,
      delta: b.effects[k][side].delta ?? 0,
      se: b.effects[k][side].se ?? 0,
      noise: b.effects[k].withinNoise ? 'within noise' : 'significant',
    })),
  );
  const unitText = unit === 'probability' ? 'probability' : unit === 'amount' ? 'currency units' : 'days';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `Tornado: ${FIGURE_LABELS[k]}`, anchor: 'start' as const },
    width: 640,
    height: Math.max(60, 28 * order.length),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' as const },
        encoding: {
          y: { field: 'lever', type: 'nominal' as const, sort: order, title: null },
          x: { field: 'delta', type: 'quantitative' as const, title: `change in ${FIGURE_LABELS[k]} from base, ${unitText}` },
          color: { field: 'side', type: 'nominal' as const, scale: { domain: ['low', 'high'], range: ['#4c78a8', '#e45756'] }, title: 'bump' },
          opacity: { field: 'noise', type: 'nominal' as const, scale: { domain: ['significant', 'within noise'], range: [1, 0.3] }, title: null },
        },
      },
      {
        mark: { type: 'rule' as const, color: 'black' },
        encoding: { x: { datum: 0 } },
      },
    ],
  };
}

export async function sensitivityHtml(res: SensitivityResult, tool: string, commandLine: string): Promise<string> {
  const charts: string[] = [];
  for (const f of res.figures) {
    charts.push(await chartHtml(`tornado-${f.key}`, `Tornado: ${f.label}`, tornadoSpec(res, f.key) as never, `Bars: change from the base value ${fmt(res.base[f.key], f.key === 'pAnyShortfall' ? 'probability' : FIGURE_UNITS[f.key])}; faded bars are within noise (2 paired SE).`));
  }
  const head = ['lever', 'base value', 'low', 'high', ...res.figures.flatMap((f) => [`Δ ${f.label} low ± SE`, `Δ ${f.label} high ± SE`])];
  const cell = (d: PairedDelta, unit: 'probability' | 'amount' | 'days') =>
    `<span class="${d.significant ? 'significant' : 'noise'}">${esc(fmt(d.delta, unit))} ± ${esc(fmt(d.se, unit))}${d.significant ? ' *' : ''}</span>`;
  const rows = res.bars.map((b) => [
    esc(b.lever),
    esc(String(round(b.base, 6))),
    esc(String(round(b.low, 6))),
    esc(String(round(b.high, 6))),
    ...res.figures.flatMap((f) => [cell(b.effects[f.key].low, FIGURE_UNITS[f.key]), cell(b.effects[f.key].high, FIGURE_UNITS[f.key])]),
  ]);
  const body = `<header class="report-header"><h1>Sensitivity: ${esc(res.scenario)}</h1>
<p>${res.bars.length} levers, ${res.runs} runs of ${res.paths} paths (seed ${esc(res.seed)}) with common random numbers. * marks an effect larger than twice its paired standard error; grey and faded bars are within noise.</p></header>
<main>
<section id="table">${table(head, rows, 'sensitivity')}</section>
${charts.map((c) => `<section>${c}</section>`).join('\n')}
<section id="method"><h2>Method</h2><p>${esc(res.method)}</p></section>
<section id="reproducibility"><h3>Command</h3><pre class="command">${esc(commandLine)}</pre></section>
</main><footer>${esc(tool)}</footer>`;
  return page(`Sensitivity: ${res.scenario}`, body, tool);
}
