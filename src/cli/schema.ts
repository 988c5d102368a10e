import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../scenario/index.js';

/**
 * `liqsim schema`: prints the scenario format as JSON Schema (draft 2020-12), e.g. for the YAML
 * language server: `# yaml-language-server: $schema=./scenario.schema.json`.
 */
export function schemaCommand(setExit: (code: number) => void): CommandModule {
  return {
    command: 'schema',
    describe: 'Print the JSON Schema of scenario files (for editor autocompletion)',
    handler: () => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      setExit(0);
    },
  };
}
