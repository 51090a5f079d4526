// Drift: what traffic has that a plan lacks (messages, properties, types, null, enum values),
// as text edits of the plan's own file. Nodes are found with `yaml`'s document API and edited
// where they stand in the text, so every comment, quote and blank line elsewhere is kept.
// Only ever adds: nothing is removed, no type, enum or nullability is narrowed.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
import { dirname, relative } from 'node:path';
import type { PlanPath } from '../diagnostics/diagnostic.js';
import { functionName } from '../model/names.js';
import type { Field, MessageDef, Plan, Shape } from '../model/plan.js';
import type { GuessOptions, PlanType, PropertyGuess } from './guess.js';
import type { InferSummary } from './summary.js';
import { codegenNames, definitionNode, type InferredMessage, inferredMessages, messageEvidence, messageNode, nameKey, propertiesNode, propertyEvidence } from './write-plan.js';

/** One change drift made (or could not make), for the summary printed beside the diff. */
export interface DriftChange {
  kind: 'message-added' | 'property-added' | 'type-widened' | 'nullable-added' | 'enum-widened' | 'not-edited';
  /** Where in the plan, as a plan path. */
  path: PlanPath;
  message: string;
}

export interface DriftResult {
  /** The plan file's new text (the same text when nothing drifted). */
  text: string;
  changes: DriftChange[];
}

interface Edit {
  from: number;
  to: number;
  insert: string;
}

const SECTIONS: Record<string, string> = { track: 'events', page: 'pages', screen: 'screens' };
const KIND_WORD: Record<string, string> = { track: 'event', page: 'page', screen: 'screen', identify: 'identify', group: 'group' };

/**
 * The edit of `text` (the plan file `plan` was loaded from) that plans what `summary` saw.
 * Definitions in imported files are not edited: a change they need is listed as not made.
 */
export function planDrift(text: string, plan: Plan, summary: InferSummary, o: GuessOptions): DriftResult {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const edits: Edit[] = [];
  const changes: DriftChange[] = [];
  const ctx: Ctx = { text, doc, edits, changes, file: plan.file, o };
  const defs = new Map<string, MessageDef>();
  for (const m of [...plan.events, ...plan.pages, ...plan.screens]) defs.set(`${m.kind}\u0000${m.name}`, m);
  if (plan.identify) defs.set('identify\u0000', plan.identify);
  if (plan.group) defs.set('group\u0000', plan.group);
  const fresh: InferredMessage[] = [];
  for (const m of inferredMessages(summary, o)) {
    const def = defs.get(`${m.type}\u0000${m.name}`);
    // Pages and screens the plan does not plan at all pass unchecked (as the audit treats them).
    if (!def) fresh.push(m);
    else fieldsDrift(ctx, def.fields, m.properties, [...def.origin.path, def.kind === 'identify' || def.kind === 'group' ? 'traits' : 'properties'], def.origin.file);
  }
  const taken = [...defs.values()].map((d) => functionName({ kind: d.kind, name: d.name, ...(d.codegenName !== undefined ? { codegenName: d.codegenName } : {}) }));
  const codegen = codegenNames(fresh, taken);
  // One addition per section: a section the plan lacks is written once, with all its entries.
  const bySection = new Map<string, Pair[]>();
  for (const m of fresh) {
    const body = m.type === 'identify' || m.type === 'group' ? traitsNode(m) : messageNode(m, codegen.get(m));
    const section = SECTIONS[m.type] ?? '';
    const key = section ? m.name : m.type;
    let list = bySection.get(section);
    if (!list) bySection.set(section, (list = []));
    list.push(entry(key, body, messageEvidence(m.seen, o)));
    changes.push({ kind: 'message-added', path: section ? [section, key] : [key], message: `${KIND_WORD[m.type]}${section ? ` ${JSON.stringify(m.name)}` : ''} added (seen ${m.seen.count} ${m.seen.count === 1 ? 'time' : 'times'})` });
  }
  for (const [section, pairs] of bySection) {
    const why = section ? shared(doc, [section]) : undefined;
    if (why === undefined) addEntries(ctx, section ? [section] : [], pairs);
    else for (const c of changes) if (c.kind === 'message-added' && c.path[0] === section) Object.assign(c, { kind: 'not-edited', message: `${c.message.replace(/ added \(.*$/, '')} is not planned: ${why}` });
  }
  // A file whose lines end in CRLF (Windows editors) gets added lines ending the same way.
  const firstEnd = text.indexOf('\n');
  const crlf = firstEnd > 0 && text[firstEnd - 1] === '\r';
  return { text: applyEdits(text, crlf ? edits.map((e) => ({ ...e, insert: e.insert.replace(/\r?\n/g, '\r\n') })) : edits, crlf ? '\r\n' : '\n'), changes };
}

