import { createRequire } from 'node:module';
import { validateAgainst } from '../load/format-schema.js';
import { parseYaml } from '../load/parse-yaml.js';
const require = createRequire(import.meta.url);
/** The JSON Schema of `trackplan.config.yaml`, shipped for editors and used by the loader. */
export const configSchema = require('../../schema/trackplan.config.schema.json');
/** The files a project may keep its configuration in, in the order they are looked for. */
export const CONFIG_FILES = ['trackplan.config.yaml', 'trackplan.config.yml', 'trackplan.config.json'];
/** Parse and check a configuration file's text (YAML or JSON); problems come back located. */
export function parseConfig(text, file) {
    const parsed = parseYaml(text, file);
    if (!parsed.ok)
        return { diagnostics: parsed.diagnostics };
    const value = parsed.value ?? Object.create(null);
    const diagnostics = validateAgainst(configSchema, value, file, parsed.sourceMap);
    if (diagnostics.length > 0)
        return { diagnostics };
    const raw = value.generate;
    const generate = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const lint = value.lint;
    // Copy into plain objects: parsed maps have no prototype.
    const config = { generate: generate.map((t) => ({ ...t })) };
    if (lint)
        config.lint = JSON.parse(JSON.stringify(lint));
    return { config, diagnostics: [] };
}
//# sourceMappingURL=config.js.map