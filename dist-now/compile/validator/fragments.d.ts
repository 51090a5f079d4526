/**
 * Raw `schema:` fragments, compiled by ajv's standalone mode at generation time: the one
 * place where generated code uses ajv's output, since a fragment may hold any JSON Schema.
 * ajv's code refers to its small run-time helpers (`ucs2length`, `equal`) and to format
 * checks; we point those at our own helpers, so nothing from ajv is needed at run time.
 * The result is wrapped in one function scope, so its names cannot clash with ours.
 */
export declare function fragmentsSource(fragments: ReadonlyMap<string, string>): string;
