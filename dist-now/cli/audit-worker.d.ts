import { type IndexSpec } from '../audit/plan-index.js';
import { type Piece } from './audit-piece.js';
export interface PiecesJob {
    mode: 'pieces';
    spec: IndexSpec;
    file: string;
    pieces: Piece[];
    /** The next piece to take, shared by every thread auditing the file. */
    next: Int32Array;
}
export interface BatchJob {
    mode: 'batches';
    spec: IndexSpec;
    file: string;
}
export type Batch = {
    batch: ArrayBuffer;
    firstLine: number;
    startOfFile: boolean;
} | {
    done: true;
};
