/**
 * Which liqsim this is: the package version and the git commit of the build (a leaf: every stage
 * may import it). Both are recorded in results, partial results and baselines.
 */
import { readFileSync } from 'node:fs';

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * The git commit this build was made from (dist/build-info.json, written by scripts/build-info.mjs),
 * "-dirty" appended for uncommitted changes; null when unknown (running from src/, or built outside git).
 */
export const TOOL_COMMIT: string | null = (() => {
  try {
    const info = JSON.parse(readFileSync(new URL('./build-info.json', import.meta.url), 'utf8')) as { commit?: unknown };
    return typeof info.commit === 'string' ? info.commit : null;
  } catch {
    return null;
  }
})();
