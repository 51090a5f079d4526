import { type MessageDef, type Plan } from '../../model/plan.js';
import { type EmitOptions } from './emit.js';
/** A whole module of validators for a plan, and which function validates which message. */
export interface ValidatorModule {
    code: string;
    /** Typed output only: the compiled raw `schema:` fragments, a module of their own (`fragments.ts`). */
    fragments?: string;
    functions: {
        message: MessageDef;
        name: string;
    }[];
}
/**
 * Validators for every message of a plan, as one ES module. `name` chooses each function's
 * name (generated clients use readable ones; the audit uses positional ones).
 */
export declare function validatorModule(plan: Plan, options: EmitOptions & {
    name?: (m: MessageDef, index: number) => string;
}): ValidatorModule;
/** Load a JavaScript validator module in this process (for the audit and tests). */
export declare function loadValidators(mod: ValidatorModule): Promise<Map<MessageDef, (d: unknown) => {
    path: string;
    rule: string;
    message: string;
    value: unknown;
}[]>>;
