/**
 * Where valid JSON text first holds a value nested more than `max` levels deep (a value
 * inside `max` arrays and objects is fine), as an offset, or undefined. One pass, no
 * recursion: converting or locating such a value recursively would exhaust V8's stack.
 */
export function jsonTooDeep(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5d || c === 0x7d) depth--; // ] }
    else if (c <= 0x20 || c === 0x2c || c === 0x3a) continue; // space, `,` `:`
    else if (depth > max) return i; // a value (or a key, whose value is as deep) starts here
    else if (c === 0x5b || c === 0x7b) depth++; // [ {
    else if (c === 0x22) {
      // Skip the string, escapes included, so that brackets inside it do not count.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    }
  }
  return undefined;
}
