/**
 * The function name for a message name: `Order Completed` → `orderCompleted`,
 * `order_completed` → `orderCompleted`. A result that is not a usable identifier (empty,
 * starting with a digit, a reserved word) is prefixed: `404 Seen` → `event404Seen`.
 * It depends on the name alone, so adding an event never renames another's function;
 * two names that map to the same function are a `check` error, resolved with `codegen.name`.
 */
export declare function camelName(name: string, prefix?: string): string;
/** `orderCompleted` → `OrderCompleted`. */
export declare function pascal(s: string): string;
/** Whether `s` can be used bare as a property key or binding name in TypeScript. */
export declare function isIdentifier(s: string): boolean;
/** A property key as written in generated code: bare when possible, quoted otherwise. */
export declare function propertyKey(s: string): string;
/** Names the generated client exports for itself; plan-derived names must not take them. */
/**
 * Names generated clients define for themselves (exports and module-level helpers of the
 * templates, the `T` and `V` namespaces), and `then`, which would make the module a thenable
 * that `await import()` calls. A message's function may not take one.
 */
export declare const RESERVED_FUNCTIONS: ReadonlySet<string>;
/** Type names generated code uses: its own, TypeScript's built-in ones, and keywords. */
export declare const RESERVED_TYPES: ReadonlySet<string>;
/** A message's function name in generated clients (its `codegen.name` when set). */
export declare function functionName(m: {
    kind: string;
    name: string;
    codegenName?: string;
}): string;
/** The interface name of a message's properties or traits. */
export declare function payloadTypeName(m: {
    kind: string;
    name: string;
    codegenName?: string;
}): string;
