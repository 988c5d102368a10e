import type { CommandModule } from 'yargs';

// STUB: replaced by the module's owner.
export function validateCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'validate',
    describe: '(not yet implemented)',
    handler: () => {
      process.stderr.write('liqsim validate: not yet implemented\n');
      setExit(2);
    },
  };
}
