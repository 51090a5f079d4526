import type { MessageDef, Plan } from '../model/plan.js';
import { type Draft, type JsonSchema } from './shape-schema.js';
/** The JSON Schema of a whole Segment message (envelope included) for one message definition. */
export declare function messageSchema(plan: Plan, message: MessageDef, draft: Draft): JsonSchema;
