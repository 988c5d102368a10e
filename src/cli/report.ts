import type { CommandModule } from 'yargs';

// STUB: replaced by the module's owner.
export function reportCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'report',
    describe: '(not yet implemented)',
    handler: () => {
      process.stderr.write('liqsim report: not yet implemented\n');
      setExit(2);
    },
  };
}
