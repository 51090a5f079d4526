// Build helpers: `clean` removes dist/ so files of deleted sources never linger in the package;
// `bin` marks the CLI entry executable, which npm does only for installed dependencies.
import { chmodSync, rmSync } from 'node:fs';

const step = process.argv[2] ?? 'clean';
if (step === 'clean') rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
if (step === 'bin') chmodSync(new URL('../dist/cli/bin.js', import.meta.url), 0o755);
