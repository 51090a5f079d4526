import type { GeneratedFile } from '../compile/compile-plan.js';
/** What writing a set of generated files to a folder would change. */
export interface OutputPlan {
    added: string[];
    changed: string[];
    unchanged: string[];
    /** Files an earlier run of the same command wrote that the new output no longer has. */
    stale: string[];
    /** Files in the folder that we did not write and would overwrite. */
    foreign: string[];
}
/**
 * Compare generated files with a folder. `owned` says which existing files an earlier run of
 * the same command wrote: only those may be replaced or removed without `--force`.
 */
export declare function planOutput(dir: string, files: readonly GeneratedFile[], owned: (existing: readonly string[]) => Promise<ReadonlySet<string>>): Promise<OutputPlan>;
/** Apply an output plan: write new and changed files atomically, remove stale ones we own. */
export declare function applyOutput(dir: string, files: readonly GeneratedFile[], plan: OutputPlan): Promise<void>;
/** Files under `dir`, as `/`-separated relative paths. A link inside it is refused outright. */
export declare function listFiles(dir: string): Promise<string[]>;
/**
 * Ownership by manifest (`compile`): the files the previous manifest lists, if it is ours, and
 * only paths matching `pattern`, so a tampered manifest can never make us delete `../../x`.
 */
export declare function ownedByManifest(dir: string, manifestFile: string, pattern: RegExp, list: (text: string) => string[] | undefined): (existing: readonly string[]) => Promise<ReadonlySet<string>>;
/**
 * Ownership by header (`generate`): files of the given extension, directly in the folder
 * (generate writes no subfolders, and another target may live in one), whose first line is
 * our mark.
 */
export declare function ownedByHeader(dir: string, extension: string, mark: string): (existing: readonly string[]) => Promise<ReadonlySet<string>>;
