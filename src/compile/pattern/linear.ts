import { intersects } from './char-set.js';
import { type PatternNode, parsePattern } from './parse.js';
import { has, topItems } from './rewrite.js';

/*
 * When V8's backtracking engine tests a pattern against a value of n characters in O(n).
 *
 * The cost model. `re.test(s)` tries a match at start index 0, then 1, …, n, unless the
 * pattern is anchored (every top-level alternative begins with `^`): then one start counts,
 * as the others fail at `^` at once. An attempt is a depth-first walk of the tree of choices
 * (which branch of `|`, one more repetition or not); a path reads characters and dies at the
 * first that does not fit, or at a failing `$` / `\b`. So a pattern like `a+$` costs O(n) per
 * start and O(n²) in all, even with one quantifier, and `(a+)+$` costs O(2ⁿ) per start.
 * Look-arounds and back-references are never proven here (they go to RE2, or are not run).
 *
 * A pattern runs on V8 when one of these rules proves it linear; else it runs on RE2 (the
 * audit) or is not checked (generated clients, which carry no RE2).
 *
 * 1. Bounded. No `*`, `+` or `{m,}`: an attempt reads at most `maxLen` characters, and the
 *    tree has at most `paths` leaves (one per way the pattern can match: `|` adds, a sequence
 *    multiplies, `X{m,M}` sums paths(X)^k over k), each leaf path at most maxLen characters
 *    and `size` steps between them. So an attempt costs at most work = paths·(maxLen + size):
 *    a constant. Anchored: one attempt per value, allowed up to PER_VALUE. Unanchored: n + 1
 *    attempts, allowed up to PER_CHAR each. (`^[A-Z]{3}$`, `\.com$`, `\d{4}-\d{2}`.)
 *
 * 2. Anchored and deterministic. Number the single-character positions of the pattern
 *    (Glushkov): first = the positions that can read the first character, follow(p) = those
 *    that can read the character after one read by p, each listed once per distinct path of
 *    empty steps (`|`, loop back, loop exit, assertions) that leads there. Deterministic:
 *    first and every follow(p) list no position twice and no two positions whose character
 *    sets overlap; no loop body, and no two branches of one `|`, can match the empty string
 *    (which would be two ways to go on without reading). Then, after the engine has
 *    read a character at p, the choices it can make lead to distinct positions, of which at
 *    most one accepts the next character: the others die before reading anything (after at
 *    most `size` empty steps each, since empty paths cannot loop). The walk is one path of
 *    at most n reads with a dead twig at each, O(n·size²), and one attempt is made. Counted
 *    loops are taken as loops (`X{2,5}` as `X+`), which only adds follow entries: a proof
 *    for the larger lists holds for V8's. Catches `(a+)+` (p twice in follow(p)),
 *    `(a|a)*` (overlap), `(a?)*` (empty body). (`^[a-z]+(_[a-z]+)*$`, `^\d+\.\d+$`.)
 *
 * 3. Unanchored, deterministic, with a first character no other position reads: no
 *    position of first occurs in a follow list, and their sets overlap no other position's.
 *    The path of an attempt started at i can then not read a character that a later attempt
 *    could start on, so the paths of successful starts cover disjoint stretches of the
 *    value, and the other starts die at their first character: O(n·size²) in all.
 *    (`\d\s*$`, `@[a-z]+\.`.)
 *
 * 4. Anchored, one loop. The top-level sequence is `^`, a bounded prefix, `X{m,}` where X
 *    matches one fixed string length ≥ 1 in one way (a class, `ab`, `\d{2}`), and a bounded
 *    suffix. For each of the prefix's paths the loop reads at most n characters and gives
 *    them back one repetition at a time, trying the suffix from each: at most
 *    paths(prefix)·(n + 1)·(1 + work(suffix)) steps, allowed up to PER_CHAR per character.
 *    (`^.*\d`, the body of a password rule's look-ahead.)
 *
 * The limits are measured, not derived: a step of V8's costs about 5 ns (`a{58}b` on a
 * million `a`s took 0.27 s, 0.8 s on a busy machine; `a{11}b`, the longest kept, 0.085 s), and
 * `npm run bench` prints the worst adversarial value of every rule. A pattern past them runs
 * on RE2, which costs more on short values (0.15–2 µs against 0.03–0.1) but is linear by
 * construction.
 */

