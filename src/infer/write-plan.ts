// An inferred plan as YAML text: the plan's keys in the format's order, the evidence (counts,
// shares, last seen) as comments above each key. Names come from the data and are written
// as YAML scalars (quoted where they must be), never into comments. Deterministic: messages
// and keys in code-point order, numbers in one locale.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { functionName, pascal, RESERVED_FUNCTIONS } from '../model/names.js';
import { num, pct } from '../report/count-words.js';
import { compareText, type GuessOptions, guessProperty, type PropertyGuess } from './guess.js';
import type { InferSummary, MessageSeen } from './summary.js';

export interface WritePlanOptions extends GuessOptions {
  /** The plan's `name`. */
  name: string;
}

/**
 * Properties analytics.js adds to every page call by itself: the plan accepts them on pages
 * whatever it says (README "Events, pages and screens"), so they are not planned.
 */
export const AUTOMATIC_PAGE_PROPERTIES: ReadonlySet<string> = new Set(['path', 'referrer', 'search', 'title', 'url']);

/** The messages of a summary as the plan will list them, guessed. */
export interface InferredMessage {
  type: string;
  name: string;
  seen: MessageSeen;
  properties: Map<string, PropertyGuess>;
  /** Its properties were keys made of data (more than 500, or the input's 250,000 places spent): not inferred, any allowed. */
  open: boolean;
}

/** Each message seen, with its properties guessed; sorted by type then name. */
export function inferredMessages(s: InferSummary, o: GuessOptions): InferredMessage[] {
  const out: InferredMessage[] = [];
  for (const seen of s.seen.values()) {
    const props = seen.root.object > 0 ? guessProperty(seen.root, seen.root.seen, o).properties ?? new Map<string, PropertyGuess>() : new Map<string, PropertyGuess>();
    if (seen.type === 'page') for (const k of AUTOMATIC_PAGE_PROPERTIES) props.delete(k);
    out.push({ type: seen.type, name: seen.name, seen, properties: props, open: seen.root.object > 0 && seen.root.props === null });
  }
  return out.sort((a, b) => compareText(a.type, b.type) || compareText(a.name, b.name));
}

/** The inferred plan as YAML. */
export function writePlan(s: InferSummary, o: WritePlanOptions): string {
  const doc = new Document(new YAMLMap());
  const root = doc.contents as YAMLMap;
  const messages = inferredMessages(s, o);
  root.commentBefore = header(s, o);
  root.add(new Pair('trackplan', 1));
  root.add(new Pair('name', o.name));
  root.add(new Pair(new Scalar('version'), quoted('0.1.0')));
  root.add(new Pair('description', `Inferred from traffic by trackplan infer (${num(s.messages.read)} ${s.messages.read === 1 ? 'message' : 'messages'}); review before relying on it.`));
  const codegen = codegenNames(messages);
  const sections: [string, string][] = [['events', 'track'], ['pages', 'page'], ['screens', 'screen']];
  for (const [section, type] of sections) {
    const list = messages.filter((m) => m.type === type);
    if (list.length === 0) continue;
    const map = new YAMLMap();
    for (const m of list) {
      const key = nameKey(m.name);
      key.commentBefore = messageEvidence(m.seen, o);
      map.add(new Pair(key, messageNode(m, codegen.get(m))));
    }
    root.add(new Pair(section, map));
  }
  for (const type of ['identify', 'group']) {
    const m = messages.find((x) => x.type === type);
    if (!m) continue;
    const key = new Scalar(type);
    key.commentBefore = messageEvidence(m.seen, o);
    const body = new YAMLMap();
    body.add(new Pair('traits', propertiesNode(m.properties)));
    root.add(new Pair(key, body));
  }
  return doc.toString({ lineWidth: 0 });
}

function header(s: InferSummary, o: GuessOptions): string {
  const lines = [
    ` Inferred by \`trackplan infer\` from ${num(s.messages.read)} ${s.messages.read === 1 ? 'message' : 'messages'}${o.enums ? '' : ' (--no-enums: no value of the input is written)'}.`,
    ' The comments above each key are the evidence: how often it was seen, the shares of mixed',
    ' types. Required: present in ' + (o.requiredThreshold >= 1 ? 'every message' : `at least ${pct(o.requiredThreshold)} of the messages`) + ' of its event.',
  ];
  const open = [...s.seen.values()].filter((m) => m.root.object > 0 && m.root.props === null).length;
  if (open > 0) lines.push(` Properties not inferred for ${num(open)} of the messages planned below: keys made of data (more than 500 in an object, or the 250,000 keys an input may note spent); written \`strict: false\`.`);
  for (const [type, u] of Object.entries(s.unnamed).sort(([a], [b]) => compareText(a, b))) {
    lines.push(` Not planned: ${num(u.messages)} ${type} messages under ${u.names >= 2000 ? 'more than 2,000' : num(u.names)} names made of data (too many names, or too long to be names) or blank.`);
  }
  return lines.join('\n');
}

