import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LintConfig } from '../lint/config.js';
/** The JSON Schema of `trackplan.config.yaml`, shipped for editors and used by the loader. */
export declare const configSchema: Record<string, unknown>;
/** The files a project may keep its configuration in, in the order they are looked for. */
export declare const CONFIG_FILES: readonly ['trackplan.config.yaml', 'trackplan.config.yml', 'trackplan.config.json'];
/** One `generate` target. */
export interface GenerateTarget {
    plan: string;
    out: string;
    client?: 'analytics-node' | 'analytics-next' | 'generic';
    validate?: 'dev' | 'always' | 'never';
    templates?: string;
}
export interface Config {
    generate: GenerateTarget[];
    lint?: LintConfig;
}
/** Parse and check a configuration file's text (YAML or JSON); problems come back located. */
export declare function parseConfig(text: string, file: string): {
    config?: Config;
    diagnostics: Diagnostic[];
};
