// `npm run bench`: every benchmark, one after another. Figures are printed, never asserted
// in unit tests (timing on shared CI machines is noise there).
await import('./check.mjs');
await import('./generate.mjs');
