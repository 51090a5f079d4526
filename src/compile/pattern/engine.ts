import { isLinearOnV8 } from './linear.js';
import { type PatternPart, rewriteForTest, splitLeadingLookaheads } from './rewrite.js';

/** How a plan pattern can be run on untrusted values without super-linear time. */
export interface PatternChoice {
  /**
   * A source that V8 tests in linear time with the same verdicts as the pattern (the pattern
   * itself, or rewritten: rewrite.ts), or undefined when none is proven (linear.ts).
   */
  v8: string | undefined;
  /**
   * The conditions the pattern is (one, or its leading look-aheads split off), each with its
   * own V8 source when one is proven. An engine that can run the others (RE2) runs them.
   */
  parts: (PatternPart & { v8: string | undefined })[];
}

/** Where and how a pattern runs: the audit and generated clients ask the same question. */
export function choosePatternEngine(source: string): PatternChoice {
  const whole = rewriteForTest(source);
  const split = splitLeadingLookaheads(whole);
  const parts = split.map((p) => {
    const trimmed = rewriteForTest(p.source);
    return { ...p, v8: isLinearOnV8(trimmed) ? trimmed : undefined };
  });
  // Split or not, V8 runs the whole pattern in the sum of its parts' times (the look-aheads
  // are tried once, at index 0, and never again): so the whole is proven when each part is,
  // as written in the whole (not as trimmed on its own).
  const v8 = split.length === 1 ? parts[0]!.v8 : split.every((p) => isLinearOnV8(p.source)) ? whole : undefined;
  return { v8, parts };
}