export function messageEvidence(m: MessageSeen, o: GuessOptions): string {
  // The last timestamp is a value of the input: --no-enums writes none.
  return ` seen ${num(m.count)} ${m.count === 1 ? 'time' : 'times'}${m.lastSeen && o.enums ? ` · last ${m.lastSeen.text}` : ''}`;
}

/**
 * A `codegen.name` for each message whose generated function would clash with another's
 * (`Order Completed` and `order_completed`), or with the client's own names: `check` refuses a
 * plan with such a clash. Messages in the plan's order; the first keeps the derived name.
 */
export function codegenNames(messages: readonly InferredMessage[], taken: Iterable<string> = []): Map<InferredMessage, string> {
  const used = new Set<string>(['identify', 'group', ...taken]);
  const raised = new Set<string>([...used].map(pascal));
  const out = new Map<InferredMessage, string>();
  for (const m of messages) {
    if (m.type === 'identify' || m.type === 'group') continue;
    const fn = functionName({ kind: m.type, name: m.name });
    let name = fn;
    // `codegen.name` is an ASCII identifier (the plan's schema): a derived name in another
    // script (`é`, `заказ`) is numbered from its kind instead (`event2`).
    const base = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fn) ? fn : m.type === 'track' ? 'event' : m.type;
    for (let n = 2; used.has(name) || raised.has(pascal(name)) || RESERVED_FUNCTIONS.has(name); n++) name = `${base}${n}`;
    used.add(name);
    raised.add(pascal(name));
    if (name !== fn) out.set(m, name);
  }
  return out;
}

export function messageNode(m: InferredMessage, codegen: string | undefined): YAMLMap {
  const body = new YAMLMap();
  if (codegen !== undefined) body.add(new Pair('codegen', codegenMap(codegen)));
  if (m.open) {
    // Strict, an empty plan would make every key sent a violation; open, the audit passes them.
    const key = new Scalar('strict');
    key.commentBefore = ' properties not inferred: keys made of data (more than 500 in an object, or the 250,000 keys an input may note spent)';
    body.add(new Pair(key, false));
  }
  if (m.properties.size > 0) body.add(new Pair('properties', propertiesNode(m.properties)));
  else if (codegen === undefined && !m.open) body.flow = true;
  return body;
}

function codegenMap(name: string): YAMLMap {
  const map = new YAMLMap();
  map.flow = true;
  map.add(new Pair('name', name));
  return map;
}

export function propertiesNode(props: ReadonlyMap<string, PropertyGuess>): YAMLMap {
  const map = new YAMLMap();
  if (props.size === 0) map.flow = true;
  for (const [name, g] of props) {
    const key = nameKey(name);
    key.commentBefore = propertyEvidence(g);
    map.add(new Pair(key, definitionNode(g, true)));
  }
  return map;
}

/** `in 98% (1,210 of 1,234) · mixed: integer 84%, string 16% · null 3%` */
export function propertyEvidence(g: PropertyGuess): string {
  const parts = [`in ${pct(g.of === 0 ? 0 : g.seen / g.of)} (${num(g.seen)} of ${num(g.of)})`];
  const nonNull = g.seen - g.nulls;
  if (g.types.length > 1) parts.push(`mixed: ${g.types.map((t) => `${t.type} ${pct(t.count / nonNull)}`).join(', ')}`);
  if (g.nulls > 0) parts.push(`null ${pct(g.nulls / g.seen)}`);
  return ` ${parts.join(' · ')}`;
}

/** A property's definition as a YAML map (`property`: it may say `required`). */
export function definitionNode(g: PropertyGuess, property: boolean): YAMLMap {
  const def = new YAMLMap();
  if (g.types.length === 1) def.add(new Pair('type', g.types[0]!.type === 'null' ? quoted('null') : g.types[0]!.type));
  else {
    const seq = new YAMLSeq();
    seq.flow = true;
    for (const t of g.types) seq.add(t.type);
    def.add(new Pair('type', seq));
  }
  if (property && g.required) def.add(new Pair('required', true));
  if (g.nullable) def.add(new Pair('nullable', true));
  if (g.format) def.add(new Pair('format', g.format));
  if (g.enum) {
    const seq = new YAMLSeq();
    seq.flow = true;
    for (const v of g.enum) seq.add(new Scalar(v));
    def.add(new Pair('enum', seq));
  }
  if (g.properties) def.add(new Pair('properties', propertiesNode(g.properties)));
  if (g.items) def.add(new Pair('items', definitionNode(g.items, false)));
  return def;
}

/**
 * A name from the data as a map key. `<<` written plain is YAML's merge key (the loader merges
 * it), so it is quoted; every other name is quoted by the YAML writer where it must be.
 */
export function nameKey(name: string): Scalar {
  const key = new Scalar(name);
  if (name === '<<') key.type = 'QUOTE_DOUBLE';
  return key;
}

function quoted(s: string): Scalar {
  const x = new Scalar(s);
  x.type = 'QUOTE_DOUBLE';
  return x;
}
