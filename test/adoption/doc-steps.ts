import { readFileSync } from 'node:fs';

/** A block of the guide marked `<!-- tested: run <name> -->` or `<!-- tested: write <path> -->`. */
export interface DocStep {
  kind: 'run' | 'write';
  /** The step's name (run) or the file's path in the project (write). */
  target: string;
  /** The block's text, with a final newline. */
  text: string;
  /** 1-based line of the mark in the guide, for messages. */
  line: number;
}

const MARK = /^<!-- tested: (run|write) (\S+) -->$/;

/**
 * Every marked block of a Markdown file, in order. A mark must stand on its own line right above
 * a fenced block; a mark that does not is an error, so a block cannot silently fall out of the test.
 */
export function docSteps(file: string): DocStep[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const steps: DocStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('<!-- tested:')) continue;
    const mark = MARK.exec(lines[i]!);
    const fence = /^```[\w-]*$/.exec(lines[i + 1] ?? '');
    if (!mark || !fence) throw new Error(`${file}:${i + 1}: a tested mark must be \`<!-- tested: run|write <name> -->\` right above a fenced block`);
    const end = lines.indexOf('```', i + 2);
    if (end < 0) throw new Error(`${file}:${i + 2}: the block is never closed`);
    steps.push({ kind: mark[1] as DocStep['kind'], target: mark[2]!, text: `${lines.slice(i + 2, end).join('\n')}\n`, line: i + 1 });
    i = end;
  }
  return steps;
}
