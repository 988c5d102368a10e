import type { CommandModule } from 'yargs';

// STUB: replaced by the module's owner.
export function schemaCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'schema',
    describe: '(not yet implemented)',
    handler: () => {
      process.stderr.write('liqsim schema: not yet implemented\n');
      setExit(2);
    },
  };
}
