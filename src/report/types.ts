/** The report module's public types (re-exported from src/report/index.ts). */
import type { ReportLang } from './i18n.js';

export interface ReportOptions {
  lang: ReportLang;
  /** The exact CLI invocation, shown in the reproducibility section. */
  commandLine: string;
  /**
   * The run date (ISO) stated in the report: the CLI passes `--run-date` or today's date (UTC). It is
   * never written to results.json, whose bytes depend only on scenario and seed. Absent: "not stated".
   */
  runDate?: string;
}

export interface RenderedChart {
  /** File stem: charts/<name>.vl.json and charts/<name>.svg. */
  name: string;
  title: string;
  /** One sentence saying what to read from the chart (shown under it in the report). */
  caption: string;
  /** The Vega-Lite spec. */
  spec: object;
  /** Static SVG rendered in Node (a standalone SVG document, with its xmlns). */
  svg: string;
}
