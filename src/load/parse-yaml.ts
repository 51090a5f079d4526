import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node as YamlNode,
  parseDocument,
} from 'yaml';
import type { Diagnostic, PlanPath, SourceRange } from '../diagnostics/diagnostic.js';
import { SourceMap } from './source-map.js';

/** A YAML document turned into plain data, with a source map and the problems met on the way. */
export interface ParsedYaml {
  /** Plain data: maps are null-prototype objects, so keys such as `__proto__` are inert. */
  value: unknown;
  sourceMap: SourceMap;
  diagnostics: Diagnostic[];
  /** False when the text could not be read as YAML at all; later stages should not run. */
  ok: boolean;
}

/** Most nodes that alias expansion may add, relative to the document's own size. */
const ALIAS_EXPANSION_FACTOR = 10;
const ALIAS_EXPANSION_FLOOR = 10_000;

/**
 * Parse YAML text into plain data plus a path → source-range map.
 *
 * We walk yaml's AST ourselves instead of calling `toJS()`: it gives every key and value a
 * location, lets duplicate keys be reported with both places, bounds alias expansion (a
 * "billion laughs" document stops with an error instead of eating memory), and builds maps
 * without prototypes so a key named `__proto__` or `constructor` is plain data.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const sourceMap = new SourceMap();
  const range = (start: number, end: number): SourceRange => ({
    start: toPos(lineCounter, start),
    end: toPos(lineCounter, Math.max(start, end)),
  });

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // editors on Windows add a BOM
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false, // reported by the walker, with both locations
    merge: true,
    keepSourceTokens: false,
  });
  let lastLine = 0;
  for (const e of doc.errors) {
    // One error often cascades into more on the same line; the first says what to fix.
    const r = range(e.pos[0], e.pos[1]);
    if (r.start.line === lastLine) continue;
    lastLine = r.start.line;
    diagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: cleanYamlMessage(e.message),
      file,
      path: [],
      range: r,
    });
  }
  if (doc.errors.length > 0) return { value: undefined, sourceMap, diagnostics, ok: false };

  const walker = new Walker(doc, file, diagnostics, sourceMap, range);
  const value = doc.contents ? walker.walk(doc.contents, []) : null;
  return { value, sourceMap, diagnostics, ok: !walker.aborted };
}

class Walker {
  aborted = false;
  readonly #anchors = new Map<string, YamlNode>();
  #budget: number;

  constructor(
    doc: Document,
    readonly file: string,
    readonly diagnostics: Diagnostic[],
    readonly sourceMap: SourceMap,
    readonly range: (start: number, end: number) => SourceRange,
  ) {
    this.#budget = Math.max(ALIAS_EXPANSION_FLOOR, countNodes(doc.contents) * ALIAS_EXPANSION_FACTOR);
  }

  walk(node: YamlNode, path: PlanPath, keySpan?: SourceRange): unknown {
    if (this.aborted) return null;
    if (--this.#budget < 0) {
      this.abort(node, path, 'yaml-alias-limit', 'Aliases expand this document past a safe size (an "alias bomb"). Use fewer nested `*aliases`.');
      return null;
    }
    const span = node.range ? this.range(node.range[0], node.range[1]) : undefined;
    if (span) this.sourceMap.set(path, keySpan ? { key: keySpan, value: span } : { value: span });
    if (isAlias(node)) {
      const target = this.#anchors.get(node.source);
      if (!target) {
        this.abort(node, path, 'yaml-syntax', `Unknown alias \`*${node.source}\`: define \`&${node.source}\` before using it.`);
        return null;
      }
      return this.walk(target, path, keySpan);
    }
    if (node.anchor) this.#anchors.set(node.anchor, node);
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item, i) => (item ? this.walk(item as YamlNode, [...path, i]) : null));
    if (isMap(node)) return this.walkMap(node.items, path);
    return null;
  }

  private walkMap(items: readonly unknown[], path: PlanPath): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    const firstSeen = new Map<string, SourceRange | undefined>();
    const merges: unknown[] = [];
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keySpan = keyNode?.range ? this.range(keyNode.range[0], keyNode.range[1]) : undefined;
      // With `merge: true`, yaml marks a plain `<<` key with a Symbol value; a quoted '<<' stays text.
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol' && keyNode.value.description === '<<') {
        merges.push(pair.value ? this.walk(pair.value as YamlNode, [...path, '<<'], keySpan) : null);
        continue;
      }
      const key = keyText(keyNode);
      if (key === undefined) {
        this.report('invalid-key', 'Keys must be plain text, not lists or maps.', [...path], keySpan);
        continue;
      }
      if (firstSeen.has(key)) {
        const first = firstSeen.get(key);
        this.diagnostics.push({
          code: 'duplicate-key',
          severity: 'error',
          message: `\`${key}\` is defined twice${first ? ` (first on line ${first.start.line})` : ''}; YAML would silently keep only the last one. Merge or rename them.`,
          file: this.file,
          path: [...path, key],
          ...(keySpan ? { range: keySpan } : {}),
          ...(first ? { related: [{ file: this.file, range: first, message: 'first definition' }] } : {}),
        });
        continue;
      }
      firstSeen.set(key, keySpan);
      const childPath = [...path, key];
      out[key] = pair.value ? this.walk(pair.value as YamlNode, childPath, keySpan) : null;
      if (!pair.value && keySpan) this.sourceMap.set(childPath, { key: keySpan, value: keySpan });
    }
    // `<<: *defaults` merge keys (YAML 1.1, widely used): explicit keys win over merged ones.
    for (const m of merges) {
      for (const source of Array.isArray(m) ? m : [m]) {
        if (source === null || typeof source !== 'object' || Array.isArray(source)) {
          this.report('yaml-syntax', 'A `<<` merge key takes a map alias (`<<: *defaults`) or a list of them.', [...path, '<<']);
          continue;
        }
        for (const [k, v] of Object.entries(source)) if (!(k in out)) out[k] = v;
      }
    }
    return out;
  }

  private abort(node: YamlNode, path: PlanPath, code: string, message: string): void {
    if (this.aborted) return;
    this.aborted = true;
    const r = node.range ? this.range(node.range[0], node.range[1]) : undefined;
    this.report(code, message, path, r);
  }

  private report(code: string, message: string, path: PlanPath, range?: SourceRange): void {
    this.diagnostics.push({ code, severity: 'error', message, file: this.file, path, ...(range ? { range } : {}) });
  }
}

function keyText(node: YamlNode | null): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (node.value === null) return undefined;
  // `1.10:` as a key is the text "1.10", not the number 1.1: keep what the author typed.
  return node.source ?? String(node.value);
}

function countNodes(node: unknown): number {
  let n = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const x = stack.pop();
    n++;
    if (isMap(x)) for (const p of x.items) stack.push(p.key, p.value);
    else if (isSeq(x)) for (const i of x.items) stack.push(i);
  }
  return n;
}

function toPos(lc: LineCounter, offset: number): { line: number; col: number } {
  const p = lc.linePos(offset);
  return { line: p.line, col: p.col };
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" and sometimes a code frame; we report positions ourselves.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
