import { asMap, type BuildContext, bool, child, own, type RawEntry, str } from './context.js';
import { buildFields, buildShape } from './build-shape.js';
import { CLIENT_VALUES, functionName, pascal, payloadTypeName, RESERVED_FUNCTIONS, RESERVED_TYPES } from './names.js';
import { allMessages, type Field, type MessageDef, type MessageKind, type NamedType, type Origin, type Plan, PRIMITIVES } from './plan.js';

/** One parsed, format-checked plan file, as the loader hands it over. */
export interface PlanDocument {
  file: string;
  data: Record<string, unknown>;
}

/**
 * Build the checked model of `root`, whose imports (direct or not) are `libraries`.
 * Types and shared properties of every file are visible everywhere; a name defined in
 * two files is an error rather than a silent shadow.
 */
export function buildPlan(root: PlanDocument, libraries: readonly PlanDocument[], report: BuildContext['report']): Plan {
  const rawTypes = new Map<string, RawEntry>();
  const rawShared = new Map<string, RawEntry>();
  for (const doc of [...libraries, root]) {
    collect(doc, 'types', rawTypes, report);
    collect(doc, 'properties', rawShared, report);
  }
  const ctx: BuildContext = { rawTypes, rawShared, types: new Map(), shared: new Map(), expanding: [], report };

  for (const [name, entry] of rawTypes) {
    const shape = buildShape(entry.raw, entry.origin, ctx);
    if (shape) ctx.types.set(name, { name, shape, origin: entry.origin } satisfies NamedType);
  }
  checkTypeCycles(ctx);
  for (const [name, entry] of rawShared) {
    const map = Object.assign(Object.create(null), { [name]: entry.raw }) as Record<string, unknown>;
    const parent: Origin = { file: entry.origin.file, path: entry.origin.path.slice(0, -1) };
    ctx.expanding.push(name);
    const [field] = buildFields(map, parent, ctx, 'library');
    ctx.expanding.pop();
    if (field) ctx.shared.set(name, field satisfies Field);
  }

  const d = root.data;
  const strict = bool(own(d, 'strict')) ?? true;
  const origin = (...path: (string | number)[]): Origin => ({ file: root.file, path });
  const plan: Plan = {
    file: root.file,
    owners: (Array.isArray(own(d, 'owners')) ? (own(d, 'owners') as unknown[]) : []).filter((o): o is string => typeof o === 'string'),
    strict,
    imports: libraries.map((l) => l.file),
    types: ctx.types,
    sharedProperties: ctx.shared,
    events: messages(own(d, 'events'), 'track', origin('events'), strict, ctx),
    pages: messages(own(d, 'pages'), 'page', origin('pages'), strict, ctx),
    screens: messages(own(d, 'screens'), 'screen', origin('screens'), strict, ctx),
  };
  for (const key of ['name', 'version', 'description'] as const) {
    const v = str(own(d, key));
    if (v !== undefined) plan[key] = v;
  }
  for (const kind of ['identify', 'group'] as const) {
    const raw = asMap(own(d, kind));
    if (raw) plan[kind] = message(kind, '', raw, origin(kind), strict, ctx, 'traits');
  }
  checkGeneratedNames(plan, report);
  return plan;
}

function collect(doc: PlanDocument, section: 'types' | 'properties', into: Map<string, RawEntry>, report: BuildContext['report']): void {
  const map = asMap(own(doc.data, section));
  if (!map) return;
  for (const name of Object.keys(map)) {
    const origin: Origin = { file: doc.file, path: [section, name] };
    const prev = into.get(name);
    if (prev) {
      const what = section === 'types' ? 'Type' : 'Shared property';
      report(origin, 'duplicate-definition', `${what} \`${name}\` is also defined in ${prev.origin.file}. Keep one definition (imports share one namespace).`, {
        at: 'key',
        related: [{ file: prev.origin.file, message: 'other definition' }],
      });
      continue;
    }
    into.set(name, { raw: map[name], origin });
  }
}

function messages(raw: unknown, kind: MessageKind, origin: Origin, strict: boolean, ctx: BuildContext): MessageDef[] {
  const map = asMap(raw);
  if (!map) return [];
  const out: MessageDef[] = [];
  for (const name of Object.keys(map)) {
    const at = child(origin, name);
    if (name.trim() === '') {
      ctx.report(at, 'empty-name', `A ${kind === 'track' ? 'event' : kind} name must not be empty or blank.`, { at: 'key' });
      continue;
    }
    const body = map[name];
    if (body !== null && !asMap(body)) continue; // wrong type; the format check reported it
    out.push(message(kind, name, asMap(body) ?? Object.create(null), at, strict, ctx, 'properties'));
  }
  return out;
}

