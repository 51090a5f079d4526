/**
 * A unified diff (`diff -u`) of two texts, line by line, with 3 lines of context: how `infer
 * --plan` shows the edit it would make. Myers' O(ND) algorithm between lines unique to both
 * texts (anchoredDiff). Empty when the texts are the same.
 */
export function unifiedDiff(a: string, b: string, names: { from: string; to: string }, context = 3): string {
  if (a === b) return '';
  const x = splitLines(a);
  const y = splitLines(b);
  const ops = anchoredDiff(x, y);
  // Hunks: runs of changes with `context` lines around them, merged when they touch.
  const out: string[] = [`--- ${names.from}`, `+++ ${names.to}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.op === ' ') {
      i++;
      continue;
    }
    let start = i;
    for (let c = 0; c < context && start > 0 && ops[start - 1]!.op === ' '; c++) start--;
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end]!.op !== ' ') end++;
      let gap = 0;
      while (end + gap < ops.length && ops[end + gap]!.op === ' ') gap++;
      if (end + gap < ops.length && gap <= 2 * context) end += gap;
      else {
        end += Math.min(gap, context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const first = hunk[0]!;
    const aCount = hunk.filter((o) => o.op !== '+').length;
    const bCount = hunk.filter((o) => o.op !== '-').length;
    out.push(`@@ -${aCount === 0 ? first.a : first.a + 1},${aCount} +${bCount === 0 ? first.b : first.b + 1},${bCount} @@`);
    for (const o of hunk) out.push(`${o.op}${o.line}`);
    i = end;
  }
  return out.join('\n') + '\n';
}

interface Op {
  op: ' ' | '-' | '+';
  line: string;
  /** Lines of each side before this one. */
  a: number;
  b: number;
}

function splitLines(s: string): string[] {
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Myers' walk keeps a frontier per step: O(D × (N + M)) memory, 6 GB for a drift adding 20,000
 * lines to a 20,000-line plan. So lines that occur once in each text and keep their order
 * (the longest such run, as patience diff finds it) are matched first, and Myers runs only in
 * the gaps between them, each small. Drift only inserts and replaces, so those lines are the
 * plan's own, and the diff is the one Myers would give.
 */
function anchoredDiff(x: readonly string[], y: readonly string[]): Op[] {
  const once = (lines: readonly string[]) => {
    const seen = new Map<string, number>();
    lines.forEach((l, i) => seen.set(l, seen.has(l) ? -1 : i));
    return seen;
  };
  const inX = once(x);
  const inY = once(y);
  // Pairs (i in x, j in y) of lines unique in both, in x's order; keep the longest run increasing in y.
  const pairs: [number, number][] = [];
  for (const [line, i] of inX) {
    const j = inY.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((p, q) => p[0] - q[0]);
  const anchors = longestIncreasing(pairs);
  const ops: Op[] = [];
  let a = 0;
  let b = 0;
  for (const [i, j] of [...anchors, [x.length, y.length] as [number, number]]) {
    for (const o of myers(x.slice(a, i), y.slice(b, j))) ops.push({ ...o, a: o.a + a, b: o.b + b });
    if (i < x.length) ops.push({ op: ' ', line: x[i]!, a: i, b: j });
    a = i + 1;
    b = j + 1;
  }
  return ops;
}

/** The longest subsequence of pairs whose second members increase (patience sorting, O(n log n)). */
function longestIncreasing(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = []; // index into pairs of the smallest tail of each length
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < pairs[p]![1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const out: [number, number][] = [];
  for (let p = tails.length > 0 ? tails[tails.length - 1]! : -1; p >= 0; p = prev[p]!) out.push(pairs[p]!);
  return out.reverse();
}

function myers(x: readonly string[], y: readonly string[]): Op[] {
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let px = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let py = px - k;
      while (px < n && py < m && x[px] === y[py]) {
        px++;
        py++;
      }
      v[max + k] = px;
      if (px >= n && py >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let px = n;
  let py = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const tv = trace[d]!;
    const k = px - py;
    const prevK = k === -d || (k !== d && tv[max + k - 1]! < tv[max + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : tv[max + prevK]!;
    const prevY = prevX - prevK;
    while (px > prevX && py > prevY) {
      px--;
      py--;
      ops.push({ op: ' ', line: x[px]!, a: px, b: py });
    }
    if (d === 0) break;
    if (px === prevX) {
      py--;
      ops.push({ op: '+', line: y[py]!, a: px, b: py });
    } else {
      px--;
      ops.push({ op: '-', line: x[px]!, a: px, b: py });
    }
  }
  return ops.reverse();
}
