import { type Plan } from '../model/plan.js';
import type { DiffInput } from './rule.js';
/** Match two versions of a plan: messages by kind and exact name, properties by name at every depth. */
export declare function pairPlans(base: Plan, head: Plan): DiffInput;
