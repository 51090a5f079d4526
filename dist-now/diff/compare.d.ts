import type { Primitive, Shape } from '../model/plan.js';
/** The JSON types a shape admits (integer inside number, any as everything). */
export declare function admitted(s: Shape): Set<Primitive>;
/** Types the base admitted that the head does not. */
export declare function lostTypes(b: Shape, h: Shape): Primitive[];
/** A numeric or length bound: which way is tighter. */
export declare const BOUNDS: {
    key: keyof Shape;
    tighter: 'higher' | 'lower';
    label: string;
}[];
/** What tightened and what loosened between two versions of one value's rules. */
export declare function constraintChanges(b: Shape, h: Shape): {
    tightened: string[];
    loosened: string[];
};
/** Whether an object lets keys the plan does not list through. */
export declare function openObject(s: Shape, strict: boolean): boolean;
