/**
 * A file-name slug for a message name: a readable part plus a hash of the exact name.
 *
 * The slug is a pure function of the name, so adding an event never renames another's file,
 * and the hash keeps names apart that read alike (`Order Completed`, `order_completed`, or
 * names differing only in case, which collide on macOS and Windows file systems). Only
 * [a-z0-9-] survive, so a name such as `../../etc/passwd` cannot leave the output folder.
 */
export declare function slugFor(name: string, hashLength?: number): string;
