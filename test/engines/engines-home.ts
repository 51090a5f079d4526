import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where scripts/install-engines.sh puts Spark and Trino, and whether they are there. Tests of
 * the spark and trino dialects run against the real engines: in CI (CI=true) a missing engine
 * is a failure; elsewhere those tests are skipped with a message saying how to install it.
 */
export const ENGINES_HOME =
  process.env['TRACKPLAN_ENGINES'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'trackplan-engines');

/** Pinned in scripts/install-engines.sh; a change there is a change here. */
export const TRINO_VERSION = '476';

/** Spark 4 runs on Java 17 (or 21); Trino 476 needs Java 24 or later. */
export const JAVA17_HOME = process.env['TRACKPLAN_JAVA17_HOME'] ?? '/usr/lib/jvm/java-17-openjdk-amd64';
export const JAVA_TRINO_HOME = process.env['TRACKPLAN_TRINO_JAVA_HOME'] ?? '/usr/lib/jvm/temurin-25-jdk-amd64';

export const SPARK_PYTHON = join(ENGINES_HOME, 'spark-venv', 'bin', 'python');
export const TRINO_DIR = join(ENGINES_HOME, `trino-server-${TRINO_VERSION}`);

const INSTALL = 'run `scripts/install-engines.sh` (see README, "Running the audit on Spark and Trino")';

/** What is missing for an engine, or undefined when it can run. */
export function missingSpark(): string | undefined {
  if (!existsSync(SPARK_PYTHON)) return `no PySpark venv at ${join(ENGINES_HOME, 'spark-venv')}`;
  if (!existsSync(join(JAVA17_HOME, 'bin', 'java'))) return `no Java 17 at ${JAVA17_HOME} (set TRACKPLAN_JAVA17_HOME)`;
  return undefined;
}

export function missingTrino(): string | undefined {
  if (!existsSync(join(TRINO_DIR, '.complete'))) return `no unpacked Trino ${TRINO_VERSION} at ${TRINO_DIR}`;
  if (!existsSync(join(JAVA_TRINO_HOME, 'bin', 'java'))) return `no Java 24+ at ${JAVA_TRINO_HOME} (set TRACKPLAN_TRINO_JAVA_HOME)`;
  return undefined;
}

/**
 * Whether an engine's tests run: yes when it is installed, and always in CI, where the test then
 * fails on what is missing. Says loudly why when they are skipped.
 */
export function engineTestsRun(engine: 'Spark' | 'Trino', missing: string | undefined): boolean {
  if (missing === undefined || process.env['CI'] === 'true') return true;
  process.stderr.write(`\n*** SKIPPING ${engine} tests: ${missing}; ${INSTALL}. ***\n\n`);
  return false;
}

/** The error a test throws in CI when an engine is missing. */
export function missingError(engine: string, missing: string): Error {
  return new Error(`${engine} is not installed: ${missing}; ${INSTALL}.`);
}