function message(kind: MessageKind, name: string, raw: Record<string, unknown>, origin: Origin, planStrict: boolean, ctx: BuildContext, fieldsKey: 'properties' | 'traits'): MessageDef {
  const labels = asMap(own(raw, 'labels')) ?? {};
  const def: MessageDef = {
    kind,
    name,
    labels: Object.fromEntries(Object.entries(labels).filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1]))),
    strict: bool(own(raw, 'strict')) ?? planStrict,
    fields: buildFields(asMap(own(raw, fieldsKey)) ?? {}, child(origin, fieldsKey), ctx, 'message'),
    origin,
  };
  const description = str(own(raw, 'description'));
  if (description !== undefined) def.description = description;
  const owner = str(own(raw, 'owner'));
  if (owner !== undefined) def.owner = owner;
  const dep = own(raw, 'deprecated');
  if (dep === true || typeof dep === 'string') def.deprecated = dep;
  const codegenName = str(own(asMap(own(raw, 'codegen')) ?? {}, 'name'));
  if (codegenName !== undefined) def.codegenName = codegenName;
  return def;
}

/** A named type that is, directly or through other names, a member of its own union recurses forever. */
function checkTypeCycles(ctx: BuildContext): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const t = ctx.types.get(name);
      if (t) ctx.report(child(t.origin, 'type'), 'type-cycle', `Type \`${name}\` is defined in terms of itself: ${cycle.join(' → ')}. Wrap the recursion in \`properties\` or \`items\`.`);
      return;
    }
    state.set(name, 'visiting');
    for (const ref of ctx.types.get(name)?.shape.types ?? []) {
      if (ref.kind === 'named') visit(ref.name, [...trail, name]);
    }
    state.set(name, 'done');
  };
  for (const name of ctx.types.keys()) visit(name, []);
}

/**
 * Generated clients name a function after each message; two messages that would share a
 * name are an error here rather than a silently renamed function later (Typewriter's
 * `purpleEventCollided`). The fix is `codegen: {name: ...}` on one of them.
 */
function checkGeneratedNames(plan: Plan, report: BuildContext['report']): void {
  const seen = new Map<string, MessageDef>();
  const label = labelOf;
  for (const m of allMessages(plan)) {
    const fn = functionName(m);
    const at = m.codegenName !== undefined ? child(m.origin, 'codegen', 'name') : m.origin;
    const fix = `Give one a name of its own: \`codegen: {name: ${fn}2}\`.`;
    const where = m.codegenName !== undefined ? 'value' : 'key';
    const first = seen.get(fn);
    if (first) {
      report(at, 'codegen-name-collision', `${capitalize(label(m))} and ${label(first)} would both become the function \`${fn}\` in generated code. ${fix}`, {
        at: where,
        related: [{ file: first.origin.file, message: `${label(first)} is defined here` }],
      });
      continue;
    }
    seen.set(fn, m);
    if (RESERVED_FUNCTIONS.has(fn) && m.kind !== 'identify' && m.kind !== 'group') {
      report(at, 'codegen-name-collision', `${capitalize(label(m))} would become the function \`${fn}\`, which generated clients use for themselves. ${fix}`, { at: where });
    }
  }
  // Validators and payload types are named after the function with its first letter raised:
  // `a` and `A` would share them.
  const raised = new Map<string, MessageDef>();
  for (const m of allMessages(plan)) {
    const key = pascal(functionName(m));
    const first = raised.get(key);
    if (first && functionName(first) !== functionName(m)) {
      const where = m.codegenName !== undefined ? 'value' : 'key';
      report(m.codegenName !== undefined ? child(m.origin, 'codegen', 'name') : m.origin, 'codegen-name-collision', `${capitalize(label(m))} (\`${functionName(m)}\`) and ${label(first)} (\`${functionName(first)}\`) differ only in the case of their first letter, which generated type and validator names do not keep. Rename one with \`codegen: {name: …}\`.`, { at: where });
    } else raised.set(key, m);
  }
  const payloadTypes = new Set(allMessages(plan).map(payloadTypeName));
  // `index.ts` exports the functions and the types side by side: a type may not share a
  // function's name (`orderCompleted`), or TypeScript refuses the file (TS2308).
  const functions = new Map(allMessages(plan).map((m) => [functionName(m), m]));
  for (const t of plan.types.values()) {
    // Built-in type names (`string`) are refused by the format check already.
    if ((PRIMITIVES as readonly string[]).includes(t.name)) continue;
    const message = functions.get(t.name);
    if (RESERVED_TYPES.has(t.name) || payloadTypes.has(t.name)) {
      report(t.origin, 'codegen-name-collision', `Type \`${t.name}\` has a name generated code needs (${RESERVED_TYPES.has(t.name) ? 'a TypeScript built-in or keyword, or a type of the client itself' : 'the properties type of a message'}). Rename it.`, { at: 'key' });
    } else if (CLIENT_VALUES.has(t.name)) {
      report(t.origin, 'codegen-name-collision', `Type \`${t.name}\` has the name of a function generated clients export beside their types. Rename it (type names are not sent).`, { at: 'key' });
    } else if (message) {
      report(t.origin, 'codegen-name-collision', `Type \`${t.name}\` has the name of the function generated for ${labelOf(message)}, exported beside it. Rename the type (type names are not sent), or give the ${message.kind === 'track' ? 'event' : message.kind} a function of its own: \`codegen: {name: …}\`.`, {
        at: 'key',
        related: [{ file: message.origin.file, message: `${labelOf(message)} is defined here` }],
      });
    }
  }
}

function labelOf(m: MessageDef): string {
  return m.kind === 'track' ? `event \`${m.name}\`` : m.kind === 'identify' || m.kind === 'group' ? m.kind : `${m.kind} \`${m.name}\``;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
