/**
 * The `liqsim suite` job: read the suite, run its members on one pool of threads, and write
 * OUT/<suite>/ with a folder per member (results.json, daily.csv, report.html: as `liqsim run`
 * writes them), suite.json, suite.html and index.html (the members side by side, linking both).
 */
import { basename, extname, join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { defaultThreads } from '../engine/parallel.js';
import { checkOutputTargets, OutputSet, outputDirName } from '../io/output.js';
import { writeResultsFiles } from '../results/write.js';
import { TOOL_VERSION } from '../version.js';
import { loadScenario } from '../model/load.js';
import { PairedRunner } from '../analysis/pool.js';
import { readSuite } from '../analysis/suite-file.js';
import { runSuite, suiteJson, type SuiteJson } from '../analysis/suite.js';
import { suiteHtml } from './suite-html.js';
import { esc } from './analysis-html.js';
import { analysisMessages } from './analysis-i18n.js';
import type { ReportLang } from './i18n.js';

export interface SuiteJobOptions {
  out: string;
  threads?: number;
  /** Paths of every member, overriding the suite file's `paths`. */
  paths?: number;
  /** The regulatory ratios compared (`--ratio`: ['none'] for none; undefined: the suite file's `ratios`, else sensitivity's defaults). */
  ratios?: string[];
  report: boolean;
  /** Search window levers in each member's results (as `liqsim run` does by default). */
  levers?: boolean;
  commandLine: string;
  /** Language of the pages (member reports, suite.html, index.html; default English). */
  lang?: ReportLang;
  onMember?: (name: string) => void;
}

export function suiteDirName(file: string): string {
  const b = basename(file);
  const ext = extname(b);
  return outputDirName(ext === '.yaml' || ext === '.yml' ? b.slice(0, -ext.length) : b);
}

export async function suiteJob(file: string, options: SuiteJobOptions): Promise<{ dir: string; json: SuiteJson }> {
  const read = readSuite(file);
  // --paths and --ratio override the suite file's
  const spec = { ...read, paths: options.paths ?? read.paths, ...(options.ratios === undefined ? {} : { ratios: options.ratios, ratioLocations: undefined }) };
  const name = suiteDirName(file);
  const out = checkOutputTargets(options.out, [name], '--out');
  const base = loadScenario(spec.members[spec.base].file).model;
  const threads = options.threads ?? defaultThreads(base, spec.paths ?? base.paths);
  const runner = new PairedRunner(threads);
  try {
    const runs = await runSuite(spec, runner, (m) => options.onMember?.(m.name), { levers: options.levers });
    const json = suiteJson(spec, runs);
    const tool = `liqsim ${TOOL_VERSION}`;
    const lang = options.lang ?? 'en';
    const outputs = new OutputSet(out);
    try {
      const staged = outputs.stageDir(name);
      const report = options.report ? await import('./index.js') : null;
      for (const r of runs) {
        const dir = join(staged, r.member.name);
        mkdirSync(dir, { recursive: true });
        writeResultsFiles(dir, r.results);
        if (report) await report.writeReport(dir, r.results, { lang, commandLine: options.commandLine });
      }
      writeFileSync(join(staged, 'suite.json'), `${JSON.stringify(json, null, 2)}\n`);
      if (report) {
        writeFileSync(join(staged, 'suite.html'), await suiteHtml(json, tool, options.commandLine, lang));
        const { html } = await report.renderIndex(
          runs.map((r) => ({ dirName: r.member.name, results: r.results })),
          { lang, commandLine: options.commandLine },
        );
        // The comparison page links the suite's paired deltas.
        const link = `<p id="suite-link"><a href="suite.html">${esc(analysisMessages(lang).indexLink)}</a></p>\n`;
        writeFileSync(join(staged, 'index.html'), html.replace('<main>\n', `<main>\n${link}`));
      }
      outputs.commit();
    } catch (error) {
      outputs.discard();
      throw error;
    }
    return { dir: join(out, name), json };
  } finally {
    await runner.close();
  }
}
