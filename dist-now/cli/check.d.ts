export interface CheckOptions {
    format: string;
}
/** `trackplan check <plan...>`: every problem of every plan at once; 0 clean, 2 on errors. */
export declare function runCheck(files: string[], opts: CheckOptions): Promise<number>;
