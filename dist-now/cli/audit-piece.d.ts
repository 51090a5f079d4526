import type { PlanIndex } from '../audit/plan-index.js';
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
/** Audit one piece; the same code in the main thread and in workers. */
export declare function auditPiece(index: PlanIndex, file: string, piece: Piece): Promise<PieceResult>;
/**
 * Threads take pieces one at a time from one shared counter, so a slower thread (the main
 * one, which also loaded the plan; a core busy with something else) takes fewer pieces and
 * no thread waits at the end for longer than one piece takes.
 */
export declare function claimPieces(next: Int32Array, pieces: readonly Piece[], audit: (k: number) => Promise<void>): Promise<void>;
