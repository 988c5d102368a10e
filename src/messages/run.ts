/**
 * The texts of problems outside a scenario file: the command line, output folders, the documents
 * liqsim wrote and reads back (results, baselines, partial results, sketches), merging shards, the
 * kernel, and the analysis commands (levers, presets, suites). Like `messages` in catalogue.ts,
 * each factory returns a `Problem` (its code, typed fields and text); a throw site reads
 * `throw errorOf(runMessages.shardSyntax(text))`, so no English is written where errors are
 * thrown. Grouped by code, in the order of `IssueFields`.
 */
import { terminalLines, terminalText } from '../escape/terminal.js';
import type { Problem } from './catalogue.js';

/** The hint every `--shard` problem carries: array jobs count from 0, shards from 1. */
const SHARD_HINT = 'K counts from 1 to N; a 0-based array index such as JOB_COMPLETION_INDEX needs +1: --shard $((JOB_COMPLETION_INDEX + 1))/N';

/** What to do about a results file this version cannot read. */
const RESULTS_HINT = 'results.json is written by `liqsim run`; re-run the scenario to get a fresh one.';

/** `paths 0..99 (blocks 0..1)`: a range of paths and the blocks that hold them, both inclusive. */
function pathRange(firstPath: number, endPath: number, firstBlock: number, endBlock: number): string {
  return `paths ${firstPath}..${endPath - 1} (blocks ${firstBlock}..${endBlock - 1})`;
}

const flagName = (flag: string) => flag.replace(/^-+/, '');

/** A scenario `liqsim check` cannot judge because it has no baseline yet (a row of the check report, not an error). */
export function noBaseline(baselineFile: string, scenarioFile: string): { message: string; hint: string } {
  return { message: `no baseline ${baselineFile}`, hint: `liqsim check --update ${scenarioFile}` };
}

/** Why liqsim will not replace an output folder (the `why` of `refuseToReplace`). */
export const replaceRefusals = {
  cannotInspect: (reason: string) => `cannot inspect it (${reason})`,
  symbolicLink: 'it is a symbolic link',
  notAFolder: 'it is a file, not a folder liqsim wrote',
  cannotRead: (reason: string) => `cannot read it (${reason})`,
  notWrittenByLiqsim: (marker: string) => `it was not written by liqsim (no ${marker} marker) and holds other files`,
};

/**
 * A field of a partial result a defect is in: a key path (`totals.peakSq`), or one day's cell of the
 * totals, by its name in FIELD or as credit line `creditLine` (from 1).
 */
export type PartialField = string | { day: number; cell: string } | { day: number; creditLine: number };

/** `totals.peakSq`, `totals (day 3, overdue)`, `totals (day 3, credit line 2)`. */
function partialFieldName(field: PartialField): string {
  if (typeof field === 'string') return field;
  return `totals (day ${field.day}, ${'cell' in field ? field.cell : `credit line ${field.creditLine}`})`;
}

/** One defect of a partial result: where it is and why no honest shard wrote it (the `defect` of `damagedPartial`). */
export interface PartialDefect {
  readonly field: PartialField;
  readonly why: string;
}

/**
 * The defects `readPartial` (src/engine/shard.ts) finds in a partial result that its schema lets
 * through, one maker per kind, from the figures that disagree.
 */
