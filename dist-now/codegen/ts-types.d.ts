import { type Field, type MessageDef, type Plan, type Shape } from '../model/plan.js';
/** TypeScript for a shape; nested objects become inline object types. */
export declare function typeExpression(shape: Shape, strict: boolean, indent: string): string;
/** An object type: declared keys, and an index signature only where the plan allows other keys. */
export declare function objectType(fields: readonly Field[] | undefined, strict: boolean, indent: string, extra?: boolean | Shape): string;
/** `types.ts`: one declaration per named type and per message payload. */
export declare function typesModule(plan: Plan, messages: readonly MessageDef[]): string;
