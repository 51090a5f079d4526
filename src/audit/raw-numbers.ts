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

const MARK = '\u0000number:';
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
  let root: unknown;
  try {
    // Out-of-range numbers become marked strings, which parse as themselves.
    root = JSON.parse(text.replace(TOKEN, (t) => (t.charCodeAt(0) === 34 || Number.isFinite(Number(t)) ? t : JSON.stringify(MARK + t))));
  } catch {
    return undefined;
  }
  let node = root;
  if (at >= 0) {
    const list = Array.isArray(node) ? node : (node as { batch?: unknown } | null)?.batch;
    if (!Array.isArray(list)) return undefined;
    node = list[at];
  }
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const m = SEGMENT.exec(path);
    if (!m || node === null || typeof node !== 'object') return undefined;
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string));
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(node);
  } catch {
    return undefined;
  }
  // The marked strings back to the numbers they were.
  return json?.replace(/"\\u0000number:([^"]*)"/g, '$1');
}
