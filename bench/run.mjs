// `npm run bench`: every benchmark, one after another. Figures are printed, never asserted
// in unit tests (timing on shared CI machines is noise there). BENCH_ONLY=audit runs one
// (audit-document: the memory of a 1 GB JSON array).
const only = process.env.BENCH_ONLY;
for (const name of ['check', 'generate', 'audit', 'audit-document', 'patterns', 'serve', 'docs', 'infer', 'drift', 'status', 'sql', 'duckdb', 'report-rows']) if (!only || only === name) await import(`./${name}.mjs`);
