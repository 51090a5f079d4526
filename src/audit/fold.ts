import { createHash } from 'node:crypto';
import type { AuditSummary, Example, MessageStats, ViolationGroup } from './summary.js';

/**
 * Names made of data fold into `*`. Traffic with a key or an event name made of data
 * (`sku_8412`, `Viewed Product 8412`) has one of each per message: listing them kept the whole
 * input in memory (88 MB of such messages took 2 GB) and made reports nobody can read. Limits:
 *
 * - MAX_DISTINCT different names under one parent (unplanned message names of a type; keys at
 *   one place of one message, per code) are listed; past it the parent's names all fold;
 * - MAX_PLACES different places (paths) per message and code are listed; past it every finding
 *   of that message and code is counted at `*` (a recursive or nested map holds few names per
 *   parent, and unboundedly many places);
 * - a name longer than MAX_NAME characters is never listed: it is counted at `*` on its own.
 *
 * Each rule is decided by the whole input (folded when the input has more than the limit), so
 * reports are the same in one thread and in many: a thread folds what it alone has too many of,
 * and merging folds what the union has too many of. What is held stays bounded by the plan:
 * at most MAX_PLACES places and groups per message and code, whatever the input.
 */
export const MAX_DISTINCT = 500;
export const MAX_PLACES = 2000;
export const MAX_NAME = 256;
/** Segments past this depth are not counted per parent (MAX_PLACES still bounds them). */
const TRACKED_DEPTH = 16;

/** The name or path that stands for the folded ones. */
export const FOLDED = '*';

/**
 * Names noted under each parent, or null once folded. Keys: `e\0<type>` unplanned message
 * names; `o\0<owner>` places of an owner (`<message key>\0<code>`); `p\0<owner>\0<prefix>` the
 * next segment of paths; `k\0<owner>\0<prefix>` the key an `unplanned-property` finding names,
 * counted apart from segments on the way (800 unplanned keys under `properties` fold into
 * `properties.*` while the planned `properties.tags[]` leading to others stays listed).
 */
export type Folds = Map<string, Set<string> | null>;

/** As plain data, for a summary that crosses threads. */
export function foldsToJson(folds: Folds): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const [k, v] of folds) out[k] = v === null ? null : [...v];
  return out;
}

export function foldsFromJson(json: Record<string, string[] | null> | undefined): Folds {
  const out: Folds = new Map();
  for (const [k, v] of Object.entries(json ?? {})) out.set(k, v === null ? null : new Set(v));
  return out;
}

/** The stats key of a message; folded names of a type get one no message name can have. */
export function messageKey(type: string, name: string, folded = false): string {
  return folded ? `\u0001${type}` : `${type}\u0000${name}`;
}

// A path as the validators write it: `properties.items[].price`, `properties["odd key"]`.
const SEGMENT = /\[\]|\["(?:[^"\\]|\\.)*"\]|\.?[^.[]+/g;

/** List indexes as `[]` (not inside a quoted key: `["[5]"]` stays as it is). */
export function listedPath(path: string): string {
  return path.replace(/\["(?:[^"\\]|\\.)*"\]|\[\d+\]/g, (m) => (m.charCodeAt(1) === 34 ? m : '[]'));
}

/**
 * Folding over one summary: what each finding is grouped under, and moving groups when a
 * parent folds. Groups are indexed by owner, so a fold looks only at its owner's groups.
 */
export class Folder {
  readonly #byOwner = new Map<string, Set<string>>();

  constructor(
    readonly s: AuditSummary,
    readonly folds: Folds,
    /** Where a file stands among the inputs, for examples in input order. */
    readonly fileOrder: (file: string) => number,
    /** Examples kept per group (all of them for merges that sort later). */
    readonly limit: number,
    /** Told when names of a type fold (the auditor drops what it cached for them). */
    readonly onNamesFolded?: (type: string, names: ReadonlySet<string>) => void,
  ) {
    for (const [k, g] of Object.entries(s.groups)) this.#index(ownerOfKey(k, g), k);
  }

  /**
   * Whether an unplanned message of `type` named `name` is counted under the folded `*` rather
   * than its name. When this name folds the type, what the names listed so far hold moves first.
   */
  foldsName(type: string, name: string): boolean {
    return name.length > MAX_NAME || !this.#note(`e\u0000${type}`, name, MAX_DISTINCT, (names) => this.foldNames(type, names));
  }

  /** The group a finding of `owner` (`<message key>\0<code>`) at `path` counts in, made when new. */
  group(owner: string, path: string, make: (path: string, folded: boolean) => ViolationGroup): ViolationGroup {
    const listed = listedPath(path);
    // A group under the path as found is listed (folding moves groups away): the usual case.
    const g = this.s.groups[`${owner}\u0000${listed}`];
    if (g) return g;
    const at = this.#shape(owner, listed, true);
    const k = `${owner}\u0000${at}`;
    let found = this.s.groups[k];
    if (!found) {
      found = this.s.groups[k] = make(at, at !== listed);
      this.#index(owner, k);
    }
    return found;
  }