interface Ctx {
  text: string;
  doc: Document;
  edits: Edit[];
  changes: DriftChange[];
  file: string;
  o: GuessOptions;
}

function traitsNode(m: InferredMessage): YAMLMap {
  const body = new YAMLMap();
  body.add(new Pair('traits', propertiesNode(m.properties)));
  return body;
}

/** Properties the traffic has beside the plan's `fields` (listed at `path` of `file`). */
function fieldsDrift(ctx: Ctx, fields: readonly Field[], seen: ReadonlyMap<string, PropertyGuess>, path: PlanPath, file: string): void {
  const planned = new Map(fields.map((f) => [f.name, f]));
  const added: [string, PropertyGuess][] = [];
  for (const [name, g] of seen) {
    const f = planned.get(name);
    if (!f) added.push([name, g]);
    else fieldDrift(ctx, f, g);
  }
  if (added.length === 0) return;
  if (file !== ctx.file) {
    for (const [name] of added) ctx.changes.push({ kind: 'not-edited', path: [...path, name], message: `property ${JSON.stringify(name)} is not planned: the definition is in ${relative(dirname(ctx.file), file)} (imported), add it there` });
    return;
  }
  const why = shared(ctx.doc, path);
  if (why !== undefined) {
    for (const [name] of added) ctx.changes.push({ kind: 'not-edited', path: [...path, name], message: `property ${JSON.stringify(name)} is not planned: ${why}` });
    return;
  }
  // A new optional property never breaks a sender: it is planned as seen, without `required`.
  addEntries(ctx, path, added.map(([name, g]) => entry(name, definitionNode({ ...g, required: false }, true), propertyEvidence(g))));
  for (const [name, g] of added) ctx.changes.push({ kind: 'property-added', path: [...path, name], message: `property ${JSON.stringify(name)} added (${g.types.map((t) => t.type).join(' or ')}, in ${g.seen} of ${g.of})` });
}

/** A planned property the traffic sends otherwise: wider types, null, more enum values, new nested keys. */
function fieldDrift(ctx: Ctx, f: Field, g: PropertyGuess): void {
  // A property that refines a shared definition without its own type takes the shared one's:
  // that is the definition to widen.
  const where = f.shared ?? f.origin;
  shapeDrift(ctx, f.shape, g, where.path, where.file);
}

function shapeDrift(ctx: Ctx, shape: Shape, g: PropertyGuess, path: PlanPath, file: string): void {
  const names = shape.types.map((t) => t.name);
  if (shape.types.some((t) => t.kind === 'named') || names.includes('any') || shape.schema) {
    return; // a named type or raw schema: its own definition says; `any` takes everything
  }
  const set: [string, unknown][] = [];
  const said: DriftChange[] = [];
  const wider = widerTypes(names as PlanType[], g);
  if (wider) {
    set.push(['type', wider.length === 1 ? wider[0] : flowSeq(wider)]);
    said.push({ kind: 'type-widened', path, message: `type widened from ${names.join(' or ')} to ${wider.join(' or ')}` });
  }
  if (g.nulls > 0 && !shape.nullable && !names.includes('null')) {
    set.push(['nullable', true]);
    said.push({ kind: 'nullable-added', path, message: `null seen (${g.nulls} ${g.nulls === 1 ? 'time' : 'times'}): nullable` });
  }
  if (shape.enum && !g.types.every((t) => t.type === 'string')) {
    // Only strings are noted by value: other values the enum may not list cannot be added.
    const others = g.types.filter((t) => t.type !== 'string').map((t) => t.type);
    ctx.changes.push({ kind: 'not-edited', path, message: `${others.join(' and ')} values seen beside the enum, which lists values one by one: check them against it by hand` });
  } else if (shape.enum) {
    const outside = g.values?.filter((v) => !shape.enum!.includes(v));
    if (g.values === undefined && g.seen > g.nulls) ctx.changes.push({ kind: 'not-edited', path, message: 'more values than an enum holds were seen: not listed' });
    else if (outside && outside.length > 0) {
      if (!ctx.o.enums) ctx.changes.push({ kind: 'not-edited', path, message: `${outside.length} ${outside.length === 1 ? 'value' : 'values'} outside the enum seen (--no-enums: not written)` });
      else {
        set.push(['enum', flowSeq([...shape.enum, ...outside])]);
        said.push({ kind: 'enum-widened', path, message: `${outside.length} ${outside.length === 1 ? 'value' : 'values'} added to the enum` });
      }
    }
  }
  const why = set.length > 0 && file === ctx.file ? shared(ctx.doc, path) : undefined;
  if (set.length > 0 && file !== ctx.file) {
    ctx.changes.push({ kind: 'not-edited', path, message: `${said.map((c) => c.message).join('; ')}: defined in ${relative(dirname(ctx.file), file)} (imported), change it there` });
  } else if (why !== undefined) {
    ctx.changes.push({ kind: 'not-edited', path, message: `${said.map((c) => c.message).join('; ')}: ${why}` });
  } else if (set.length > 0) {
    setKeys(ctx, path, set);
    ctx.changes.push(...said);
  }
  if (shape.properties && g.properties && !(shape.additionalProperties !== undefined && shape.additionalProperties !== false)) fieldsDrift(ctx, shape.properties, g.properties, [...path, 'properties'], file);
  if (shape.items && g.items) shapeDrift(ctx, shape.items, g.items, shape.items.origin.path, shape.items.origin.file);
}

