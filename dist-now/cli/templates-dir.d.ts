import type { Templates } from '../codegen/templates.js';
/** The templates shipped in the package. */
export declare const DEFAULT_TEMPLATES: string;
/**
 * The shipped templates, overlaid file by file with those in `userDir`: a team copies only the
 * templates it changes, and picks up fixes to the others on upgrade.
 */
export declare function loadTemplates(userDir?: string): Promise<Templates>;
