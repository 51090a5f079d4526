import { type Field, type MessageDef, type Plan } from '../model/plan.js';
/** Where a property was met: in a message, the shared library or a named type. */
export interface PropertyVisit {
    field: Field;
    /** The message it belongs to, when it is a message's (at any depth). */
    message?: MessageDef;
    /** `properties`, `types` or the message; for messages, which. */
    owner: string;
    depth: number;
}
/** Visit every property the plan file itself defines (not imported ones), nested ones too. */
export declare function properties(plan: Plan): Generator<PropertyVisit>;
