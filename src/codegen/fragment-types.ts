import { fragmentHash } from '../compile/fragment-schema.js';
import { stableJson } from '../compile/stable-json.js';
import type { MessageDef, Plan, Shape } from '../model/plan.js';
import { effectiveFields } from '../model/segment-spec.js';
import { ALL_TYPES, maskOf, type TypeMask, tsSchema } from './fragment-ts-schema.js';
import { declarationsFrom } from './jsts-output.js';

/**
 * Types for raw `schema:` fragments, derived by json-schema-to-typescript. A property whose
 * meaning lives in a fragment was typed `unknown`; it now gets the fragment's type, combined
 * with the plan's own keys as JSON Schema combines them (`allOf`: an intersection, or the
 * fragment's type alone when the plan's keys say nothing more than its types). Each fragment
 * is first rewritten so that the derived type admits every value the fragment admits
 * (fragment-ts-schema.ts); where json-schema-to-typescript fails or gives what we did not
 * ask for, the type is the plan's own (`unknown` for a fragment alone): wider, never wrong.
 */
export interface FragmentTypes {
  /** The TypeScript for a shape, given the TypeScript of its own keys (`own`). */
  combine(shape: Shape, own: string): string;
  /** Declarations for the end of `types.ts` (not exported); '' when none. */
  declarations: string;
  /** Fragments whose type could not be derived (typed as the plan's keys say): for tests, none. */
  underived: readonly Readonly<Record<string, unknown>>[];
}

interface Use {
  fragment: Readonly<Record<string, unknown>>;
  mask: TypeMask;
  /** The fragment's type alone is the whole type: the plan's keys say nothing more. */
  alone: boolean;
  key: string;
}

/**
 * The fragment types of a plan's messages and named types, or undefined when it has no
 * fragment: json-schema-to-typescript is loaded only then, so plans without fragments
 * neither load it nor change by a byte.
 */
export async function fragmentTypes(plan: Plan, messages: readonly MessageDef[]): Promise<FragmentTypes | undefined> {
  const uses = new Map<Shape, Use>();
  const seen = new Set<Shape>();
  const visit = (shape: Shape | undefined): void => {
    if (!shape || seen.has(shape)) return;
    seen.add(shape);
    if (shape.schema) {
      const mask = planMask(shape);
      uses.set(shape, { fragment: shape.schema, mask, alone: saysNothingMore(shape), key: `${stableJson(shape.schema)}\u0000${mask}` });
    }
    visit(shape.items);
    for (const f of shape.properties ?? []) visit(f.shape);
    if (typeof shape.additionalProperties === 'object') visit(shape.additionalProperties);
  };
  for (const t of plan.types.values()) visit(t.shape);
  for (const m of messages) for (const f of effectiveFields(m)) visit(f.shape);
  if (uses.size === 0) return undefined;

  // One declaration per fragment and set of types, named by its content: adding a fragment
  // never renames another's type. Names grow where 12 hex digits would still be shared.
  const keys = [...new Set([...uses.values()].map((u) => u.key))].sort();
  const short = new Map<string, number>();
  for (const k of keys) short.set(fragmentHash(k, 12), (short.get(fragmentHash(k, 12)) ?? 0) + 1);
  const nameOf = new Map(keys.map((k) => {
    const h = fragmentHash(k, 12);
    return [k, `$Fragment${(short.get(h)! > 1 ? fragmentHash(k, 64) : h).toUpperCase()}`];
  }));

  const types = new Map<string, string | undefined>();
  const declarations: { name: string; text: string }[] = [];
  const underived: Readonly<Record<string, unknown>>[] = [];
  let compile: Compile | undefined;
  const first = new Map<string, Use>();
  for (const u of uses.values()) if (!first.has(u.key)) first.set(u.key, u);
  for (const k of keys) {
    const use = first.get(k)!;
    const name = nameOf.get(k)!;
    const ts = tsSchema(use.fragment, use.mask, name);
    if (!ts.constrains) {
      types.set(k, undefined);
      continue;
    }
    compile ??= await loadCompiler();
    const carrier = `${name}_Carrier`;
    const names = new Set([carrier, ...Object.keys(ts.schema['definitions'] as object)]);
    const decl = await derive(compile, ts.schema, carrier, name, names);
    types.set(k, decl === undefined ? undefined : name);
    if (decl !== undefined) declarations.push({ name, text: decl });
    else underived.push(use.fragment);
  }

  return {
    combine(shape, own) {
      const use = uses.get(shape);
      const type = use && types.get(use.key);
      if (!use || type === undefined) return own;
      if (use.alone || own === 'unknown') return type;
      return `${/^[$\w]+$/.test(own) ? own : `(${own})`} & ${type}`;
    },
    underived,
    declarations: declarations.length === 0 ? '' : `// Types of raw \`schema:\` fragments, derived by json-schema-to-typescript.\n\n${declarations.sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => d.text).join('\n')}`,
  };
}

type Compile = (schema: object, name: string, options: object) => Promise<string>;

// A dynamic import: only plans with fragments pay for loading json-schema-to-typescript.
async function loadCompiler(): Promise<Compile> {
  const mod = (await import('json-schema-to-typescript')) as { compile?: Compile; default?: { compile?: Compile } };
  const compile = mod.compile ?? mod.default?.compile;
  if (!compile) throw new Error('json-schema-to-typescript has no compile function');
  return compile;
}

/**
 * Options that make the output a function of the schema alone: no prettier (`format: false`),
 * no banner, and no reference resolved outside the schema (tsSchema writes only
 * `#/definitions/…`; external resolution is off all the same, with `cwd` pointing nowhere).
 */
export const JSTS_OPTIONS = {
  bannerComment: '',
  format: false,
  additionalProperties: true,
  declareExternallyReferenced: true,
  enableConstEnums: false,
  inferStringEnumKeysFromValues: false,
  ignoreMinAndMaxItems: true,
  strictIndexSignatures: false,
  unknownAny: true,
  unreachableDefinitions: false,
  cwd: '/trackplan-fragment.invalid/',
  $refOptions: { resolve: { external: false, file: false, http: false } },
};

async function derive(compile: Compile, schema: object, carrier: string, root: string, names: ReadonlySet<string>): Promise<string | undefined> {
  try {
    return declarationsFrom(await compile(schema, carrier, JSTS_OPTIONS), root, names);
  } catch {
    return undefined;
  }
}

/** The JSON types the plan's own `type` allows beside the fragment (all, for named types and `any`). */
function planMask(shape: Shape): TypeMask {
  if (shape.types.length === 0 || shape.types.some((t) => t.kind === 'named' || t.name === 'any')) return ALL_TYPES;
  return maskOf([...shape.types.map((t) => t.name), ...(shape.nullable ? ['null'] : [])]);
}

/** Whether the plan's keys beside the fragment say nothing TypeScript can say beyond their primitive types. */
function saysNothingMore(shape: Shape): boolean {
  return !shape.enum && !shape.const && !shape.items && !shape.properties && shape.additionalProperties === undefined && shape.types.every((t) => t.kind === 'primitive');
}