/**
 * Why the YAML at `path` may not be edited in place, or undefined when it may: a node reached
 * through an alias (`*props`) is the anchor's, shared with its other users; a key a merge
 * (`<<: *base`) brings is not in the map's text, and writing the key there would override
 * everything the merge brings under it.
 */
function shared(doc: Document, path: PlanPath): string | undefined {
  const why = 'the plan reaches it through an alias or a merge key (<<), and an edit there would change other definitions or hide what << brings; change it by hand';
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isAlias(node)) return why;
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
    if (!pair) return node.items.some((p) => isScalar(p.key) && p.key.value === '<<' && p.key.type === 'PLAIN') ? why : undefined;
    node = pair.value;
  }
  return isAlias(node) ? why : undefined;
}

/** The plan's types with what was seen beside them, or undefined when they take it all already. */
export function widerTypes(planned: readonly PlanType[], g: PropertyGuess): PlanType[] | undefined {
  const out = [...planned];
  let changed = false;
  for (const { type } of g.types) {
    if (type === 'null') continue;
    if (out.includes(type) || (type === 'integer' && out.includes('number'))) continue;
    if (type === 'number' && out.includes('integer')) {
      out[out.indexOf('integer')] = 'number'; // a fraction seen: integer widens to number
      changed = true;
      continue;
    }
    out.push(type);
    changed = true;
  }
  return changed ? out : undefined;
}

function flowSeq(items: readonly unknown[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const x of items) seq.add(new Scalar(x));
  return seq;
}

function entry(key: string, value: unknown, comment?: string): Pair {
  const k = nameKey(key);
  if (comment !== undefined) k.commentBefore = comment;
  return new Pair(k, value);
}

/** Set keys of the definition at `path`: each value replaced where it is, or the key added. */
function setKeys(ctx: Ctx, path: PlanPath, set: [string, unknown][]): void {
  const node = ctx.doc.getIn(path, true) as Node | undefined;
  if (isScalar(node) && node.value !== null || isSeq(node)) {
    // Shorthand (`total: number`, `tags: [string, "null"]`): written out as a map when more than the type changes.
    const rest = set.filter(([k]) => k !== 'type');
    const type = set.find(([k]) => k === 'type')?.[1] ?? node.toJSON();
    if (rest.length === 0) replaceNode(ctx, node, type);
    else replaceNode(ctx, node, flowMap([['type', type], ...rest]));
    return;
  }
  const additions: Pair[] = [];
  for (const [k, v] of set) {
    const current = isMap(node) ? (node.get(k, true) as Node | undefined) : undefined;
    if (current && current.range) replaceNode(ctx, current, v);
    else additions.push(new Pair(k, v));
  }
  if (additions.length > 0) addEntries(ctx, path, additions);
}

function flowMap(pairs: [string, unknown][]): YAMLMap {
  const m = new YAMLMap();
  m.flow = true;
  for (const [k, v] of pairs) m.add(new Pair(k, v));
  return m;
}

/** Replace a node's text with a value in flow style (it stands where a flow or plain value stood). */
function replaceNode(ctx: Ctx, node: Node, value: unknown): void {
  const [from, end] = node.range!;
  // A block sequence's range takes its last line end: the line end stays.
  let to = end;
  while (to > from && (ctx.text[to - 1] === '\n' || ctx.text[to - 1] === '\r')) to--;
  ctx.edits.push({ from, to, insert: flowText(value) });
}

/** A node with every comment in it removed (flow text on one line cannot hold them). */
function withoutComments<T extends Node>(node: T): T {
  visit(node, {
    Node(_key, n) {
      n.comment = null;
      n.commentBefore = null;
    },
  });
  return node;
}

