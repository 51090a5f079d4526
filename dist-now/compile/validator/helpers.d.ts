/**
 * Run-time helpers of generated validators, kept as source text so that one definition serves
 * both outputs: TypeScript for generated clients (`typed`) and JavaScript for the audit, which
 * loads validators at run time. Each helper is emitted only when a validator uses it.
 *
 * Formats follow RFC 3339 (date, time, date-time: time zone required, leap seconds only at
 * 23:59:60 UTC), RFC 5322 dot-atom addresses on RFC 1123 host names (email), RFC 3986 (uri,
 * absolute, with a scheme), RFC 4122 (uuid, optional `urn:uuid:`), RFC 1123 (hostname) and
 * RFC 4291 (ipv6), so that they agree with ajv-formats' "full" mode; the test suite checks that
 * agreement on a shared corpus.
 */
/** Rule ids in the order `bad` numbers them (the emitter passes indexes of this list). */
export declare const RULE_IDS: readonly ['type-mismatch', 'null-not-allowed', 'missing-required', 'unplanned-property', 'not-in-enum', 'const-mismatch', 'pattern-mismatch', 'format-mismatch', 'out-of-range', 'length-out-of-range', 'not-unique', 'schema-mismatch'];
/** The number `bad` takes for an unplanned property that a non-strict plan allows: a warning. */
export declare const WARN_UNPLANNED: 12;
type Helper = {
    deps?: readonly string[];
    code: (t: (ts: string) => string) => string;
};
/** The regular expressions of the format checks, by helper name (ajv's fragment code inlines them). */
export declare const FORMAT_REGEXES: Record<string, RegExp>;
/** Helper name → source. Names are short: they appear in every generated validator. */
export declare const HELPERS: Record<string, Helper>;
/** The check a `format` compiles to, as an expression over `x`, and the helpers it needs. */
export declare const FORMAT_CHECKS: Record<string, {
    expr: (x: string) => string;
    helper: string;
}>;
/** Source of the given helpers and everything they depend on, in a stable order. */
export declare function helperSource(names: Iterable<string>, typed: boolean): string;
export {};
