import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI entry; `npm test` builds before running tests. */
export const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
}

/** Run `trackplan …` as a real process, as a user or CI job would (`nodeArgs` go to node itself). */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string; nodeArgs?: string[] } = {}): CliResult {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}
