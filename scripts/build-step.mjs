// Build helpers: `clean` removes dist/ so files of deleted sources never linger in the package;
// `cli` bundles the command line (see below); `bin` marks the CLI entry executable, which npm
// does only for installed dependencies; `validators` writes the plan format's compiled validator
// into dist/ (see format-schema.ts), beside the library and beside the CLI bundle.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const step = process.argv[2] ?? 'clean';
if (step === 'clean') rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
if (step === 'cli') {
  // The CLI is bundled: Node resolves, reads and links each ES module on its own, which for our
  // sixty modules was a fifth of a run's start. The entries (the CLI, the audit worker, and the
  // templates loader the generate bench uses) share chunks; commands stay in chunks of their
  // own, loaded when they run. Chunks sit in dist/cli/,
  // at the depth of the sources' own dist/ files, so paths relative to `import.meta.url`
  // (package.json, schema/, templates/, audit-worker.js) hold. Dependencies stay in node_modules.
  const { build } = await import('esbuild');
  await build({
    // Named, so that each lands in dist/cli/ whatever folder its source is in: the JS engine
    // finds its worker as ./audit-worker.js beside the chunk that starts it.
    entryPoints: { bin: 'src/cli/bin.ts', 'audit-worker': 'src/engines/js/audit-worker.ts', 'templates-dir': 'src/cli/templates-dir.ts' },
    outdir: 'dist/cli',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  });
}
if (step === 'bin') chmodSync(new URL('../dist/cli/bin.js', import.meta.url), 0o755);
if (step === 'validators') {
  const { planFormatValidatorSource, PREBUILT_FORMAT_VALIDATOR } = await import('../dist/load/format-schema.js');
  const source = planFormatValidatorSource();
  for (const dir of ['../dist/load/', '../dist/cli/']) writeFileSync(new URL(PREBUILT_FORMAT_VALIDATOR, new URL(dir, import.meta.url)), source);
}
