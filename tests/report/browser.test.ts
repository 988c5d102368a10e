/**
 * The report in a real browser: Debian's headless Chromium driven by playwright-core opens
 * report.html from disk. No console errors, no request other than the file itself, all six charts
 * visible, also with JavaScript disabled; the print stylesheet gives A4 pages (landscape for the
 * ledger). Screenshots go to reports/screenshots/ (LIQSIM_UPDATE_DOCS_SCREENSHOT=1 also refreshes
 * docs/report-screenshot.png, the README's picture).
 *
 * Without /usr/bin/chromium the suite fails on CI (CI is set) and is skipped, loudly, elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHART_NAMES } from '../../src/report/charts.js';
import { writeIndex, writeReport } from '../../src/report/index.js';
import { makeResults } from './fixture.js';

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

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liqsim-browser-'));
    reportFile = join(dir, 'maturity-peak', 'report.html');
    const entries = [
      { dirName: 'maturity-peak', results: makeResults() },
      { dirName: 'calm', results: makeResults({ shortfall: 'none', name: 'Calm quarter' }) },
    ];
    for (const e of entries) await writeReport(join(dir, e.dirName), e.results, { lang: 'en', commandLine: 'liqsim run maturity-peak.yaml calm.yaml' });
    await writeReport(join(dir, 'maturity-peak-zh'), entries[0].results, { lang: 'zh-CN', commandLine: 'liqsim run maturity-peak.yaml --lang zh-CN' });
    await writeIndex(dir, entries, { lang: 'en', commandLine: 'liqsim run maturity-peak.yaml calm.yaml' });
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
    if (process.env.LIQSIM_UPDATE_DOCS_SCREENSHOT) copyFileSync(join(screenshots, 'report-top.png'), join(root, 'docs', 'report-screenshot.png'));
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
