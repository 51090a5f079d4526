import { Worker } from 'node:worker_threads';
import type { AuditInput } from '../audit/audit.js';
import type { PlanIndex } from '../audit/plan-index.js';
import { type AuditSummary } from '../audit/summary.js';
export interface ParallelOptions {
    /** Threads to use, this one included. */
    threads: number;
    pool: WorkerPool;
    /** Plain files from this size are split (in pieces of at least a 16th of it); gzip from a 16th. */
    minBytes: number;
    sequential: (index: PlanIndex, inputs: readonly AuditInput[]) => Promise<AuditSummary>;
    onBytes(n: number): void;
}
/**
 * Audit worker threads, started ahead of their jobs: a thread takes about 50 ms to start,
 * which overlaps the main thread loading the plan when they are started first. Idle workers
 * do not keep the process alive; `close` ends those never given work.
 */
export declare class WorkerPool {
    #private;
    /** Start workers now, for jobs to come. */
    prestart(n: number): void;
    /** A started worker (or a new one), kept alive until it ends or is terminated. */
    take(): Worker;
    close(): void;
}
/**
 * Where to cut a file into pieces, before moving each cut to a line end: guided scheduling
 * (as OpenMP's). Each piece is a share of what is left, so the first are large (starting a
 * piece costs a file open and a read before any parsing, about 2 ms) and the last are small,
 * so threads finish within a small piece of each other whatever their speeds.
 */
export declare function nominalCuts(size: number, threads: number, minPiece: number): number[];
/**
 * Audit inputs, spreading each large plain NDJSON file over threads in pieces cut at line
 * ends. Line numbers come back relative to each piece and are shifted by the lines of the
 * pieces before it, so reports name the same lines a single thread would. Gzip is
 * decompressed here and its line batches parsed in workers; stdin, small files and
 * whole-document JSON are read in this thread.
 */
export declare function auditInParallel(index: PlanIndex, inputs: readonly AuditInput[], files: readonly string[], sizes: ReadonlyMap<string, number>, o: ParallelOptions): Promise<AuditSummary>;
