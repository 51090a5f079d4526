import { loadPlan, type LoadResult } from '../src/load/load-plan.js';
import type { FileHost } from '../src/load/host.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';

/** A file host over in-memory files, so loader tests need no disk. */
export function memoryHost(files: Record<string, string | Uint8Array>): FileHost {
  return {
    async readFile(path: string) {
      const key = path.replace(/^\.\//, '');
      const v = files[key];
      if (v === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
  };
}

/** Load `plan.yaml` (plus any other files) from memory. */
export function loadText(yaml: string, others: Record<string, string> = {}): Promise<LoadResult> {
  return loadPlan('plan.yaml', { host: memoryHost({ 'plan.yaml': yaml, ...others }) });
}

/** `code@line:col` for compact, exact assertions. */
export function brief(d: Diagnostic): string {
  return `${d.code}@${d.range?.start.line ?? '?'}:${d.range?.start.col ?? '?'}`;
}

/** Strip the common indentation of a template literal, so YAML in tests can be indented. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings.raw }, ...values).replace(/^\n/, '');
  const indent = Math.min(...text.split('\n').filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return text.split('\n').map((l) => l.slice(indent)).join('\n');
}
