/**
 * `liqsim schema` knows the two list forms of a file with `extends:` (`{ append: [...] }`,
 * `{ replace: [...] }`) and that such a file holds only what differs, and accepts them where the
 * loader does: in a file with `extends`, at a list, never in a file without it.
 *
 * No JSON Schema validator is a dependency of liqsim; the printed schema is read back with zod's own
 * JSON Schema reader (`z.fromJSONSchema`, zod's code for reading a schema, separate from the code
 * that wrote it). That reader does not take `if`/`then`/`else`, so the dispatch on `extends` at
 * the top is checked by its structure and each branch (`$defs`) is read back on its own.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { scenarioJsonSchema, validateScenarioFiles } from '../../src/scenario/index.js';
import { parseYamlSource } from '../../src/scenario/yaml-source.js';
import { scratchDir } from './helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const scenarios = path.resolve(__dirname, '../../scenarios');
const schema = scenarioJsonSchema() as Json;
/** One branch of the printed schema as a validator. */
const branch = (name: 'scenario' | 'extending') => z.fromJSONSchema({ $schema: schema.$schema, ...schema.$defs[name] });
const whole = branch('scenario');
const extending = branch('extending');
/** What the top of the schema sends a document to: `then` with an `extends` key, `else` without. */
const validatorFor = (doc: Json) => {
  const target = (Object.hasOwn(doc, 'extends') ? schema.then : schema.else).$ref;
  return { '#/$defs/scenario': whole, '#/$defs/extending': extending }[target as string]!;
};
/** A scenario file as the loader reads it (`60_000` is a number there, as YAML 1.1 has it). */
const read = (file: string): Json => parseYamlSource(file, readFileSync(file, 'utf8')).tree!.value as Json;
const accepts = (doc: Json) => validatorFor(doc).safeParse(doc).success;

/** `value` with `at` (a path of mapping keys) set to `replacement`. */
function withValueAt(value: Json, at: readonly string[], replacement: unknown): Json {
  if (at.length === 0) return replacement as Json;
  return { ...value, [at[0]]: withValueAt(value[at[0]] ?? {}, at.slice(1), replacement) };
}
/** `{ a: { b: replacement } }` for path a.b: only the changed key, as a file with `extends` writes it. */
const deltaAt = (at: readonly string[], replacement: unknown): Json => withValueAt({}, at, replacement);

/** Every list in a scenario reached from the top through mappings only (the lists `extends` can append to). */
function listPaths(value: unknown, at: string[] = []): string[][] {
  if (Array.isArray(value)) return [at];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => listPaths(v, [...at, k]));
}

describe('liqsim schema: files with extends', () => {
  it('picks the schema of a whole scenario or of a file with extends by the extends key', () => {
    expect(schema.if).toEqual({ required: ['extends'] });
    expect(schema.then).toEqual({ $ref: '#/$defs/extending' });
    expect(schema.else).toEqual({ $ref: '#/$defs/scenario' });
    expect(schema.$defs.scenario.required).toEqual(['name', 'currency', 'start', 'horizon_days', 'liabilities', 'funding', 'payments']);
    expect(schema.$defs.extending.required).toBeUndefined();
  });

  const files = readdirSync(scenarios).filter((f) => f.endsWith('.yaml'));
  it.each(files)('accepts the bundled %s', (name) => {
    const doc = read(path.join(scenarios, name));
    const result = validatorFor(doc).safeParse(doc);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('accepts the docs\' extends + append example, and what the loader makes of it', () => {
    const docs = readFileSync(path.resolve(__dirname, '../../docs/scenario-format.md'), 'utf8');
    // The example sits in a list item: its lines are indented as the fence is.
    const blocks = [...docs.matchAll(/^( *)```yaml\n([\s\S]*?)```/gm)].map((m) => m[2].replace(new RegExp(`^${m[1]}`, 'gm'), ''));
    const example = blocks.find((b) => /^extends: base\.yaml/m.test(b) && /append:/.test(b));
    expect(example).toBeDefined();
    const s = scratchDir();
    cpSync(scenarios, s.dir, { recursive: true });
    const file = s.write('child.yaml', `${example!}name: Child\n`);
    expect(validateScenarioFiles([file])[0].issues).toEqual([]);
    expect(accepts(read(file))).toBe(true);
  });

  it('accepts { append } and { replace } at every inherited list where the loader does, and neither without extends', () => {
    const s = scratchDir();
    cpSync(scenarios, s.dir, { recursive: true });
    const base = read(path.join(s.dir, 'base.yaml'));
    const paths = listPaths(base);
    expect(paths.map((p) => p.join('.'))).toEqual(expect.arrayContaining(['liabilities.cohorts', 'funding.credit_lines', 'payments.channels']));
    for (const at of paths) {
      const where = at.join('.');
      const inherited = at.reduce<Json>((v, k) => v[k], base);
      for (const form of [{ append: [] }, { replace: inherited }]) {
        const child = { extends: 'base.yaml', ...deltaAt(at, form) };
        const childFile = s.write(`child-${where}.yaml`, JSON.stringify(child));
        expect(validateScenarioFiles([childFile])[0].issues, `loader, ${where} ${JSON.stringify(form)}`).toEqual([]);
        expect(accepts(child), `schema, ${where} ${JSON.stringify(form)}`).toBe(true);
        // The same form in a file without extends: nothing to append to or replace.
        const alone = withValueAt(base, at, form);
        const aloneFile = s.write(`alone-${where}.yaml`, JSON.stringify(alone));
        expect(validateScenarioFiles([aloneFile])[0].ok, `loader, alone, ${where}`).toBe(false);
        expect(accepts(alone), `schema, alone, ${where}`).toBe(false);
      }
    }
  });

  it('takes only what differs and null for a removed key in a file with extends, not in a whole scenario', () => {
    const child = { extends: 'base.yaml', paths: 500, funding: { cash: 7e9 }, surrender_stress: { mass_lapse: null } };
    expect(accepts(child)).toBe(true);
    const { extends: _, ...alone } = child;
    expect(accepts(alone)).toBe(false);
  });

  it('still refuses, in a file with extends, a form whose items do not fit the list, a second key, a form at a value that is not a list, an unknown key', () => {
    const bad: Json[] = [
      { liabilities: { cohorts: { append: [{ product: 'savings' }] } } },
      { funding: { credit_lines: { append: [], more: 1 } } },
      { funding: { credit_lines: { append: 'Bank A' } } },
      { funding: { cash: { append: [1] } } },
      { fundng: { cash: 1 } },
      { management_actions: [{ type: 'suspend_surrenders', from: '2020-02-01', days: 10, products: { append: ['savings'] } }] },
    ];
    for (const delta of bad) expect(accepts({ extends: 'base.yaml', ...delta }), JSON.stringify(delta)).toBe(false);
  });
});
