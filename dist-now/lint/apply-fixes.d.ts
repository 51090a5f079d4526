import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { Fix } from './rule.js';
/**
 * Apply fixes to a file's text by replacing exactly the characters of each fixed value, so
 * comments, quoting style and layout elsewhere are untouched. Returns the new text and how
 * many fixes applied; overlapping fixes are skipped (a second run picks them up).
 */
export declare function applyFixes(text: string, fixes: readonly {
    fix: Fix;
    range: SourceRange;
}[]): {
    text: string;
    applied: number;
};
