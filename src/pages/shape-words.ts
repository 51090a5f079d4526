import type { Format, Shape, TypeRef } from '../model/plan.js';

/**
 * A shape in the words a product manager reads: "text", "a whole number", "one of web, ios",
 * "three capital letters", "0 to 5". The docs site's properties tables are made of these.
 */

const PRIMITIVE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'number',
  integer: 'whole number',
  boolean: 'true or false',
  object: 'object',
  array: 'list',
  any: 'anything',
  null: 'null',
};

const FORMAT_WORDS: Record<Format, string> = {
  'date-time': 'a date-time (ISO 8601, e.g. 2026-01-31T12:00:00Z)',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time of day (HH:MM:SS)',
  email: 'an email address',
  uri: 'a URL',
  uuid: 'a UUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  hostname: 'a host name',
};

/** One member of a type, named: a built-in in words, or a named type (`named` for a link). */
export type TypeWord = { text: string } | { named: string } | { listOf: Shape };

/** The type of a shape as words, one per union member; lists say what they hold. */
export function typeWords(shape: Shape): TypeWord[] {
  const out: TypeWord[] = shape.types.map((t) => memberWord(t, shape));
  if (out.length === 0) out.push({ text: shape.schema ? 'as its JSON Schema says' : 'anything' });
  if (shape.nullable && !shape.types.some((t) => t.kind === 'primitive' && t.name === 'null')) out.push({ text: 'null' });
  return out;
}

function memberWord(t: TypeRef, shape: Shape): TypeWord {
  if (t.kind === 'named') return { named: t.name };
  if (t.name === 'array' && shape.items) return { listOf: shape.items };
  return { text: PRIMITIVE_WORDS[t.name] ?? t.name };
}

/** A type in plain words, lists included (`list of text or number`). */
export function typeText(shape: Shape): string {
  return typeWords(shape)
    .map((w) => ('text' in w ? w.text : 'named' in w ? w.named : `list of ${typeText(w.listOf)}`))
    .join(' or ');
}

/** What values are allowed, in words; empty when the type says it all. */
export function allowedWords(shape: Shape): string[] {
  const out: string[] = [];
  if (shape.const) out.push(`exactly ${JSON.stringify(shape.const.value)}`);
  if (shape.enum) out.push(`one of ${shape.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`);
  if (shape.format) out.push(FORMAT_WORDS[shape.format]);
  if (shape.pattern !== undefined) out.push(patternWords(shape.pattern));
  const range = rangeWords(shape.minimum, shape.maximum, shape.exclusiveMinimum, shape.exclusiveMaximum);
  if (range) out.push(range);
  const length = countWords(shape.minLength, shape.maxLength, 'character');
  if (length) out.push(length);
  const items = countWords(shape.minItems, shape.maxItems, 'item');
  if (items) out.push(items);
  if (shape.uniqueItems) out.push('no duplicates');
  if (shape.additionalProperties === false && shape.properties) out.push('only the keys listed');
  if (shape.schema) out.push('see the JSON Schema');
  return out;
}

function rangeWords(min?: number, max?: number, xmin?: number, xmax?: number): string | undefined {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  const low = min !== undefined ? `at least ${min}` : xmin !== undefined ? `more than ${xmin}` : undefined;
  const high = max !== undefined ? `at most ${max}` : xmax !== undefined ? `less than ${xmax}` : undefined;
  return [low, high].filter(Boolean).join(' and ') || undefined;
}

