import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { PlanPath } from '../../src/diagnostics/diagnostic.js';
import { type Plan, resolveNamed, type Shape } from '../../src/model/plan.js';
import { ROOT } from './segment-spec-tables.js';

// A team plan that starts from one of Segment's spec plans and tightens it openly: every place it
// refuses what the spec allows carries a trailing `# Tightened: <why>` comment on the line that
// makes it. This module finds those comments and, for a diff finding or an audit violation, the
// line that makes it (its cause). The rule, kept small:
//
// - strictness (a key the plan does not list): the message's own `strict:` line if it writes one,
//   else the plan's top-level `strict:` line. Objects inside a message (`products[]`, `filters[]`)
//   and named types have no `strict:` of their own: they follow the plan's.
// - required (`property-became-required`, `missing-required`): the line of the property's key
//   where the diff or the audit puts it, the entry that writes `required: true`.
// - a value's type or constraint (everything else): the entry that defines the value. That is the
//   entry at the finding's place when it writes a type or a constraint; an entry that writes
//   neither (a bare `price:`) takes the shared property of the same name, and one whose only
//   rule is a named type (`type: Money`) takes that type's entry. So one comment on a shared
//   definition documents every event that uses it.

/** A line of a plan file. */
export interface Place {
  file: string;
  line: number;
}

export const placeKey = (p: Place): string => `${p.file}:${p.line}`;

/** The keys that say what a value may be, beyond `required`, `description` and `examples`. */
const RULE_KEYS = ['type', 'enum', 'const', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'items', 'properties', 'additionalProperties', 'nullable', 'schema'];

interface Entry {
  line: number;
  col: number;
  /** The keys written in the entry's map (none for a bare `price:`). */
  keys: Map<string, unknown>;
}

/** Every key of one YAML file, by path and by position. */
class FileIndex {
  readonly byPath = new Map<string, Entry>();
  readonly byPosition = new Map<string, PlanPath>();
  /** Lines with a trailing `# Tightened:` comment: a comment line of its own is prose about them, not one. */
  readonly marks = new Set<number>();

  constructor(readonly file: string) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    const walk = (node: Node | null | undefined, path: PlanPath) => {
      if (!node || isAlias(node)) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const key = String(pair.key.value);
          const at = lineCounter.linePos(pair.key.range[0]);
          const value = pair.value as Node | null;
          const keys = new Map<string, unknown>();
          if (isMap(value)) for (const p of value.items) if (isScalar(p.key)) keys.set(String(p.key.value), isScalar(p.value) ? p.value.value : p.value);
          const here = [...path, key];
          this.byPath.set(JSON.stringify(here), { line: at.line, col: at.col, keys });
          this.byPosition.set(`${at.line}:${at.col}`, here);
          walk(value, here);
        }
      } else if (isSeq(node)) node.items.forEach((item, i) => walk(item as Node, [...path, i]));
    };
    walk(doc.contents as Node, []);
    text.split('\n').forEach((line, i) => {
      if (/^\s*[^#\s].*\s#\s*Tightened:\s*\S/.test(line)) this.marks.add(i + 1);
    });
  }

  entry(path: PlanPath): Entry {
    const e = this.byPath.get(JSON.stringify(path));
    if (!e) throw new Error(`${this.file} has no ${path.join('.')}`);
    return e;
  }
}

/** A team plan's files, read as YAML, and the places that make its tightenings. */
export class Tightenings {
  private readonly files = new Map<string, FileIndex>();

  /** `head`: the plan file (its top-level `strict:` is the default of every message); `plan`: its model, for shared definitions and named types. */
  constructor(readonly head: string, readonly plan: Plan) {
    for (const file of [head, ...plan.imports]) this.files.set(file, new FileIndex(file));
  }

  private index(file: string): FileIndex {
    const f = this.files.get(file);
    if (!f) throw new Error(`${file} is not ${this.head} or one of its imports (${[...this.files.keys()].join(', ')})`);
    return f;
  }

  /** Every `# Tightened:` line of the plan and its imports. */
  marks(): Place[] {
    return [...this.files.values()].flatMap((f) => [...f.marks].map((line) => ({ file: f.file, line })));
  }

