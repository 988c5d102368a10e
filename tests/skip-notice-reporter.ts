/**
 * A vitest reporter that runs after the default one: when tests were skipped, it says which and why
 * as the very last lines of the output, where a developer looks, instead of a warning buried among
 * hundreds of test lines. (The browser tests are skipped outside CI when Debian's Chromium is
 * missing; on CI they fail instead, see tests/report/browser.test.ts.)
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipNoticeReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        skipped.push(`${module.relativeModuleId}: ${test.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    const browser = skipped.some((s) => s.includes('browser.test'));
    const lines = [
      '',
      `!!! ${skipped.length} test${skipped.length === 1 ? '' : 's'} SKIPPED, not passed:`,
      ...skipped.slice(0, 10).map((s) => `!!!   ${s}`),
      ...(skipped.length > 10 ? [`!!!   ... and ${skipped.length - 10} more`] : []),
      ...(browser ? ["!!! The browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium"] : []),
      '',
    ];
    process.stderr.write(lines.join('\n'));
  }
}
