/**
 * The analysis pages (suite comparison, sensitivity tornado, reverse stress test) in Chinese
 * (`--lang zh-CN`), as the main report is: the page's language, the catalogue's text
 * (src/report/analysis-i18n.ts) in headings, tables and charts, and no English text left; the English
 * pages keep theirs.
 */
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { buildModel } from '../engine/model-builder.js';
import { PairedRunner } from '../../src/analysis/pool.js';
import { parseVary, sensitivity } from '../../src/analysis/sensitivity.js';
import { reverseStress } from '../../src/analysis/reverse.js';
import { parseLeverKey } from '../../src/analysis/variants.js';
import { parseTarget } from '../../src/analysis/target.js';
import { readSuite } from '../../src/analysis/suite-file.js';
import { runSuite, suiteJson } from '../../src/analysis/suite.js';
import { loadScenario } from '../../src/model/load.js';
import { sensitivityHtml } from '../../src/report/sensitivity-html.js';
import { reverseHtml } from '../../src/report/reverse-html.js';
import { suiteHtml } from '../../src/report/suite-html.js';
import { figureLabelIn, analysisMessages, fmtIn } from '../../src/report/analysis-i18n.js';

const fixtures = resolve(import.meta.dirname, '../analysis/fixtures');
/** Visible text of a page: no tags, no chart specs. */
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
const ENGLISH = ['Tornado', 'Breach curve', 'Method', 'Command', 'Monotonicity', 'within noise', 'paired SE', 'Members against the base', 'Shortfall windows', 'lever', 'runs of', 'base value'];

