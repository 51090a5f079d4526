import { dirname, isAbsolute, resolve } from 'node:path';
import { type Diagnostic, type PlanPath, type SourceRange, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { buildPlan, type PlanDocument } from '../model/build-plan.js';
import type { BuildContext } from '../model/context.js';
import type { Plan } from '../model/plan.js';
import { validateFormat } from './format-schema.js';
import { confine, type FileHost, leadsOut, MAX_PLAN_BYTES, nodeHost, resolveImport, whyUnreadable } from './host.js';
import { parseYaml } from './parse-yaml.js';
import type { SourceMap } from './source-map.js';

/** The result of loading a plan: the model when it could be built, and every problem found. */
export interface LoadResult {
  /** Undefined when the plan has errors. */
  plan?: Plan;
  diagnostics: Diagnostic[];
  /** The text of every file read, by the name diagnostics use (for code frames). */
  sources: Map<string, string>;
  /** The source range of a place in the plan or its imports (later stages report against the YAML). */
  locate(origin: { file: string; path: PlanPath }, at?: 'key' | 'value'): SourceRange | undefined;
}

export interface LoadOptions {
  host?: FileHost;
  /** The text of `file`, when it is already in memory (an editor buffer, stdin). */
  text?: string;
  /** The folder imports must stay in; by default the host's project root (the git work tree). */
  root?: string;
}

export const FORMAT_VERSION = 1;

interface LoadedFile extends PlanDocument {
  sourceMap: SourceMap;
}

/**
 * Load, check and build a plan and everything it imports. Never throws for bad input:
 * unreadable files, YAML errors and plan mistakes all come back as diagnostics.
 */
export async function loadPlan(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const host = options.host ?? nodeHost;
  const diagnostics: Diagnostic[] = [];
  const loaded = new Map<string, LoadedFile>();
  const order: LoadedFile[] = [];
  const sources = new Map<string, string>();

  // Imports that did not load: what they would have defined is unknown, so names left undefined
  // are not reported (one missing import would otherwise bring hundreds of follow-on errors).
  const failed: Diagnostic[] = [];
  const visit = async (display: string, key: string, stack: string[], text: string | undefined, via?: { file: string; path: PlanPath }): Promise<void> => {
    if (loaded.has(key)) return;
    // Read the real path checked (a link swapped in since cannot redirect the read); hosts
    // without links (an editor's buffers, tests) are asked by the name they were given.
    const source = text ?? (await read(host, display, host.realpath ? key : display, (code, message) => {
      if (via) {
        push(diagnostics, loaded, via, code, message);
        failed.push(diagnostics[diagnostics.length - 1]!);
      } else diagnostics.push({ code, severity: 'error', message, file: display, path: [] });
    }, via !== undefined));
    if (source === undefined) return;
    sources.set(display, source);
    const doc = parseDocumentText(source, display, diagnostics);
    if (!doc) {
      if (via) failed.push(diagnostics[diagnostics.length - 1]!);
      return;
    }
    loaded.set(key, doc);
    const imports = doc.data['import'];
    if (Array.isArray(imports)) {
      for (const [i, spec] of imports.entries()) {
        if (typeof spec !== 'string' || spec === '') continue;
        const at = { file: display, path: ['import', i] };
        // Plans come in pull requests: an import may only name a plan file near this one, so a
        // plan cannot make CI read (and echo) /etc/passwd or hang on /dev/zero.
        if (isAbsolute(spec) || /^[a-z]+:/i.test(spec) || !/\.ya?ml$/i.test(spec)) {
          push(diagnostics, loaded, at, 'invalid-import', `Import \`${spec}\` must be a relative path to a .yaml file, such as \`lib/common.yaml\`.`);
          continue;
        }
        const resolved = resolveImport(display, spec);
        const place = await confine(host, projectRoot, resolved.file);
        if (!place.inside) {
          const link = place.why === 'link';
          push(diagnostics, loaded, at, 'import-outside-project', `Import \`${spec}\` ${link ? 'is a symbolic link that leads' : 'leads'} outside the project (${projectRoot}). A plan may import only files inside the git work tree that holds it${link ? '; replace the link with the file itself' : '; move the file into the project'}.`);
          failed.push(diagnostics[diagnostics.length - 1]!);
          continue;
        }
        const target = { file: resolved.file, key: place.path };
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

  const locate: LoadResult['locate'] = (origin, at = 'value') => [...loaded.values()].find((d) => d.file === origin.file)?.sourceMap.locate(origin.path, at);
  // Plans come in pull requests: imports must stay inside the project, links resolved, so a
  // committed `env.yaml -> /proc/self/environ` cannot make CI read (and echo) a secret.
  const out = options.text === undefined ? await leadsOut(host, file) : undefined;
  if (out !== undefined) {
    diagnostics.push({ code: 'plan-outside-project', severity: 'error', message: `${file} is a symbolic link that leads outside the project (${out}); trackplan does not follow it. Name the file itself, or replace the link with the file.`, file, path: [] });
    return { diagnostics, sources, locate: () => undefined };
  }
  const projectRoot = options.root ?? (await host.projectRoot?.(file)) ?? resolve(dirname(file));
  const rootKey = (await confine(host, projectRoot, file)).path;
  await visit(file, rootKey, [], options.text);
  const root = loaded.get(rootKey);
  if (root) {
    const libraries = order.filter((d) => d !== root);
    let unchecked = 0;
    const report: BuildContext['report'] = (origin, code, message, opts = {}) => {
      if (opts.undefinedName && failed.length > 0) unchecked++;
      else push(diagnostics, loaded, origin, code, message, opts.severity, opts.at, opts.related);
    };
    const plan = buildPlan(root, libraries, report);
    if (unchecked > 0) {
      const first = failed[0]!;
      first.message += ` (${unchecked} ${unchecked === 1 ? 'use' : 'uses'} of types or shared properties that no loaded file defines ${unchecked === 1 ? 'is' : 'are'} not reported until every import loads.)`;
    }
    const unique = dedupe(diagnostics);
    return hasErrors(unique) ? { diagnostics: unique, sources, locate } : { plan, diagnostics: unique, sources, locate };
  }
  return { diagnostics: dedupe(diagnostics), sources, locate };

  function parseDocumentText(text: string, display: string, out: Diagnostic[]): LoadedFile | undefined {
    const parsed = parseYaml(text, display);
    out.push(...parsed.diagnostics);
    if (!parsed.ok) return undefined;
    const data = parsed.value;
    const located = (code: string, message: string): Diagnostic => {
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
    const map = data as Record<string, unknown>;
    const version = Object.prototype.hasOwnProperty.call(map, 'trackplan') ? map['trackplan'] : undefined;
    if (version === undefined) {
      out.push(located('missing-version', 'The plan does not say its format version. Add `trackplan: 1` as the first line.'));
    } else if (version !== FORMAT_VERSION) {
      // A newer format would make every other check noise, so stop at the version.
      out.push(located('unsupported-version', `\`trackplan: ${JSON.stringify(version)}\` is not a format this trackplan reads (it reads \`trackplan: ${FORMAT_VERSION}\`). ${typeof version === 'number' && version > FORMAT_VERSION ? 'Upgrade trackplan.' : 'Use `trackplan: 1`.'}`));
      return undefined;
    }
    out.push(...validateFormat(map, display, parsed.sourceMap).filter((d) => !(d.code === 'missing-key' && d.path.length === 0 && /`trackplan`/.test(d.message))));
    return { file: display, data: map, sourceMap: parsed.sourceMap };
  }
}

async function read(host: FileHost, file: string, path: string, fail: (code: string, message: string) => void, imported: boolean): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    const info = await host.stat?.(path);
    if (info && info.kind !== 'file') {
      const what = info.kind === 'directory' ? 'it is a directory' : 'it is not a regular file (a device or a pipe)';
      fail(imported ? 'import-not-found' : 'unreadable-file', `${imported ? 'Cannot import' : 'Cannot read'} ${file}: ${what}.`);
      return undefined;
    }
    if (info && info.size > MAX_PLAN_BYTES) {
      fail('unreadable-file', `${file} is ${Math.round(info.size / 1048576)} MB; a plan file is at most ${MAX_PLAN_BYTES / 1048576} MB. Split it with \`import:\`.`);
      return undefined;
    }
    bytes = await host.readFile(path);
  } catch (e) {
    const why = whyUnreadable(e);
    if (imported) fail('import-not-found', `Cannot import \`${file}\`: ${why}. Import paths are relative to the importing file.`);
    else fail('unreadable-file', `Cannot read ${file}: ${why}.`);
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail('unreadable-file', `${file} is not UTF-8 text. Save it as UTF-8.`);
    return undefined;
  }
}

function push(out: Diagnostic[], loaded: Map<string, LoadedFile>, origin: { file: string; path: PlanPath }, code: string, message: string, severity: Diagnostic['severity'] = 'error', at: 'key' | 'value' = 'value', related?: Diagnostic['related']): void {
  const doc = [...loaded.values()].find((d) => d.file === origin.file);
  const range = doc?.sourceMap.locate(origin.path, at);
  out.push({ code, severity, message, file: origin.file, path: origin.path, ...(range ? { range } : {}), ...(related ? { related } : {}) });
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return sortDiagnostics(list).filter((d) => {
    const k = `${d.file}|${d.range?.start.line}|${d.range?.start.col}|${d.code}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