/** Steps an unanchored attempt, or a loop's backtracking step, may cost. */
const PER_CHAR = 16;
/** Steps one anchored attempt of a bounded pattern may cost. */
const PER_VALUE = 256;
/** Past this many positions nothing is proven (the check is quadratic in them). */
const MAX_POSITIONS = 200;
/** Past this length a follow list is taken as ambiguous (a loop adds its entries again). */
const MAX_LIST = 4096;
const SATURATED = 1e9;

/** Whether V8 tests `source` (with the `u` flag) in time linear in the value's length. */
export function isLinearOnV8(source: string): boolean {
  let root: PatternNode;
  try {
    root = parsePattern(source);
  } catch {
    return false;
  }
  if (has(root, (n) => n.kind === 'look' || n.kind === 'backref')) return false;
  const anchored = startsAnchored(root);
  const b = bounded(root);
  if (b && work(b) <= (anchored ? PER_VALUE : PER_CHAR)) return true; // rule 1
  const det = deterministic(root);
  if (det && (anchored || det.separated)) return true; // rules 2 and 3
  return anchored && oneLoop(root); // rule 4
}

function startsAnchored(n: PatternNode): boolean {
  switch (n.kind) {
    case 'assert':
      return n.what === '^';
    case 'group':
      return startsAnchored(n.body);
    case 'alt':
      return n.branches.every(startsAnchored);
    case 'seq':
      return n.items.length > 0 && startsAnchored(n.items[0]!);
    default:
      return false;
  }
}

interface Bounded {
  paths: number;
  maxLen: number;
  size: number;
}

const work = (b: Bounded) => Math.min(SATURATED, b.paths * (b.maxLen + b.size));
const cap = (x: number) => Math.min(SATURATED, x);

/** Paths, longest match and size of a pattern without unbounded loops; undefined for one with. */
function bounded(n: PatternNode): Bounded | undefined {
  switch (n.kind) {
    case 'char':
      return { paths: 1, maxLen: 1, size: 1 };
    case 'assert':
      return { paths: 1, maxLen: 0, size: 1 };
    case 'group':
      return bounded(n.body);
    case 'seq':
      return boundedSeq(n.items);
    case 'alt': {
      const bs = n.branches.map(bounded);
      if (bs.some((b) => !b)) return undefined;
      return { paths: cap(bs.reduce((a, b) => a + b!.paths, 0)), maxLen: Math.max(...bs.map((b) => b!.maxLen)), size: bs.reduce((a, b) => a + b!.size, 1) };
    }
    case 'repeat': {
      const b = bounded(n.body);
      if (!b || n.max === Infinity) return undefined;
      let paths = b.paths === 1 ? cap(n.max - n.min + 1) : 0;
      for (let k = n.min, p = cap(b.paths ** n.min); b.paths > 1 && k <= n.max && paths < SATURATED; k++, p = cap(p * b.paths)) paths = cap(paths + p);
      return { paths, maxLen: cap(n.max * b.maxLen), size: b.size + 1 };
    }
    default:
      return undefined;
  }
}

function boundedSeq(items: readonly PatternNode[]): Bounded | undefined {
  const out: Bounded = { paths: 1, maxLen: 0, size: 1 };
  for (const item of items) {
    const b = bounded(item);
    if (!b) return undefined;
    out.paths = cap(out.paths * b.paths);
    out.maxLen = cap(out.maxLen + b.maxLen);
    out.size += b.size;
  }
  return out;
}

