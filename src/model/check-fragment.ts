import { Ajv } from 'ajv';
import type { BuildContext } from './context.js';
import type { Origin } from './plan.js';

let ajv: Ajv | undefined;

/**
 * A raw `schema:` fragment is the escape hatch, but it must still be JSON Schema: one that
 * ajv cannot compile (a misspelt type, a `$ref` to nothing) would make `compile`'s output
 * unusable. Fragments stand alone: to use a plan type, use `type:` beside the fragment.
 */
export function checkFragment(schema: Readonly<Record<string, unknown>>, at: Origin, ctx: BuildContext): void {
  // strict: false, so vendor keywords (`x-…`) in a fragment are allowed, as JSON Schema allows.
  ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false });
  if (!ajv.validateSchema(schema)) {
    const first = ajv.errors?.[0];
    const where = first?.instancePath ? ` at \`${first.instancePath}\`` : '';
    ctx.report(at, 'invalid-schema', `\`schema\` is not valid JSON Schema${where}: ${first?.message ?? 'invalid'}.`);
    return;
  }
  try {
    ajv.compile(schema);
  } catch (e) {
    ctx.report(at, 'invalid-schema', `\`schema\` cannot be used: ${(e as Error).message}. Fragments must stand alone; use \`type:\` to refer to a plan type.`);
  }
}