function flowText(value: unknown): string {
  const d = new Document(value);
  if (isMap(d.contents) || isSeq(d.contents)) d.contents.flow = true;
  return d.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/**
 * Add entries to the map at `path`, creating it (and the maps above it) when missing: lines
 * after the map's last entry at its indentation (block), or keys before its `}` (flow).
 */
function addEntries(ctx: Ctx, path: PlanPath, pairs: Pair[]): void {
  const { text, doc } = ctx;
  const node = (path.length === 0 ? doc.contents : doc.getIn(path, true)) as Node | null | undefined;
  if (isMap(node) && !node.flow && node.items.length > 0) {
    const first = node.items[0]!.key as Node;
    const indent = columnOf(text, first.range![0]);
    ctx.edits.push({ from: lineAfter(text, contentEnd(node)), to: lineAfter(text, contentEnd(node)), insert: blockText(pairs, indent) });
    return;
  }
  if (isMap(node) && node.range) {
    // A flow map. Its text is kept as it is (its comments and lines too): the new keys go in on
    // one line, without their evidence (a comment would end the line inside the braces, and
    // flow lines need an indentation of their own).
    const parent = (path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)) as Node | null | undefined;
    const pair = isMap(parent) && !parent.flow ? parent.items.find((p) => p.value === node) : undefined;
    if (node.items.length === 0 && pair && isScalar(pair.key)) {
      // `{}` as the value of a block key (infer writes a message without properties so): it
      // becomes a block map under the key, evidence included.
      let from = node.range[0];
      const lineEnd = lineAfter(text, node.range[1]);
      if (/^[ \t]*\r?\n?$/.test(text.slice(node.range[1], lineEnd))) while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
      ctx.edits.push({ from, to: node.range[1], insert: '' });
      ctx.edits.push({ from: lineEnd, to: lineEnd, insert: blockText(pairs, columnOf(text, pair.key.range![0]) + 2) });
      return;
    }
    const added = flowMap([]);
    for (const p of pairs) added.add(new Pair(nameKey(String(isScalar(p.key) ? p.key.value : p.key)), p.value));
    const inline = flowText(withoutComments(added)).slice(1, -1);
    if (node.items.length === 0) {
      ctx.edits.push({ from: node.range[0], to: node.range[1], insert: `{${inline}}` });
      return;
    }
    const last = node.items[node.items.length - 1]!;
    const end = ((last.value as Node | null)?.range ?? (last.key as Node).range)![1];
    ctx.edits.push({ from: end, to: end, insert: `, ${inline}` });
    return;
  }
  // No map at `path` (a key without a value, or no key at all): the key's line gets a block value.
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = (parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true)) as Node | null | undefined;
  if (key === undefined) return;
  const pair = isMap(parent) ? parent.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === key) : undefined;
  if (pair && isScalar(pair.key) && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) {
    const indent = columnOf(text, pair.key.range![0]) + 2;
    const at = lineAfter(text, pair.key.range![1]);
    ctx.edits.push({ from: at, to: at, insert: blockText(pairs, indent) });
    return;
  }
  if (!pair) {
    const m = new YAMLMap();
    for (const p of pairs) m.add(p);
    addEntries(ctx, parentPath, [new Pair(nameKey(String(key)), m)]);
  }
}

/** Where a block node's content ends: its last value, not the comments after it. */
function contentEnd(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1]!;
    if (isPair(last)) {
      const v = last.value as Node | null;
      if (v && v.range && !(isScalar(v) && v.source === '')) return contentEnd(v);
      return (last.key as Node).range![1];
    }
    return contentEnd(last as Node);
  }
  return node.range![1];
}

/** The offset of the start of the line after the one holding `offset - 1`. */
function lineAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Pairs as block YAML lines at `indent` spaces. */
function blockText(pairs: Pair[], indent: number): string {
  const m = new YAMLMap();
  for (const p of pairs) m.add(p);
  const d = new Document(m);
  const pad = ' '.repeat(indent);
  return d
    .toString({ lineWidth: 0 })
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => `${pad}${l}\n`)
    .join('');
}

/** Apply edits from the end of the text; insertions at one place keep the order they were made in, deeper lines first. */
function applyEdits(text: string, edits: readonly Edit[], eol: string): string {
  let out = text;
  let end = text.length;
  // A text that does not end its last line: insertions after it need a line of their own.
  if (edits.some((e) => e.from === text.length) && text !== '' && !text.endsWith('\n')) {
    out += eol;
    end += eol.length;
  }
  const at = (x: number) => (x === text.length ? end : x);
  // Lines inserted at one place: a nested map's before its parent's keys (a parent's new key
  // written first would end the nested map, and the nested lines would then be misplaced).
  const indent = (e: Edit) => (e.from === e.to ? /^ */.exec(e.insert)![0].length : 0);
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.from - a.e.from || indent(a.e) - indent(b.e) || b.i - a.i);
  for (const { e } of order) out = out.slice(0, at(e.from)) + e.insert + out.slice(at(e.to));
  return out;
}