  /** Add a group (from another summary, or moved) under `key`, summing it with one there. */
  add(owner: string, key: string, g: ViolationGroup): void {
    const x = this.s.groups[key];
    if (!x) {
      this.s.groups[key] = g;
      this.#index(owner, key);
      return;
    }
    x.count += g.count;
    if (g.folded) x.folded = true;
    x.examples = firstExamples([...x.examples, ...g.examples], this.fileOrder, this.limit);
  }

  /** Re-shape every group of `owner` by the folds as they are now. */
  refold(owner: string): void {
    const keys = this.#byOwner.get(owner);
    if (!keys) return;
    for (const k of [...keys]) {
      const g = this.s.groups[k];
      if (!g) {
        keys.delete(k);
        continue;
      }
      const at = this.#shape(owner, g.path, false);
      if (at === g.path) continue;
      delete this.s.groups[k];
      keys.delete(k);
      // Examples keep the place they were found at, which `*` no longer says.
      const examples = g.examples.map((e) => withPath(e, g.path));
      this.add(owner, `${owner}\u0000${at}`, { ...g, path: at, message: foldedMessage(g.code, at), examples, folded: true });
    }
  }

  /** Fold the unplanned names of `type` listed so far into `*` (stats and groups). */
  foldNames(type: string, names: ReadonlySet<string>): void {
    this.onNamesFolded?.(type, names);
    const bucket = messageKey(type, FOLDED, true);
    for (const name of names) {
      const key = messageKey(type, name);
      const stats = this.s.stats[key];
      if (stats) {
        delete this.s.stats[key];
        addStats(this.s, bucket, { ...stats, event: FOLDED, folded: true });
      }
      for (const [owner, keys] of [...this.#byOwner]) {
        if (!owner.startsWith(`${key}\u0000`) || owner.indexOf('\u0000', key.length + 1) !== -1) continue;
        const code = owner.slice(key.length + 1);
        this.#byOwner.delete(owner);
        for (const k of keys) {
          const g = this.s.groups[k];
          if (!g) continue;
          delete this.s.groups[k];
          this.add(`${bucket}\u0000${code}`, `${bucket}\u0000${code}\u0000${g.path}`, { ...g, event: FOLDED, message: g.code === 'unplanned-event' ? foldedNamesMessage(type) : g.message, folded: true });
        }
        for (const f of [...this.folds.keys()]) if (f.slice(2).startsWith(`${owner}\u0000`) || f === `o\u0000${owner}`) this.folds.delete(f);
      }
    }
  }

  /** The path a finding is grouped under, noting its names; folds (and moves groups) as limits pass. */
  #shape(owner: string, path: string, found: boolean): string {
    if (this.folds.get(`o\u0000${owner}`) === null) return FOLDED;
    // Places are counted as found, before any folding (a rule on the input alone); a group
    // being moved was counted when it was found.
    if (found && !this.#note(`o\u0000${owner}`, place(path), MAX_PLACES, () => this.#foldOwner(owner))) return FOLDED;
    const segs = path.match(SEGMENT) ?? [];
    const lastIsKey = owner.endsWith('\u0000unplanned-property');
    let out = '';
    let depth = 0;
    const folded: string[] = [];
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      if (seg === '[]' || seg === FOLDED || seg === `.${FOLDED}`) {
        out += seg;
        continue;
      }
      const role = lastIsKey && i === segs.length - 1 ? 'k' : 'p';
      const listed = seg.length <= MAX_NAME && (++depth > TRACKED_DEPTH || this.#note(`${role}\u0000${owner}\u0000${out}`, seg, MAX_DISTINCT, () => folded.push(out)));
      out += listed ? seg : out === '' ? FOLDED : `.${FOLDED}`;
    }
    if (folded.length > 0) this.refold(owner);
    return out;
  }

  /** Too many places: every group of `owner` moves to `*`, and what was noted for it goes. */
  #foldOwner(owner: string): void {
    for (const f of [...this.folds.keys()]) if ((f.startsWith('p\u0000') || f.startsWith('k\u0000')) && f.slice(2).startsWith(`${owner}\u0000`)) this.folds.delete(f);
    const keys = this.#byOwner.get(owner);
    if (!keys) return;
    this.#byOwner.delete(owner);
    for (const k of keys) {
      const g = this.s.groups[k];
      if (!g || g.path === FOLDED) {
        if (g) this.#index(owner, k);
        continue;
      }
      delete this.s.groups[k];
      const examples = g.examples.map((e) => withPath(e, g.path));
      this.add(owner, `${owner}\u0000${FOLDED}`, { ...g, path: FOLDED, message: foldedMessage(g.code, FOLDED), examples, folded: true });
    }
  }

