import { createReadStream } from 'node:fs';
import { auditInputs, type AuditInput } from '../../audit/audit.js';
import type { AuditSummary } from '../../audit/summary.js';
import type { AuditEngine, EngineJob } from '../engine.js';
import { auditInParallel, WorkerPool, willSpread } from './pool.js';

export interface JsEngineOptions {
  /** Threads to use, this one included. */
  threads: number;
  /** Plain files from this size are split over threads; gzip from a 16th of it. */
  minBytes: number;
}

/**
 * The audit in JavaScript: the plan's validators on every message, large plain files cut in
 * pieces over worker threads, gzip decompressed here and parsed in workers, everything else
 * read in this thread. JSON.parse is its floor (README "Performance").
 */
export class JsEngine implements AuditEngine {
  readonly #pool = new WorkerPool();

  constructor(private readonly options: JsEngineOptions) {}

  async prepare(sizes: ReadonlyMap<string, number>): Promise<void> {
    // Threads take ~50 ms to start: they start now, while the plan loads.
    if (this.options.threads > 1 && (await willSpread(sizes, this.options.minBytes))) this.#pool.prestart(this.options.threads - 1);
  }

  audit(job: EngineJob): Promise<AuditSummary> {
    const watch = job.watch ?? ((s: AsyncIterable<Buffer>) => s);
    const inputs: AuditInput[] = job.files.map((f) => ({
      name: f === '-' ? '<stdin>' : f,
      open: () => watch(f === '-' ? (process.stdin as AsyncIterable<Buffer>) : createReadStream(f, { highWaterMark: 1024 * 1024 })),
    }));
    return auditInParallel(job.index, inputs, job.files, job.sizes, {
      threads: this.options.threads,
      pool: this.#pool,
      minBytes: this.options.minBytes,
      sequential: auditInputs,
      onBytes: (n) => job.onBytes?.(n),
    });
  }

  close(): void {
    this.#pool.close();
  }
}
