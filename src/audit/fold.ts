import type { AuditSummary, Example, MessageStats, ViolationGroup } from './summary.js';

/**
 * How many different names are listed one by one under one parent: unplanned event names of
 * a type, or keys at one place of a message (per message and code). Past it they fold into
 * `*`. Traffic with a key or an event name made of data (`sku_8412`, `Viewed Product 8412`) has
 * one of each per message: listing them kept the whole input in memory (88 MB of such messages
 * took 2 GB) and made reports nobody can read.
 */
export const MAX_DISTINCT = 500;

/** The name or path segment that stands for all the folded ones. */
export const FOLDED = '*';

/**
 * The names seen under each parent, or null once folded. Keys: `e\0<type>` for unplanned
 * message names; `p\0<type>\0<name>\0<code>\0<path prefix>` for the next segment of paths,
 * `k\0…` for the key an `unplanned-property` finding names (see groupPath).
 * The rule is decided by the whole input (a parent folds when the input has more than
 * MAX_DISTINCT names under it), so it holds the same in one thread and in many: each thread
 * folds what it alone has too many of, and merging folds what the union has too many of.
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

/**
 * Note `child` under `key`: true while it is listed by name, false once `key` is folded. When
 * this very name folds it, `folded` receives the names listed until now (to move what they hold).
 */
export function note(folds: Folds, key: string, child: string, folded?: (names: Set<string>) => void): boolean {
  let set = folds.get(key);
  if (set === null) return false;
  if (set === undefined) folds.set(key, (set = new Set()));
  if (set.has(child)) return true;
  if (set.size < MAX_DISTINCT) {
    set.add(child);
    return true;
  }
  folds.set(key, null);
  folded?.(set);
  return false;
}

// A path as the validators write it: `properties.items[].price`, `properties["odd key"]`.
const SEGMENT = /\[\]|\["(?:[^"\\]|\\.)*"\]|\.?[^.[]+/g;

/**
 * The path a finding is grouped under, with every segment past its parent's limit as `*`.
 * The key an `unplanned-property` finding names (its last segment) is counted apart from the
 * segments on the way to it: under `properties`, 800 keys that are not in the plan fold into
 * `properties.*` while the planned `properties.tags[]` leading to others stays as it is.
 * `refold` collects the prefixes folded by this call: groups already under them must move.
 */
export function groupPath(folds: Folds, owner: string, path: string, refold?: string[]): string {
  const segs = path.match(SEGMENT) ?? [];
  const lastIsKey = owner.endsWith('\u0000unplanned-property');
  let out = '';
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg === '[]') {
      out += seg;
      continue;
    }
    const at = out;
    const role = lastIsKey && i === segs.length - 1 ? 'k' : 'p';
    if (note(folds, `${role}\u0000${owner}\u0000${at}`, seg, () => refold?.push(at))) out += seg;
    else out += out === '' ? FOLDED : `.${FOLDED}`;
  }
  return out;
}

/** The key of a message's stats, and the owner part of its groups' fold keys. */
export function messageKey(type: string, name: string): string {
  return `${type}\u0000${name}`;
}

/**
 * Move every group of `owner` (`type\0name\0code`) under a folded prefix into its `*` group,
 * and forget what was noted below the names that folded.
 */
export function refoldPaths(s: AuditSummary, folds: Folds, owner: string, prefix: string, fileOrder: (file: string) => number, limit: number): void {
  // (What was noted below the names that folded stays: at most MAX_DISTINCT of them, and which
  // of those notes another path still needs is not worth working out.)
  const moving: [string, ViolationGroup][] = [];
  for (const [k, g] of Object.entries(s.groups)) {
    if (`${g.type}\u0000${g.event}\u0000${g.code}` === owner && below(prefix, g.path)) moving.push([k, g]);
  }
  for (const [k, g] of moving) {
    const path = groupPath(folds, owner, g.path);
    if (path === g.path) continue;
    delete s.groups[k];
    // Examples keep the path they were found at (indexes as `[]`), which `*` no longer says.
    const examples = g.examples.map((e) => (e.path === undefined ? { ...e, path: g.path } : e));
    addGroup(s, { ...g, path, message: foldedPathMessage(g.message), examples, folded: true }, fileOrder, limit);
  }
}

/** Whether `path` is strictly below `prefix`, segment-wise (`a.b` is below `a`, `a.bc` is not below `a.b`). */
function below(prefix: string, path: string): boolean {
  if (path.length <= prefix.length || !path.startsWith(prefix)) return false;
  return prefix === '' || path[prefix.length] === '.' || path[prefix.length] === '[';
}