/** Rule 4: `^`, bounded prefix, one loop over a fixed-length, one-way body, bounded suffix. */
function oneLoop(root: PatternNode): boolean {
  const items = topItems(root);
  const loops = items.flatMap((item, i) => (item.kind === 'repeat' && item.max === Infinity ? [i] : []));
  if (loops.length !== 1) return false;
  const at = loops[0]!;
  const loop = items[at] as Extract<PatternNode, { kind: 'repeat' }>;
  const body = bounded(loop.body);
  const prefix = boundedSeq(items.slice(0, at));
  const suffix = boundedSeq(items.slice(at + 1));
  if (!body || !prefix || !suffix || body.paths !== 1 || body.maxLen < 1) return false;
  return prefix.paths * (1 + work(suffix)) <= PER_CHAR && work(prefix) <= PER_VALUE;
}

interface Glushkov {
  first: number[];
  last: number[];
  /** Whether it matches the empty string (in exactly one way: two ways are not deterministic). */
  empty: boolean;
}

const END = -1;

/** Rules 2 and 3: whether the pattern is deterministic, and if so whether its first positions stand apart. */
function deterministic(root: PatternNode): { separated: boolean } | undefined {
  const sets: Extract<PatternNode, { kind: 'char' }>['set'][] = [];
  const follow: number[][] = [];
  let ok = true;
  const add = (to: number[], from: number[]) => {
    to.push(...from);
    if (to.length > MAX_LIST) ok = false;
  };
  const walk = (n: PatternNode): Glushkov => {
    switch (n.kind) {
      case 'char':
        sets.push(n.set);
        follow.push([]);
        return { first: [sets.length - 1], last: [sets.length - 1], empty: false };
      case 'group':
        return walk(n.body);
      case 'alt': {
        const gs = n.branches.map(walk);
        // Two branches that match nothing are two ways to go on: `(?:a?|b?)`.
        if (gs.filter((g) => g.empty).length > 1) ok = false;
        return { first: gs.flatMap((g) => g.first), last: gs.flatMap((g) => g.last), empty: gs.some((g) => g.empty) };
      }
      case 'seq': {
        const out: Glushkov = { first: [], last: [], empty: true };
        for (const item of n.items) {
          const g = walk(item);
          for (const p of out.last) add(follow[p]!, g.first);
          if (out.empty) add(out.first, g.first);
          out.last = g.empty ? [...g.last, ...out.last] : g.last;
          out.empty &&= g.empty;
        }
        return out;
      }
      case 'repeat': {
        const g = walk(n.body);
        if (n.max === 0) return { first: [], last: [], empty: true };
        // A body that matches nothing can go round (or be skipped) in more than one way.
        if (g.empty && (n.max > 1 || n.min === 0)) ok = false;
        if (n.max > 1) for (const p of g.last) add(follow[p]!, g.first);
        return { first: g.first, last: g.last, empty: n.min === 0 || g.empty };
      }
      default:
        // Assertions read nothing; they only cut paths, so treating them as always true
        // over-approximates the lists. (Look-arounds and back-references never get here.)
        return { first: [], last: [], empty: true };
    }
  };
  const g = walk(root);
  if (!ok || sets.length > MAX_POSITIONS) return undefined;
  for (const p of g.last) follow[p]!.push(END);
  const start = g.empty ? [...g.first, END] : g.first;
  for (const list of [start, ...follow]) {
    const ids = [...list].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === ids[i + 1]) return undefined;
      for (let j = i + 1; j < ids.length; j++) if (ids[i] !== END && intersects(sets[ids[i]!]!, sets[ids[j]!]!)) return undefined;
    }
  }
  const firsts = new Set(g.first);
  const separated =
    !follow.some((list) => list.some((p) => firsts.has(p))) &&
    [...firsts].every((f) => sets.every((s, q) => firsts.has(q) || !intersects(sets[f]!, s)));
  return { separated };
}
