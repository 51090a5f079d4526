import { execFileSync } from 'node:child_process';
import { InputError } from './errors.js';
/**
 * Files as they are at a git revision, read with git itself (`git show <ref>:./<path>`), so a
 * plan and its imports can be compared with the working copy without checking anything out.
 */
export function gitHost(ref) {
    const spec = (path) => `${ref}:./${path.replace(/^\.\//, '')}`;
    const git = (args) => execFileSync('git', args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    try {
        git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    }
    catch {
        throw new InputError(`--against ${ref}: not a git revision here (is this a git checkout, and is the ref fetched?).`);
    }
    return {
        async readFile(path) {
            try {
                return git(['show', spec(path)]);
            }
            catch {
                throw Object.assign(new Error(`${path} does not exist at ${ref}`), { code: 'ENOENT' });
            }
        },
        async stat(path) {
            try {
                const type = git(['cat-file', '-t', spec(path)]).toString().trim();
                const size = Number(git(['cat-file', '-s', spec(path)]).toString().trim());
                return { kind: type === 'blob' ? 'file' : type === 'tree' ? 'directory' : 'other', size };
            }
            catch {
                throw Object.assign(new Error(`${path} does not exist at ${ref}`), { code: 'ENOENT' });
            }
        },
    };
}
//# sourceMappingURL=git-host.js.map