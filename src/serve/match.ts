// Partial matching of messages, for `POST /trackplan/wait`: a message matches when every value
// of the `match` is in it, equal; a list is matched element by element (the message's list may
// be longer). Keys are read as own properties only: a `match` of `{"__proto__": …}` or
// `{"constructor": …}` means those keys of the message, never what objects inherit.
import type { Difference } from './api-types.js';

/** Whether `actual` holds everything in `expected`. */
export function matches(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length < expected.length) return false;
    for (let i = 0; i < expected.length; i++) if (!matches(expected[i], actual[i])) return false;
    return true;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    for (const k of Object.keys(expected)) {
      if (!Object.hasOwn(actual, k) || !matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return expected === actual;
}

/** How many of the values `expected` holds (its leaves; an empty list or object is one) `actual` has, and where it differs. */
export function compare(expected: unknown, actual: unknown, path = '', out: Difference[] = []): { matched: number; of: number; differences: Difference[] } {
  let matched = 0;
  let of = 0;
  const walk = (e: unknown, a: unknown, p: string, present: boolean): void => {
    const list = Array.isArray(e);
    const object = !list && e !== null && typeof e === 'object';
    const entries: [string, unknown, string][] = list ? (e as unknown[]).map((v, i) => [String(i), v, `${p}[${i}]`]) : object ? Object.keys(e as object).map((k) => [k, (e as Record<string, unknown>)[k], join(p, k)]) : [];
    const sameKind = list ? Array.isArray(a) : object ? a !== null && typeof a === 'object' && !Array.isArray(a) : true;
    if ((list || object) && entries.length > 0 && present && sameKind) {
      for (const [k, v, sub] of entries) walk(v, (a as Record<string, unknown>)[k], sub, Object.hasOwn(a as object, k));
      return;
    }
    const n = Math.max(1, leaves(e));
    of += n;
    if (!present) out.push({ path: p, expected: e, missing: true });
    else if ((list || object) ? sameKind && matches(e, a) : e === a) matched += n;
    else out.push({ path: p, expected: e, actual: a });
  };
  walk(expected, actual, path, true);
  return { matched, of, differences: out };
}

/** The values a match holds: each value that is not a list or object, and each empty list or object. */
export function leaves(v: unknown): number {
  if (Array.isArray(v)) return v.length === 0 ? 1 : v.reduce((n: number, x) => n + leaves(x), 0);
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? 1 : keys.reduce((n, k) => n + leaves((v as Record<string, unknown>)[k]), 0);
  }
  return 1;
}

/** A path as violation paths are written: `properties.total`, `a["odd key"]`, `products[2]`. */
function join(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
