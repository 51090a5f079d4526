import { type BuildContext } from './context.js';
import { type Field, type Origin, type Shape } from './plan.js';
/** Where each key of a (possibly merged) raw definition was written. */
type KeyOrigin = (key: string) => Origin;
/**
 * Build the Shape of one raw definition: a type-name shorthand (`number`) or a definition map.
 * `keyOrigin` lets a usage that refines a shared property report each key where it was written.
 */
export declare function buildShape(raw: unknown, origin: Origin, ctx: BuildContext, keyOrigin?: KeyOrigin): Shape | undefined;
/**
 * Build the fields of a property map. Outside the shared library itself, an entry with no
 * `type` takes the shared `properties:` entry of the same name, refined by its own keys.
 */
export declare function buildFields(map: Record<string, unknown>, origin: Origin, ctx: BuildContext, where: 'message' | 'nested' | 'library'): Field[];
export {};