export const partialDefects = {
  // -- lists of the wrong length
  /** One entry per day or per path statistic expected. */
  entries(field: string, found: number, unit: 'values' | 'sketches', expected: number, per: 'days' | 'path statistics'): PartialDefect {
    return { field, why: `${found} ${unit} for ${expected} ${per}` };
  },
  /** `totals.hi` and `totals.lo` hold one word per day and field. */
  cells(field: 'totals.hi' | 'totals.lo', found: number, expected: number): PartialDefect {
    return { field, why: `${found} values, days x fields is ${expected}` };
  },
  peakSketches(found: number): PartialDefect {
    return { field: 'totals.peak', why: `${found} sketches, 1 expected` };
  },
  statBounds(): PartialDefect {
    return { field: 'totals.statMin', why: 'one smallest and largest value per path statistic expected' };
  },

  // -- the shard and its blocks
  blocks(paths: number, blocks: number): PartialDefect {
    return { field: 'run.blocks', why: `${paths} paths do not make ${blocks} blocks` };
  },
  shardIndex(index: number, count: number): PartialDefect {
    return { field: 'shard.index', why: `${index} is above shard.count ${count}` };
  },
  shardCount(paths: number, count: number): PartialDefect {
    return { field: 'shard.count', why: `${paths} paths cannot make ${count} shards` };
  },
  /** The part's blocks [firstBlock, endBlock) are not [expected[0], expected[1]), those of shard index/count. */
  shardBlocks(shard: { index: number; count: number; firstBlock: number; endBlock: number }, expected: readonly [number, number]): PartialDefect {
    const { index, count, firstBlock, endBlock } = shard;
    return { field: 'shard.firstBlock', why: `blocks ${firstBlock}..${endBlock} are not those of shard ${index}/${count} (${expected[0]}..${expected[1]})` };
  },
  shardPaths(): PartialDefect {
    return { field: 'shard.firstPath', why: 'the path range does not match its blocks' };
  },

  // -- counts of paths (`paths`: how many the part's range holds)
  paths(found: number, paths: number): PartialDefect {
    return { field: 'totals.paths', why: `${found} paths, its range holds ${paths}` };
  },
  pathsWithShortfall(found: number, paths: number): PartialDefect {
    return { field: 'totals.pathsWithShortfall', why: `${found} is more than the part's ${paths} paths` };
  },
  firstShortfallSum(sum: number, pathsWithShortfall: number): PartialDefect {
    return { field: 'totals.firstShortfall', why: `counts add up to ${sum}, totals.pathsWithShortfall is ${pathsWithShortfall}` };
  },
  dayShortfallPaths(day: number, short: bigint, pathsWithShortfall: number, paths: number): PartialDefect {
    return { field: { day, cell: 'shortfall paths' }, why: `${short} paths short, but ${pathsWithShortfall} of ${paths} paths ever are` };
  },
  /** A sketch that counts other than one value per path. */
  sketchCount(field: string, counted: number, paths: number): PartialDefect {
    return { field, why: `counts ${counted} values for ${paths} paths` };
  },

  // -- amounts and their sums of squares
  /** The low part of a total (`totals.lo`, the total is hi x 2^32 + lo) outside its range. */
  lowWord(index: number, value: number): PartialDefect {
    return { field: `totals.lo[${index}]`, why: `${value} is outside [0, 2^52)` };
  },
  /** A total that cannot be negative; `value` when it is worth showing. */
  negative(field: PartialField, value?: bigint): PartialDefect {
    return { field, why: value === undefined ? 'negative' : `${value} is negative` };
  },
  peakTotalNegative(): PartialDefect {
    return { field: 'totals.peakHi', why: 'the peak overdue total is negative' };
  },
  /** A sum of squares `sq` below what `paths` values adding up to `sum` allow (or negative). */
  sumOfSquares(field: string, sq: string, paths: number, of: 'overdue amounts' | 'peaks', sum: bigint): PartialDefect {
    return { field, why: `${sq} cannot be the sum of squares of ${paths} ${of} adding up to ${sum}` };
  },

  // -- the worst path
  /** A worst path where the part has no paths, or none where it has. */
  worstPresence(paths: number): PartialDefect {
    return { field: 'totals.worst', why: paths === 0 ? 'a worst path in a part without paths' : 'missing' };
  },
  worstPath(path: number, firstPath: number, endPath: number): PartialDefect {
    return { field: 'totals.worst.path', why: `${path} is not one of the part's paths ${firstPath}..${endPath - 1}` };
  },
  worstPeak(peak: number, peakTotal: bigint): PartialDefect {
    return { field: 'totals.worst.peakOverdue', why: `${peak} is above the part's peak total ${peakTotal}` };
  },

  /** The totals could not be rebuilt: `detail` is the message of the error that said why (a sketch's). */
  totals(detail: string): PartialDefect {
    return { field: 'totals', why: detail };
  },
};

