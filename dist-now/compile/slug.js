import { createHash } from 'node:crypto';
/**
 * A file-name slug for a message name: a readable part plus a hash of the exact name.
 *
 * The slug is a pure function of the name, so adding an event never renames another's file,
 * and the hash keeps names apart that read alike (`Order Completed`, `order_completed`, or
 * names differing only in case, which collide on macOS and Windows file systems). Only
 * [a-z0-9-] survive, so a name such as `../../etc/passwd` cannot leave the output folder.
 */
export function slugFor(name, hashLength = 8) {
    const readable = name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '') // drop accents: "Café" -> "cafe"
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60)
        .replace(/-+$/, '');
    const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, hashLength);
    return readable ? `${readable}-${hash}` : hash;
}
//# sourceMappingURL=slug.js.map