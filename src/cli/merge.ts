import type { CommandModule } from 'yargs';

// STUB: replaced by the module's owner.
export function mergeCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'merge',
    describe: '(not yet implemented)',
    handler: () => {
      process.stderr.write('liqsim merge: not yet implemented\n');
      setExit(2);
    },
  };
}
