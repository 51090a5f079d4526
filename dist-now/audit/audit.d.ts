import type { PlanIndex } from './plan-index.js';
import { type AuditSummary } from './summary.js';
/** One input of an audit: a name for reports and a way to read its bytes. */
export interface AuditInput {
    name: string;
    open(): AsyncIterable<Buffer>;
}
/** Audit inputs one after another in this thread (the CLI spreads large files over workers). */
export declare function auditInputs(index: PlanIndex, inputs: readonly AuditInput[]): Promise<AuditSummary>;
