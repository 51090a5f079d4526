import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import { embedFragment, fragmentHash, fragmentId, fragmentIds } from '../compile/fragment-schema.js';
import { stableJson } from '../compile/stable-json.js';
import type { BuildContext } from './context.js';
import type { Origin } from './plan.js';

/** The `$id`s each plan's fragments give, and to which fragment (by its JSON). */
const claimed = new WeakMap<BuildContext, Map<string, { json: string; at: Origin }>>();

let metaAjv: Ajv | undefined;
// Loaded on first use: most plans have no raw fragment, and ajv takes time to load.
function newAjv(options: ConstructorParameters<typeof Ajv>[0]): Ajv {
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new AjvClass(options);
}

/**
 * A raw `schema:` fragment is the escape hatch, but it must still be JSON Schema: one that
 * ajv cannot compile (a misspelt type, a `$ref` to nothing) would make `compile`'s output
 * unusable. Fragments stand alone: to use a plan type, use `type:` beside the fragment.
 */
export function checkFragment(schema: Readonly<Record<string, unknown>>, at: Origin, ctx: BuildContext, types: readonly string[] = []): void {
  // strict: false, so vendor keywords (`x-…`) in a fragment are allowed, as JSON Schema allows.
  metaAjv ??= newAjv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  if (!metaAjv.validateSchema(schema)) {
    const first = metaAjv.errors?.[0];
    const where = first?.instancePath ? ` at \`${first.instancePath}\`` : '';
    ctx.report(at, 'invalid-schema', `\`schema\` is not valid JSON Schema${where}: ${first?.message ?? 'invalid'}.`);
    return;
  }
  // Compiled by an ajv of its own (cheap without meta-schema checks): in a shared one, the
  // `$id`s of fragments compiled before would be taken (the same fragment twice is an error)
  // or would resolve references this fragment cannot resolve alone.
  try {
    newAjv({ strict: false, validateSchema: false, validateFormats: false, logger: false }).compile(schema);
  } catch (e) {
    ctx.report(at, 'invalid-schema', `\`schema\` cannot be used: ${(e as Error).message}. Fragments must stand alone; use \`type:\` to refer to a plan type.`);
    return;
  }
  // A compiled file holds each of its fragments under its `$id`s: two different fragments with
  // one `$id` would make it ambiguous, so that validators refuse it.
  const json = stableJson(schema);
  const ids = claimed.get(ctx) ?? new Map<string, { json: string; at: Origin }>();
  claimed.set(ctx, ids);
  for (const id of fragmentIds(schema, fragmentId(schema, fragmentHash(json, 12)))) {
    const other = ids.get(id);
    if (other && other.json !== json) {
      ctx.report(at, 'invalid-schema', `\`schema\` gives the \`$id\` ${id} to a schema, and so does another, different \`schema\` (at ${other.at.path.join('.')}): a compiled file with both would be ambiguous. Give one of them another \`$id\`.`, { related: [{ file: other.at.file, message: 'the other fragment' }] });
      return;
    }
    ids.set(id, { json, at });
  }
  // Many validators run ajv in its default strict mode, which refuses some valid schemas
  // (a keyword without the `type` it applies to). Say so now rather than in their CI.
  // Tested as `compile` writes it (with the definition's own type, where that is safe).
  const asCompiled = embedFragment(schema, fragmentId(schema, 'check'), types);
  try {
    newAjv({ strict: true, allowUnionTypes: true, validateSchema: false, validateFormats: false, logger: false }).compile(asCompiled);
  } catch (e) {
    ctx.report(at, 'fragment-not-strict', `Validators in strict mode (ajv's default) will refuse this \`schema\`: ${(e as Error).message.replace(/^strict mode: /, '')}.`, { severity: 'warn' });
  }
}
