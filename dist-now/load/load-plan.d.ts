import { type Diagnostic, type PlanPath, type SourceRange } from '../diagnostics/diagnostic.js';
import type { Plan } from '../model/plan.js';
import { type FileHost } from './host.js';
/** The result of loading a plan: the model when it could be built, and every problem found. */
export interface LoadResult {
    /** Undefined when the plan has errors. */
    plan?: Plan;
    diagnostics: Diagnostic[];
    /** The text of every file read, by the name diagnostics use (for code frames). */
    sources: Map<string, string>;
    /** The source range of a place in the plan or its imports (later stages report against the YAML). */
    locate(origin: {
        file: string;
        path: PlanPath;
    }, at?: 'key' | 'value'): SourceRange | undefined;
}
export interface LoadOptions {
    host?: FileHost;
    /** The text of `file`, when it is already in memory (an editor buffer, stdin). */
    text?: string;
}
export declare const FORMAT_VERSION = 1;
/**
 * Load, check and build a plan and everything it imports. Never throws for bad input:
 * unreadable files, YAML errors and plan mistakes all come back as diagnostics.
 */
export declare function loadPlan(file: string, options?: LoadOptions): Promise<LoadResult>;
