import type { SourceRange } from '../diagnostics/diagnostic.js';
import { type MessageDef, type Origin, type Plan, resolveNamed, type Shape } from '../model/plan.js';
import { compilePattern } from './regex-safety.js';
import type { AuditSummary } from './summary.js';

/** A validator as the audit's JavaScript module exports it. */
export type AuditValidator = (d: unknown, out?: { path: string; rule: string; message: string; value: unknown; warn?: boolean }[]) => { path: string; rule: string; message: string; value: unknown; warn?: boolean }[];

/** What the auditor needs of one planned message. */
export interface IndexedMessage {
  kind: MessageDef['kind'];
  name: string;
  deprecated?: true | string;
  validate: AuditValidator;
}

/**
 * Everything a worker needs to audit, and nothing more: the validators' code and which
 * function checks which message. Plain data, so it crosses to worker threads as it is, and
 * workers load neither YAML nor ajv.
 */
export interface IndexSpec {
  code: string;
  messages: { kind: MessageDef['kind']; name: string; fn: string; deprecated?: true | string }[];
  /** The stamp generated clients put in `context.trackplan`: this plan's name and version. */
  stamp: PlanStamp;
}

/** `context.trackplan` of a message sent through a generated client ('' for a plan without one). */
export interface PlanStamp {
  plan: string;
  version: string;
}

/** Validators by message type and name, ready to run. */
export interface PlanIndex {
  track: Map<string, IndexedMessage>;
  page: Map<string, IndexedMessage>;
  screen: Map<string, IndexedMessage>;
  identify?: IndexedMessage;
  group?: IndexedMessage;
  /** Patterns not checked: neither proven linear on V8 nor expressible in RE2 (see regex-safety.ts). */
  uncheckedPatterns: string[];
  isDateTime(s: string): boolean;
  stamp: PlanStamp;
  spec: IndexSpec;
}

/** Load a spec's validators in this thread. */
export async function loadIndex(spec: IndexSpec): Promise<PlanIndex> {
  const ns = (await import(`data:text/javascript;base64,${Buffer.from(spec.code).toString('base64')}`)) as Record<string, unknown> & {
    setRegexFactory(f: (s: string) => { test(s: string): boolean }): void;
    __isDateTime(s: string): boolean;
  };
  const unchecked: string[] = [];
  ns.setRegexFactory((s) => {
    const p = compilePattern(s);
    if (p.engine === 'unchecked' && !unchecked.includes(s)) unchecked.push(s);
    return p;
  });
  const index: PlanIndex = { track: new Map(), page: new Map(), screen: new Map(), uncheckedPatterns: unchecked, isDateTime: ns.__isDateTime, stamp: spec.stamp, spec };
  for (const m of spec.messages) {
    const entry: IndexedMessage = { kind: m.kind, name: m.name, validate: ns[m.fn] as AuditValidator, ...(m.deprecated !== undefined ? { deprecated: m.deprecated } : {}) };
    if (m.kind === 'identify') index.identify = entry;
    else if (m.kind === 'group') index.group = entry;
    else index[m.kind].set(m.name, entry);
  }
  return index;
}

/**
 * Fill in, for each violation group, the plan location it breaks (for reports and GitHub
 * annotations). Done once, after summaries merge, so workers never need the plan's YAML.
 */
export function locateGroups(summary: AuditSummary, plan: Plan, locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined): void {
  const finder = planLocator(plan, locate);
  for (const g of Object.values(summary.groups)) {
    const where = finder(g.type, g.event, g.code, g.path);
    if (where) g.plan = where;
  }
}

/** Where in the plan a finding is annotated: a file, and the key's range when the plan has one. */
export type PlanPlace = { file: string; range?: SourceRange };

/**
 * A function that says, for a finding (message type and name, code, path), the plan location it
 * breaks: the definition the path leads to (or its closest parent), the plan's `name` or
 * `version` for a stale client's stamp, nothing for an unplanned event.
 */
export function planLocator(plan: Plan, locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined): (type: string, event: string, code: string, path: string) => PlanPlace | undefined {
  const defs = new Map<string, MessageDef>();
  for (const e of plan.events) defs.set(`track\u0000${e.name}`, e);
  for (const p of plan.pages) defs.set(`page\u0000${p.name}`, p);
  for (const s of plan.screens) defs.set(`screen\u0000${s.name}`, s);
  if (plan.identify) defs.set('identify\u0000', plan.identify);
  if (plan.group) defs.set('group\u0000', plan.group);
  const place = (origin: Origin): PlanPlace => {
    const range = locate(origin, 'key');
    return range ? { file: origin.file, range } : { file: origin.file };
  };
  return (type, event, code, path) => {
    if (code === 'plan-mismatch') {
      // A stale client's stamp disagrees with the plan's own name or version, not with the event.
      return place({ file: plan.file, path: [path.endsWith('.plan') ? 'name' : 'version'] });
    }
    const def = defs.get(`${type}\u0000${event}`);
    if (!def || code === 'unplanned-event') return undefined;
    return place(originOf(plan, def, path));
  };
}

/** Path segments of a violation path (`properties.products[2]["odd key"]`), past the root. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d*)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(m[2] === '' ? 0 : Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
  }
  return out.slice(1);
}

/** Follow a violation path through the plan's shapes to the definition it breaks (or the closest parent). */
function originOf(plan: Plan, def: MessageDef, path: string): Origin {
  let origin: Origin = def.origin;
  let fields = def.fields;
  let shape: Shape | undefined;
  for (const seg of pathSegments(path)) {
    if (typeof seg === 'number') {
      shape = shape?.items && resolveNamed(plan, shape.items);
      fields = shape?.properties ?? [];
      if (shape) origin = shape.origin;
      continue;
    }
    const f = fields.find((x) => x.name === seg);
    if (!f) break;
    origin = f.origin;
    shape = resolveNamed(plan, f.shape);
    fields = shape.properties ?? [];
  }
  return origin;
}
