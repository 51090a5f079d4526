import { type Field, type MessageDef, type Origin, type Plan, type Shape } from '../model/plan.js';
/** How a change affects consumers of the data (buf's categories, for tracking plans). */
export type Impact = 'breaking' | 'addition' | 'docs';
/** What a diff rule looks at. */
export type Category = 'event' | 'property' | 'type' | 'value';
/** A property present in both versions, at the same place. */
export interface PropertyPair {
    message: MessageDef;
    /** Dotted place inside the message, for messages: `products[].price`. */
    where: string;
    base: Field;
    head: Field;
    baseShape: Shape;
    headShape: Shape;
}
/** Everything a rule may compare; rules report through `report`. */
export interface DiffInput {
    base: Plan;
    head: Plan;
    /** Messages in both versions, matched by kind and exact name. */
    messages: {
        base: MessageDef;
        head: MessageDef;
    }[];
    removedMessages: MessageDef[];
    addedMessages: MessageDef[];
    /** Properties in both versions, at every depth (named types followed). */
    properties: PropertyPair[];
    removedProperties: {
        message: MessageDef;
        where: string;
        field: Field;
        required: boolean;
    }[];
    addedProperties: {
        message: MessageDef;
        where: string;
        field: Field;
    }[];
}
export interface DiffReport {
    message: string;
    /** Where in the head plan (or the base plan, for what was removed). */
    head?: Origin;
    base?: Origin;
}
/** One breaking-change rule: a stable id, its category and impact. */
export interface DiffRule {
    id: string;
    category: Category;
    impact: Impact;
    description: string;
    check(input: DiffInput, report: (r: DiffReport) => void): void;
}
export declare function defineDiffRule(rule: DiffRule): DiffRule;
/** `property "total" of event "Order Completed"`. */
export declare function propName(message: MessageDef, where: string): string;
