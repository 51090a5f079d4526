/** How one plan pattern runs in the audit. */
export type PatternEngine = 'native' | 'linear' | 'unchecked';
/**
 * Whether V8's backtracking engine runs a pattern in linear time: at most one unbounded
 * quantifier (`+`, `*`, `{n,}`), no quantified group holding a quantifier or an alternation,
 * no back-reference. `^[A-Z]{3}$` and `^[a-z]+$` are simple; `(a+)+`, `[a-z]+[a-z.]*@` (two
 * adjacent quantifiers over the same characters) are not. A false alarm only costs speed.
 */
export declare function isSimple(source: string): boolean;
/**
 * An ECMAScript pattern in RE2's syntax with the same meaning, or undefined when it has no
 * equivalent (look-arounds, back-references, `\S` inside a class).
 */
export declare function toRe2(source: string): string | undefined;
/**
 * A pattern's matcher for untrusted data. Simple patterns use V8's engine (fast, and linear
 * for them); others use RE2's linear-time algorithm (re2js) on a translation with the same
 * meaning; a pattern that is neither simple nor expressible in RE2 is not run at all (it could
 * hang the audit on one crafted value) and the report names it.
 */
export declare function compilePattern(source: string): {
    test(s: string): boolean;
    engine: PatternEngine;
};
