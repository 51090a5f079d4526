import type { Auditor } from './auditor.js';
import { type LineSink } from './lines.js';
/** Largest whole-document JSON input (a pretty-printed array) read into memory; NDJSON streams. */
export declare const MAX_DOCUMENT_BYTES: number;
/**
 * Feed one input to an auditor: NDJSON (one message, list or batch per line), or one JSON
 * document spread over lines (a pretty-printed array or batch payload), plain or gzip
 * (by magic bytes, not by name). Input of any size streams, except whole-document JSON.
 */
export declare function readInput(source: AsyncIterable<Buffer>, auditor: Auditor, options?: {
    linesOnly?: boolean;
    startOfFile?: boolean;
}): Promise<{
    lines: number;
    bytes: number;
}>;
/** Decides, at the first line with content, whether the input is NDJSON or one JSON document. */
export declare class ModeSink implements LineSink {
    #private;
    private readonly auditor;
    constructor(auditor: Auditor, mode: 'undecided' | 'lines');
    line(text: string, lineNo: number): void;
    tooLong(lineNo: number, bytes: number): void;
    end(): void;
}
