/** A mistake in how the command was called: exit code 2, one line, no stack. */
export declare class UsageError extends Error {
    name: string;
}
/** Input that cannot be read or used (a plan with errors, an unwritable folder): exit code 2. */
export declare class InputError extends Error {
    name: string;
}
/** Exit codes every command shares. */
export declare const EXIT: {
    readonly ok: 0;
    readonly findings: 1;
    readonly usage: 2;
};
