import type { Plan } from '../model/plan.js';
import { type IndexSpec, type PlanIndex } from './plan-index.js';
/** The spec of a plan: its validators in the audit's mode (the same emitter as generated clients). */
export declare function specForPlan(plan: Plan): IndexSpec;
/** Build and load the validators of a plan. */
export declare function indexPlan(plan: Plan): Promise<PlanIndex>;
