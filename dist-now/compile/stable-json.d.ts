/** JSON with object keys sorted at every level and a final newline: byte-identical for equal data. */
export declare function stableJson(value: unknown, indent?: number): string;
