import jsYaml from 'js-yaml';
import { CORE_SCHEMA_LIKE_YAML } from './yaml-core-schema.js';
import type { CST, Document, LineCounter, Node as YamlNode } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { Diagnostic, SourceRange } from '../diagnostics/diagnostic.js';
import { keyText, SourceMap, stripBom, YAML_OPTIONS } from './source-map.js';

/** A YAML document turned into plain data, with a source map and the problems met on the way. */
export interface ParsedYaml {
  /** Plain data: maps are null-prototype objects, so keys such as `__proto__` are inert. */
  value: unknown;
  sourceMap: SourceMap;
  diagnostics: Diagnostic[];
  /** False when the text could not be read as YAML at all; later stages should not run. */
  ok: boolean;
}

/** Most nodes a document may expand to through aliases: generous for real plans, bounded for bombs. */
function nodeBudget(text: string): number {
  return 1_000_000 + text.length * 20;
}

/** Deeper nesting than any plan needs; past it, recursion would exhaust the stack. */
export const MAX_DEPTH = 200;

/** What `yaml-too-deep` says, for YAML plans and for JSON inputs alike. */
export const TOO_DEEP_MESSAGE = `The document nests deeper than ${MAX_DEPTH} levels; no plan needs that many.`;

/**
 * Constructs the fast path leaves to `yaml`, because js-yaml reads them differently or accepts
 * them where `yaml` (and so the editor's YAML language server) reports an error: anchors,
 * aliases, tags, directives, several documents, complex or explicit keys, flow collections
 * spread over several lines, lone CR line ends, and keys past YAML's 1024-character limit.
 * A false alarm only costs speed; the precise path reads everything.
 */
const NEEDS_PRECISE = [
  /\r(?!\n)/, // CR-only line ends
  /^%/m, // directives (%YAML 1.1 changes scalar rules)
  /^(?:---|\.\.\.)[ \t]*\S/m, // content on a document marker line
  /^---[ \t]*$[\s\S]*^---/m, // a second document
  /(?:^|[\s[{,:-])[&*!][^\s,\]}]/m, // anchors, aliases, tags
  /^[ \t]*(?:-[ \t]+)*[[{?]/m, // a flow collection or `?` in key position
  // The last bracket on a line is an opener. Stopping the run at the next opener keeps this
  // linear: `[^\]}\n]*` rescanned the rest of the line from every `[` (`[[[…` took seconds).
  /[[{][^\]}\n[{]*$/m, // a flow collection left open at the end of a line
  // Indentation and `- ` taken whole (a look-ahead does not backtrack), so that a long line of
  // spaces is not split every way before the key: linear, where it was quadratic.
  /^(?=([ \t]*(?:-[ \t]+)*))\1[^:#\n]{1025,}:/m, // a key longer than YAML allows
];

function fastPathEligible(text: string): boolean {
  return !NEEDS_PRECISE.some((re) => re.test(text));
}

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

/** The js-yaml path alone (exported for tests): data when it applies, `ok: false` when `yaml` must read the text. */
export function tryFast(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!fastPathEligible(text)) return { ok: false };
  let raw: unknown;
  try {
    raw = jsYaml.load(stripBom(text), { schema: CORE_SCHEMA_LIKE_YAML, json: false });
  } catch {
    return { ok: false };
  }
  const state = { ok: true };
  const value = harden(raw, state, 0);
  return state.ok ? { ok: true, value } : { ok: false };
}

/**
 * Copy js-yaml's output into null-prototype maps. Anything the precise path would report
 * (non-finite numbers, excessive depth) sends the text there instead.
 */
function harden(v: unknown, state: { ok: boolean }, depth: number): unknown {
  if (!state.ok) return null;
  if (depth > MAX_DEPTH || (typeof v === 'number' && !Number.isFinite(v))) {
    state.ok = false;
    return null;
  }
  if (Array.isArray(v)) return v.map((x) => harden(x, state, depth + 1));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(v)) out[key] = harden((v as Record<string, unknown>)[key], state, depth + 1);
  return out;
}

/** The `yaml` path alone: every syntax problem with its place. Exported so tests can compare both paths. */
export function parsePrecisely(text: string, file: string): ParsedYaml {
  const lineCounter = new (yamlLib().LineCounter)();
  const diagnostics: Diagnostic[] = [];
  const range = (start: number, end: number): SourceRange => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(Math.max(start, end));
    return { start: { line: s.line, col: s.col }, end: { line: e.line, col: e.col } };
  };
  const parsed = composeGuarded(stripBom(text), lineCounter);
  if ('tooDeep' in parsed) {
    const sourceMap = new SourceMap(text, { doc: new (yamlLib().Document)(), lineCounter });
    diagnostics.push({ code: 'yaml-too-deep', severity: 'error', message: TOO_DEEP_MESSAGE, file, path: [], range: range(parsed.tooDeep, parsed.tooDeep + 1) });
    return { value: undefined, sourceMap, diagnostics, ok: false };
  }
  const doc = parsed.doc;
  const sourceMap = new SourceMap(text, { doc, lineCounter });
  let lastLine = 0;
  for (const e of doc.errors) {
    // One error often cascades into more on the same line; the first says what to fix.
    const r = range(e.pos[0], e.pos[1]);
    if (e.code === 'RESOURCE_EXHAUSTION') {
      // `yaml` turns a stack overflow into this error, with V8's words; it can only come
      // from nesting (aliases are expanded by our walker, which counts), so say that.
      diagnostics.push({ code: 'yaml-too-deep', severity: 'error', message: TOO_DEEP_MESSAGE, file, path: [], range: r });
      break;
    }
    if (r.start.line === lastLine) continue;
    lastLine = r.start.line;
    const hint = /tab/i.test(e.message) ? ' Indent YAML with spaces, not tabs.' : '';
    diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: cleanYamlMessage(e.message) + hint, file, path: [], range: r });
  }
  if (doc.errors.length > 0) return { value: undefined, sourceMap, diagnostics, ok: false };

  const walker = new Walker(doc, file, diagnostics, range, nodeBudget(text));
  const value = doc.contents ? walker.walk(doc.contents, []) : null;
  return { value, sourceMap, diagnostics, ok: !walker.aborted };
}

