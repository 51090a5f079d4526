// Build helpers: `clean` removes dist/ so files of deleted sources never linger in the package;
// `bin` marks the CLI entry executable, which npm does only for installed dependencies;
// `validators` writes the plan format's compiled validator into dist/ (see format-schema.ts).
import { chmodSync, rmSync, writeFileSync } from 'node:fs';

const step = process.argv[2] ?? 'clean';
if (step === 'clean') rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
if (step === 'bin') chmodSync(new URL('../dist/cli/bin.js', import.meta.url), 0o755);
if (step === 'validators') {
  const { planFormatValidatorSource, PREBUILT_FORMAT_VALIDATOR } = await import('../dist/load/format-schema.js');
  writeFileSync(new URL(PREBUILT_FORMAT_VALIDATOR, new URL('../dist/load/', import.meta.url)), planFormatValidatorSource());
}
