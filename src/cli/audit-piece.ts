import { open, type FileHandle } from 'node:fs/promises';
import { Auditor } from '../audit/auditor.js';
import { LineSplitter } from '../audit/lines.js';
import type { PlanIndex } from '../audit/plan-index.js';
import { ModeSink } from '../audit/read-input.js';
import type { AuditSummary } from '../audit/summary.js';

/** A byte range of a plain NDJSON file that starts and ends at line ends. */
export interface Piece {
  start: number;
  end: number;
}

/** What auditing a piece gives: its summary, with line numbers counted from the piece's start. */
export interface PieceResult {
  summary: AuditSummary;
  lines: number;
}

const CHUNK = 1024 * 1024;

/**
 * Audit one piece; the same code in the main thread and in workers. A piece is lines of a
 * plain NDJSON file (the file was checked before it was cut), read as such wherever it starts.
 */
export async function auditPiece(index: PlanIndex, file: string, piece: Piece, buffers: ReadBuffers): Promise<PieceResult> {
  const auditor = new Auditor(index, file);
  const sink = new ModeSink(auditor, 'lines');
  const splitter = new LineSplitter(sink, undefined, 1, { startOfFile: piece.start === 0 });
  let bytes = 0;
  const fh = await open(file, 'r');
  try {
    for await (const chunk of readRange(fh, piece.start, piece.end, buffers)) {
      bytes += chunk.length;
      splitter.push(chunk);
    }
  } finally {
    await fh.close();
  }
  splitter.end();
  sink.end();
  auditor.finish(splitter.lines, bytes);
  return { summary: auditor.summary, lines: splitter.lines };
}

/** Two read buffers, for one thread's pieces, one after the other. */
export type ReadBuffers = [Buffer, Buffer];

export function readBuffers(): ReadBuffers {
  return [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
}

/**
 * The bytes of [start, end) in chunks of two buffers used in turn: the next chunk is read
 * while this one is split, and no memory is allocated per chunk or per piece (buffers that
 * wait for a full garbage collection to be freed made memory grow with the file). A chunk
 * is valid until the next one is asked for; the line splitter copies what it keeps.
 */
async function* readRange(fh: FileHandle, start: number, end: number, buffers: ReadBuffers): AsyncGenerator<Buffer> {
  let pos = start;
  let turn = 0;
  const read = () => (pos < end ? fh.read(buffers[turn as 0 | 1], 0, Math.min(CHUNK, end - pos), pos) : undefined);
  let pending = read();
  while (pending) {
    const { bytesRead, buffer } = await pending;
    if (bytesRead === 0) return; // the file shrank while read
    pos += bytesRead;
    turn ^= 1;
    pending = read();
    yield buffer.subarray(0, bytesRead);
  }
}

/**
 * Threads take pieces one at a time from one shared counter, so a slower thread (the main
 * one, which also loaded the plan; a core busy with something else) takes fewer pieces and
 * no thread waits at the end for longer than one piece takes.
 */
export async function claimPieces(next: Int32Array, pieces: readonly Piece[], audit: (k: number) => Promise<void>): Promise<void> {
  for (let k = Atomics.add(next, 0, 1); k < pieces.length; k = Atomics.add(next, 0, 1)) await audit(k);
}