/**
 * `yaml.parseDocument`, refusing absurd nesting before composing. `yaml` composes nested
 * collections by recursion, in time that grows with the square of the depth (32,000 nested
 * flow maps: 20 s), and past about a thousand levels V8's stack runs out. Its parser is
 * linear and builds the whole syntax tree first, so the depth is counted there, with a
 * stack of our own, and only a document that passes is composed.
 */
function composeGuarded(text: string, lineCounter: LineCounter): { doc: Document } | { tooDeep: number } {
  const lib = yamlLib();
  const tokens: CST.Token[] = [];
  for (const token of new lib.Parser(lineCounter.addNewLine).parse(text)) {
    const deep = tooDeepAt(token);
    if (deep !== undefined) return { tooDeep: deep };
    tokens.push(token);
  }
  let doc: Document | undefined;
  for (const next of new lib.Composer(YAML_OPTIONS(lineCounter)).compose(tokens, true, text.length)) {
    if (!doc) {
      doc = next;
      continue;
    }
    // What parseDocument does with a second document.
    doc.errors.push(new lib.YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
    break;
  }
  return { doc: doc! };
}

/**
 * The offset of the first collection nested so deep that the walker would refuse a child of
 * its parent (MAX_DEPTH + 2 collections, the outermost counting one), in document order.
 * Undercounts where composing adds a level (`[a: 1]` is a list holding a map): the walker
 * still catches those, at a depth where recursion is safe.
 */
function tooDeepAt(token: CST.Token): number | undefined {
  const stack: [CST.Token | null | undefined, number][] = [[token, 0]];
  while (stack.length > 0) {
    const [t, depth] = stack.pop()!;
    if (!t) continue;
    if (t.type === 'document') stack.push([t.value, depth]);
    else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      if (depth + 1 > MAX_DEPTH + 1) return t.offset;
      // Reversed, so that items come off the stack in document order, keys before values.
      for (let i = t.items.length - 1; i >= 0; i--) {
        const item = t.items[i]!;
        stack.push([item.value, depth + 1]);
        if (item.key) stack.push([item.key, depth + 1]);
      }
    }
  }
  return undefined;
}

