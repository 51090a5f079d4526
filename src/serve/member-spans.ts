// Where each member of a batch body starts and ends in the text the client sent, so the capture
// line of a member is its own text (plus what the server adds) rather than `JSON.stringify` of
// the parsed member written again: the body is parsed once, by JSON.parse, and this only walks
// its brackets and strings (about 60% of a stringify's time on 1 KB members, measured with
// `BENCH_ONLY=serve npm run bench`; README "serve", Speed).
//
// It runs only on text JSON.parse has just accepted, so it need not validate; where the text is
// anything but the plain case (a key written with escapes, no `batch` list) it gives up and the
// caller writes the parsed member instead.

const QUOTE = 34;
const BACKSLASH = 92;

/** The index just past the string that opens at `i` (a `"`). */
function skipString(t: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = t.indexOf('"', from);
    if (q < 0) return t.length;
    let b = q - 1;
    while (t.charCodeAt(b) === BACKSLASH) b--;
    // An even run of backslashes before the quote escapes nothing: the string ends here.
    if ((q - 1 - b) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

// How deep the last value skipped nests (lists and objects), for the caller's bound on nesting.
let deepest = 0;

/** The index just past the JSON value that starts at `i`; its nesting is left in `deepest`. */
function skipValue(t: string, i: number): number {
  deepest = 0;
  const c = t.charCodeAt(i);
  if (c === QUOTE) return skipString(t, i);
  if (c !== 123 && c !== 91) {
    // A number, true, false or null: up to the next separator.
    let j = i;
    while (j < t.length) {
      const d = t.charCodeAt(j);
      if (d === 44 || d === 125 || d === 93 || d <= 32) break;
      j++;
    }
    return j;
  }
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const d = t.charCodeAt(j);
    if (d === QUOTE) j = skipString(t, j) - 1;
    else if (d === 123 || d === 91) {
      if (++depth > deepest) deepest = depth;
    }
    else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
  }
  return t.length;
}

function skipSpace(t: string, i: number): number {
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

/**
 * The members of the `batch` list of a batch body, as triples (start offset, end offset, how
 * deep it nests), or undefined when the body does not say `"batch"` plainly. A key given twice
 * counts as JSON.parse counts it: the last one.
 */
export function batchMemberSpans(text: string): number[] | undefined {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 123) return undefined;
  i = skipSpace(text, i + 1);
  let spans: number[] | undefined;
  while (text.charCodeAt(i) === QUOTE) {
    const keyEnd = skipString(text, i);
    const key = text.slice(i + 1, keyEnd - 1);
    if (key.includes('\\')) return undefined;
    i = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    if (key === 'batch' && text.charCodeAt(i) === 91) {
      const found: number[] = [];
      i = skipSpace(text, i + 1);
      while (text.charCodeAt(i) !== 93) {
        const end = skipValue(text, i);
        found.push(i, end, deepest);
        i = skipSpace(text, end);
        // Text JSON.parse did not accept (never given here) ends the walk rather than looping.
        if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
        else if (text.charCodeAt(i) !== 93) return undefined;
      }
      spans = found;
      i = skipSpace(text, i + 1);
    } else {
      spans = key === 'batch' ? undefined : spans;
      i = skipSpace(text, skipValue(text, i));
    }
    if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
    else if (text.charCodeAt(i) !== 125) return undefined;
  }
  return text.charCodeAt(i) === 125 ? spans : undefined;
}

/** How deep the JSON value in `text` nests (0 for a number or a string, 1 for `{}`). */
export function nesting(text: string): number {
  skipValue(text, skipSpace(text, 0));
  return deepest;
}

/** Whether a member's text can stand as a line of NDJSON: no line break (only whitespace can hold one). */
export function fitsOneLine(text: string): boolean {
  return text.indexOf('\n') === -1 && text.indexOf('\r') === -1;
}
