import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Config, CONFIG_FILES, parseConfig } from '../config/config.js';
import { confineConfigPaths } from '../config/confine-paths.js';
import { formatDiagnostics } from '../report/diagnostics-text.js';
import type { SourceMap } from '../load/source-map.js';
import { confine, gitWorkTreeOf, nodeHost } from '../load/host.js';
import { InputError } from './errors.js';
import { paintFor } from './terminal.js';

/** The project's configuration from the first config file in `dir`, or none. */
export async function readConfig(dir = '.'): Promise<{ file: string; config: Config; locate?: SourceMap['locate'] } | undefined> {
  for (const name of CONFIG_FILES) {
    const file = join(dir, name);
    // The file comes with the project (and its pull requests): a link out of it is not followed.
    const place = await confine(nodeHost, await gitWorkTreeOf(file), file);
    if (!place.inside) throw new InputError(`${file} is a symbolic link that leads outside the project; replace it with the file itself.`);
    let text: string;
    try {
      text = await readFile(place.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new InputError(`Cannot read ${file}: ${(e as Error).message}`);
    }
    const { config, diagnostics, raw, sourceMap } = parseConfig(text, name);
    if (config && sourceMap) diagnostics.push(...(await confineConfigPaths(file, raw, sourceMap)));
    if (!config || diagnostics.length > 0) {
      process.stderr.write(formatDiagnostics(diagnostics, { paint: paintFor(process.stderr) }));
      throw new InputError(`${name} has errors; fix them or remove the file.`);
    }
    return { file: name, config, ...(sourceMap ? { locate: sourceMap.locate.bind(sourceMap) } : {}) };
  }
  return undefined;
}
