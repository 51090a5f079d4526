import type { PlanPath } from '../diagnostics/diagnostic.js';
/** The built-in types of the plan format. */
export declare const PRIMITIVES: readonly ['string', 'number', 'integer', 'boolean', 'object', 'array', 'any', 'null'];
export type Primitive = (typeof PRIMITIVES)[number];
/** String formats the plan format accepts (all checked by ajv-formats and by our validators). */
export declare const FORMATS: readonly ['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'hostname'];
export type Format = (typeof FORMATS)[number];
/** A place in a plan file. */
export interface Origin {
    file: string;
    path: PlanPath;
}
/** One member of a property's type: a built-in or a name from `types:`. */
export type TypeRef = {
    kind: 'primitive';
    name: Primitive;
} | {
    kind: 'named';
    name: string;
};
/** The checked rules for one value: what a property, trait, array item or named type allows. */
export interface Shape {
    /** Union members; empty only when the definition is a raw `schema:` alone. */
    types: readonly TypeRef[];
    description?: string;
    nullable: boolean;
    enum?: readonly unknown[];
    /** Wrapped so that `const: null` is distinguishable from no const. */
    const?: {
        value: unknown;
    };
    pattern?: string;
    format?: Format;
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
    minLength?: number;
    maxLength?: number;
    minItems?: number;
    maxItems?: number;
    uniqueItems?: boolean;
    items?: Shape;
    /** Declared keys of an object, in plan order. */
    properties?: readonly Field[];
    /** `false` forbids undeclared keys; a Shape types them; undefined leaves them to `strict`. */
    additionalProperties?: boolean | Shape;
    examples?: readonly unknown[];
    deprecated?: true | string;
    schema?: Readonly<Record<string, unknown>>;
    origin: Origin;
}
/** A named key of an object: an event property, a trait, a nested property. */
export interface Field {
    name: string;
    required: boolean;
    shape: Shape;
    origin: Origin;
    /** Set when the field took its definition from the shared `properties:` library. */
    shared?: Origin;
}
/** An entry of `types:`. */
export interface NamedType {
    name: string;
    shape: Shape;
    origin: Origin;
}
/** The Segment call a message definition describes. */
export type MessageKind = 'track' | 'identify' | 'group' | 'page' | 'screen';
/** An event, page, screen, or the identify/group traits. */
export interface MessageDef {
    kind: MessageKind;
    /** Exact event, page or screen name; empty for identify and group. */
    name: string;
    description?: string;
    owner?: string;
    labels: Readonly<Record<string, string | number | boolean>>;
    deprecated?: true | string;
    /** Whether keys not in the plan are violations. */
    strict: boolean;
    /** `codegen.name`: the generated function's name, set by hand. */
    codegenName?: string;
    /** Properties (track, page, screen) or traits (identify, group). */
    fields: readonly Field[];
    origin: Origin;
}
/** A checked tracking plan with its imports resolved. */
export interface Plan {
    file: string;
    name?: string;
    version?: string;
    description?: string;
    owners: readonly string[];
    strict: boolean;
    /** Files imported, directly or not, in load order. */
    imports: readonly string[];
    /** Every named type usable in this plan (its own and imported ones). */
    types: ReadonlyMap<string, NamedType>;
    /** The shared property library (its own and imported entries). */
    sharedProperties: ReadonlyMap<string, Field>;
    events: readonly MessageDef[];
    identify?: MessageDef;
    group?: MessageDef;
    pages: readonly MessageDef[];
    screens: readonly MessageDef[];
}
/** All messages of a plan in a stable order: track, identify, group, page, screen; by name within each. */
export declare function allMessages(plan: Plan): MessageDef[];
/** All messages in the order the plan file lists them (findings follow the author's order). */
export declare function messagesInPlanOrder(plan: Plan): MessageDef[];
/** A message as people name it in findings: `event "Order Completed"`, `identify traits`. */
export declare function messageLabel(m: MessageDef): string;
/**
 * A shape, or the named type it stands for (followed through aliases, at most 10 deep so a
 * cycle cannot loop). Nullability written on the reference is kept on the result.
 */
export declare function resolveNamed(plan: Plan, shape: Shape): Shape;