/** Fold every unplanned message name of `type` listed so far into `*` (stats and groups). */
export function refoldNames(s: AuditSummary, folds: Folds, type: string, names: ReadonlySet<string>, fileOrder: (file: string) => number, limit: number): void {
  const folded = messageKey(type, FOLDED);
  for (const k of folds.keys()) {
    const p = parsePathKey(k);
    if (p && p.type === type && names.has(p.name)) folds.delete(k);
  }
  for (const name of names) {
    const stats = s.stats[messageKey(type, name)];
    if (!stats) continue;
    delete s.stats[messageKey(type, name)];
    addStats(s, folded, { ...stats, event: FOLDED, folded: true });
  }
  for (const [k, g] of Object.entries(s.groups)) {
    if (g.type !== type || g.event === FOLDED || !names.has(g.event)) continue;
    delete s.groups[k];
    addGroup(s, foldedNameGroup(g), fileOrder, limit);
  }
}

/** A group of a folded message name: its message no longer names one. */
export function foldedNameGroup(g: ViolationGroup): ViolationGroup {
  return { ...g, event: FOLDED, message: g.code === 'unplanned-event' ? foldedNamesMessage(g.type) : g.message, folded: true };
}

/** What a group whose path folds keys into `*` says. */
export function foldedPathMessage(message: string): string {
  const note = ` (more than ${MAX_DISTINCT} different keys at \`*\`)`;
  return message.endsWith(note) ? message : message + note;
}

/** What the `unplanned-event` group of folded names says. */
export function foldedNamesMessage(type: string): string {
  return `More than ${MAX_DISTINCT} different ${type === 'track' ? 'event' : type} names are not in the plan (too many to list one by one; the examples show some)`;
}

/** Add a group into a summary, summing it with the group of the same key. */
export function addGroup(s: AuditSummary, g: ViolationGroup, fileOrder: (file: string) => number, limit: number): void {
  const k = `${g.type}\u0000${g.event}\u0000${g.code}\u0000${g.path}`;
  const x = s.groups[k];
  if (!x) {
    s.groups[k] = g;
    return;
  }
  x.count += g.count;
  if (g.folded) x.folded = true;
  x.examples = firstExamples([...x.examples, ...g.examples], fileOrder, limit);
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

/** Examples in input order (files in the order given, then lines), the first `n`. */
export function firstExamples(list: Example[], fileOrder: (file: string) => number, n: number): Example[] {
  return list.sort((a, b) => fileOrder(a.file) - fileOrder(b.file) || a.line - b.line).slice(0, n);
}

/** The parts of a `p` fold key (an event name may hold anything, NUL included; the rest cannot). */
function parsePathKey(key: string): { type: string; name: string; owner: string; prefix: string } | undefined {
  if (!key.startsWith('p\u0000') && !key.startsWith('k\u0000')) return undefined;
  const parts = key.split('\u0000');
  const type = parts[1]!;
  const name = parts.slice(2, -2).join('\u0000');
  const code = parts[parts.length - 2]!;
  return { type, name, owner: `${type}\u0000${name}\u0000${code}`, prefix: parts[parts.length - 1]! };
}

/**
 * Union what `b` noted into `a`'s folds (`a` already holds `b`'s groups and stats), and fold
 * in `a` what the union has too many of, or what either side had folded already.
 */
export function mergeFolds(a: AuditSummary, b: AuditSummary, fileOrder: (file: string) => number, limit: number): void {
  if (!b.folds) return;
  const folds = foldsFromJson(a.folds);
  const moves: [string, ReadonlySet<string>][] = [];
  for (const [k, v] of foldsFromJson(b.folds)) {
    const mine = folds.get(k);
    if (mine === null) {
      if (v) moves.push([k, v]); // b listed names that a had folded
    } else if (v === null) {
      folds.set(k, null);
      if (mine) moves.push([k, mine]); // a listed names that b had folded
    } else {
      const union = new Set([...(mine ?? []), ...v]);
      if (union.size > MAX_DISTINCT) {
        folds.set(k, null);
        moves.push([k, union]);
      } else folds.set(k, union);
    }
  }
  for (const [k, names] of moves) {
    const path = parsePathKey(k);
    if (path) refoldPaths(a, folds, path.owner, path.prefix, fileOrder, limit);
    else refoldNames(a, folds, k.slice(2), names, fileOrder, limit);
  }
  a.folds = foldsToJson(folds);
}
