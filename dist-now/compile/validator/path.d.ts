/**
 * A violation path being built at code-generation time: static text known now, plus
 * run-time parts (array indexes, unplanned keys). It renders to a JavaScript expression that
 * generated code evaluates only when it reports a violation, so valid data pays nothing.
 */
export declare class PathExpr {
    private readonly parts;
    private constructor();
    static root(text: string): PathExpr;
    /** `a.b`, or `a["odd key"]` for keys that are not identifiers. */
    key(name: string): PathExpr;
    /** `a[i]` with `i` a run-time expression. */
    index(expr: string): PathExpr;
    /** A run-time key (an unplanned property name), formatted by the `seg` helper. */
    dynamicKey(expr: string): PathExpr;
    /** Known in full at code-generation time (no array index or run-time key in it). */
    isStatic(): boolean;
    /** The JavaScript expression that computes this path. */
    render(): string;
}