  /** Note `child` under `key`: true while listed by name; `fold` gets the names listed until the limit passed. */
  #note(key: string, child: string, max: number, fold: (names: Set<string>) => void): boolean {
    let set = this.folds.get(key);
    if (set === null) return false;
    if (set === undefined) this.folds.set(key, (set = new Set()));
    if (set.has(child)) return true;
    if (set.size < max) {
      set.add(child);
      return true;
    }
    this.folds.set(key, null);
    fold(set);
    return false;
  }

  #index(owner: string, key: string): void {
    let keys = this.#byOwner.get(owner);
    if (!keys) this.#byOwner.set(owner, (keys = new Set()));
    keys.add(key);
  }
}

/** An example with the place it was found at (kept when it has one), keys in one order. */
function withPath(e: Example, path: string): Example {
  const out: Example = { file: e.file, line: e.line, path: e.path ?? path };
  if (e.value !== undefined) out.value = e.value;
  return out;
}

/** A place as noted: the path, or a digest of a long one (the set's size is what counts). */
function place(path: string): string {
  return path.length <= 64 ? path : createHash('sha1').update(path).digest('base64');
}

/** The owner part of a group's key: the key without the group's path. */
function ownerOfKey(key: string, g: ViolationGroup): string {
  return key.slice(0, key.length - g.path.length - 1);
}

/** What a group folded at `path` says: the same whatever was folded into it, and in what order. */
export function foldedMessage(code: string, path: string): string {
  if (path === FOLDED) return `${code} at more than ${MAX_PLACES} different places of this message (each example says where)`;
  if (code === 'unplanned-property') return `is not in the plan (more than ${MAX_DISTINCT} different keys, or keys too long to list, at \`*\`; each example says which)`;
  return `${code} under more than ${MAX_DISTINCT} different keys, or keys too long to list, at \`*\` (each example says where)`;
}

/** What the `unplanned-event` group of folded names says. */
export function foldedNamesMessage(type: string): string {
  return `More than ${MAX_DISTINCT} different ${type === 'track' ? 'event' : type} names (or names too long to list) are not in the plan; the examples show some`;
}

/** Add stats into a summary, summing them with those of the same key. */
export function addStats(s: AuditSummary, key: string, v: MessageStats): void {
  const x = s.stats[key];
  if (!x) s.stats[key] = v;
  else {
    x.count += v.count;
    x.invalid += v.invalid;
    x.violations += v.violations;
  }
}

/** Examples in input order (files in the order given, then lines, then places), the first `n`. */
export function firstExamples(list: Example[], fileOrder: (file: string) => number, n: number): Example[] {
  return list.sort((a, b) => compareExamples(a, b, fileOrder)).slice(0, n);
}

export function compareExamples(a: Example, b: Example, fileOrder: (file: string) => number): number {
  return fileOrder(a.file) - fileOrder(b.file) || a.line - b.line || (a.path ?? '').localeCompare(b.path ?? '');
}

/**
 * Merge `b`'s groups into `a` (whose stats already hold `b`'s), union what both noted, and fold
 * in `a` what the union has too many of, or what either side had folded already.
 */
export function mergeGroups(a: AuditSummary, b: AuditSummary, fileOrder: (file: string) => number, limit: number): void {
  const folds = foldsFromJson(a.folds);
  const folder = new Folder(a, folds, fileOrder, limit);
  const theirs = foldsFromJson(b.folds);
  // Names b had folded: a's listed ones go too, before b's `*` groups arrive.
  for (const [k, v] of theirs) {
    if (v !== null || !k.startsWith('e\u0000')) continue;
    const mine = folds.get(k);
    folds.set(k, null);
    if (mine) folder.foldNames(k.slice(2), mine);
  }
  for (const [k, g] of Object.entries(b.groups)) folder.add(ownerOfKey(k, g), k, { ...g, examples: [...g.examples] });
  const owners = new Set<string>();
  for (const [k, v] of theirs) {
    const mine = folds.get(k);
    if (mine === null) {
      if (k.startsWith('e\u0000') && v) folder.foldNames(k.slice(2), v); // b listed names a had folded
      else if (!k.startsWith('e\u0000')) owners.add(ownerOfFold(k));
      continue;
    }
    if (v === null) {
      folds.set(k, null);
      if (!k.startsWith('e\u0000')) owners.add(ownerOfFold(k));
      continue;
    }
    const union = new Set([...(mine ?? []), ...v]);
    const max = k.startsWith('o\u0000') ? MAX_PLACES : MAX_DISTINCT;
    if (union.size <= max) {
      folds.set(k, union);
      continue;
    }
    folds.set(k, null);
    if (k.startsWith('e\u0000')) folder.foldNames(k.slice(2), union);
    else owners.add(ownerOfFold(k));
  }
  for (const owner of owners) folder.refold(owner);
  a.folds = foldsToJson(folds);
}

/** The owner of an `o`, `p` or `k` fold key (an event name may hold anything, NUL included; a code and a path prefix cannot). */
function ownerOfFold(key: string): string {
  const rest = key.slice(2);
  if (key.startsWith('o\u0000')) return rest;
  return rest.slice(0, rest.lastIndexOf('\u0000'));
}
