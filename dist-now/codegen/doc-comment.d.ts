import type { Shape } from '../model/plan.js';
/** A JSDoc block from lines; `*\/` in plan text cannot end the comment early. */
export declare function docComment(lines: readonly string[], indent?: string): string;
/** What a reader needs on hover: the description, then the rules a value must follow. */
export declare function shapeDocLines(shape: Shape): string[];