describe('analysis pages in Chinese', () => {
  it('labels figures and amounts as the Chinese report does', () => {
    const zh = analysisMessages('zh-CN');
    expect(figureLabelIn(zh, 'pBelowFloor(lcr3_3m)', 0.5)).toBe('P(LCR3（3个月） < 0.5)');
    expect(figureLabelIn(zh, 'basel30d')).toBe('巴塞尔式30天比率（均值）');
    expect(figureLabelIn(zh, 'pAnyShortfall')).toBe('任一短缺概率');
    // 1,234,000,000 = 12.34亿; 56,000 = 5.6万.
    expect(fmtIn(zh, 1_234_000_000, 'amount')).toBe('12.34亿');
    expect(fmtIn(zh, 56_000, 'amount')).toBe('5.6万');
    expect(fmtIn(analysisMessages('en'), 1_234_000_000, 'amount')).toBe('1.23 bn');
    // a tiny negative delta at the shown precision is 0, not a fall of -0.00%
    expect(fmtIn(analysisMessages('en'), -0.00001, 'ratio')).toBe('0.00%');
    expect(fmtIn(analysisMessages('en'), -0.0001, 'ratio')).toBe('-0.01%');
    expect(fmtIn(analysisMessages('en'), -0.4, 'amount')).toBe('0');
    expect(fmtIn(analysisMessages('en'), -0.04, 'days')).toBe('0.0');
  });

  it('sensitivity: zh-CN page, tornado titles and table in Chinese, no English left', async () => {
    const model = buildModel({ horizon: 20, cash: 100, paths: 8, cohorts: [{ value: 150, maturityDay: 10 }] });
    const res = await sensitivity(model, [parseVary('funding.cash=70..120', model)], new PairedRunner(1), { scenario: '测试', file: 't' });
    const zh = await sensitivityHtml(res, 'liqsim test', 'liqsim sensitivity ...', 'zh-CN');
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).toContain('敏感性分析：测试');
    expect(zh).toContain('龙卷风图：LCR3（3个月）（均值）');
    expect(zh).toContain('龙卷风图：P(LCR3（3个月） &lt; 0.5)');
    expect(zh).toContain('<th>Δ 低 ± 配对标准误</th>');
    for (const word of ENGLISH) expect(text(zh), word).not.toContain(word);
    const en = await sensitivityHtml(res, 'liqsim test', 'liqsim sensitivity ...');
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Tornado: LCR3 3m (mean)');
  });

  it('reverse: the answer, the monotonicity finding and the runs in Chinese', async () => {
    const model = loadScenario(join(fixtures, 'relaxation-wave.yaml')).model;
    const r = await reverseStress(model, new PairedRunner(1), { lever: parseLeverKey('mass_lapse.share'), target: parseTarget('pAnyShortfall >= 0.5'), low: 0.001, high: 0.5 });
    const zh = await reverseHtml({ ...r, scenario: '单调性', seed: model.seed, paths: model.paths }, 'liqsim test', 'liqsim reverse ...', 'zh-CN');
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).toContain('反向压力测试：单调性');
    expect(zh).toMatch(/目标 pAnyShortfall &gt;= 0\.5 在 mass_lapse\.share = 0\.03\d* 时首次被突破/);
    expect(zh).toContain('不单调：在8点网格上有4条路径与搜索方向相反');
    expect(zh).toContain('路径 0 在 0.034855 与 0.084691 之间');
    expect(zh).toContain('<th>与方向相反的路径数</th>');
    for (const word of ENGLISH) expect(text(zh), word).not.toContain(word);
  });

  it('suite: overlay, member table and windows in Chinese', { timeout: 60_000 }, async () => {
    const spec = { ...readSuite(join(fixtures, 'suite.yaml')), paths: 60 };
    const json = suiteJson(spec, await runSuite(spec, new PairedRunner(1), undefined, { levers: false }));
    const zh = await suiteHtml(json, 'liqsim test', 'liqsim suite ...', 'zh-CN');
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).toContain('Test suite：情景组比较');
    expect(zh).toContain('<h2>各成员与基准的比较</h2>');
    expect(zh).toContain('<th>任一短缺概率</th>');
    expect(zh).toContain('<td>基准</td>');
    expect(zh).toContain('各成员每日出现逾期付款的概率');
    for (const word of ENGLISH) expect(text(zh).replace('Test suite', ''), word).not.toContain(word);
  });

  it('suite: the regulatory ratios table, a row per ratio and member, in both languages; none with --ratio none', async () => {
    const spec = readSuite(join(fixtures, 'ratio-suite.yaml'));
    const json = suiteJson(spec, await runSuite(spec, new PairedRunner(1), undefined, { levers: false }));
    const row = (html: string, ratio: string, member: string) => new RegExp(`<tr><td>${ratio}</td><td>[^<]*</td><td>${member}</td>(.*?)</tr>`).exec(html)?.[1];
    const en = await suiteHtml(json, 'liqsim test', 'liqsim suite ...');
    expect(en).toContain('<h2>Regulatory ratios against the base</h2>');
    expect(en).toContain('No per-path ratios (n/a) for no-regulatory-key');
    expect(en).toContain('<th>P(below floor)</th>');
    // LCR3: 100 / 150 against 70 / 150, floor 0.5 (tests/analysis/fixtures/maturity-150.yaml)
    expect(row(en, 'LCR3 3m', 'cash-70')).toBe('<td>46.67%</td><td><span class="significant">-20.00 pp ± 0.00 pp *</span></td><td>100.00%</td><td><span class="significant">100.00 pp ± 0.00 pp *</span></td>');
    expect(row(en, 'LCR3 3m', 'no-regulatory-key')).toBe('<td>n/a</td><td>n/a</td><td>n/a</td><td>n/a</td>');
    expect(en.match(/<tr><td>(LCR[23] 3m|Basel-style 30-day ratio)<\/td>/g)!.length).toBe(3 * 4);
    const zh = await suiteHtml(json, 'liqsim test', 'liqsim suite ...', 'zh-CN');
    expect(zh).toContain('<h2>监管比率与基准的比较</h2>');
    expect(zh).toContain('<th>低于下限的概率</th>');
    expect(zh).toContain('no-regulatory-key没有逐路径比率（无）');
    expect(row(zh, 'LCR3（3个月）', 'cash-120')).toBe('<td>80.00%</td><td><span class="significant">13.33 个百分点 ± 0.00 个百分点 *</span></td><td>0.00%</td><td><span class="noise">0.00 个百分点 ± 0.00 个百分点</span></td>');
    expect(row(zh, '巴塞尔式30天比率', 'base')).toBe('<td>66.67%</td><td>—</td><td>100.00%</td><td>—</td>');
    for (const word of [...ENGLISH, 'Regulatory', 'below floor', 'per-path']) expect(text(zh).replace('Ratio suite', ''), word).not.toContain(word);
    const none = { ...spec, ratios: ['none'] };
    const plain = await suiteHtml(suiteJson(none, await runSuite(none, new PairedRunner(1), undefined, { levers: false })), 'liqsim test', 'liqsim suite ...');
    expect(plain).not.toContain('id="ratios"');
  });
});
