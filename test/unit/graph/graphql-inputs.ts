// GUAC's GraphQL input types, read from the schema files: just enough of the GraphQL grammar for
// `input` and `enum` definitions, so the export can be checked field by field against them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InputField {
  type: string;
  required: boolean;
}

export interface GraphqlInputs {
  inputs: Map<string, Map<string, InputField>>;
  enums: Map<string, Set<string>>;
}

export function readGraphqlInputs(folder: string): GraphqlInputs {
  const inputs = new Map<string, Map<string, InputField>>();
  const enums = new Map<string, Set<string>>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.graphql'))) {
    // Descriptions ("..." and """...""") and comments carry no structure.
    const text = readFileSync(join(folder, file), 'utf8').replace(/"""[\s\S]*?"""/g, '').replace(/"[^"\n]*"/g, 'STRING').replace(/#[^\n]*/g, '');
    for (const m of text.matchAll(/\binput\s+(\w+)\s*\{([^}]*)\}/g)) {
      const fields = new Map<string, InputField>();
      for (const f of m[2]!.matchAll(/(\w+)[ \t]*:[ \t]*([\w[\]!]+)([ \t]*=[ \t]*[^\n]*)?/g)) fields.set(f[1]!, { type: f[2]!, required: f[2]!.endsWith('!') && !f[3] });
      inputs.set(m[1]!, fields);
    }
    for (const m of text.matchAll(/\benum\s+(\w+)\s*\{([^}]*)\}/g)) enums.set(m[1]!, new Set(m[2]!.split(/\s+/).filter((v) => v && v !== 'STRING')));
  }
  return { inputs, enums };
}

/** Problems with `value` as a `type` (`String!`, `[ArtifactInputSpec!]!`, `PkgInputSpec`), by path. */
export function inputErrors(schema: GraphqlInputs, type: string, value: unknown, at: string): string[] {
  const required = type.endsWith('!');
  const bare = required ? type.slice(0, -1) : type;
  if (value === undefined || value === null) return required ? [`${at}: required ${type} is missing`] : [];
  if (bare.startsWith('[')) {
    if (!Array.isArray(value)) return [`${at}: expected a list of ${bare}`];
    return value.flatMap((item, i) => inputErrors(schema, bare.slice(1, -1), item, `${at}[${i}]`));
  }
  switch (bare) {
    case 'String':
    case 'ID':
      return typeof value === 'string' ? [] : [`${at}: expected a string`];
    case 'Time':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /T.*(Z|[+-]\d\d:\d\d)$/.test(value) ? [] : [`${at}: expected an RFC 3339 time, got ${JSON.stringify(value)}`];
    case 'Int':
    case 'Float':
      return typeof value === 'number' ? [] : [`${at}: expected a number`];
    case 'Boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean`];
  }
  const values = schema.enums.get(bare);
  if (values) return typeof value === 'string' && values.has(value) ? [] : [`${at}: ${JSON.stringify(value)} is not a ${bare}`];
  const fields = schema.inputs.get(bare);
  if (!fields) return [`${at}: unknown type ${bare}`];
  if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected a ${bare} object`];
  const errors: string[] = [];
  for (const key of Object.keys(value)) if (!fields.has(key)) errors.push(`${at}.${key}: not a field of ${bare}`);
  for (const [name, field] of fields) errors.push(...inputErrors(schema, field.required ? field.type : field.type.replace(/!$/, ''), (value as Record<string, unknown>)[name], `${at}.${name}`));
  return errors;
}
