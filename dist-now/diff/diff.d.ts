import type { Diagnostic, SourceRange } from '../diagnostics/diagnostic.js';
import { type Origin, type Plan } from '../model/plan.js';
import { type Category, type Impact } from './rule.js';
/** One change between two versions of a plan. */
export interface DiffFinding extends Diagnostic {
    impact: Impact;
    category: Category;
    /** The place in the base version, when the change concerns something that was there. */
    base?: {
        file: string;
        path: Origin['path'];
        range?: SourceRange;
    };
}
/** What a diff found, and the version bump it calls for. */
export interface DiffResult {
    findings: DiffFinding[];
    breaking: number;
    additions: number;
    docs: number;
    /** The bump the changes need: major for breaking, minor for additions, patch for documentation. */
    required: 'major' | 'minor' | 'patch' | 'none';
    version: {
        base?: string;
        head?: string;
        bump: 'major' | 'minor' | 'patch' | 'none' | 'invalid' | 'missing';
        ok: boolean;
        message: string;
    };
}
type Locate = (o: Origin, at?: 'key' | 'value') => SourceRange | undefined;
/** Compare two versions of a plan, rule by rule (buf-style), and check the version bump. */
export declare function diffPlans(base: Plan, head: Plan, locateBase: Locate, locateHead: Locate): DiffResult;
export {};
