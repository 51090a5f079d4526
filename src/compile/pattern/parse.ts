import { ANY, CLASS_ESCAPES, type CharSet, charSet, complement, DOT } from './char-set.js';

/**
 * A plan pattern as a tree: ECMAScript syntax with the `u` flag (what JSON Schema and ajv use,
 * and what `check` validates with). Only what the linearity proof and the rewriting need is
 * kept: which characters each position matches, the structure, and where each part is in the
 * source (`start`, `end`), so that a rewrite is a splice of the user's own text.
 */
export type PatternNode = { start: number; end: number } & PatternNodeBody;

type PatternNodeBody =
  | { kind: 'char'; set: CharSet }
  | { kind: 'assert'; what: '^' | '$' | 'b' | 'B' }
  | { kind: 'look'; behind: boolean; negate: boolean; body: PatternNode }
  | { kind: 'backref' }
  | { kind: 'group'; body: PatternNode }
  | { kind: 'alt'; branches: PatternNode[] }
  | { kind: 'seq'; items: PatternNode[] }
  | { kind: 'repeat'; body: PatternNode; min: number; max: number };

/** Parse a pattern that `new RegExp(source, 'u')` accepts; throws on anything else. */
export function parsePattern(source: string): PatternNode {
  const p = new Parser(source);
  const node = p.disjunction();
  if (p.i !== source.length) throw new SyntaxError(`unexpected ${source[p.i]} at ${p.i}`);
  return node;
}

const SYNTAX = '^$\\.*+?()[]{}|/';
const CONTROL: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

class Parser {
  i = 0;
  /** Set when an escape stood for a set we do not spell out (`\p{…}`). */
  private vague = false;
  constructor(readonly s: string) {}

