import { dirname, resolve } from 'node:path';
import type { Diagnostic, PlanPath } from '../diagnostics/diagnostic.js';
import { confine, type FileHost, gitWorkTreeOf, nodeHost } from '../load/host.js';
import type { SourceMap } from '../load/source-map.js';
import type { GenerateTarget } from './config.js';

/** The keys of a `generate` target that name files or folders. */
const PATH_KEYS = ['plan', 'out', 'templates'] as const;

/**
 * Every path a configuration file names must stay inside the project (the git work tree holding
 * the file, or its folder), links resolved: the file comes in pull requests like plans do, and
 * `plan: /etc/passwd` must not make CI read and print a file of the machine's. Paths typed on
 * the command line are the user's own and are not checked.
 */
export async function confineConfigPaths(file: string, raw: unknown, sourceMap: SourceMap, host: FileHost = nodeHost): Promise<Diagnostic[]> {
  const root = await gitWorkTreeOf(file);
  const generate = (raw as { generate?: GenerateTarget | GenerateTarget[] } | null)?.generate;
  const targets: [PlanPath, GenerateTarget][] = Array.isArray(generate)
    ? generate.map((t, i) => [['generate', i], t])
    : generate ? [[['generate'], generate]] : [];
  const out: Diagnostic[] = [];
  for (const [at, target] of targets) {
    for (const key of PATH_KEYS) {
      const value = target[key];
      if (typeof value !== 'string') continue;
      const place = await confine(host, root, resolve(dirname(file), value));
      if (place.inside) continue;
      const path = [...at, key];
      const range = sourceMap.locate(path);
      const link = place.why === 'link';
      out.push({
        code: 'path-outside-project',
        severity: 'error',
        message: `\`${key}: ${value}\` ${link ? 'goes through a symbolic link that leads' : 'leads'} outside the project (${root}). Paths in ${file} must stay inside the git work tree that holds it (paths typed on the command line may lead anywhere).`,
        file,
        path,
        ...(range ? { range } : {}),
      });
    }
  }
  return out;
}
