/** Closest candidate by edit distance, for "did you mean …?" hints; undefined when none is close. */
export declare function closest(word: string, candidates: Iterable<string>): string | undefined;
/** ` Did you mean `x`?` or the empty string. */
export declare function didYouMean(word: string, candidates: Iterable<string>): string;
/** Damerau-Levenshtein (optimal string alignment) distance, bounded for long inputs. */
export declare function distance(a: string, b: string): number;
