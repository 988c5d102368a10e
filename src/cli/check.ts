import type { CommandModule } from 'yargs';

// STUB: replaced by the module's owner.
export function checkCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'check',
    describe: '(not yet implemented)',
    handler: () => {
      process.stderr.write('liqsim check: not yet implemented\n');
      setExit(2);
    },
  };
}
