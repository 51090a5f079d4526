import { randomBytes } from 'node:crypto';

// Numbers that JSON.parse cannot hold (`1e999` is Infinity, which JSON.stringify writes as
// `null`), shown as the message wrote them. Used only for the examples of a report, so the
// second reading of a message's text costs nothing while messages are read.

/** Whether a value is or holds a number beyond a 64-bit float's range (read as ±Infinity). */
export function holdsNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v === null || typeof v !== 'object') return false;
  let found = false;
  try {
    JSON.stringify(v, (_k, x: unknown) => {
      if (typeof x === 'number' && !Number.isFinite(x)) found = true;
      return x;
    });
  } catch {
    // Nested too deeply to walk: shown as JSON shows it.
  }
  return found;
}

const MARK = 'number';
// A string (skipped as it is) or a number, in JSON text.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
// A segment of a violation path: `key`, `.key`, `[2]`, `["odd key"]` (see compile/validator/path.ts).
const SEGMENT = /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/**
 * The value at `path` of the message read from `text` (the element `at` of the list or batch
 * the text holds, or the whole text when `at` is -1), as JSON with its out-of-range numbers as
 * written; undefined when it cannot be found.
 */
export function writtenValue(text: string, at: number, path: string): string | undefined {
  let node = markedElement(text, at, MARK);
  if (node === undefined) return undefined;
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const m = SEGMENT.exec(path);
    if (!m || node === null || typeof node !== 'object') return undefined;
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string));
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node === undefined) return undefined;
  return markedJson(node, MARK);
}

/**
 * The JSON text of the message read from `text` (as for `writtenValue`) after `edit` changed
 * it, with its out-of-range numbers as written: `trackplan serve` writes what a client sent,
 * plus `receivedAt`, to its capture, where `JSON.stringify` would turn `1e999` into `null`.
 */
export function writtenJson(text: string, at: number, edit: (message: unknown) => unknown): string | undefined {
  // A mark no client can guess: a string of the message that looked like one would be unmarked
  // into the line, and could break it.
  const mark = randomBytes(12).toString('hex');
  const node = markedElement(text, at, mark);
  return node === undefined ? undefined : markedJson(edit(node), mark);
}

/** The element `at` of the list or batch `text` holds (the whole value when -1), out-of-range numbers marked. */
function markedElement(text: string, at: number, mark: string): unknown {
  let node: unknown;
  try {
    // Out-of-range numbers become marked strings (`"\u0000<mark>:1e999"`), which parse as themselves.
    node = JSON.parse(text.replace(TOKEN, (t) => (t.charCodeAt(0) === 34 || Number.isFinite(Number(t)) ? t : JSON.stringify(`\u0000${mark}:${t}`))));
  } catch {
    return undefined;
  }
  if (at >= 0) {
    const list = Array.isArray(node) ? node : (node as { batch?: unknown } | null)?.batch;
    if (!Array.isArray(list)) return undefined;
    node = list[at];
  }
  return node;
}

function markedJson(node: unknown, mark: string): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(node);
  } catch {
    return undefined;
  }
  // The marked strings back to the numbers they were.
  return json?.replace(new RegExp(`"\\\\u0000${mark}:([^"]*)"`, 'g'), '$1');
}
