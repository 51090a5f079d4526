/**
 * json-schema-to-typescript's output (unformatted: no prettier at run time) made into
 * declarations for `types.ts`: comments dropped (its notes name only our definitions), not
 * exported (so a fragment's names never reach `index.ts`), indented by nesting, and only the
 * declarations the root needs (an optimised `A | unknown` no longer uses `A`, and an unused
 * local fails `noUnusedLocals`). Its text holds strings only as JSON (`JSON.stringify` of keys
 * and literals), so a scanner that knows JSON strings and comments reads it exactly.
 */

interface Declaration {
  name: string;
  text: string;
  uses: Set<string>;
}

/**
 * The declarations of `root` and of what it uses, or undefined when the output is not what
 * the input can give (a declaration we did not name, no root): the caller then widens.
 */
export function declarationsFrom(output: string, root: string, names: ReadonlySet<string>): string | undefined {
  const lines = codeLines(output);
  if (lines === undefined) return undefined;
  const decls: Declaration[] = [];
  for (const line of lines) {
    const head = line.depth === 0 ? /^export (type|interface) ([$\w]+)/.exec(line.code) : null;
    if (head) {
      if (!names.has(head[2]!) || decls.some((d) => d.name === head[2])) return undefined;
      decls.push({ name: head[2]!, text: '', uses: new Set() });
    }
    const d = decls[decls.length - 1];
    if (!d) {
      if (line.code.trim() !== '') return undefined;
      continue;
    }
    const code = head ? line.code.slice('export '.length) : line.code;
    if (code.trim() === '') continue;
    // Closing brackets stand one level out.
    const depth = code.trimStart().startsWith('}') ? line.depth - 1 : line.depth;
    // A member ends where the line ends directly inside an object type: `;` as in ts-types.ts.
    const end = line.inObject && !code.trimEnd().endsWith('{') ? ';' : '';
    d.text += `${'  '.repeat(Math.max(depth, 0))}${code.trim()}${end}\n`;
    for (const n of line.identifiers) if (names.has(n) && !(head && n === head[2])) d.uses.add(n);
  }
  const byName = new Map(decls.map((d) => [d.name, d]));
  if (!byName.has(root)) return undefined;
  for (const d of decls) for (const u of d.uses) if (!byName.has(u)) return undefined;
  const live = new Set<string>();
  const visit = (n: string) => {
    if (live.has(n)) return;
    live.add(n);
    for (const u of byName.get(n)!.uses) visit(u);
  };
  visit(root);
  // The root first, then what it uses, in json-schema-to-typescript's order.
  return [byName.get(root)!, ...decls.filter((d) => d.name !== root && live.has(d.name))]
    .map((d) => (d.text.startsWith('type ') && !d.text.trimEnd().endsWith(';') ? `${d.text.trimEnd()};\n` : d.text))
    .join('\n');
}

interface Line {
  /** The line without comments; strings kept as they are. */
  code: string;
  /** Brace depth at the start of the line. */
  depth: number;
  /** Whether the line ends directly inside an object type (so ends a member there). */
  inObject: boolean;
  /** Identifiers outside strings. */
  identifiers: string[];
}

const IDENTIFIER = /[$\w]+/y;

/** The output's lines, comments removed; undefined if a string or comment does not end. */
function codeLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  let depth = 0;
  const open: string[] = [];
  let code = '';
  let lineDepth = 0;
  let identifiers: string[] = [];
  let i = 0;
  const endLine = () => {
    lines.push({ code, depth: lineDepth, identifiers, inObject: open[open.length - 1] === '{' });
    code = '';
    identifiers = [];
    lineDepth = depth;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      endLine();
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      code += text.slice(i, end);
      i = end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      // A comment spanning lines still ends them, so that line starts stay line starts.
      for (const _ of text.slice(i, end).matchAll(/\n/g)) endLine();
      i = end + 2;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (/[$\w]/.test(c)) {
      IDENTIFIER.lastIndex = i;
      const m = IDENTIFIER.exec(text)![0];
      identifiers.push(m);
      code += m;
      i += m.length;
    } else {
      // Braces only: the parentheses around a union do not make a level of their own.
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if ('{[('.includes(c)) open.push(c);
      else if ('}])'.includes(c)) open.pop();
      code += c;
      i++;
    }
  }
  endLine();
  return lines;
}

/** The index just past the JSON string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}