/** A sketch set's JSON that is not one liqsim wrote, and why. */
function invalidSketch(why: string): Problem {
  return { code: 'invalid-partial', message: `invalid sketch data: ${why}` };
}

/**
 * A sketch set's JSON (`SketchSet.fromJSON`, src/engine/sketch.ts) that is not one liqsim wrote:
 * `sketch` is the index of the sketch the defect is in, absent for the set's own fields.
 */
export const sketchDefects = {
  /** The set (no `sketch`) or one of its sketches is not a JSON object. */
  notAnObject(sketch?: number): Problem {
    return invalidSketch(sketch === undefined ? 'expected an object' : `sketch ${sketch} must be an object`);
  },
  /** A field of the set's header that must hold exactly `expected`. */
  header(field: 'format' | 'version' | 'relative accuracy', expected: string | number, found: unknown): Problem {
    return invalidSketch(`${field} must be ${JSON.stringify(expected)}, found ${JSON.stringify(found)}`);
  },
  sketchesNotArray(): Problem {
    return invalidSketch('sketches must be an array');
  },
  /** A count (a sketch's zero bin, or a bin's count) that is not a whole number from 0 to the largest count. */
  count(sketch: number, field: 'zero' | 'positive count' | 'negative count', found: unknown): Problem {
    return invalidSketch(`sketch ${sketch}: ${field} must be a count, found ${JSON.stringify(found)}`);
  },
  pairs(sketch: number, side: 'positive' | 'negative'): Problem {
    return invalidSketch(`sketch ${sketch}: ${side} must be [key, count, ...] pairs`);
  },
  /** A bin key that is not an integer in [0, bins) above the one before it. */
  key(sketch: number, side: 'positive' | 'negative', bins: number, found: unknown): Problem {
    return invalidSketch(`sketch ${sketch}: ${side} keys must be ascending integers in [0, ${bins}), found ${JSON.stringify(found)}`);
  },
};

