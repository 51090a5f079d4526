import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { JAVA17_HOME, SPARK_PYTHON, missingError, missingSpark } from './engines-home.js';
import { peakRssMb } from './peak-rss.js';

const DRIVER = join(import.meta.dirname, 'spark_driver.py');

/** What the driver answers for one job. */
export interface SparkJobResult {
  rows: number;
  loadMs: number;
  queryMs: number;
}

/** One input file: its path on disk and the name the contract relation's `file` column gives it. */
export interface ContractFile {
  path: string;
  name: string;
}

/** A local Spark session (PySpark, `local[*]`) kept for a whole test file. */
export interface SparkSession {
  readonly version: string;
  /** Loads `files` as the contract relation `messages`, runs `sql`, writes its rows as JSON lines to `out`. */
  run(files: readonly ContractFile[], sql: string, out: string): Promise<SparkJobResult>;
  /** Peak resident memory of Python and Spark's JVM so far, in MB. */
  peakRssMb(): number;
  /** Ends the session and its JVM; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts test/engines/spark_driver.py with the PySpark venv and Java 17. Waits at most
 * `startupMs` for the session, then fails with what the driver printed.
 */
export async function startSpark(startupMs = 180_000): Promise<SparkSession> {
  const missing = missingSpark();
  if (missing) throw missingError('Spark', missing);
  const child = spawn(SPARK_PYTHON, [DRIVER], {
    env: {
      ...process.env,
      JAVA_HOME: JAVA17_HOME,
      PATH: `${join(JAVA17_HOME, 'bin')}:${process.env['PATH'] ?? ''}`,
      PYSPARK_PYTHON: SPARK_PYTHON,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: stop() ends the JVM that PySpark starts along with Python.
    detached: true,
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    stderr = (stderr + s).slice(-8000);
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const next = async (timeoutMs: number, what: string): Promise<Record<string, unknown>> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Spark: no answer to ${what} within ${timeoutMs / 1000} s; its stderr ends:\n${stderr}`)), timeoutMs);
    });
    const ended = exited.then(() => {
      throw new Error(`Spark's driver exited (code ${child.exitCode}) during ${what}; its stderr ends:\n${stderr}`);
    });
    try {
      const r = await Promise.race([lines.next(), timeout, ended]);
      if (r.done) throw new Error(`Spark's driver closed its output during ${what}; its stderr ends:\n${stderr}`);
      return JSON.parse(r.value) as Record<string, unknown>;
    } finally {
      clearTimeout(timer);
    }
  };

  let stopped = false;
  let peak = 0;
  const onExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.pid !== undefined) peak = Math.max(peak, peakRssMb(child.pid));
    process.removeListener('exit', onExit);
    child.stdin!.end();
    const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
    killGroup(child, gone ? 'SIGTERM' : 'SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  };

  try {
    const ready = await next(startupMs, 'start-up');
    if (ready['ok'] !== true) throw new Error(`Spark did not start: ${JSON.stringify(ready)}`);
    let queue = Promise.resolve();
    return {
      version: String(ready['version']),
      stop,
      peakRssMb: () => Math.max(peak, child.pid === undefined || stopped ? 0 : peakRssMb(child.pid)),
      run(files, sql, out) {
        const job = queue.then(async () => {
          child.stdin!.write(`${JSON.stringify({ files, sql, out })}\n`);
          const r = await next(600_000, 'a query');
          if (r['ok'] !== true) throw new Error(`Spark: ${String(r['error'])}`);
          return { rows: Number(r['rows']), loadMs: Number(r['loadMs']), queryMs: Number(r['queryMs']) };
        });
        queue = job.then(() => undefined, () => undefined);
        return job;
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Ends the driver's whole process group (Python and the JVM it started); it may be gone already. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