  disjunction(): PatternNode {
    const start = this.i;
    const branches = [this.alternative()];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.alternative());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches, start, end: this.i };
  }

  private alternative(): PatternNode {
    const start = this.i;
    const items: PatternNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.term());
    return items.length === 1 ? items[0]! : { kind: 'seq', items, start, end: this.i };
  }

  private term(): PatternNode {
    const start = this.i;
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.kind === 'assert' || atom.kind === 'look') throw new SyntaxError('nothing to repeat');
    return { kind: 'repeat', body: atom, min: q.min, max: q.max, start, end: this.i };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.s[this.i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) throw new SyntaxError('lone {');
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
      this.i += m[0].length - 1;
    }
    if (!q) return undefined;
    this.i++;
    if (this.s[this.i] === '?') this.i++; // lazy: the same matches, tried in another order
    return q;
  }

  private atom(): PatternNode {
    const start = this.i;
    const c = this.s[this.i]!;
    const node = (n: PatternNodeBody): PatternNode => ({ ...n, start, end: this.i });
    if (c === '^' || c === '$') {
      this.i++;
      return node({ kind: 'assert', what: c });
    }
    if (c === '.') {
      this.i++;
      return node({ kind: 'char', set: DOT });
    }
    if (c === '[') return node({ kind: 'char', set: this.charClass() });
    if (c === '(') {
      this.i++;
      const look = /^\?(<?)([=!])/.exec(this.s.slice(this.i));
      if (look) {
        this.i += look[0].length;
        const body = this.disjunction();
        this.expect(')');
        return node({ kind: 'look', behind: look[1] === '<', negate: look[2] === '!', body });
      }
      if (this.s.startsWith('?:', this.i)) this.i += 2;
      else if (this.s.startsWith('?<', this.i)) this.i = this.s.indexOf('>', this.i) + 1;
      else if (this.s[this.i] === '?') throw new SyntaxError('invalid group');
      const body = this.disjunction();
      this.expect(')');
      return node({ kind: 'group', body });
    }
    if (c === '\\') {
      const e = this.s[this.i + 1];
      if (e === 'b' || e === 'B') {
        this.i += 2;
        return node({ kind: 'assert', what: e });
      }
      if (e !== undefined && /[1-9]/.test(e)) {
        this.i += 1 + /^\d+/.exec(this.s.slice(this.i + 1))![0].length;
        return node({ kind: 'backref' });
      }
      if (e === 'k') {
        this.i = this.s.indexOf('>', this.i) + 1;
        return node({ kind: 'backref' });
      }
      return node({ kind: 'char', set: this.escape(false) });
    }
    if (')]{}|*+?'.includes(c)) throw new SyntaxError(`unexpected ${c}`);
    const cp = this.s.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return node({ kind: 'char', set: [[cp, cp]] });
  }

  /** `[…]` or `[^…]`, the cursor on `[`. */
  private charClass(): CharSet {
    this.i++;
    this.vague = false;
    const negate = this.s[this.i] === '^';
    if (negate) this.i++;
    const ranges: (readonly [number, number])[] = [];
    while (this.s[this.i] !== ']') {
      if (this.i >= this.s.length) throw new SyntaxError('unterminated class');
      const lo = this.classAtom();
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        const hi = this.classAtom();
        if (lo.length !== 1 || hi.length !== 1 || lo[0]![0] !== lo[0]![1] || hi[0]![0] !== hi[0]![1]) throw new SyntaxError('class escape in a range');
        ranges.push([lo[0]![0], hi[0]![0]]);
      } else ranges.push(...lo);
    }
    this.i++;
    // `[^\p{L}]` is not the complement of `ANY`: a class holding a vague set is vague itself.
    if (this.vague) return ANY;
    const set = charSet(ranges);
    return negate ? complement(set) : set;
  }

  private classAtom(): CharSet {
    if (this.s[this.i] === '\\') {
      if (this.s[this.i + 1] === 'b') {
        this.i += 2;
        return [[8, 8]];
      }
      if (this.s[this.i + 1] === '-') {
        this.i += 2;
        return [[0x2d, 0x2d]];
      }
      return this.escape(true);
    }
    const cp = this.s.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return [[cp, cp]];
  }

  /** A `\` escape that matches one character (of a set), the cursor on `\`. */
  private escape(inClass: boolean): CharSet {
    const e = this.s[this.i + 1];
    if (e === undefined) throw new SyntaxError('\\ at end of pattern');
    this.i += 2;
    if (CLASS_ESCAPES[e]) return CLASS_ESCAPES[e];
    if (e === 'p' || e === 'P') {
      const close = this.s.indexOf('}', this.i);
      if (this.s[this.i] !== '{' || close < 0) throw new SyntaxError('invalid property escape');
      this.i = close + 1;
      // A Unicode property: a set we do not spell out. `ANY` overlaps everything, so the
      // proof stays sound (a complement of it would not be: see charClass).
      this.vague = true;
      return ANY;
    }
    const one = (cp: number): CharSet => [[cp, cp]];
    if (CONTROL[e] !== undefined) return one(CONTROL[e]);
    if (e === 'c' && /[A-Za-z]/.test(this.s[this.i] ?? '')) return one(this.s.charCodeAt(this.i++) % 32);
    if (e === '0' && !/\d/.test(this.s[this.i] ?? '')) return one(0);
    if (e === 'x') {
      const m = /^[0-9a-fA-F]{2}/.exec(this.s.slice(this.i));
      if (!m) throw new SyntaxError('invalid \\x escape');
      this.i += 2;
      return one(parseInt(m[0], 16));
    }
    if (e === 'u') return one(this.unicodeEscape());
    if (SYNTAX.includes(e) || (inClass && e === '-')) return one(e.charCodeAt(0));
    throw new SyntaxError(`invalid escape \\${e}`);
  }

  /** After `\u`: `{H…}`, `HHHH`, or a surrogate pair written as two `\uHHHH` (one code point with `u`). */
  private unicodeEscape(): number {
    const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.s.slice(this.i));
    if (braced) {
      this.i += braced[0].length;
      return parseInt(braced[1]!, 16);
    }
    const plain = /^[0-9a-fA-F]{4}/.exec(this.s.slice(this.i));
    if (!plain) throw new SyntaxError('invalid \\u escape');
    this.i += 4;
    const cp = parseInt(plain[0], 16);
    const trail = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(this.s.slice(this.i));
    if (cp >= 0xd800 && cp <= 0xdbff && trail) {
      this.i += 6;
      return 0x10000 + ((cp - 0xd800) << 10) + (parseInt(trail[1]!, 16) - 0xdc00);
    }
    return cp;
  }

  private expect(c: string): void {
    if (this.s[this.i] !== c) throw new SyntaxError(`expected ${c} at ${this.i}`);
    this.i++;
  }
}
