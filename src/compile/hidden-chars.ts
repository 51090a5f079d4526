/**
 * Characters that change how text reads without showing themselves: C0 and C1 controls,
 * bidirectional controls (Trojan Source, CVE-2021-42574: U+202A–U+202E, U+2066–U+2069,
 * U+200E/F, U+061C), the line and paragraph separators, and the invisible zero-width space,
 * word joiner and invisible operators (U+200B, U+2060–U+2064, U+FEFF; not U+200D, which joins
 * emoji). GitHub warns of "hidden or bidirectional Unicode text" in a file that holds one.
 * Tab, LF and CR are left to the callers: code and templates use them as whitespace.
 */
const HIDDEN = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200b\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060-\\u2069\\ufeff';
const HIDDEN_RE = new RegExp(`[${HIDDEN}]`, 'g');
const HIDDEN_OR_SPACE_RE = new RegExp(`[\\t\\n\\r${HIDDEN}]`, 'g');

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Each hidden character as `\uXXXX`, in the whole of a generated file. In our output such a
 * character can only stand inside a comment or a string literal (plan text reaches code
 * through JSON.stringify, which escapes backslashes, so none follows a lone `\`): in a
 * comment the escape shows it, in a string the escape means the same character.
 */
export function escapeHidden(code: string): string {
  return code.replace(HIDDEN_RE, escape);
}

/** The same for one line of comment text, tab and line ends included. */
export function escapeHiddenInLine(text: string): string {
  return text.replace(HIDDEN_OR_SPACE_RE, escape);
}
