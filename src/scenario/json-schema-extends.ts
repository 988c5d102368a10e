/**
 * The JSON Schema of a scenario file with `extends:`, made from the schema of a whole scenario. Such a
 * file holds only what differs from the file it extends, and the loader (extends.ts) merges the two
 * mapping by mapping, so in it:
 * - no key of a mapping is required (the extended file may give it), and `null` removes an inherited key;
 * - a list may also be written `{ append: [...] }` or `{ replace: [...] }` (the inherited list kept and
 *   added to, or replaced on purpose); a file without `extends` may not use them (the loader refuses).
 * Only mappings reached from the top through mappings are merged: a list's items, and the items of an
 * `append` or `replace`, are whole values, so they keep the whole scenario's schema.
 */

/** A JSON Schema node (an object; `true` / `false` schemas are left as they are). */
type JsonSchema = { [keyword: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema of a file with `extends:` from `whole`, the schema of a scenario file without it. */
export function extendingFileSchema(whole: JsonSchema): JsonSchema {
  return partialMapping(whole);
}

/** A mapping merged key by key with the inherited one: no key required, each value a merged value. */
function partialMapping(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  delete out.required;
  if (isSchema(schema.properties)) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, isSchema(value) ? mergedValue(value) : value]));
  }
  if (isSchema(schema.additionalProperties)) out.additionalProperties = mergedValue(schema.additionalProperties);
  // The variants of a union become partial too, and may then overlap: any of them will do.
  for (const union of ['anyOf', 'oneOf'] as const) {
    const branches = schema[union];
    if (!Array.isArray(branches)) continue;
    delete out[union];
    out.anyOf = branches.map((b) => (isSchema(b) ? partialMapping(b) : b));
  }
  return out;
}

/** A value under a key of a merged mapping: merged itself, `null` (key removed), or a list form. */
function mergedValue(schema: JsonSchema): JsonSchema {
  const { description } = schema;
  const lists = listsIn(schema).flatMap(listForms);
  return { ...(description === undefined ? {} : { description }), anyOf: [partialMapping(schema), ...lists, { type: 'null' }] };
}

/** The list schemas a value may take: the schema itself, or branches of its union. */
function listsIn(schema: JsonSchema): JsonSchema[] {
  if (schema.type === 'array') return [schema];
  const branches = [schema.anyOf, schema.oneOf].flatMap((b) => (Array.isArray(b) ? b : []));
  return branches.filter(isSchema).filter((b) => b.type === 'array');
}

/** `{ append: [...] }` (items added to the inherited list: the merged list is checked) and `{ replace: [...] }`. */
function listForms(list: JsonSchema): JsonSchema[] {
  const form = (key: 'append' | 'replace', items: JsonSchema, description: string): JsonSchema => ({
    type: 'object',
    description,
    properties: { [key]: items },
    required: [key],
    additionalProperties: false,
  });
  return [
    form('append', { type: 'array', items: list.items ?? {} }, 'Items added after the inherited ones (a file with `extends:`).'),
    form('replace', list, 'Replaces the inherited list, on purpose (a file with `extends:`; no notice is printed).'),
  ];
}
