import { type BuildContext } from './context.js';
import { type Plan } from './plan.js';
/** One parsed, format-checked plan file, as the loader hands it over. */
export interface PlanDocument {
    file: string;
    data: Record<string, unknown>;
}
/**
 * Build the checked model of `root`, whose imports (direct or not) are `libraries`.
 * Types and shared properties of every file are visible everywhere; a name defined in
 * two files is an error rather than a silent shadow.
 */
export declare function buildPlan(root: PlanDocument, libraries: readonly PlanDocument[], report: BuildContext['report']): Plan;
