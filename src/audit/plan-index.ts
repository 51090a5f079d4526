import type { SourceRange } from '../diagnostics/diagnostic.js';
import { loadValidators, validatorModule } from '../compile/validator/module.js';
import { helperSource } from '../compile/validator/helpers.js';
import type { MessageDef, Origin, Plan, Shape } from '../model/plan.js';
import { compilePattern } from './regex-safety.js';

/** A validator as the audit's JavaScript module exports it. */
export type AuditValidator = (d: unknown) => { path: string; rule: string; message: string; value: unknown; warn?: boolean }[];

/** What the audit needs of a plan: each message's validator, by type and name, and plan locations. */
export interface PlanIndex {
  plan: Plan;
  track: Map<string, { def: MessageDef; validate: AuditValidator }>;
  page: Map<string, { def: MessageDef; validate: AuditValidator }>;
  screen: Map<string, { def: MessageDef; validate: AuditValidator }>;
  identify?: { def: MessageDef; validate: AuditValidator };
  group?: { def: MessageDef; validate: AuditValidator };
  /** Patterns that run on the bounded engine (see regex-safety.ts). */
  boundedPatterns: string[];
  isDateTime(s: string): boolean;
  /** The plan location a violation at `path` (inside the message) breaks. */
  planLocation(def: MessageDef, path: string): { file: string; range?: SourceRange } | undefined;
  /** The JavaScript of the validators, so that workers can load the same module. */
  code: string;
}

/** Build validators for a plan (the same emitter as generated clients, in its audit mode). */
export async function indexPlan(plan: Plan, locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined, code?: string): Promise<PlanIndex> {
  const mod = validatorModule(plan, { typed: false, warnUnplanned: true, regexFactory: true });
  const source = code ?? mod.code;
  const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
  const ns = (await import(url)) as Record<string, unknown> & { setRegexFactory(f: (s: string) => { test(s: string): boolean }): void };
  const bounded: string[] = [];
  ns.setRegexFactory((s) => {
    const p = compilePattern(s);
    if (p.engine === 'native-bounded' && !bounded.includes(s)) bounded.push(s);
    return p;
  });
  const helpers = (await import(`data:text/javascript;base64,${Buffer.from(`${helperSource(['isDateTime'], false)}\nexport { isDateTime };`).toString('base64')}`)) as { isDateTime(s: string): boolean };
  const index: PlanIndex = {
    plan,
    track: new Map(),
    page: new Map(),
    screen: new Map(),
    boundedPatterns: bounded,
    isDateTime: helpers.isDateTime,
    code: source,
    planLocation: (def, path) => {
      const origin = originOf(plan, def, path);
      const range = locate(origin, 'key');
      return range ? { file: origin.file, range } : { file: origin.file };
    },
  };
  for (const f of mod.functions) {
    const entry = { def: f.message, validate: ns[f.name] as AuditValidator };
    if (f.message.kind === 'identify') index.identify = entry;
    else if (f.message.kind === 'group') index.group = entry;
    else index[f.message.kind].set(f.message.name, entry);
  }
  return index;
}

/** Path segments of a violation path (`properties.products[2]["odd key"]`), past the root. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
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
      shape = shape?.items && resolve(plan, shape.items);
      fields = shape?.properties ?? [];
      if (shape) origin = shape.origin;
      continue;
    }
    const f = fields.find((x) => x.name === seg);
    if (!f) break;
    origin = f.origin;
    shape = resolve(plan, f.shape);
    fields = shape.properties ?? [];
  }
  return origin;
}

/** A shape, or the named type it consists of. */
function resolve(plan: Plan, shape: Shape): Shape {
  for (let i = 0; i < 10 && shape.types.length === 1 && shape.types[0]!.kind === 'named'; i++) {
    const t = plan.types.get(shape.types[0]!.name);
    if (!t) break;
    shape = t.shape;
  }
  return shape;
}
