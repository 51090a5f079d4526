/** A mistake in how the command was called: exit code 2, one line, no stack. */
export class UsageError extends Error {
    name = 'UsageError';
}
/** Input that cannot be read or used (a plan with errors, an unwritable folder): exit code 2. */
export class InputError extends Error {
    name = 'InputError';
}
/** Exit codes every command shares. */
export const EXIT = { ok: 0, findings: 1, usage: 2 };
//# sourceMappingURL=errors.js.map