import type { Diagnostic, PlanPath, Severity } from '../diagnostics/diagnostic.js';
import type { Field, NamedType, Origin } from './plan.js';
/** A raw entry of `types:` or `properties:` before it is built, with where it was written. */
export interface RawEntry {
    raw: unknown;
    origin: Origin;
}
/** What the model builder needs while it turns raw plan data into checked shapes. */
export interface BuildContext {
    /** Every visible `types:` entry, raw, by name (filled before any shape is built). */
    rawTypes: ReadonlyMap<string, RawEntry>;
    /** Every visible `properties:` entry, raw, by name. */
    rawShared: ReadonlyMap<string, RawEntry>;
    /** Built named types, filled as they are built. */
    types: Map<string, NamedType>;
    shared: Map<string, Field>;
    /** Shared properties being expanded right now, to catch one that contains itself. */
    expanding: string[];
    report(origin: Origin, code: string, message: string, options?: {
        severity?: Severity;
        at?: 'key' | 'value';
        related?: Diagnostic['related'];
    }): void;
}
/** Extend an origin's path. */
export declare function child(origin: Origin, ...keys: PlanPath): Origin;
/** A null-prototype map or undefined: raw data is untrusted until the format check passed. */
export declare function asMap(v: unknown): Record<string, unknown> | undefined;
/** The own value of a key, safe for keys such as `__proto__` on any object. */
export declare function own(map: Record<string, unknown>, key: string): unknown;
export declare function str(v: unknown): string | undefined;
export declare function num(v: unknown): number | undefined;
export declare function bool(v: unknown): boolean | undefined;
