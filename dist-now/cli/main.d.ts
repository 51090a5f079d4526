/**
 * The `trackplan` command line; returns the exit code instead of exiting, for tests.
 * Each command's module is imported when the command runs: `audit` need not load the code
 * generator or ajv's compiler before it starts work (about 50 ms of a run's start).
 */
export declare function main(argv: readonly string[]): Promise<number>;
