import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILES, parseConfig } from '../config/config.js';
import { formatDiagnostics } from '../report/diagnostics-text.js';
import { InputError } from './errors.js';
import { paintFor } from './terminal.js';
/** The project's configuration from the first config file in `dir`, or none. */
export async function readConfig(dir = '.') {
    for (const name of CONFIG_FILES) {
        const file = join(dir, name);
        let text;
        try {
            text = await readFile(file, 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                continue;
            throw new InputError(`Cannot read ${file}: ${e.message}`);
        }
        const { config, diagnostics } = parseConfig(text, name);
        if (!config) {
            process.stderr.write(formatDiagnostics(diagnostics, { paint: paintFor(process.stderr) }));
            throw new InputError(`${name} has errors; fix them or remove the file.`);
        }
        return { file: name, config };
    }
    return undefined;
}
//# sourceMappingURL=config-file.js.map