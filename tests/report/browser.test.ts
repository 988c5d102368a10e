/**
 * The report in a real browser: Debian's headless Chromium driven by playwright-core opens
 * report.html from disk. No console errors, no request other than the file itself, all six charts
 * visible, also with JavaScript disabled; the print stylesheet gives A4 pages (landscape for the
 * ledger). The bundled maturity-peak scenario, simulated in full, is printed to an A4 PDF whose
 * pages are read back (./pdf-text.ts): page numbers, no page holding only a bullet, every section,
 * the ledger's header on each of its pages. Screenshots go to reports/screenshots/
 * (LIQSIM_UPDATE_DOCS_SCREENSHOT=1 also refreshes docs/report-screenshot.png and
 * docs/report-charts.png, the README's pictures, from the bundled scenario's real report).
 *
 * Without /usr/bin/chromium the suite fails on CI (CI is set) and is skipped, loudly, elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHART_NAMES } from '../../src/report/charts.js';
import { messages } from '../../src/report/i18n.js';
import { writeIndex, writeReport } from '../../src/report/index.js';
import { runScenario } from '../../src/results/run.js';
import { resultsWithLevers } from '../../src/analysis/levers.js';
import { makeResults } from './fixture.js';
import { pdfPageSizes, pdfPageTexts } from './pdf-text.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const root = resolve(import.meta.dirname, '../..');
const screenshots = join(root, 'reports', 'screenshots');

if (!HAVE_CHROMIUM && !process.env.CI) {
  console.warn(`browser tests skipped: ${CHROMIUM} not found (install Debian's chromium package; on CI this fails)`);
}

describe('Chromium is available', () => {
  // Runs (and passes) wherever Chromium is installed; fails on CI without it; skipped only outside
  // CI without it, where the skip-notice reporter says so at the end of the output.
  it('Chromium is at /usr/bin/chromium (required on CI)', (ctx) => {
    if (!HAVE_CHROMIUM && !process.env.CI) ctx.skip();
    expect(HAVE_CHROMIUM, `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  });
});

interface Visit {
  page: Page;
  requests: string[];
  consoleErrors: string[];
}

async function visit(context: BrowserContext, file: string): Promise<Visit> {
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, consoleErrors };
}

async function expectChartsVisible(page: Page): Promise<void> {
  const figures = page.locator('figure.chart');
  expect(await figures.count()).toBe(CHART_NAMES.length);
  for (const name of CHART_NAMES) {
    const svg = page.locator(`#chart-${name} svg`);
    await svg.scrollIntoViewIfNeeded();
    expect(await svg.isVisible()).toBe(true);
    const box = await svg.boundingBox();
    expect(box, name).not.toBeNull();
    expect(box!.width, name).toBeGreaterThan(400);
    expect(box!.height, name).toBeGreaterThan(150);
    // Marks were drawn, not just an empty frame.
    expect(await page.locator(`#chart-${name} svg path, #chart-${name} svg line`).count(), name).toBeGreaterThan(10);
  }
}

describe.skipIf(!HAVE_CHROMIUM)('report.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let reportFile: string;
  let bundledFile: string;
  let bundledZhFile: string;

  beforeAll(async () => {
    // The bundled story in full (4,000 paths, about 5 s on one thread), as `liqsim run` writes it:
    // with the window levers run computes by default.
    const { model, results: plain } = await runScenario(join(root, 'scenarios', 'maturity-peak-2020q1.yaml'), { threads: 1 });
    const bundled = resultsWithLevers(model, plain);
    dir = mkdtempSync(join(tmpdir(), 'liqsim-browser-'));
    reportFile = join(dir, 'maturity-peak', 'report.html');
    const entries = [
      { dirName: 'maturity-peak', results: makeResults() },
      { dirName: 'calm', results: makeResults({ shortfall: 'none', name: 'Calm quarter' }) },
    ];
    for (const e of entries) await writeReport(join(dir, e.dirName), e.results, { lang: 'en', commandLine: 'liqsim run maturity-peak.yaml calm.yaml' });
    await writeReport(join(dir, 'maturity-peak-zh'), entries[0].results, { lang: 'zh-CN', commandLine: 'liqsim run maturity-peak.yaml --lang zh-CN' });
    await writeIndex(dir, entries, { lang: 'en', commandLine: 'liqsim run maturity-peak.yaml calm.yaml' });
    const bundledCommand = 'liqsim run scenarios/maturity-peak-2020q1.yaml';
    await writeReport(join(dir, 'bundled'), bundled, { lang: 'en', commandLine: bundledCommand, runDate: '2026-12-02' });
    await writeReport(join(dir, 'bundled'), bundled, { lang: 'zh-CN', commandLine: `${bundledCommand} --lang zh-CN`, runDate: '2026-12-02' }, { html: 'report.zh-CN.html', charts: 'charts.zh-CN' });
    bundledFile = join(dir, 'bundled', 'report.html');
    bundledZhFile = join(dir, 'bundled', 'report.zh-CN.html');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens with no console error, no request but the file itself, all six charts visible', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, requests, consoleErrors } = await visit(context, reportFile);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(reportFile).href]);
    await expectChartsVisible(page);
    expect(await page.locator('table.windows tbody tr').count()).toBe(2);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'report.png'), fullPage: true });
    // The README picture: the summary, the windows and the headline chart.
    const headlineBottom = await page
      .locator('#chart-shortfall-probability')
      .evaluate((el) => el.getBoundingClientRect().bottom + (el.ownerDocument.defaultView?.scrollY ?? 0));
    await page.screenshot({
      path: join(screenshots, 'report-top.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1200, height: Math.ceil(headlineBottom + 16) },
    });
    await context.close();
  }, 60_000);

  it('shows the charts with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const { page, requests, consoleErrors } = await visit(context, reportFile);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(reportFile).href]);
    await expectChartsVisible(page);
    await context.close();
  }, 60_000);

  it('the Chinese report renders too', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const file = join(dir, 'maturity-peak-zh', 'report.html');
    const { page, requests, consoleErrors } = await visit(context, file);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await expectChartsVisible(page);
    await page.screenshot({ path: join(screenshots, 'report-zh-CN.png'), fullPage: true });
    await context.close();
  }, 60_000);

  it('prints on A4, the ledger on landscape pages, charts whole', async () => {
    // A viewport as wide as a portrait A4 page's printable width (210 mm - 2 x 12 mm = 703 CSS px).
    const context = await browser.newContext({ viewport: { width: 703, height: 1000 } });
    const { page } = await visit(context, reportFile);
    await page.emulateMedia({ media: 'print' });
    for (const name of CHART_NAMES) {
      const width = await page.locator(`#chart-${name} svg`).evaluate((el) => el.getBoundingClientRect().width);
      expect(width, name).toBeGreaterThan(600);
      expect(width, name).toBeLessThanOrEqual(703);
    }
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    const portrait = boxes.filter(([w, h]) => w === 595 && h === 842).length;
    const landscape = boxes.filter(([w, h]) => w === 842 && h === 595).length;
    expect(portrait).toBeGreaterThanOrEqual(6); // one page or more per section
    expect(landscape).toBeGreaterThanOrEqual(1); // the ledger
    expect(portrait + landscape).toBe(boxes.length);
    await context.close();
  }, 60_000);

  it('the bundled maturity-peak report prints to A4: numbered pages, no bullet alone on a page, every section, the ledger whole', async () => {
    const context = await browser.newContext({ viewport: { width: 703, height: 1000 } });
    const { page, consoleErrors } = await visit(context, bundledFile);
    expect(consoleErrors).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    // Every table but the (landscape) ledger fits the portrait page: no column cut off.
    const widths = await page.evaluate(() =>
      [...document.querySelectorAll('main table:not(.ledger)')].map((t) => [t.className, t.getBoundingClientRect().width, t.closest('section')!.getBoundingClientRect().width]),
    );
    for (const [name, table, section] of widths) expect(table as number, name as string).toBeLessThanOrEqual((section as number) + 0.5);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(join(screenshots, 'bundled-report.pdf'), pdf);
    const sizes = pdfPageSizes(pdf);
    const texts = pdfPageTexts(pdf);
    expect(texts).toHaveLength(sizes.length);
    // A4 only (portrait 595 x 842 pt, landscape for the ledger); one page or more per section. The
    // raw YAML, 10 of 22 pages before, is a two-column appendix of 2 pages (21 pages in all when
    // measured); the bound leaves room for the regulatory ratios section.
    for (const [w, h] of sizes) expect([`${w}x${h}`]).toSatisfy(([x]: string[]) => x === '595x842' || x === '842x595');
    expect(sizes.length).toBeGreaterThanOrEqual(9);
    expect(sizes.length).toBeLessThanOrEqual(28);
    const appendixPages = texts.filter((t) => /maturity_date:/.test(t.replace(/\s+/g, ''))).length;
    expect(appendixPages).toBeLessThanOrEqual(3);
    // Every page is numbered "Page n of N" (CSS @page counters).
    const squash = (x: string) => x.replace(/\s+/g, '');
    texts.forEach((t, i) => expect(squash(t), `page ${i + 1}`).toContain(squash(`Page ${i + 1} of ${texts.length}`)));
    // Every section's heading is printed, in order.
    const headings = await page.locator('main > section > h2').allTextContents();
    expect(headings.length).toBeGreaterThanOrEqual(9);
    let from = 0;
    for (const h of headings) {
      const at = texts.findIndex((t, i) => i >= from && squash(t).includes(squash(h)));
      expect(at, h).toBeGreaterThanOrEqual(from);
      from = at;
    }
    // No page holds only a bullet: a page's text (less its number) is never part of one list item.
    const items = (await page.locator('main li').allTextContents()).map(squash).filter((x) => x.length > 0);
    texts.forEach((t, i) => {
      const body = squash(t).replace(squash(`Page ${i + 1} of ${texts.length}`), '');
      expect(body.length, `page ${i + 1} is empty`).toBeGreaterThan(0);
      expect(items.some((li) => li.includes(body)), `page ${i + 1} holds only part of one bullet: ${t.slice(0, 80)}`).toBe(false);
    });
    // The ledger (the landscape pages): each repeats the full header, last column included.
    const ledgerPages = texts.filter((_, i) => sizes[i][0] === 842);
    expect(ledgerPages.length).toBeGreaterThanOrEqual(2);
    for (const t of ledgerPages) for (const h of ['Date', 'Opening cash', 'Closing cash', 'Overdue', 'Cause', 'Check']) expect(squash(t)).toContain(squash(h));
    await context.close();
  }, 120_000);

  it('the ledger fits a landscape A4 page in print, no column cut (en and zh-CN)', async () => {
    // Landscape A4 less the ledger page's margins: 297 mm - 2 x 10 mm = 277 mm = 1047 CSS px.
    for (const file of [bundledFile, bundledZhFile]) {
      const context = await browser.newContext({ viewport: { width: 1047, height: 800 } });
      const { page } = await visit(context, file);
      await page.emulateMedia({ media: 'print' });
      const { table, container } = await page.locator('table.ledger').evaluate((el) => ({
        table: el.getBoundingClientRect().width,
        container: (el.closest('section') as HTMLElement).getBoundingClientRect().width,
      }));
      expect(table, file).toBeLessThanOrEqual(container + 0.5);
      await context.close();
    }
  }, 60_000);

  it('zh-CN headers never break inside a word: ledger headers on one line, others keep words whole', async () => {
    const context = await browser.newContext({ viewport: { width: 1047, height: 800 } });
    const { page } = await visit(context, bundledZhFile);
    await page.emulateMedia({ media: 'print' });
    const lines = await page.locator('table.ledger thead th').evaluateAll((ths) =>
      ths.map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }),
    );
    expect(lines.every((n) => n === 1), JSON.stringify(lines)).toBe(true);
    const wordBreak = await page.locator('table.windows thead th').first().evaluate((th) => getComputedStyle(th).wordBreak);
    expect(wordBreak).toBe('keep-all');
    await context.close();
  }, 60_000);

  it('the bundled report names a lever (or says it was not computed) for every window, and flags the cut-off one', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1500 } });
    const { page } = await visit(context, bundledFile);
    const en = messages('en');
    const rows = page.locator('table.ranked-windows tbody tr');
    expect(await rows.count()).toBe(await page.locator('table.windows tbody tr').count());
    for (const lever of await page.locator('table.ranked-windows tbody td:nth-child(7)').allTextContents()) {
      expect(lever).toMatch(new RegExp(`^(a further |a channel limit of |processing capacity of |not found: |${en.leverNotComputed}$)`));
    }
    expect(await page.locator('#summary .horizon-flag').count()).toBeGreaterThanOrEqual(1);
    for (const id of ['assumptions', 'limitations', 'appendix']) expect(await page.locator(`section#${id}`).count(), id).toBe(1);
    // The README's pictures, from this real report: the top of the page, and the first charts.
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'bundled-top.png'), clip: { x: 0, y: 0, width: 1100, height: 1500 } });
    const chartsTop = await page.locator('#charts').evaluate((el) => el.getBoundingClientRect().top + (el.ownerDocument.defaultView?.scrollY ?? 0));
    await page.screenshot({ path: join(screenshots, 'bundled-charts.png'), fullPage: true, clip: { x: 0, y: Math.floor(chartsTop) - 8, width: 1100, height: 1500 } });
    if (process.env.LIQSIM_UPDATE_DOCS_SCREENSHOT) {
      copyFileSync(join(screenshots, 'bundled-top.png'), join(root, 'docs', 'report-screenshot.png'));
      copyFileSync(join(screenshots, 'bundled-charts.png'), join(root, 'docs', 'report-charts.png'));
    }
    await context.close();
  }, 60_000);

  it('index.html links each report and draws the overlay, without requests', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const file = join(dir, 'index.html');
    const { page, requests, consoleErrors } = await visit(context, file);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('table.scenarios tbody tr').count()).toBe(2);
    const box = await page.locator('figure.chart svg').boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    await page.locator('a', { hasText: 'open report' }).first().click();
    await page.waitForURL(/maturity-peak\/report\.html$/);
    expect(await page.title()).toContain('Maturity peak');
    await context.close();
  }, 60_000);
});
