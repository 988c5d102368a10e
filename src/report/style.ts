/**
 * The report's only stylesheet, inlined into each page (the CSP allows inline styles and nothing
 * else). System fonts only. The print rules target A4: each section starts a page, charts and
 * small tables never split, list items stay whole and a list's last item never sits alone on a
 * page, the wide ledger prints on landscape pages with its header repeated, and every page carries
 * its number (`pageNumberCss`, in the report's language).
 */
export const REPORT_CSS = `
:root { --ink: #111827; --muted: #4b5563; --rule: #d1d5db; --soft: #f3f4f6;
  --bad: #b91c1c; --bad-bg: #fef2f2; --warn: #b45309; --warn-bg: #fffbeb; --ok: #15803d; --ok-bg: #f0fdf4; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
  font: 15px/1.5 Arial, "Liberation Sans", Helvetica, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 22px 0 8px; }
p { margin: 8px 0; }
code, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, Menlo, monospace; font-size: 12.5px; }
pre { background: var(--soft); border: 1px solid var(--rule); padding: 10px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
header.report-header { border-bottom: 1px solid var(--rule); padding-bottom: 12px; }
header .scenario { font-size: 18px; font-weight: bold; margin: 6px 0 2px; }
header .meta { color: var(--muted); font-size: 13.5px; }
nav.toc { margin: 16px 0 0; font-size: 14px; }
nav.toc ol { margin: 4px 0 0; padding-left: 22px; columns: 2; }
nav.toc a { color: #1d4ed8; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-size: 13px; background: #fff; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
table.figures th { width: 34%; font-weight: normal; color: var(--muted); }
.unit { color: var(--muted); font-size: 13px; }
td .unit { white-space: normal; display: inline-block; }
.verdict { border: 1px solid; border-left-width: 6px; padding: 10px 14px; margin: 12px 0 16px; }
.verdict h3 { margin: 0 0 4px; }
.verdict p { margin: 4px 0; }
.verdict-bad { border-color: var(--bad); background: var(--bad-bg); }
.verdict-warn { border-color: var(--warn); background: var(--warn-bg); }
.verdict-ok { border-color: var(--ok); background: var(--ok-bg); }
.flag-bad { color: var(--bad); font-weight: bold; }
.flag-ok { color: var(--ok); font-weight: bold; }
figure.chart { margin: 18px 0 26px; }
figure.chart svg { display: block; width: 100%; max-width: 100%; height: auto; }
figure.chart figcaption { color: var(--muted); font-size: 13.5px; margin-top: 4px; }
.fig-no { font-weight: bold; color: var(--ink); }
.date { white-space: nowrap; }
/* The ledger is wider than the text column: let it use the window's width, scrolling if needed. */
.ledger-scroll { overflow-x: auto; width: min(calc(100vw - 32px), 1500px); margin-left: calc(50% - min(50vw - 16px, 750px)); }
table.ledger td { white-space: nowrap; }
table.ledger { font-size: 11.5px; }
table.ledger th, table.ledger td { padding: 3px 5px; }
table.ledger th { min-width: 3.5em; }
table.ledger tr.overdue td { background: var(--bad-bg); }
table.ledger tr.mismatch td { background: #fee2e2; }
/* Column headers break only between words (and, in Chinese, never inside a word). */
th { hyphens: manual; overflow-wrap: normal; word-break: normal; }
:lang(zh-CN) th, :lang(zh-CN) .horizon-flag { word-break: keep-all; }
:lang(zh-CN) table.ledger th { white-space: nowrap; }
table.assumptions td:nth-child(2) { white-space: nowrap; }
.horizon-flag { font-size: 12px; }
h4 { font-size: 14px; margin: 14px 0 6px; }
.verdict table { background: #fff; }
ul.definitions li { margin: 4px 0; }
ol.events li { margin: 4px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--rule); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@page ledger { size: A4 landscape; margin: 12mm 10mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { margin-top: 0; }
  main > section { break-before: page; }
  main > section:first-child { break-before: auto; }
  h2, h3 { break-after: avoid; }
  figure.chart, table, .verdict, pre.command { break-inside: avoid; }
  table.assumptions { break-inside: auto; }
  /* The windows table has eleven columns: smaller type, and amounts may wrap after the currency. */
  table.windows, table.ranked-windows { font-size: 8pt; }
  table.windows th, table.windows td { padding: 3px 4px; }
  table.windows td.num { white-space: normal; }
  table.assumptions tr { break-inside: avoid; }
  p { orphans: 3; widows: 3; }
  li { break-inside: avoid; }
  ul > li:last-child, ol > li:last-child { break-before: avoid; }
  ul.limitations, ul.definitions { break-inside: avoid; }
  pre.resolved-scenario { font-size: 7pt; line-height: 1.25; columns: 2; column-gap: 6mm; white-space: pre-wrap; }
  section.ledger-section { page: ledger; }
  .ledger-scroll { overflow: visible; }
  .ledger-scroll { width: auto; margin-left: 0; }
  table { font-size: 9pt; }
  table.ledger { break-inside: auto; font-size: 6.5pt; }
  table.ledger th, table.ledger td { padding: 1px 3px; }
  table.ledger tr { break-inside: avoid; }
  thead { display: table-header-group; }
  pre { white-space: pre-wrap; }
  .verdict, table.ledger tr.overdue td, table.ledger tr.mismatch td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The page-number margin box of the print layout, in the report's language (`label`: a CSS content value). */
export function pageNumberCss(label: string): string {
  const box = `@bottom-right { content: ${label}; font: 9pt Arial, "Liberation Sans", Helvetica, "Noto Sans CJK SC", sans-serif; color: #4b5563; }`;
  return `@page { ${box} }\n@page ledger { ${box} }\n`;
}
