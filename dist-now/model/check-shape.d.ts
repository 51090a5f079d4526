import { type BuildContext } from './context.js';
import type { Origin, Primitive, Shape, TypeRef } from './plan.js';
/** Semantic checks the format schema cannot express: values against types, ranges, regexes. */
export declare function checkShape(shape: Shape, at: (key: string) => Origin, ctx: BuildContext): void;
/** The primitive types a union admits, following named types (`any` admits all). */
export declare function primitivesOf(types: readonly TypeRef[], ctx: BuildContext, seen?: Set<string>): Set<Primitive>;