export const runMessages = {
  // -- file-not-found
  partialPathNotFound(path: string): Problem {
    return { code: 'file-not-found', message: `${path}: file not found` };
  },
  shardsScenarioNotFound(file: string, named: boolean): Problem {
    return { code: 'file-not-found', message: `the scenario file '${file}' the shards ran is not found${named ? '' : '; give its path with --scenario'}` };
  },
  suiteNotReadable(file: string, reason: string): Problem {
    return { code: 'file-not-found', message: `cannot read suite file ${file}: ${reason}` };
  },
  scenarioFileMissing(file: string): Problem {
    return { code: 'file-not-found', message: `${file}: no such scenario file` };
  },

  // -- file-not-readable
  partialNotReadable(file: string, reason: string): Problem {
    return { code: 'file-not-readable', message: `${file}: cannot read a partial result (${reason})` };
  },
  baselineNotReadable(file: string, reason: string): Problem {
    return { code: 'file-not-readable', message: `cannot read baseline ${file}: ${reason}` };
  },
  /** The summary of a results file that cannot be read; `resultsNotReadableIssue` says why. */
  resultsNotReadable(): Problem {
    return { code: 'file-not-readable', message: 'cannot read the results file; nothing was written.' };
  },
  resultsNotReadableIssue(reason: string): Problem {
    return {
      code: 'file-not-readable',
      message: `cannot read the results file (${reason})`,
      hint: 'give the path of a results.json written by `liqsim run`, e.g. out/my-scenario/results.json',
    };
  },

  // -- json-syntax
  baselineNotJson(file: string, reason: string): Problem {
    return { code: 'json-syntax', message: `${file}: not valid JSON (${reason})` };
  },
  resultsNotJson(): Problem {
    return { code: 'json-syntax', message: 'the results file is not valid JSON; nothing was written.' };
  },
  resultsNotJsonIssue(reason: string): Problem {
    return { code: 'json-syntax', message: `not valid JSON: ${reason}`, hint: 'results.json must be the file written by `liqsim run`, unmodified.' };
  },

  // -- yaml-syntax (a suite file)
  suiteYamlSyntax(yamlCode: string, detail: string): Problem {
    return { code: 'yaml-syntax', yamlCode, message: detail };
  },

  // -- missing-key, out-of-range, invalid-date, invalid-value, unknown-reference: a lever's value
  leverDateNotIso(iso: string): Problem {
    return { code: 'invalid-date', message: `'${iso}' is not a calendar date YYYY-MM-DD`, hint: 'write an ISO date that exists, e.g. 2020-02-29 or 2020-03-01' };
  },
  leverDateOutsideHorizon(iso: string): Problem {
    return { code: 'out-of-range', message: `date ${iso} is outside the scenario's horizon` };
  },
  massLapseWithoutDate(): Problem {
    return { code: 'missing-key', keys: ['date'], message: 'mass_lapse needs a date (the scenario has none)' };
  },
  leverValueNotFinite(lever: string, value: number): Problem {
    return { code: 'invalid-value', message: `lever ${lever}: value ${value} is not a finite number` };
  },
  noCreditLine(bank: string, known: readonly string[]): Problem {
    return { code: 'unknown-reference', name: bank, known: [...known], message: `no credit line from '${bank}' (lines: ${known.join(', ') || 'none'})` };
  },
  noPaymentChannel(bank: string, known: readonly string[]): Problem {
    return { code: 'unknown-reference', name: bank, known: [...known], message: `no payment channel of '${bank}' (channels: ${known.join(', ')})` };
  },
  noSurrenderShock(name: string, known: readonly string[]): Problem {
    return { code: 'unknown-reference', name, known: [...known], message: `no surrender shock named '${name}' (shocks: ${known.join(', ') || 'none'})` };
  },

  // -- invalid-scenario: the summary of located issues
  scenarioProblems(file: string, count: number): Problem {
    return { code: 'invalid-scenario', message: `${file}: ${count} problem${count === 1 ? '' : 's'} found` };
  },
  scenariosNotRun(count: number): Problem {
    return { code: 'invalid-scenario', message: `${count} problem(s) found; nothing was simulated or written.` };
  },
  memberOverridesInvalid(member: string): Problem {
    return { code: 'invalid-scenario', message: `member '${member}': its overrides do not make a valid scenario` };
  },
  membersOverridesInvalid(members: number): Problem {
    return { code: 'invalid-scenario', message: `${members} members' overrides do not make valid scenarios` };
  },
  memberOverrideIssue(member: string, detail: string): Problem {
    return { code: 'invalid-scenario', message: `member '${member}': ${detail}` };
  },

  // -- invalid-results
  resultsUnsupported(): Problem {
    return { code: 'invalid-results', message: 'not a liqsim results file this version can read; nothing was written.' };
  },
  resultsUnsupportedIssue(expected: string, found: string): Problem {
    return { code: 'invalid-results', message: 'unsupported results document', expected, found, hint: RESULTS_HINT };
  },
  resultsProblems(count: number): Problem {
    return { code: 'invalid-results', message: `${count} problem(s) in the results file; nothing was written.` };
  },
  /** One schema problem of a results file: zod's text, the value found, and how to get a good file. */
  resultsIssue(detail: string, found: string): Problem {
    return { code: 'invalid-results', message: detail, found, hint: RESULTS_HINT };
  },

  // -- invalid-baseline
  /** `what`: the kind of baseline ('baseline', 'suite baseline'). */
  baselineInvalid(what = 'baseline'): Problem {
    return { code: 'invalid-baseline', message: `The ${what} file is not valid; fix it or rewrite it with liqsim check --update.` };
  },
  baselineIssue(detail: string): Problem {
    return { code: 'invalid-baseline', message: detail };
  },
  baselineUnknownTolerances(): Problem {
    return { code: 'invalid-baseline', message: 'The baseline names tolerances for figures that do not exist.' };
  },
  baselineUnknownFigure(id: string, allowed: readonly string[]): Problem {
    return { code: 'unknown-key', key: id, allowed: [...allowed], message: 'unknown figure', expected: `one of ${allowed.join(', ')}`, found: id };
  },

  // -- invalid-partial
  notAPartial(file: string, field: string, detail: string): Problem {
    return { code: 'invalid-partial', message: `${file}: not a liqsim partial result (${field || 'document'}: ${detail})` };
  },
  /** `defect` is one of `partialDefects`. */
  damagedPartial(file: string, defect: PartialDefect): Problem {
    return { code: 'invalid-partial', message: `${file}: damaged or edited partial result: ${partialFieldName(defect.field)}: ${defect.why}; hint: re-run that shard` };
  },
  partialDoesNotFitScenario(file: string, days: number, fields: number, scenarioDays: number, scenarioFields: number): Problem {
    return {
      code: 'invalid-partial',
      message:
        `${file}: damaged or edited partial result: totals.days/fields: ${days} days x ${fields} fields, ` +
        `the scenario has ${scenarioDays} x ${scenarioFields}; hint: re-run the shards`,
    };
  },

  // -- usage
  unknownCommand(command: string, commands: readonly string[], near: string | undefined): Problem {
    const hint = near !== undefined ? ` Did you mean '${near}'?` : command.endsWith('.yaml') || command.endsWith('.yml') ? ` To simulate it: liqsim run ${terminalText(command)}` : '';
    return {
      code: 'usage',
      message: `unknown command '${terminalText(command)}'.${hint}\nCommands: ${commands.join(', ')}. Run 'liqsim --help' for usage, 'liqsim COMMAND --help' for one command.`,
    };
  },
  commandNeeds(command: string, needs: string, help: string): Problem {
    return { code: 'usage', message: `'liqsim ${command}' needs ${needs}.\nRun '${help}' for usage.` };
  },
  /** A failure yargs reports (its text, made safe for a terminal). */
  usage(detail: string, help: string): Problem {
    return { code: 'usage', message: `${terminalLines(detail)}\nRun '${help}' for usage.` };
  },

  // -- invalid-option
  shardSyntax(text: string): Problem {
    return { code: 'invalid-option', flag: 'shard', message: `--shard must be K/N, for example 2/4 (found '${text}'); ${SHARD_HINT}` };
  },
  shardOutOfRange(text: string): Problem {
    return { code: 'invalid-option', flag: 'shard', message: `--shard ${text}: K must be from 1 to N and N at least 1; ${SHARD_HINT}` };
  },
  tooManyShards(index: number, count: number, paths: number, blocks: number, blockSize: number): Problem {
    return {
      code: 'invalid-option',
      flag: 'shard',
      message: `--shard ${index}/${count}: ${paths} paths make only ${blocks} block(s) of ${blockSize} paths, so at most ${blocks} shard(s); use fewer shards or more paths`,
    };
  },
  shardOneScenario(count: number): Problem {
    return { code: 'invalid-option', flag: 'shard', message: `--shard runs one scenario at a time (found ${count}); run each scenario's shards separately` };
  },
  rejectsOneScenario(scenarios: number): Problem {
    return { code: 'invalid-option', flag: 'rejects', message: `--rejects quarantines the bad policy rows of one scenario (found ${scenarios} scenarios): give one at a time` };
  },
  rejectsWithShard(): Problem {
    return { code: 'invalid-option', flag: 'rejects', message: '--rejects is not taken with --shard (each shard and `liqsim merge` load the scenario): set liabilities.policies_rejects in the scenario' };
  },
  failAboveNeedsWholeRun(): Problem {
    return { code: 'invalid-option', flag: 'fail-above', message: '--fail-above needs the whole run: use it with `liqsim merge`, not with --shard' };
  },
  falseAlarmSeeds(): Problem {
    return { code: 'invalid-option', flag: 'false-alarm-seeds', message: '--false-alarm-seeds N needs one scenario and a whole number N >= 1' };
  },
  /** A `--flag FILE` to write: empty, in a folder that is missing or not a folder, or itself a folder. */
  fileOptionEmpty(flag: string): Problem {
    return { code: 'invalid-option', flag, message: `--${flag} needs a file name` };
  },
  fileOptionNoFolder(flag: string, file: string, dir: string): Problem {
    return { code: 'invalid-option', flag, message: `--${flag} ${terminalText(file)}: the folder ${terminalText(dir)} does not exist; create it first` };
  },
  fileOptionNotInFolder(flag: string, file: string, dir: string): Problem {
    return { code: 'invalid-option', flag, message: `--${flag} ${terminalText(file)}: ${terminalText(dir)} is not a folder` };
  },
  fileOptionIsFolder(flag: string, file: string): Problem {
    return { code: 'invalid-option', flag, message: `--${flag} ${terminalText(file)} is a folder; give a file name` };
  },
  /** `flag` as written on the command line (`--out`); the error's field is the bare name. */
  folderOptionRepeated(flag: string, values: readonly unknown[]): Problem {
    return { code: 'invalid-option', flag: flagName(flag), message: `${flag} was given ${values.length} times (${values.map(String).join(', ')}); give it once` };
  },
  folderOptionEmpty(flag: string): Problem {
    return { code: 'invalid-option', flag: flagName(flag), message: `${flag} needs a folder path` };
  },
  folderOptionNul(flag: string): Problem {
    return { code: 'invalid-option', flag: flagName(flag), message: `${flag}: the path contains a NUL character` };
  },
  rangeOption(text: string): Problem {
    return { code: 'invalid-option', flag: 'range', message: `--range '${text}' is not LOW..HIGH with two different numbers (e.g. 1..100)` };
  },
  target(text: string, what: string): Problem {
    return {
      code: 'invalid-option',
      flag: 'target',
      message: `--target '${text}': ${what}; the form is "FIGURE OP VALUE" with OP one of >=, >, <=, <, e.g. "pAnyShortfall >= 0.05", "lcr2_3m < 1", "pBelowFloor(lcr3_3m) >= 0.05"`,
    };
  },
  varySyntax(text: string): Problem {
    return {
      code: 'invalid-option',
      flag: 'vary',
      message: `--vary '${text}' is not KEY=LOW..HIGH (e.g. funding.cash=-20%..+20%, channel[Bank A].daily_limit=x0.5..x1.5, shock.peak_multiplier=4..12)`,
    };
  },
  varyBound(text: string, bound: string): Problem {
    return { code: 'invalid-option', flag: 'vary', message: `--vary '${text}': '${bound}' is not a number, a percentage (+20%) or a factor (x1.5)` };
  },
  ratioUnknown(flag: string, ratio: string, allowed: readonly string[]): Problem {
    return {
      code: 'invalid-option',
      flag,
      message: `--${flag} '${ratio}' is not a ratio of this scenario; ratios: ${allowed.join(', ')} (C-ROSS LCR2/LCR3 at regulatory.cross2.horizons_months, the Basel-style ratio at regulatory.basel.horizon_days), or 'none'`,
    };
  },
  varyMissing(): Problem {
    return { code: 'invalid-option', flag: 'vary', message: 'name at least one --vary KEY=LOW..HIGH' };
  },

  // -- output-refused
  /** `why` is one of `replaceRefusals`. */
  refuseToReplace(target: string, why: string): Problem {
    return { code: 'output-refused', message: `refusing to replace '${target}': ${why}; nothing was written`, hint: 'choose another --out, or rename the scenario file, or move that folder away yourself' };
  },
  refuseToReplacePage(target: string): Problem {
    return { code: 'output-refused', message: `refusing to replace '${target}': it is not a page liqsim wrote; nothing was written`, hint: 'choose another --out, or move that file away yourself' };
  },
  outFolderUnusable(flag: string, value: string, reason: string): Problem {
    return { code: 'output-refused', message: `${flag} '${value}': cannot use it (${reason})` };
  },
  outFolderNoPart(flag: string, value: string): Problem {
    return { code: 'output-refused', message: `${flag} '${value}': no part of the path exists` };
  },
  /** `blocker` is the existing file in the way: the folder itself, or one above it. */
  outFolderIsFile(flag: string, value: string, blocker: string | undefined): Problem {
    const what = blocker === undefined ? `'${value}' is a file, not a folder` : `'${blocker}' is a file, so '${value}' cannot be made under it`;
    return { code: 'output-refused', message: `${flag} ${what}`, hint: 'give a folder for the outputs' };
  },
  outFolderOnKernelFs(flag: string, value: string, real: string): Problem {
    return { code: 'output-refused', message: `${flag} '${value}' is on a kernel file system (${real}), not a place for output files`, hint: 'give a normal folder, e.g. --out reports' };
  },
  outFolderNotWritable(flag: string, value: string, existing: string, reason: string): Problem {
    return { code: 'output-refused', message: `${flag} '${value}': cannot write in '${existing}' (${reason})`, hint: 'give a folder you can write to' };
  },

  // -- output-clash
  scenarioFolderClash(dir: string): Problem {
    return { code: 'output-clash', message: `two scenarios would write to the same directory '${dir}'; rename one file` };
  },
  baselineClash(other: string, file: string, baseline: string): Problem {
    return { code: 'output-clash', message: `${other} and ${file} would share the baseline ${baseline}: rename one of them` };
  },

  // -- write-failed
  writeFailed(file: string, reason: string): Problem {
    return { code: 'write-failed', message: `cannot write ${file}: ${reason}` };
  },

  // -- no-scenarios
  noScenariosFolder(dir: string): Problem {
    return { code: 'no-scenarios', message: `no scenario files named and no ${dir}/ directory to take them from` };
  },
  noScenariosIn(dir: string): Problem {
    return { code: 'no-scenarios', message: `no scenario files (*.yaml) in ${dir}/` };
  },

  // -- kernel-missing
  kernelNotBuilt(candidates: readonly string[]): Problem {
    return { code: 'kernel-missing', message: `the simulation kernel is not built (looked for ${candidates.join(' and ')}); run \`npm run build\`` };
  },
  kernelNotCompiled(path: string, why: string): Problem {
    return {
      code: 'kernel-missing',
      message:
        `the simulation kernel ${path} could not be compiled (${why}). It needs WebAssembly SIMD (Node.js 20 ` +
        'on x86-64 with SSE4.1, or on arm64); if the file is damaged, `npm run build` writes it again',
    };
  },

  // -- merge-mismatch
  differentRuns(a: string, b: string, difference: string): Problem {
    return { code: 'merge-mismatch', message: `${a} and ${b} are parts of different runs (${difference}); merge only the shards of one run` };
  },
  differentTotals(a: string, b: string, aDays: number, aFields: number, bDays: number, bFields: number): Problem {
    return runMessages.differentRuns(a, b, `totals.days/fields: ${aDays} x ${aFields} vs ${bDays} x ${bFields}`);
  },
  otherToolVersion(partsVersion: string, thisVersion: string): Problem {
    return { code: 'merge-mismatch', message: `the parts were made by liqsim ${partsVersion}, this is ${thisVersion}; merge with the version that ran the shards` };
  },
  scenarioChanged(file: string, partsSha256: string, nowSha256: string): Problem {
    return {
      code: 'merge-mismatch',
      message:
        `the scenario '${file}' has changed since the shards ran (sha256 ${partsSha256.slice(0, 12)}... in the parts, ` +
        `${nowSha256.slice(0, 12)}... now); merge against the scenario version the shards ran, or re-run the shards`,
    };
  },
  severalRunsInFolder(dir: string, runs: readonly string[]): Problem {
    return {
      code: 'merge-mismatch',
      message: `${dir}: holds the partial results of ${runs.length} runs (${runs.join(', ')}); hint: name the directory of one run, e.g. \`liqsim merge ${runs[0]} --out DIR\``,
    };
  },

  // -- merge-incomplete
  noPartials(): Problem {
    return { code: 'merge-incomplete', message: 'no partial results to merge' };
  },
  noPartialFiles(dir: string): Problem {
    return {
      code: 'merge-incomplete',
      message: `${dir}: no partial-K-of-N.json files in this directory or its subdirectories; hint: \`liqsim run SCENARIO --shard K/N --out DIR\` writes them to DIR/<scenario name>/`,
    };
  },
  /** Paths [firstPath, endPath) in blocks [firstBlock, endBlock) are in no part; `absent` the shards known to be missing (`2/4`). */
  partsLeaveGap(firstPath: number, endPath: number, firstBlock: number, endBlock: number, absent: readonly string[]): Problem {
    const hint = absent.length > 0 ? `; missing shard(s) ${absent.join(', ')}` : '';
    return { code: 'merge-incomplete', message: `the parts do not cover ${pathRange(firstPath, endPath, firstBlock, endBlock)}${hint}` };
  },
  partsOverlap(a: string, aShard: string, b: string, bShard: string, range: [firstPath: number, endPath: number, firstBlock: number, endBlock: number]): Problem {
    return { code: 'merge-incomplete', message: `${a} (shard ${aShard}) and ${b} (shard ${bShard}) both cover ${pathRange(...range)}; give each shard once` };
  },

  // -- invalid-suite, unknown-lever
  suiteNotYaml(file: string): Problem {
    return { code: 'invalid-suite', message: `${file}: not valid YAML` };
  },
  suiteProblems(file: string, count: number): Problem {
    return { code: 'invalid-suite', message: `${file}: ${count} problem(s) in the suite file` };
  },
  /** One problem of a suite file, located by the caller. */
  suiteIssue(detail: string): Problem {
    return { code: 'invalid-suite', message: detail, hint: 'see docs/analysis.md, "Suite files"' };
  },
  suiteRatioUnknown(ratio: string, allowed: readonly string[]): Problem {
    return {
      code: 'invalid-suite',
      message: `'${ratio}' is not a ratio of the base's scenario; ratios: ${allowed.join(', ')}, or 'none'`,
      hint: 'C-ROSS LCR2/LCR3 at regulatory.cross2.horizons_months, the Basel-style ratio at regulatory.basel.horizon_days (docs/analysis.md, "Ratio figures")',
    };
  },
  suiteDuplicateMember(name: string): Problem {
    return { code: 'invalid-suite', message: `two members are named '${name}'` };
  },
  suiteMemberWithoutFile(): Problem {
    return { code: 'invalid-suite', message: 'a member needs a `file` (or the suite a `base` file)' };
  },
  suiteSecondBase(): Problem {
    return { code: 'invalid-suite', message: 'only one member can have role: base' };
  },
  unknownPreset(preset: unknown): Problem {
    return { code: 'invalid-suite', message: `unknown preset ${JSON.stringify(preset)}` };
  },
  unknownLever(text: string, levers?: readonly string[]): Problem {
    const list = levers === undefined ? '' : `. Levers: ${levers.join(', ')} (a bank or shock in brackets, e.g. credit_line[Bank A].limit)`;
    return { code: 'unknown-lever', lever: text, message: `unknown lever '${text}'${list}` };
  },
};
