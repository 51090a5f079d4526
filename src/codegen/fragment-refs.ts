import { BASE, LIST, MAP, ONE, resolveRef } from '../compile/fragment-schema.js';

/**
 * The `$ref`s of a raw `schema:` fragment, resolved the way `check` and the validators read
 * them (fragment-schema.ts): against the fragment's own `$id` (or a base of its own), nested
 * `$id`s and plain-name anchors (`$id: "#foo"`), JSON pointers into the fragment. Only targets
 * inside the fragment are ever returned: an external reference, one that does not resolve, or
 * one whose meaning depends on the draft (a `$ref` beside an `$id` that would move it) is
 * `undefined`, and a type derived without it is wider, never wrong. Nothing is fetched or read.
 */
export interface FragmentRefs {
  /** The schema `node`'s `$ref` points to, inside the fragment; undefined when none. */
  target(node: object): unknown;
}

interface Place {
  /** The base URI around the schema, and the one its own `$id` makes for what it contains. */
  outer: string;
  inner: string | undefined;
}

const AMBIGUOUS = 'ambiguous';

/** Index a fragment's schemas by URI. */
export function fragmentRefs(fragment: unknown): FragmentRefs {
  const places = new Map<object, Place | typeof AMBIGUOUS>();
  const resources = new Map<string, unknown>();
  const anchors = new Map<string, unknown>();
  const rootId = isObject(fragment) && typeof fragment['$id'] === 'string' ? fragment['$id'] : '';
  const root = resolveRef(rootId, BASE);
  if (root !== undefined) {
    resources.set(withoutFragment(root), fragment);
    if (hasAnchor(root)) anchors.set(root, fragment);
    walk(fragment, withoutFragment(root), true);
  }

  function walk(schema: unknown, base: string, top: boolean): void {
    if (!isObject(schema)) return;
    const seen = places.get(schema);
    if (seen !== undefined && (seen === AMBIGUOUS || seen.outer === base)) return;
    let inner: string | undefined = base;
    const id = schema['$id'];
    if (!top && typeof id === 'string') {
      const url = resolveRef(id, base);
      inner = url === undefined ? undefined : withoutFragment(url);
      if (url !== undefined && hasAnchor(url) && !anchors.has(url)) anchors.set(url, schema);
      // `$id: "#foo"` names the schema; it does not move the base.
      if (url !== undefined && !id.startsWith('#') && !resources.has(withoutFragment(url))) resources.set(withoutFragment(url), schema);
    }
    // One object in two places (a YAML alias) under two bases: its references, and those of
    // everything in it, mean two things.
    places.set(schema, seen === undefined ? { outer: base, inner } : AMBIGUOUS);
    if (inner === undefined) return;
    for (const [k, v] of Object.entries(schema)) {
      if (ONE.has(k) && !Array.isArray(v)) walk(v, inner, false);
      else if (LIST.has(k) && Array.isArray(v)) for (const s of v) walk(s, inner, false);
      else if (MAP.has(k) && isObject(v)) for (const s of Object.values(v)) walk(s, inner, false);
    }
  }

  function lookup(url: string): unknown {
    const at = url.indexOf('#');
    const doc = at < 0 ? url : url.slice(0, at);
    const frag = at < 0 ? '' : url.slice(at + 1);
    const resource = resources.get(doc);
    if (resource === undefined) return undefined;
    if (frag === '') return resource;
    if (!frag.startsWith('/')) return anchors.get(url);
    let node: unknown = resource;
    for (const raw of frag.slice(1).split('/')) {
      let key: string;
      try {
        key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      } catch {
        return undefined;
      }
      // Own keys only: `__proto__` in a pointer is a key, never the prototype.
      if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(key)) node = node[Number(key)];
      else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
      else return undefined;
    }
    return node;
  }

  return {
    target(node) {
      const place = places.get(node);
      const ref = (node as Record<string, unknown>)['$ref'];
      if (!place || place === AMBIGUOUS || typeof ref !== 'string') return undefined;
      // draft-07 resolves a `$ref` beside an `$id` against the outer base, ajv against the
      // inner one: where they differ, the reference is left out (wider).
      const bases = place.inner === undefined || place.inner === place.outer ? [place.outer] : [place.outer, place.inner];
      const targets = bases.map((b) => {
        const url = resolveRef(ref, b);
        return url === undefined ? undefined : lookup(url);
      });
      if (targets.some((t) => t !== targets[0])) return undefined;
      const t = targets[0];
      return typeof t === 'boolean' || isObject(t) ? t : undefined;
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function hasAnchor(url: string): boolean {
  const at = url.indexOf('#');
  return at >= 0 && at < url.length - 1 && url[at + 1] !== '/';
}

function withoutFragment(url: string): string {
  const at = url.indexOf('#');
  return at < 0 ? url : url.slice(0, at);
}

