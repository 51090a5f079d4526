import jsYaml from 'js-yaml';
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node as YamlNode, parseDocument } from 'yaml';
import type { Diagnostic, SourceRange } from '../diagnostics/diagnostic.js';
import { keyText, SourceMap, stripBom } from './source-map.js';

/** A YAML document turned into plain data, with a source map and the problems met on the way. */
export interface ParsedYaml {
  /** Plain data: maps are null-prototype objects, so keys such as `__proto__` are inert. */
  value: unknown;
  sourceMap: SourceMap;
  diagnostics: Diagnostic[];
  /** False when the text could not be read as YAML at all; later stages should not run. */
  ok: boolean;
}

/** Most nodes a document may expand to through aliases: proportional to its size. */
function nodeBudget(text: string): number {
  return 10_000 + text.length * 4;
}

// YAML 1.2 core types plus `<<` merge keys, and no timestamps: `2024-01-01` stays text, as in `yaml`.
// (js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.)
const FAST_SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [(jsYaml as unknown as { types: { merge: jsYaml.Type } }).types.merge] });

/**
 * Parse YAML text into plain data plus a lazy path → source-range map.
 *
 * Two parsers, one result. js-yaml reads a well-formed plan about ten times faster than
 * `yaml`, which matters for 2,000-event plans, so it goes first. Anything unusual (a syntax
 * error, a duplicate key, an alias expansion past the budget, a non-scalar key) sends the text
 * to `yaml`, which reports every problem with its position. Positions for the diagnostics
 * of later stages come from `yaml`'s tree, built only when one is needed.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const fast = tryFast(text);
  if (fast.ok) return { value: fast.value, sourceMap: new SourceMap(text), diagnostics: [], ok: true };
  return parsePrecisely(text, file);
}

function tryFast(text: string): { ok: true; value: unknown } | { ok: false } {
  let raw: unknown;
  try {
    raw = jsYaml.load(stripBom(text), { schema: FAST_SCHEMA, json: false });
  } catch {
    return { ok: false };
  }
  const budget = { left: nodeBudget(text) };
  const value = harden(raw, budget);
  return budget.left < 0 ? { ok: false } : { ok: true, value };
}

/**
 * Copy js-yaml's output into null-prototype maps, counting nodes. js-yaml shares aliased
 * nodes, so an alias bomb is a small graph that any later traversal would expand; copying
 * under a budget stops that here.
 */
function harden(v: unknown, budget: { left: number }): unknown {
  if (--budget.left < 0) return null;
  if (Array.isArray(v)) return v.map((x) => harden(x, budget));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(v)) {
    // js-yaml turns a map used as a key into "[object Object]"; let `yaml` report it properly.
    if (key === '[object Object]') budget.left = -1;
    out[key] = harden((v as Record<string, unknown>)[key], budget);
    if (budget.left < 0) return null;
  }
  return out;
}

/** The `yaml` path alone: every syntax problem with its place. Exported so tests can compare both paths. */
export function parsePrecisely(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const range = (start: number, end: number): SourceRange => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(Math.max(start, end));
    return { start: { line: s.line, col: s.col }, end: { line: e.line, col: e.col } };
  };
  const doc = parseDocument(stripBom(text), { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const sourceMap = new SourceMap(text, { doc, lineCounter });
  let lastLine = 0;
  for (const e of doc.errors) {
    // One error often cascades into more on the same line; the first says what to fix.
    const r = range(e.pos[0], e.pos[1]);
    if (r.start.line === lastLine) continue;
    lastLine = r.start.line;
    diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: cleanYamlMessage(e.message), file, path: [], range: r });
  }
  if (doc.errors.length > 0) return { value: undefined, sourceMap, diagnostics, ok: false };

  const walker = new Walker(doc, file, diagnostics, range, nodeBudget(text));
  const value = doc.contents ? walker.walk(doc.contents, []) : null;
  return { value, sourceMap, diagnostics, ok: !walker.aborted };
}

type Path = (string | number)[];

/** Builds plain data from yaml's tree, reporting duplicate keys and bounding alias expansion. */
class Walker {
  aborted = false;
  readonly #anchors = new Map<string, YamlNode>();

  constructor(
    doc: Document,
    readonly file: string,
    readonly diagnostics: Diagnostic[],
    readonly range: (start: number, end: number) => SourceRange,
    private budget: number,
  ) {}

  walk(node: YamlNode, path: Path): unknown {
    if (this.aborted) return null;
    if (--this.budget < 0) {
      this.abort(node, path, 'yaml-alias-limit', 'Aliases expand this document past a safe size (an "alias bomb"). Use fewer nested `*aliases`.');
      return null;
    }
    if (isAlias(node)) {
      const target = this.#anchors.get(node.source);
      if (!target) {
        this.abort(node, path, 'yaml-syntax', `Unknown alias \`*${node.source}\`: define \`&${node.source}\` before using it.`);
        return null;
      }
      return this.walk(target, path);
    }
    if (node.anchor) this.#anchors.set(node.anchor, node);
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item, i) => (item ? this.walk(item as YamlNode, [...path, i]) : null));
    if (isMap(node)) return this.walkMap(node.items, path);
    return null;
  }

  private walkMap(items: readonly unknown[], path: Path): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    const firstSeen = new Map<string, SourceRange | undefined>();
    const merges: unknown[] = [];
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keySpan = keyNode?.range ? this.range(keyNode.range[0], keyNode.range[1]) : undefined;
      // With `merge: true`, yaml marks a plain `<<` key with a Symbol value; a quoted '<<' stays text.
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol' && keyNode.value.description === '<<') {
        merges.push(pair.value ? this.walk(pair.value as YamlNode, [...path, '<<']) : null);
        continue;
      }
      const key = keyText(keyNode);
      if (key === undefined) {
        this.report('invalid-key', 'Keys must be plain text, not lists or maps.', keySpan);
        continue;
      }
      if (firstSeen.has(key)) {
        const first = firstSeen.get(key);
        this.diagnostics.push({
          code: 'duplicate-key',
          severity: 'error',
          message: `\`${key}\` is defined twice${first ? ` (first on line ${first.start.line})` : ''}; YAML would silently keep only one. Merge or rename them.`,
          file: this.file,
          path: [...path, key],
          ...(keySpan ? { range: keySpan } : {}),
          ...(first ? { related: [{ file: this.file, range: first, message: 'first definition' }] } : {}),
        });
        continue;
      }
      firstSeen.set(key, keySpan);
      out[key] = pair.value ? this.walk(pair.value as YamlNode, [...path, key]) : null;
    }
    // `<<: *defaults` merge keys (YAML 1.1, widely used): explicit keys win over merged ones.
    for (const m of merges) {
      for (const source of Array.isArray(m) ? m : [m]) {
        if (source === null || typeof source !== 'object' || Array.isArray(source)) {
          this.report('yaml-syntax', 'A `<<` merge key takes a map alias (`<<: *defaults`) or a list of them.');
          continue;
        }
        for (const [k, v] of Object.entries(source)) if (!(k in out)) out[k] = v;
      }
    }
    return out;
  }

  private abort(node: YamlNode, path: Path, code: string, message: string): void {
    if (this.aborted) return;
    this.aborted = true;
    this.report(code, message, node.range ? this.range(node.range[0], node.range[1]) : undefined, path);
  }

  private report(code: string, message: string, range?: SourceRange, path: Path = []): void {
    this.diagnostics.push({ code, severity: 'error', message, file: this.file, path, ...(range ? { range } : {}) });
  }
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" and sometimes a code frame; we report positions ourselves.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
