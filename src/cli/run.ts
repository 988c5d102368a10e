import type { CommandModule } from 'yargs';

// STUB: replaced by the module's owner.
export function runCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'run',
    describe: '(not yet implemented)',
    handler: () => {
      process.stderr.write('liqsim run: not yet implemented\n');
      setExit(2);
    },
  };
}
