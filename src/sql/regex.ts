import { RE2JS } from 're2js';
import { toRe2 } from '../audit/regex-safety.js';
import { choosePatternEngine } from '../compile/pattern/engine.js';
import type { RegexFlavour } from './dialect.js';

/** One condition of a plan pattern, in an engine's flavour: it must (or, `negate`, must not) match. */
export interface SqlPatternPart {
  source: string;
  negate: boolean;
}

/**
 * A plan pattern (JavaScript's syntax, `u` flag, `test` semantics: a match anywhere) as
 * conditions an SQL engine's regular expressions test with the same verdicts, or a reason why
 * it cannot be. The translation is the audit's own for RE2 (regex-safety.ts: JavaScript's `.`
 * and `\s` spelled out, groups made non-capturing), with the pattern split at its leading
 * look-aheads as the audit splits it; look-behinds (which only re2js runs linearly) and
 * whatever RE2 refuses (a count over 1,000, an unknown property name) are not translated.
 */
export function translatePattern(pattern: string, flavour: RegexFlavour): { parts: SqlPatternPart[] } | { reason: string } {
  const parts: SqlPatternPart[] = [];
  for (const part of choosePatternEngine(pattern).parts) {
    const re2 = toRe2(part.source);
    if (!re2) return { reason: 'a back-reference or a look-ahead that no SQL engine runs with its meaning' };
    if (re2.lookbehinds) return { reason: 'a look-behind, which the SQL engines’ regular expressions do not run in linear time' };
    try {
      RE2JS.compile(re2.source);
    } catch {
      return { reason: 'a construct RE2 does not accept' };
    }
    parts.push({ source: forFlavour(re2.source, flavour), negate: part.negate });
  }
  return { parts };
}

/**
 * An RE2 source for another flavour. RE2's `^` and `$` (no multi-line flag) are the start and
 * the end of the text, as JavaScript's are; Java's `$` also matches before a final line break,
 * and Joni's are line anchors: both get `\A` and `\z`. `\x{…}` is spelled the same in the three.
 */
export function forFlavour(re2: string, flavour: RegexFlavour): string {
  if (flavour === 're2') return re2;
  let out = '';
  let inClass = false;
  for (let i = 0; i < re2.length; i++) {
    const c = re2[i]!;
    if (c === '\\') {
      out += re2.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A `]` or `^]` first in a class is a character, not its end.
      if (re2[i + 1] === '^') out += re2[++i];
      if (re2[i + 1] === ']') out += re2[++i];
    } else if (c === '^') out += '\\A';
    else if (c === '$') out += '\\z';
    else out += c;
  }
  return out;
}

/**
 * A JavaScript regular expression written with the `i` flag and ASCII letters only, made
 * case-insensitive by classes (`a` → `[aA]`) rather than by a flag: RE2's and Java's `(?i)`
 * also fold U+212A KELVIN SIGN into `k` and U+017F into `s`, which JavaScript's `i` without `u`
 * does not.
 */
export function caseless(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (c === '[') {
      let j = i + 1;
      let body = '';
      if (source[j] === '^') body += source[j++];
      for (; j < source.length && source[j] !== ']'; j++) {
        if (source[j] === '\\') {
          body += source.slice(j, j + 2);
          j++;
          continue;
        }
        const a = source[j]!;
        if (source[j + 1] === '-' && source[j + 2] !== undefined && source[j + 2] !== ']') {
          const b = source[j + 2]!;
          body += `${a}-${b}`;
          if (/[a-z]/.test(a) && /[a-z]/.test(b)) body += `${a.toUpperCase()}-${b.toUpperCase()}`;
          else if (/[A-Z]/.test(a) && /[A-Z]/.test(b)) body += `${a.toLowerCase()}-${b.toLowerCase()}`;
          j += 2;
        } else body += /[a-zA-Z]/.test(a) ? a.toLowerCase() + a.toUpperCase() : a;
      }
      out += `[${body}]`;
      i = j;
    } else if (/[a-zA-Z]/.test(c) && !/\{\d*$/.test(out)) out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else out += c;
  }
  return out;
}
