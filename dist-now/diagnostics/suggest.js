/** Closest candidate by edit distance, for "did you mean …?" hints; undefined when none is close. */
export function closest(word, candidates) {
    let best;
    let bestScore = Infinity;
    const lower = word.toLowerCase();
    const most = Math.max(1, Math.floor(word.length / 3)) + 1;
    for (const c of candidates) {
        // A length difference alone can rule a candidate out; skip the quadratic work for it.
        if (Math.abs(c.length - word.length) > Math.max(most, Math.floor(c.length / 3)))
            continue;
        const d = distance(lower, c.toLowerCase());
        if (d < bestScore || (d === bestScore && best !== undefined && c < best)) {
            best = c;
            bestScore = d;
        }
    }
    // Allow roughly one typo per three characters, so `desciption` finds `description`
    // but `foo` does not suggest `format`.
    if (best === undefined)
        return undefined;
    const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
    return bestScore <= limit ? best : undefined;
}
/** ` Did you mean `x`?` or the empty string. */
export function didYouMean(word, candidates) {
    const c = closest(word, candidates);
    return c === undefined ? '' : ` Did you mean \`${c}\`?`;
}
/** Damerau-Levenshtein (optimal string alignment) distance, bounded for long inputs. */
export function distance(a, b) {
    if (a === b)
        return 0;
    if (a.length > 200 || b.length > 200)
        return Math.max(a.length, b.length);
    const rows = [];
    for (let i = 0; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            if (i === 0) {
                row.push(j);
                continue;
            }
            const prev = rows[i - 1];
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                v = Math.min(v, rows[i - 2][j - 2] + 1);
            }
            row.push(v);
        }
        rows.push(row);
    }
    return rows[a.length][b.length];
}
//# sourceMappingURL=suggest.js.map