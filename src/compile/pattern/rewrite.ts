import { type PatternNode, parsePattern } from './parse.js';

/**
 * The pattern with its unanchored ends trimmed, which `test` answers the same for every
 * string: a pattern is only ever asked whether it matches somewhere in a value.
 *
 * Why it holds. Let the pattern be `X{m,M} R` with nothing before `X` (no `^`), and no
 * back-reference anywhere. If `X{k} R` (k ≥ m) matches at index p, its last m repetitions
 * of X followed by R are a match of `X{m} R` at a later index: the same characters at the same
 * indices, so every assertion inside (`^`, `$`, `\b`, look-arounds) sees what it saw before.
 * And a match of `X{m} R` is one of `X{m,M} R`. So `X{m,M} R` matches somewhere iff `X{m} R`
 * does. The same holds at the other end for `R X{m,M}` with nothing after (no `$`): a match's
 * prefix `R X{m}` is a match. Hence `\s+$` → `\s$`, `[a-z]*b` → `b`, `.*x` → `x`,
 * `(a|aa)+$` → `(a|aa)$`: patterns that V8 would retry from every start position at a cost
 * of the rest of the value each (quadratic in all) become fixed-length ones.
 *
 * Unquantified groups are looked into (`(?:a+)` starts with `a+`); an alternation is not.
 */
export function rewriteForTest(source: string): string {
  // Each step shortens the source, so this ends.
  for (;;) {
    const next = trimOnce(source);
    if (next === source) return source;
    source = next;
  }
}

function trimOnce(source: string): string {
  let root: PatternNode;
  try {
    root = parsePattern(source);
  } catch {
    return source;
  }
  if (has(root, (n) => n.kind === 'backref')) return source;
  const items = topItems(root);
  const first = items[0];
  const last = items[items.length - 1];
  if (first?.kind === 'repeat') return splice(source, first, fewest(source, first));
  if (last?.kind === 'repeat') return splice(source, last, fewest(source, last));
  return source;
}

/**
 * The items of the pattern's top-level sequence, unquantified groups opened (each item's
 * `start`/`end` still point into the source). An alternation at the top gives [].
 */
export function topItems(node: PatternNode): PatternNode[] {
  if (node.kind === 'group') return topItems(node.body);
  if (node.kind === 'alt') return [];
  if (node.kind !== 'seq') return [node];
  const out: PatternNode[] = [];
  for (const item of node.items) {
    // A group holding an alternation stays one item: `(?:a+|b)` does not start with `a+`.
    if (item.kind === 'group' && item.body.kind !== 'alt') out.push(...topItems(item.body));
    else out.push(item);
  }
  return out;
}

/** `X{m,M}` as `X{m}`: nothing for m = 0, `X` for m = 1. */
function fewest(source: string, r: Extract<PatternNode, { kind: 'repeat' }>): string {
  const body = source.slice(r.body.start, r.body.end);
  return r.min === 0 ? '' : r.min === 1 ? body : `${body}{${r.min}}`;
}

function splice(source: string, node: PatternNode, text: string): string {
  return source.slice(0, node.start) + text + source.slice(node.end);
}

/** Whether any node of the tree satisfies `test`. */
export function has(node: PatternNode, test: (n: PatternNode) => boolean): boolean {
  if (test(node)) return true;
  switch (node.kind) {
    case 'seq':
      return node.items.some((n) => has(n, test));
    case 'alt':
      return node.branches.some((n) => has(n, test));
    case 'group':
    case 'look':
    case 'repeat':
      return has(node.body, test);
    default:
      return false;
  }
}

/** One condition of a pattern split at its leading look-aheads: `source` must (or, `negate`, must not) match. */
export interface PatternPart {
  source: string;
  negate: boolean;
}

/**
 * `^(?=A)(?!B)C` as the conditions `^(?:A)`, not `^(?:B)`, and `^C`: look-aheads at the
 * start of an anchored pattern are tested once, at index 0, and are atomic, so the pattern
 * matches iff each condition holds. RE2 has no look-aheads, but runs each condition (the
 * usual "at least one digit" password rules). Any other pattern is one part, itself.
 */
export function splitLeadingLookaheads(source: string): PatternPart[] {
  let root: PatternNode;
  try {
    root = parsePattern(source);
  } catch {
    return [{ source, negate: false }];
  }
  // A back-reference may name a group of another part: such a pattern stays whole.
  if (root.kind !== 'seq' || root.items[0]?.kind !== 'assert' || root.items[0].what !== '^' || has(root, (n) => n.kind === 'backref')) return [{ source, negate: false }];
  const parts: PatternPart[] = [];
  let i = 1;
  for (; i < root.items.length; i++) {
    const item = root.items[i]!;
    if (item.kind !== 'look' || item.behind) break;
    parts.push({ source: `^(?:${source.slice(item.body.start, item.body.end)})`, negate: item.negate });
  }
  if (parts.length === 0) return [{ source, negate: false }];
  if (i < root.items.length) parts.push({ source: `^${source.slice(root.items[i]!.start)}`, negate: false });
  return parts;
}
