import { createRequire } from 'node:module';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { validateAgainst } from '../load/format-schema.js';
import { parseYaml } from '../load/parse-yaml.js';
import type { SourceMap } from '../load/source-map.js';
import type { LintConfig } from '../lint/config.js';

const require = createRequire(import.meta.url);
/** The JSON Schema of `trackplan.config.yaml`, shipped for editors and used by the loader. */
export const configSchema = require('../../schema/trackplan.config.schema.json') as Record<string, unknown>;

/** The files a project may keep its configuration in, in the order they are looked for. */
export const CONFIG_FILES = ['trackplan.config.yaml', 'trackplan.config.yml', 'trackplan.config.json'] as const;

/** One `generate` target. */
export interface GenerateTarget {
  plan: string;
  out: string;
  client?: 'analytics-node' | 'analytics-next' | 'generic';
  validate?: 'dev' | 'always' | 'never';
  templates?: string;
}

/** `trackplan serve` settings: Protocols' controls. */
export interface ServeConfig {
  unplannedEvents?: 'allow' | 'block';
  unplannedProperties?: 'allow' | 'omit';
  violations?: 'allow' | 'block';
}

export interface Config {
  generate: GenerateTarget[];
  lint?: LintConfig;
  serve?: ServeConfig;
}

/** Parse and check a configuration file's text (YAML or JSON); problems come back located. */
export function parseConfig(text: string, file: string): { config?: Config; diagnostics: Diagnostic[]; raw?: unknown; sourceMap?: SourceMap } {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { diagnostics: parsed.diagnostics };
  const value = parsed.value ?? Object.create(null);
  const diagnostics = validateAgainst(configSchema, value, file, parsed.sourceMap);
  if (diagnostics.length > 0) return { diagnostics };
  const raw = (value as { generate?: GenerateTarget | GenerateTarget[] }).generate;
  const generate = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const lint = (value as { lint?: LintConfig }).lint;
  // Copy into plain objects: parsed maps have no prototype.
  const config: Config = { generate: generate.map((t) => ({ ...t })) };
  if (lint) config.lint = JSON.parse(JSON.stringify(lint)) as LintConfig;
  const serve = (value as { serve?: ServeConfig }).serve;
  if (serve) config.serve = { ...serve };
  return { config, diagnostics: [], raw: value, sourceMap: parsed.sourceMap };
}