  /** Whether a trailing `# Tightened:` comment sits on this line. */
  isMarked(p: Place): boolean {
    return this.index(p.file).marks.has(p.line);
  }

  /** The path of the key that starts at a position (where the audit puts a violation's plan definition). */
  pathAt(file: string, line: number, col: number): PlanPath {
    const path = this.index(file).byPosition.get(`${line}:${col}`);
    if (!path) throw new Error(`no key starts at ${file}:${line}:${col}`);
    return path;
  }

  /** The line that makes a tightening, by its kind: `strict`, `required`, or a value's `rule` (see the comment at the top). */
  cause(kind: 'strict' | 'required' | 'rule', file: string, path: PlanPath): Place {
    if (kind === 'strict') {
      const isMessage = (path.length === 2 && ['events', 'pages', 'screens'].includes(String(path[0]))) || (path.length === 1 && ['identify', 'group'].includes(String(path[0])));
      if (isMessage && this.index(file).entry(path).keys.has('strict')) return { file, line: this.index(file).entry([...path, 'strict']).line };
      return { file: this.head, line: this.index(this.head).entry(['strict']).line };
    }
    if (kind === 'required') return { file, line: this.index(file).entry(path).line };
    return this.definition(file, path, 0);
  }

  private definition(file: string, path: PlanPath, depth: number): Place {
    if (depth > 10) throw new Error(`definitions of ${path.join('.')} go round in circles`);
    const entry = this.index(file).entry(path);
    const rules = RULE_KEYS.filter((k) => entry.keys.has(k));
    const type = entry.keys.get('type');
    if (rules.length === 1 && typeof type === 'string' && this.plan.types.has(type)) {
      const t = this.plan.types.get(type)!;
      return this.definition(t.origin.file, t.origin.path, depth + 1);
    }
    if (rules.length > 0) return { file, line: entry.line };
    const name = String(path[path.length - 1]);
    const shared = this.plan.sharedProperties.get(name);
    if (!shared) throw new Error(`${file}:${entry.line} ${name} writes no rule and there is no shared ${name}`);
    return this.definition(shared.origin.file, shared.origin.path, depth + 1);
  }
}

/** A value of the spec's type that the spec allows and a tightened plan may well refuse, for each of a few probes. */
export type Probe = 'low' | 'high' | 'hollow';

/**
 * Properties for one message of a spec plan: every property it lists, each at an edge of what the
 * spec allows (`low`: empty text, a negative fraction, an empty list; `high`: text over 5,000
 * characters, a fraction, a list of one item of edge values; `hollow`: lists of one empty
 * object), plus a key the spec does not list (the spec plans are `strict: false`). Values the
 * spec itself constrains (a format, an enum) take a value it accepts.
 */
export function probeProperties(plan: Plan, fields: Plan['events'][number]['fields'], probe: Probe): Record<string, unknown> {
  const out: Record<string, unknown> = { probe_extra_key: probe };
  for (const f of fields) out[f.name] = probeValue(plan, f.shape, probe, 0);
  return out;
}

function probeValue(plan: Plan, declared: Shape, probe: Probe, depth: number): unknown {
  const shape = resolveNamed(plan, declared);
  if (shape.enum) return shape.enum[0];
  if (shape.format === 'date-time') return '2026-11-26T10:00:00Z';
  if (shape.format === 'date') return '2026-11-26';
  const type = shape.types[0]?.name;
  switch (type) {
    case 'string':
      return probe === 'high' ? 'x'.repeat(5001) : '';
    case 'number':
    case 'integer':
      return probe === 'high' ? 1.5 : -1.5;
    case 'boolean':
      return false;
    case 'array':
      if (probe === 'low') return [];
      return [shape.items && depth < 3 ? probeValue(plan, shape.items, probe, depth + 1) : ''];
    case 'object':
      if (probe === 'hollow' && depth > 0) return {};
      return Object.fromEntries([['probe_extra_key', probe], ...(shape.properties ?? []).map((f) => [f.name, probeValue(plan, f.shape, probe, depth + 1)])]);
    default:
      return '';
  }
}
