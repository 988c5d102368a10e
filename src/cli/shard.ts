/**
 * `liqsim run SCENARIO --shard K/N --out DIR`: simulate one shard of a run and write
 * DIR/<scenario>/partial-K-of-N.json for `liqsim merge`. No report: that is made at the merge.
 */
import { join } from 'node:path';
import { loadScenario } from '../scenario/index.js';
import { withOverrides } from '../run.js';
import { scenarioDirName } from '../results/write.js';
import { checkOutputTargets } from '../results/output.js';
import { parseShard, simulateShard, writePartial } from '../shard.js';
import { LiqsimError } from '../errors.js';
import { progressReporter } from './progress.js';
import { terminalText } from '../escape/terminal.js';
import type { RunArgs } from './run.js';

type ShardArgs = Pick<RunArgs, 'scenarios' | 'out' | 'paths' | 'seed' | 'threshold' | 'threads' | 'fail-above' | 'quiet'>;

export async function runShardCli(args: ShardArgs, shardText: string): Promise<void> {
  const shard = parseShard(shardText);
  if (args.scenarios.length !== 1) {
    throw new LiqsimError(`--shard runs one scenario at a time (found ${args.scenarios.length}); run each scenario's shards separately`, { code: 'invalid-option', flag: 'shard' });
  }
  if (args['fail-above'] !== undefined) {
    throw new LiqsimError('--fail-above needs the whole run: use it with `liqsim merge`, not with --shard', { code: 'invalid-option', flag: 'fail-above' });
  }
  const loaded = loadScenario(args.scenarios[0]);
  const model = withOverrides(loaded.model, args);
  const out = checkOutputTargets(args.out, [scenarioDirName(loaded.file)]);
  const progress = progressReporter(`${loaded.file} shard ${shard.index}/${shard.count}`, model.paths, { quiet: args.quiet === true });
  const partial = await simulateShard(loaded, model, shard, { threads: args.threads, onProgress: progress.update });
  progress.finish();
  const file = writePartial(join(out, scenarioDirName(loaded.file)), partial);
  const s = partial.shard;
  process.stdout.write(
    `Shard ${s.index}/${s.count} of ${terminalText(loaded.file)}: paths ${s.firstPath}..${s.endPath - 1} of ${model.paths}, written to ${terminalText(file)}\n`,
  );
}
