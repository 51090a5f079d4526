import type { MessageDef, Plan } from '../../model/plan.js';
/** Options of generated validator code. */
export interface EmitOptions {
    /** TypeScript (annotations, `export`) for generated clients, or plain JavaScript for the audit. */
    typed: boolean;
    /**
     * The audit's view: keys a non-strict plan allows are still reported, as warnings
     * (`strict: false` makes unplanned properties warnings, not silence).
     */
    warnUnplanned?: boolean;
    /** Patterns are built by `RX(source)`, which the audit replaces (a linear-time engine for risky ones). */
    regexFactory?: boolean;
    /**
     * The audit's layout (untyped only): the checks of each property at a fixed path go in a
     * function of their own, one for every message with the same property (same name, same
     * definition). A plan's events share most properties, so the hot code is a few functions
     * that V8 optimizes after a few hundred messages, once, rather than one large function per
     * event that each waits for its own thousands of calls and compiles the same checks again.
     */
    share?: boolean;
}
/** One message's validator: its function name and where its violations are rooted. */
export interface EmittedValidator {
    message: MessageDef;
    functionName: string;
}
/** The rule ids a violation can carry; the audit reports the same ids. */
export declare const VIOLATION_RULES: readonly ["type-mismatch", "null-not-allowed", "missing-required", "unplanned-property", "not-in-enum", "const-mismatch", "pattern-mismatch", "format-mismatch", "out-of-range", "length-out-of-range", "not-unique", "schema-mismatch"];
/**
 * Emits validators straight from the plan model: one small function per message, one per
 * named type, no ajv at run time and no `eval`. Checks are ordered so valid data takes the
 * shortest path, and violation paths are only built when a violation is reported.
 */
export declare class ValidatorEmitter {
    #private;
    private readonly plan;
    private readonly options;
    /** Raw `schema:` fragments by their JSON, and the name of their compiled check. */
    readonly fragments: Map<string, string>;
    constructor(plan: Plan, options: EmitOptions);
    private t;
    /** A validator for a message's properties (or traits); returns the function's source. */
    message(m: MessageDef, functionName: string, exported?: boolean): string;
    /** Functions for the named types used so far (call after all messages). */
    namedTypes(): string;
    /** Module-level declarations (lazy regexes, enum sets) and the helpers used. */
    prelude(): string;
    private v;
    /** Report a violation through the `bad` helper, which builds the message from the rule and `detail`. */
    private push;
    /** Checks of a present (non-undefined) value `x` against `shape`. */
    private value;
    /** A value that must match one of several named types (JSON Schema `anyOf` of `$ref`s). */
    private namedBranch;
    private typeFn;
    /** enum and const: they apply to any type. */
    private valueChecks;
    /** The name of a function holding the checks of a value at a fixed path (see `share`). */
    private sharedCheck;
    private inEnum;
    /** Checks that apply once the JSON type is known. */
    private typedChecks;
    private stringChecks;
    private regex;
    private numberChecks;
    private arrayChecks;
    private objectChecks;
}
