import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContractRow } from './contract.js';
import { JAVA_TRINO_HOME, TRINO_DIR, missingError, missingTrino } from './engines-home.js';
import { peakRssMb } from './peak-rss.js';

/** Column names and rows of one query's result, values as Trino's REST API gives them. */
export interface TrinoResult {
  columns: string[];
  rows: unknown[][];
}

/** A single-node Trino (coordinator and worker) on 127.0.0.1, with a `memory` catalog. */
export interface TrinoServer {
  readonly url: string;
  /** Runs one statement through /v1/statement and collects every page of its rows. */
  query(sql: string): Promise<TrinoResult>;
  /** Makes `memory.default.<table>` the contract relation holding `rows`. */
  load(rows: readonly ContractRow[], table?: string): Promise<void>;
  /** Peak resident memory of the server's JVM so far, in MB. */
  peakRssMb(): number;
  /** Ends the JVM (SIGTERM, then SIGKILL) and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** The largest statement the server takes; INSERT batches stay under it. */
const MAX_QUERY_CHARS = 16_000_000;
const BATCH_CHARS = 4_000_000;

/** A free port on 127.0.0.1 (closed again at once: the server binds it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts trino-server (scripts/install-engines.sh unpacks it) with Java 24+, bound to 127.0.0.1
 * on a free port, its configuration and data in a fresh temporary folder. Waits at most
 * `startupMs` for the server to finish starting, then fails with the end of its log.
 */
export async function startTrino(startupMs = 180_000): Promise<TrinoServer> {
  const missing = missingTrino();
  if (missing) throw missingError('Trino', missing);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-trino-'));
  const etc = join(dir, 'etc');
  mkdirSync(join(etc, 'catalog'), { recursive: true });
  writeFileSync(
    join(etc, 'config.properties'),
    [
      'coordinator=true',
      'node-scheduler.include-coordinator=true',
      `http-server.http.port=${port}`,
      `discovery.uri=http://127.0.0.1:${port}`,
      // Listen on the loopback only, and say so to the node itself.
      'node.bind-ip=127.0.0.1',
      'node.internal-address=127.0.0.1',
      `plugin.dir=${join(TRINO_DIR, 'plugin')}`,
      // The bench slice (100,000 messages) takes about 1 GB in one scan, each message's members
      // parsed into a MAP beside its text.
      'query.max-memory=4GB',
      'query.max-memory-per-node=4GB',
      `query.max-length=${MAX_QUERY_CHARS}`,
      // The compiled audit reads its CTEs many times over (Trino inlines each reference): more
      // stages than the default 150. Athena keeps its own limit (docs/sql.md, "Trino").
      'query.max-stage-count=1000',
      '',
    ].join('\n'),
  );
  writeFileSync(join(etc, 'node.properties'), `node.environment=trackplan_test\nnode.data-dir=${join(dir, 'data')}\n`);
  writeFileSync(join(etc, 'log.properties'), 'io.trino=WARN\n');
  // The memory connector keeps 128 MB per node by default: too little for the bench slice.
  writeFileSync(join(etc, 'catalog', 'memory.properties'), 'connector.name=memory\nmemory.max-data-per-node=1GB\n');
  const logFile = join(dir, 'server.log');
  const child = spawn(
    join(JAVA_TRINO_HOME, 'bin', 'java'),
    [
      '-Xmx6G',
      // The compiled audit is one statement of hundreds of CTEs and UNION ALL branches: the
      // analyzer recurses through it deeper than the default thread stack allows.
      '-Xss16M',
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djdk.attach.allowAttachSelf=true',
      `-Dconfig=${join(etc, 'config.properties')}`,
      `-Dlog.levels-file=${join(etc, 'log.properties')}`,
      `-Dlog.output-file=${logFile}`,
      `-Dcatalog.config-dir=${join(etc, 'catalog')}`,
      `-Dnode.environment=trackplan_test`,
      `-Dnode.data-dir=${join(dir, 'data')}`,
      '-cp',
      `${join(TRINO_DIR, 'lib')}/*`,
      'io.trino.server.TrinoServer',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    stderr = (stderr + s).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the test process dies without calling stop(), the JVM goes with it.
  const onExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  const url = `http://127.0.0.1:${port}`;
  const logTail = (): string => {
    let log = '';
    try {
      log = readFileSync(logFile, 'utf8');
    } catch {
      // No log yet.
    }
    return `${log}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
  };

  let stopped = false;
  let peak = 0;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.pid !== undefined) peak = Math.max(peak, peakRssMb(child.pid));
    killGroup(child, 'SIGTERM');
    const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
    if (!gone) {
      killGroup(child, 'SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
    process.removeListener('exit', onExit);
    rmSync(dir, { recursive: true, force: true });
  };

  const query = async (sql: string): Promise<TrinoResult> => {
    const headers = { 'X-Trino-User': 'trackplan', 'X-Trino-Catalog': 'memory', 'X-Trino-Schema': 'default' };
    let res = await fetch(`${url}/v1/statement`, { method: 'POST', body: sql, headers });
    const columns: string[] = [];
    const rows: unknown[][] = [];
    for (;;) {
      if (res.status === 503 || res.status === 429) {
        // Busy: the protocol says to wait and ask the same URI again.
        await new Promise((r) => setTimeout(r, 100));
        res = await fetch(res.url, { headers });
        continue;
      }
      if (!res.ok) throw new Error(`Trino answered HTTP ${res.status}: ${(await res.text()).slice(0, 2000)}`);
      const page = (await res.json()) as {
        nextUri?: string;
        columns?: { name: string }[];
        data?: unknown[][];
        error?: { message: string; errorName?: string; errorLocation?: { lineNumber: number; columnNumber: number } };
      };
      if (page.error) {
        const at = page.error.errorLocation ? ` at ${page.error.errorLocation.lineNumber}:${page.error.errorLocation.columnNumber}` : '';
        throw new Error(`Trino: ${page.error.errorName ?? 'error'}${at}: ${page.error.message}`);
      }
      if (page.columns && columns.length === 0) columns.push(...page.columns.map((c) => c.name));
      if (page.data) rows.push(...page.data);
      if (!page.nextUri) return { columns, rows };
      res = await fetch(page.nextUri, { headers });
    }
  };

  try {
    const deadline = Date.now() + startupMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Trino exited while starting (code ${child.exitCode ?? child.signalCode}); its log ends:\n${logTail()}`);
      }
      if (Date.now() > deadline) throw new Error(`Trino did not start within ${startupMs / 1000} s; its log ends:\n${logTail()}`);
      try {
        const info = (await (await fetch(`${url}/v1/info`)).json()) as { starting?: boolean };
        // A node that has started may still be waiting to see itself as an active worker; until
        // it does, queries on the memory catalog fail with NO_NODES_AVAILABLE.
        if (info.starting === false && Number((await query("SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'")).rows[0]?.[0]) >= 1) {
          await query('SELECT count(*) FROM memory.information_schema.tables');
          break;
        }
      } catch {
        // Not listening yet, or not ready for a query.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    url,
    query,
    peakRssMb: () => Math.max(peak, child.pid === undefined || stopped ? 0 : peakRssMb(child.pid)),
    stop,
    async load(rows, table = 'messages') {
      await query(`DROP TABLE IF EXISTS memory.default.${table}`);
      await query(`CREATE TABLE memory.default.${table} (file VARCHAR, line BIGINT, message VARCHAR)`);
      let values: string[] = [];
      let size = 0;
      const flush = async (): Promise<void> => {
        if (values.length === 0) return;
        await query(`INSERT INTO memory.default.${table} VALUES\n${values.join(',\n')}`);
        values = [];
        size = 0;
      };
      for (const r of rows) {
        const v = `(${literal(r.file)}, ${r.line === null ? 'CAST(NULL AS BIGINT)' : r.line}, ${r.message === null ? 'CAST(NULL AS VARCHAR)' : literal(r.message)})`;
        if (size + v.length > BATCH_CHARS) await flush();
        values.push(v);
        size += v.length + 2;
      }
      await flush();
    },
  };
}

/** A Trino string literal holding `s` exactly: quotes doubled, NUL (which no literal holds) as chr(0). */
function literal(s: string): string {
  return s
    .split('\u0000')
    .map((part) => `'${part.replace(/'/g, "''")}'`)
    .join(' || chr(0) || ');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
