import type { Field, Shape } from '../model/plan.js';
export type JsonSchema = Record<string, unknown>;
export type Draft = 'draft-07' | '2020-12';
/** Conversion settings, plus the named types a schema refers to (collected for `definitions`). */
export interface SchemaContext {
    draft: Draft;
    /** Names of `types:` entries referenced so far. */
    refs: Set<string>;
}
/** `#/definitions/X` (draft-07) or `#/$defs/X` (2020-12). */
export declare function refTo(name: string, draft: Draft): string;
/** The JSON Schema of one shape; `strict` closes objects whose keys the plan lists. */
export declare function shapeSchema(shape: Shape, strict: boolean, ctx: SchemaContext): JsonSchema;
/** `properties`, `required` and `additionalProperties` for a list of fields. */
export declare function objectSchema(fields: readonly Field[], strict: boolean, ctx: SchemaContext, extra?: boolean | Shape): JsonSchema;
