import { isAbsolute } from 'node:path';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { buildPlan } from '../model/build-plan.js';
import { validateFormat } from './format-schema.js';
import { MAX_PLAN_BYTES, nodeHost, resolveImport } from './host.js';
import { parseYaml } from './parse-yaml.js';
export const FORMAT_VERSION = 1;
/**
 * Load, check and build a plan and everything it imports. Never throws for bad input:
 * unreadable files, YAML errors and plan mistakes all come back as diagnostics.
 */
export async function loadPlan(file, options = {}) {
    const host = options.host ?? nodeHost;
    const diagnostics = [];
    const loaded = new Map();
    const order = [];
    const sources = new Map();
    const visit = async (display, key, stack, text, via) => {
        if (loaded.has(key))
            return;
        const source = text ?? (await read(host, display, (code, message) => {
            if (via)
                push(diagnostics, loaded, via, code, message);
            else
                diagnostics.push({ code, severity: 'error', message, file: display, path: [] });
        }, via !== undefined));
        if (source === undefined)
            return;
        sources.set(display, source);
        const doc = parseDocumentText(source, display, diagnostics);
        if (!doc)
            return;
        loaded.set(key, doc);
        const imports = doc.data['import'];
        if (Array.isArray(imports)) {
            for (const [i, spec] of imports.entries()) {
                if (typeof spec !== 'string' || spec === '')
                    continue;
                const at = { file: display, path: ['import', i] };
                // Plans come in pull requests: an import may only name a plan file near this one, so a
                // plan cannot make CI read (and echo) /etc/passwd or hang on /dev/zero.
                if (isAbsolute(spec) || /^[a-z]+:/i.test(spec) || !/\.ya?ml$/i.test(spec)) {
                    push(diagnostics, loaded, at, 'invalid-import', `Import \`${spec}\` must be a relative path to a .yaml file, such as \`lib/common.yaml\`.`);
                    continue;
                }
                const target = resolveImport(display, spec);
                const cycleAt = stack.indexOf(target.key);
                if (target.key === key) {
                    push(diagnostics, loaded, at, 'import-cycle', `${display} imports itself. Remove this import.`);
                    continue;
                }
                if (cycleAt >= 0) {
                    const chain = [...stack.slice(cycleAt >= 0 ? cycleAt : stack.length), key, target.key].map((k) => loaded.get(k)?.file ?? spec);
                    push(diagnostics, loaded, at, 'import-cycle', `Import cycle: ${chain.join(' → ')}. Move what both files need into a third file that neither imports.`);
                    continue;
                }
                await visit(target.file, target.key, [...stack, key], undefined, at);
            }
        }
        order.push(doc);
    };
    const locate = (origin, at = 'value') => [...loaded.values()].find((d) => d.file === origin.file)?.sourceMap.locate(origin.path, at);
    const rootKey = resolveImport('.', file).key;
    await visit(file, rootKey, [], options.text);
    const root = loaded.get(rootKey);
    if (root) {
        const libraries = order.filter((d) => d !== root);
        const report = (origin, code, message, opts = {}) => push(diagnostics, loaded, origin, code, message, opts.severity, opts.at, opts.related);
        const plan = buildPlan(root, libraries, report);
        const unique = dedupe(diagnostics);
        return hasErrors(unique) ? { diagnostics: unique, sources, locate } : { plan, diagnostics: unique, sources, locate };
    }
    return { diagnostics: dedupe(diagnostics), sources, locate };
    function parseDocumentText(text, display, out) {
        const parsed = parseYaml(text, display);
        out.push(...parsed.diagnostics);
        if (!parsed.ok)
            return undefined;
        const data = parsed.value;
        const located = (code, message) => {
            const range = parsed.sourceMap.locate(['trackplan']);
            return { code, severity: 'error', message, file: display, path: ['trackplan'], ...(range ? { range } : {}) };
        };
        if (data === null || data === undefined) {
            out.push({ code: 'empty-plan', severity: 'error', message: 'The file is empty. A plan starts with `trackplan: 1`, then `events:`.', file: display, path: [], range: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } });
            return undefined;
        }
        if (typeof data !== 'object' || Array.isArray(data)) {
            out.push(...validateFormat(data, display, parsed.sourceMap));
            return undefined;
        }
        const map = data;
        const version = Object.prototype.hasOwnProperty.call(map, 'trackplan') ? map['trackplan'] : undefined;
        if (version === undefined) {
            out.push(located('missing-version', 'The plan does not say its format version. Add `trackplan: 1` as the first line.'));
        }
        else if (version !== FORMAT_VERSION) {
            // A newer format would make every other check noise, so stop at the version.
            out.push(located('unsupported-version', `\`trackplan: ${JSON.stringify(version)}\` is not a format this trackplan reads (it reads \`trackplan: ${FORMAT_VERSION}\`). ${typeof version === 'number' && version > FORMAT_VERSION ? 'Upgrade trackplan.' : 'Use `trackplan: 1`.'}`));
            return undefined;
        }
        out.push(...validateFormat(map, display, parsed.sourceMap).filter((d) => !(d.code === 'missing-key' && d.path.length === 0 && /`trackplan`/.test(d.message))));
        return { file: display, data: map, sourceMap: parsed.sourceMap };
    }
}
async function read(host, file, fail, imported) {
    let bytes;
    try {
        const info = await host.stat?.(file);
        if (info && info.kind !== 'file') {
            const what = info.kind === 'directory' ? 'it is a directory' : 'it is not a regular file (a device or a pipe)';
            fail(imported ? 'import-not-found' : 'unreadable-file', `${imported ? 'Cannot import' : 'Cannot read'} ${file}: ${what}.`);
            return undefined;
        }
        if (info && info.size > MAX_PLAN_BYTES) {
            fail('unreadable-file', `${file} is ${Math.round(info.size / 1048576)} MB; a plan file is at most ${MAX_PLAN_BYTES / 1048576} MB. Split it with \`import:\`.`);
            return undefined;
        }
        bytes = await host.readFile(file);
    }
    catch (e) {
        const code = e.code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : e.message;
        if (imported)
            fail('import-not-found', `Cannot import \`${file}\`: ${why}. Import paths are relative to the importing file.`);
        else
            fail('unreadable-file', `Cannot read ${file}: ${why}.`);
        return undefined;
    }
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        fail('unreadable-file', `${file} is not UTF-8 text. Save it as UTF-8.`);
        return undefined;
    }
}
function push(out, loaded, origin, code, message, severity = 'error', at = 'value', related) {
    const doc = [...loaded.values()].find((d) => d.file === origin.file);
    const range = doc?.sourceMap.locate(origin.path, at);
    out.push({ code, severity, message, file: origin.file, path: origin.path, ...(range ? { range } : {}), ...(related ? { related } : {}) });
}
function dedupe(list) {
    const seen = new Set();
    return sortDiagnostics(list).filter((d) => {
        const k = `${d.file}|${d.range?.start.line}|${d.range?.start.col}|${d.code}|${d.message}`;
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}
//# sourceMappingURL=load-plan.js.map