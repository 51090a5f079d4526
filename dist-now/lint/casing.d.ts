/** The name styles lint rules check, or a regular expression of your own. */
export type CasingStyle = 'title' | 'sentence' | 'snake' | 'camel' | 'pascal' | 'kebab' | {
    pattern: string;
};
export declare const CASING_NAMES: string[];
/** Whether `name` follows `style`, and the style's name for messages. */
export declare function casing(style: CasingStyle): {
    test(name: string): boolean;
    label: string;
};
/** Validate a casing option: a style name, or `{pattern}` with a valid expression. */
export declare function casingOptionError(v: unknown): string | undefined;
/** Words of a name whatever its style: "Order Completed", "order_completed", "orderCompleted" → order, completed. */
export declare function nameWords(name: string): string[];
