import type { Dialect } from './dialect.js';
import { forFlavour } from './regex.js';

// JSON as JavaScript's JSON.parse reads it. Engines' parsers are more lenient (DuckDB's takes
// NaN, Infinity, trailing commas and comments): the line's strings and literals are blanked out
// and what is left must be JSON's punctuation alone, with no comma before a closing bracket and
// no two values side by side; the engine's own parser checks the nesting.
const STRING = '"(?:[^"\\\\\\x{0}-\\x{1F}]|\\\\["\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4})*"';
const LITERAL = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null';
const WS = '[ \\t\\n\\r]*';
const LEFTOVER = `[^\\[\\]{}:,0 \\t\\n\\r]|,${WS}[\\]}]|0${WS}[0\\[{]|[\\]}]${WS}[0\\[{]`;

// What an engine's parser takes beyond JSON shows in the text (DuckDB's: NaN, Infinity and inf
// in any case, a comma before a closing bracket; a backslash before another letter): only a line
// holding one of these, anywhere, is blanked out and looked at (it costs a regular expression
// over the whole line, the slowest part of reading).
const SUSPECT = '(?i)nan|inf|,[ \\t\\n\\r]*[\\]}]|\\\\[^"\\\\/bfnrtu]';

/** TRUE when the line `text` is JSON exactly as JSON.parse takes it. */
export function jsonLineTest(d: Dialect, text: string): string {
  const f = (re: string) => forFlavour(re, d.regexFlavour);
  const blanked = d.replaceAll(d.replaceAll(text, f(STRING), '0'), f(LITERAL), '0');
  return `(${d.parses(text)} AND (NOT ${d.matches(text, f(SUSPECT))} OR NOT ${d.matches(blanked, f(LEFTOVER))}))`;
}