type Path = (string | number)[];

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Builds plain data from yaml's tree, reporting duplicate keys and bounding alias expansion. */
class Walker {
  aborted = false;
  readonly #anchors = new Map<string, YamlNode>();

  constructor(
    readonly doc: Document,
    readonly file: string,
    readonly diagnostics: Diagnostic[],
    readonly range: (start: number, end: number) => SourceRange,
    private budget: number,
  ) {}

  walk(node: YamlNode, path: Path): unknown {
    if (this.aborted) return null;
    if (path.length > MAX_DEPTH) {
      this.abort(node, path, 'yaml-too-deep', TOO_DEEP_MESSAGE);
      return null;
    }
    if (--this.budget < 0) {
      this.abort(node, path, 'yaml-alias-limit', 'Aliases expand this document past a safe size (an "alias bomb"). Use fewer nested `*aliases`.');
      return null;
    }
    if (yamlLib().isAlias(node)) {
      const target = this.#anchors.get(node.source);
      if (!target) {
        this.abort(node, path, 'yaml-syntax', `Unknown alias \`*${node.source}\`: define \`&${node.source}\` before using it.`);
        return null;
      }
      return this.walk(target, path);
    }
    if (node.anchor) this.#anchors.set(node.anchor, node);
    if (node.tag && !CORE_TAGS.has(node.tag)) {
      this.report('unsupported-tag', `The tag \`${node.tag.replace('tag:yaml.org,2002:', '!!')}\` is not supported in plans; write the value as plain text, a number, true/false or null.`, this.span(node), path);
      return null;
    }
    if (yamlLib().isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' && !Number.isFinite(v)) {
        this.report('invalid-value', `\`${node.source ?? String(v)}\` is not a number JSON can carry; use a finite number.`, this.span(node), path);
        return null;
      }
      if (v !== null && typeof v === 'object') return null; // unreachable with the core schema; never leak objects
      return v;
    }
    if (yamlLib().isSeq(node)) return node.items.map((item, i) => (item ? this.walk(item as YamlNode, [...path, i]) : null));
    if (yamlLib().isMap(node)) return this.walkMap(node.items, path);
    return null;
  }

  private walkMap(items: readonly unknown[], path: Path): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    const firstSeen = new Map<string, SourceRange | undefined>();
    const merges: { value: unknown; span: SourceRange | undefined }[] = [];
    for (const pair of items) {
      if (!yamlLib().isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keySpan = keyNode?.range ? this.range(keyNode.range[0], keyNode.range[1]) : undefined;
      // With `merge: true`, yaml marks a plain `<<` key with a Symbol value; a quoted '<<' stays text.
      if (yamlLib().isScalar(keyNode) && typeof keyNode.value === 'symbol' && keyNode.value.description === '<<') {
        merges.push({ value: pair.value ? this.walk(pair.value as YamlNode, [...path, '<<']) : null, span: keySpan });
        continue;
      }
      const key = keyText(keyNode, this.doc);
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
      for (const source of Array.isArray(m.value) ? m.value : [m.value]) {
        if (source === null || typeof source !== 'object' || Array.isArray(source)) {
          this.report('yaml-syntax', 'A `<<` merge key takes a map alias (`<<: *defaults`) or a list of them.', m.span, [...path, '<<']);
          continue;
        }
        for (const [k, v] of Object.entries(source)) if (!(k in out)) out[k] = v;
      }
    }
    return out;
  }

  private span(node: YamlNode): SourceRange | undefined {
    return node.range ? this.range(node.range[0], node.range[1]) : undefined;
  }

  private abort(node: YamlNode, path: Path, code: string, message: string): void {
    if (this.aborted) return;
    this.aborted = true;
    this.report(code, message, this.span(node), path);
  }

  private report(code: string, message: string, range?: SourceRange, path: Path = []): void {
    this.diagnostics.push({ code, severity: 'error', message, file: this.file, path, ...(range ? { range } : {}) });
  }
}

function cleanYamlMessage(message: string): string {
  // yaml appends " at line L, column C" and sometimes a code frame; we report positions ourselves.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}
