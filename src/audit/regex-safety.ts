import { RE2JS } from 're2js';
import { type CharSet, CLASS_ESCAPES, DOT } from '../compile/pattern/char-set.js';
import { choosePatternEngine } from '../compile/pattern/engine.js';

/** How one plan pattern runs in the audit. */
export type PatternEngine = 'native' | 'linear' | 'unchecked';

/**
 * A pattern's matcher for untrusted data. A pattern (or each condition of it: engine.ts) that
 * V8 is proven to run in linear time (src/compile/pattern/linear.ts) runs on V8, the fastest
 * on the short values events carry; any other runs on RE2's linear-time algorithm (re2js) on
 * a translation with the same meaning. A pattern that is neither (a back-reference, a
 * look-ahead other than right after the leading `^`) is not run at all — one crafted value
 * could hang the audit — and the report names it.
 */
export function compilePattern(source: string): { test(s: string): boolean; engine: PatternEngine } {
  const { v8, parts } = choosePatternEngine(source);
  // The whole pattern in one V8 test when proven, whatever its parts (the fastest).
  if (v8 !== undefined) return { test: onV8(v8, () => conjunction(parts.map((p) => ({ ...p, test: onRe2(p.source) })))), engine: 'native' };
  const test = conjunction(parts.map((p) => ({ ...p, test: p.v8 !== undefined ? onV8(p.v8, () => onRe2(p.source)) : onRe2(p.source) })));
  return test ? { test, engine: 'linear' } : { test: () => true, engine: 'unchecked' };
}

type Test = (s: string) => boolean;

/** All parts hold (a negated one does not match); undefined if a part cannot be run. */
function conjunction(parts: { negate: boolean; test: Test | undefined }[]): Test | undefined {
  const tests: Test[] = [];
  for (const { negate, test } of parts) {
    if (!test) return undefined;
    tests.push(negate ? (s) => !test(s) : test);
  }
  const [only] = tests;
  return tests.length === 1 && only ? only : (s) => tests.every((t) => t(s));
}

function onRe2(source: string): Test | undefined {
  const translated = toRe2(source);
  if (!translated) return undefined;
  try {
    const re = RE2JS.compile(translated.source, translated.lookbehinds ? RE2JS.LOOKBEHINDS : 0);
    return (s) => re.test(s);
  } catch {
    return undefined; // e.g. a count over RE2's 1,000, a property name RE2 does not know
  }
}

function onV8(v8: string, re2: () => Test | undefined): Test {
  const re = new RegExp(v8, 'u');
  let fallback: Test | undefined;
  return (s) => {
    try {
      return re.test(s);
    } catch (e) {
      // V8 keeps a backtrack entry per round of a loop with choices; past about 6.7 million
      // rounds (a value of as many characters: lines may hold 16 MB) it throws. RE2 answers
      // for that value instead. (Without a translation the error stands, and the auditor
      // reports the message as one it could not check.)
      if (!(e instanceof RangeError)) throw e;
      fallback ??= re2();
      if (!fallback) throw e;
      return fallback(s);
    }
  };
}

const hex = (cp: number) => `\\x{${cp.toString(16).toUpperCase()}}`;
const ranges = (set: CharSet) => set.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
// JavaScript's `\s`, `\S` and `.`, spelled out for RE2, whose own are ASCII-only and whose
// `.` admits \r and U+2028/9.
const JS_SPACE = ranges(CLASS_ESCAPES['s']!);
const JS_NON_SPACE = ranges(CLASS_ESCAPES['S']!);
const JS_DOT = `[${ranges(DOT)}]`;
const EVERYTHING = '\\x{0}-\\x{10FFFF}';

/**
 * An ECMAScript pattern (`u` flag) in RE2's syntax with the same `test` verdicts, or undefined
 * when it has no equivalent (look-aheads, back-references). Groups become non-capturing: only
 * `test` is asked, and RE2 runs look-behinds (linear, re2js's LOOKBEHINDS) only without captures.
 */
export function toRe2(source: string): { source: string; lookbehinds: boolean } | undefined {
  let out = '';
  let inClass = false;
  let lookbehinds = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1];
      i++;
      if (n === undefined) return undefined;
      if (n === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (n === 'S') out += inClass ? JS_NON_SPACE : `[${JS_NON_SPACE}]`;
      else if (n === 'u') {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(source.slice(i + 1));
        const pair = /^([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(source.slice(i + 1));
        const plain = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 1));
        if (braced) {
          out += hex(parseInt(braced[1]!, 16));
          i += braced[0].length;
        } else if (pair) {
          // With `u`, `\uD83D\uDE00` is one code point, not two surrogates.
          out += hex(0x10000 + ((parseInt(pair[1]!, 16) - 0xd800) << 10) + (parseInt(pair[2]!, 16) - 0xdc00));
          i += pair[0].length;
        } else if (plain) {
          out += hex(parseInt(plain[0], 16));
          i += 4;
        } else return undefined;
      } else if (n === 'c' && /[A-Za-z]/.test(source[i + 1] ?? '')) out += hex(source.charCodeAt(++i) % 32);
      else if (n === '0' && !/\d/.test(source[i + 1] ?? '')) out += hex(0);
      else if (/[1-9k]/.test(n)) return undefined; // back-references
      else out += `\\${n}`;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      // `[]` matches nothing and `[^]` anything in JavaScript; RE2 has neither spelling.
      if (source.startsWith('[]', i) || source.startsWith('[^]', i)) {
        out += source[i + 1] === ']' ? `[^${EVERYTHING}]` : `[${EVERYTHING}]`;
        i += source[i + 1] === ']' ? 1 : 2;
        continue;
      }
      inClass = true;
      out += c;
    } else if (c === '.') out += JS_DOT;
    else if (c === '(' && source[i + 1] === '?') {
      const kind = source.slice(i + 2, i + 4);
      if (kind.startsWith('=') || kind.startsWith('!')) return undefined; // look-aheads
      if (kind === '<=' || kind === '<!') {
        lookbehinds = true;
        out += source.slice(i, i + 4);
        i += 3;
      } else if (kind.startsWith('<')) {
        out += '(?:'; // a named group
        i = source.indexOf('>', i);
      } else out += c;
    } else if (c === '(') out += '(?:';
    else out += c;
  }
  return { source: out, lookbehinds };
}
