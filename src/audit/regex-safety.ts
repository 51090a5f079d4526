import { RE2JS } from 're2js';

/** How one plan pattern runs in the audit. */
export interface PatternEngine {
  source: string;
  engine: 'native' | 'linear' | 'native-bounded';
}

/** Longest string a pattern that neither engine can make safe is run against; longer ones fail it. */
export const BOUNDED_INPUT = 10_000;

/**
 * Whether a pattern can backtrack catastrophically: a quantified group that itself holds a
 * quantifier or an alternation (`(a+)+`, `(a|aa)*`), or a back-reference. Conservative: a
 * false alarm only moves the pattern to the linear engine.
 */
export function isRisky(source: string): boolean {
  if (/\\[1-9]|\\k</.test(source)) return true;
  const stack: { quantified: boolean; alternation: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ quantified: false, alternation: false });
    else if (c === '|' && stack.length > 0) stack[stack.length - 1]!.alternation = true;
    else if (c === ')') {
      const group = stack.pop();
      const next = source[i + 1];
      const quantifiedGroup = next === '*' || next === '+' || next === '{';
      if (group && quantifiedGroup && (group.quantified || group.alternation)) return true;
      if (group && stack.length > 0 && (group.quantified || quantifiedGroup)) stack[stack.length - 1]!.quantified = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length > 0) stack[stack.length - 1]!.quantified = true;
  }
  return false;
}

/**
 * A pattern's matcher for untrusted data. Plain patterns use V8's engine (fast); risky ones
 * use RE2's linear-time algorithm (re2js); a risky pattern RE2 cannot express (look-arounds,
 * back-references) runs natively on inputs up to BOUNDED_INPUT characters, and is reported.
 */
export function compilePattern(source: string): { test(s: string): boolean; engine: PatternEngine['engine'] } {
  if (!isRisky(source)) {
    const re = new RegExp(source, 'u');
    return { test: (s) => re.test(s), engine: 'native' };
  }
  try {
    const re = RE2JS.compile(source);
    return { test: (s) => re.matcher(s).find(), engine: 'linear' };
  } catch {
    const re = new RegExp(source, 'u');
    return { test: (s) => s.length <= BOUNDED_INPUT && re.test(s), engine: 'native-bounded' };
  }
}
