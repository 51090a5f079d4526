import type { LineSink } from './lines.js';
import type { PlanIndex } from './plan-index.js';
import { type AuditCode, type AuditSummary } from './summary.js';
/**
 * Checks messages against the plan and counts what it finds into a summary. One per input
 * (or per worker range); summaries merge. Never throws for bad input: a line that is not
 * JSON, a message that is not a message, each is counted and the next line is read.
 */
export declare class Auditor implements LineSink {
    #private;
    private readonly index;
    private readonly file;
    readonly summary: AuditSummary;
    constructor(index: PlanIndex, file: string);
    /** Record the input's size once it is read. */
    finish(lines: number, bytes: number): void;
    line(text: string, lineNo: number): void;
    tooLong(lineNo: number, bytes: number): void;
    /** A parsed line or document: one message, a list of them, or a Segment batch payload. */
    value(value: unknown, lineNo: number): void;
    badInput(code: AuditCode, lineNo: number, message: string): void;
    message(msg: unknown, lineNo: number): void;
    private envelope;
    private count;
}
