import type { BuildContext } from './context.js';
import type { Origin } from './plan.js';
/**
 * A raw `schema:` fragment is the escape hatch, but it must still be JSON Schema: one that
 * ajv cannot compile (a misspelt type, a `$ref` to nothing) would make `compile`'s output
 * unusable. Fragments stand alone: to use a plan type, use `type:` beside the fragment.
 */
export declare function checkFragment(schema: Readonly<Record<string, unknown>>, at: Origin, ctx: BuildContext, types?: readonly string[]): void;
