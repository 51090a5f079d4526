import type { FileHost } from '../load/host.js';
/**
 * Files as they are at a git revision, read with git itself (`git show <ref>:./<path>`), so a
 * plan and its imports can be compared with the working copy without checking anything out.
 */
export declare function gitHost(ref: string): FileHost;
