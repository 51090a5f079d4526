import type { Diagnostic, PlanPath } from '../diagnostics/diagnostic.js';
/** Converts Segment's JSON Schema rules into plan property definitions, noting everything it cannot keep as such. */
export declare class SchemaConverter {
    #private;
    private readonly file;
    readonly notes: Diagnostic[];
    /** `definitions` of the rule being converted, for `$ref: '#/definitions/X'`. */
    definitions: Record<string, unknown>;
    constructor(file: string);
    note(path: PlanPath, code: string, message: string, severity?: Diagnostic['severity']): void;
    /** `properties` + `required` of an object schema as a plan property map. */
    properties(schema: Record<string, unknown>, path: PlanPath): Record<string, unknown>;
    /** One property's JSON Schema as a plan definition. */
    definition(s: Record<string, unknown>, path: PlanPath): Record<string, unknown>;
}
export declare function isMap(v: unknown): v is Record<string, unknown>;
/** Set a key that may be `__proto__` as data. */
export declare function define(o: Record<string, unknown>, k: string, v: unknown): void;
