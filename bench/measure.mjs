/** Median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Print a titled table of figures, aligned, to stdout. */
export function report(title, rows) {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n== ${title} ==`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}