function countWords(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  const u = (n: number) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${u(min)}` : `${min} to ${u(max)}`;
  if (min !== undefined) return min === 1 && unit === 'character' ? 'not empty' : `at least ${u(min)}`;
  if (max !== undefined) return `at most ${u(max)}`;
  return undefined;
}

/** A piece of a simple pattern: a class of characters or one literal, repeated. */
export interface PatternPiece {
  /** Words for one character (`capital letter`), or undefined for a literal. */
  cls?: { word: string; sample: string };
  literal?: string;
  min: number;
  max: number;
}

const CLASSES: Record<string, { word: string; sample: string }> = {
  '[A-Z]': { word: 'capital letter', sample: 'A' },
  '[a-z]': { word: 'lowercase letter', sample: 'a' },
  '[0-9]': { word: 'digit', sample: '1' },
  '\\d': { word: 'digit', sample: '1' },
  '[1-9]': { word: 'digit from 1 to 9', sample: '1' },
  '[A-Za-z]': { word: 'letter', sample: 'a' },
  '[a-zA-Z]': { word: 'letter', sample: 'a' },
  '[A-Za-z0-9]': { word: 'letter or digit', sample: 'a' },
  '[a-zA-Z0-9]': { word: 'letter or digit', sample: 'a' },
  '[a-z0-9]': { word: 'lowercase letter or digit', sample: 'a' },
  '[A-Z0-9]': { word: 'capital letter or digit', sample: 'A' },
  '[0-9a-f]': { word: 'hexadecimal digit', sample: 'a' },
  '[a-f0-9]': { word: 'hexadecimal digit', sample: 'a' },
};

/**
 * A pattern anchored at both ends made only of the classes above and literal characters, each
 * optionally repeated: `^[A-Z]{3}$`, `^\+[1-9][0-9]{1,14}$`. Anything else is undefined (then
 * the pattern is shown as it is).
 */
export function simplePattern(pattern: string): PatternPiece[] | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  const body = pattern.slice(1, -1);
  const pieces: PatternPiece[] = [];
  let i = 0;
  while (i < body.length) {
    let piece: PatternPiece;
    const cls = Object.keys(CLASSES).find((c) => body.startsWith(c, i));
    if (cls) {
      piece = { cls: CLASSES[cls]!, min: 1, max: 1 };
      i += cls.length;
    } else if (body[i] === '\\' && i + 1 < body.length && /[-+.()[\]{}\\/^$*?|_ ]/.test(body[i + 1]!)) {
      piece = { literal: body[i + 1]!, min: 1, max: 1 };
      i += 2;
    } else if (/[A-Za-z0-9_\- :/@#=,]/.test(body[i]!)) {
      piece = { literal: body[i]!, min: 1, max: 1 };
      i += 1;
    } else return undefined;
    const q = /^(?:\{(\d+)\}|\{(\d+),(\d+)\}|(\+)|(\?))/.exec(body.slice(i));
    if (q) {
      if (q[1] !== undefined) piece.min = piece.max = Number(q[1]);
      else if (q[2] !== undefined) [piece.min, piece.max] = [Number(q[2]), Number(q[3])];
      else if (q[4]) [piece.min, piece.max] = [1, Infinity];
      else [piece.min, piece.max] = [0, 1];
      i += q[0].length;
    }
    if (piece.min > piece.max || piece.min > 1000) return undefined;
    pieces.push(piece);
  }
  return pieces.length > 0 ? pieces : undefined;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number) => NUMBER_WORDS[n] ?? String(n);

/** `^[A-Z]{3}$` → "three capital letters"; other patterns as they are. */
export function patternWords(pattern: string): string {
  const pieces = simplePattern(pattern);
  if (!pieces) return `matches the pattern ${pattern}`;
  const words = pieces.map((p) => {
    const what = p.cls ? p.cls.word : `"${p.literal}"`;
    const many = (w: string) => (p.cls ? `${w}s` : w);
    if (p.min === 1 && p.max === 1) return p.cls ? `a ${what}` : what;
    if (p.min === 0 && p.max === 1) return `an optional ${what}`;
    if (p.max === Infinity) return `one or more ${many(what)}`;
    if (p.min === p.max) return `${count(p.min)} ${many(what)}`;
    return `${p.min} to ${p.max} ${many(what)}`;
  });
  return words.join(', then ');
}

/** A string the pattern accepts, or undefined when neither way below finds one. */
export function patternSample(pattern: string): string | undefined {
  const pieces = simplePattern(pattern);
  if (pieces) return pieces.map((p) => (p.cls ? p.cls.sample : p.literal!).repeat(Math.max(p.min, p.max === Infinity ? 1 : p.min))).join('');
  const guess = sequenceSample(pattern);
  return guess !== undefined && accepts(pattern, guess) ? guess : undefined;
}

/**
 * For patterns that are a sequence of atoms (`[0-9A-Z -]{3,10}`, `\w+`, `.`), each repeated:
 * the first character of each class, as few times as allowed. Checked against the pattern
 * by the caller, so a wrong guess is only a missing example.
 */
function sequenceSample(pattern: string): string | undefined {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  let i = 0;
  while (i < body.length) {
    let atom: string;
    const c = body[i]!;
    if (c === '[') {
      const end = body.indexOf(']', i + 2);
      if (end < 0 || body[i + 1] === '^') return undefined;
      const first = body[i + 1] === '\\' ? body[i + 2]! : body[i + 1]!;
      atom = first === 'd' && body[i + 1] === '\\' ? '1' : first === 'w' && body[i + 1] === '\\' ? 'a' : first;
      i = end + 1;
    } else if (c === '\\') {
      const n = body[i + 1];
      if (n === undefined) return undefined;
      atom = n === 'd' ? '1' : n === 'w' ? 'a' : n === 's' ? ' ' : /[A-Za-z]/.test(n) ? '' : n;
      if (atom === '' ) return undefined;
      i += 2;
    } else if (c === '.') {
      atom = 'a';
      i += 1;
    } else if (/[()|*+?{}]/.test(c)) return undefined;
    else {
      atom = c;
      i += 1;
    }
    const q = /^(?:\{(\d+)(?:,(\d*))?\}|([+*?]))/.exec(body.slice(i));
    let times = 1;
    if (q) {
      times = q[1] !== undefined ? Number(q[1]) : q[3] === '+' ? 1 : 0;
      i += q[0].length;
    }
    if (times > 1000) return undefined;
    out += atom.repeat(times);
  }
  return out;
}

function accepts(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(s);
  } catch {
    return false;
  }
}
