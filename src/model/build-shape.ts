import { didYouMean } from '../diagnostics/suggest.js';
import { asMap, type BuildContext, bool, child, num, own, str } from './context.js';
import { checkShape } from './check-shape.js';
import { type Field, FORMATS, type Format, type Origin, PRIMITIVES, type Primitive, type Shape, type TypeRef } from './plan.js';

/** Where each key of a (possibly merged) raw definition was written. */
type KeyOrigin = (key: string) => Origin;

/**
 * Build the Shape of one raw definition: a type-name shorthand (`number`) or a definition map.
 * `keyOrigin` lets a usage that refines a shared property report each key where it was written.
 */
export function buildShape(raw: unknown, origin: Origin, ctx: BuildContext, keyOrigin: KeyOrigin = (k) => child(origin, k)): Shape | undefined {
  if (typeof raw === 'string' || Array.isArray(raw)) {
    const types = parseTypes(raw, origin, ctx);
    return types && { types, nullable: false, origin };
  }
  const def = asMap(raw);
  if (!def) return undefined;
  const at = keyOrigin;
  const typeRaw = own(def, 'type');
  let types: TypeRef[] | undefined = [];
  if (typeRaw !== undefined) types = parseTypes(typeRaw, at('type'), ctx);
  else if (own(def, 'schema') === undefined) {
    ctx.report(origin, 'missing-type', 'This definition has no `type`. Add one, e.g. `type: string`, or a raw `schema:`.');
    types = undefined;
  }
  if (!types) return undefined;

  const shape: Shape & Record<string, unknown> = { types, nullable: bool(own(def, 'nullable')) ?? false, origin };
  const copy = <K extends keyof Shape>(key: K, value: Shape[K] | undefined) => {
    if (value !== undefined) shape[key] = value as never;
  };
  copy('description', str(own(def, 'description')));
  const enumRaw = own(def, 'enum');
  copy('enum', Array.isArray(enumRaw) ? enumRaw : undefined);
  if (own(def, 'const') !== undefined) shape.const = { value: own(def, 'const') };
  copy('pattern', str(own(def, 'pattern')));
  const format = str(own(def, 'format'));
  copy('format', format && (FORMATS as readonly string[]).includes(format) ? (format as Format) : undefined);
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    copy(k, num(own(def, k)));
  }
  copy('uniqueItems', bool(own(def, 'uniqueItems')));
  const items = own(def, 'items');
  if (items !== undefined) copy('items', buildItem(items, at('items'), ctx));
  const props = own(def, 'properties');
  if (props !== undefined) copy('properties', buildFields(asMap(props) ?? {}, at('properties'), ctx, 'nested'));
  const extra = own(def, 'additionalProperties');
  if (typeof extra === 'boolean') shape.additionalProperties = extra;
  else if (extra !== undefined) copy('additionalProperties', buildItem(extra, at('additionalProperties'), ctx));
  const examples = own(def, 'examples');
  copy('examples', Array.isArray(examples) ? examples : undefined);
  const dep = own(def, 'deprecated');
  copy('deprecated', dep === true ? true : typeof dep === 'string' ? dep : undefined);
  copy('schema', asMap(own(def, 'schema')));
  checkShape(shape, at, ctx);
  return shape;
}

/** An `items:` or `additionalProperties:` definition; `null` there means nothing useful. */
function buildItem(raw: unknown, origin: Origin, ctx: BuildContext): Shape | undefined {
  if (raw === null) {
    const key = origin.path[origin.path.length - 1];
    ctx.report(origin, 'missing-type', key === 'items' ? 'Give the type of the elements, e.g. `items: string`.' : 'Give the type of the other keys, e.g. `additionalProperties: string`, or `true` for any.');
    return undefined;
  }
  return buildShape(raw, origin, ctx);
}

/**
 * Build the fields of a property map. Outside the shared library itself, an entry with no
 * `type` takes the shared `properties:` entry of the same name, refined by its own keys.
 */
export function buildFields(map: Record<string, unknown>, origin: Origin, ctx: BuildContext, where: 'message' | 'nested' | 'library'): Field[] {
  const fields: Field[] = [];
  for (const name of Object.keys(map)) {
    const fieldOrigin = child(origin, name);
    const raw = map[name];
    const def = asMap(raw);
    // A `schema:` fragment alone is a whole definition only where no shared one exists to refine.
    const ownSchema = def !== undefined && own(def, 'schema') !== undefined && (where === 'library' || !ctx.rawShared.has(name));
    const typed = typeof raw === 'string' || Array.isArray(raw) || (def !== undefined && own(def, 'type') !== undefined) || ownSchema;
    if (typed || where === 'library') {
      if (!typed && where === 'library') {
        ctx.report(fieldOrigin, 'missing-type', `Shared property \`${name}\` needs a \`type\` (e.g. \`type: string\`): entries of \`properties:\` are the definitions others refer to.`);
        continue;
      }
      const shape = buildShape(raw, fieldOrigin, ctx);
      if (shape) fields.push({ name, required: (def && bool(own(def, 'required'))) ?? false, shape, origin: fieldOrigin });
      continue;
    }
    if (raw !== null && !def) continue; // a wrong value type; the format check reported it
    const shared = ctx.rawShared.get(name);
    const sharedDef = shared && normalise(shared.raw);
    if (!shared || !sharedDef) {
      if (!shared) {
        const hint = didYouMean(name, ctx.rawShared.keys());
        ctx.report(fieldOrigin, 'missing-type', `Property \`${name}\` has no type and there is no shared property \`${name}\` in \`properties:\`.${hint || ` Give it a type (\`${name}: string\`) or add it to \`properties:\`.`}`, { at: 'key', undefinedName: true });
      }
      continue;
    }
    if (ctx.expanding.includes(name)) {
      const chain = [...ctx.expanding.slice(ctx.expanding.indexOf(name)), name].join(' → ');
      ctx.report(fieldOrigin, 'shared-property-cycle', `Shared property \`${name}\` contains itself (${chain}). For recursive data, define a type under \`types:\` and refer to it by name.`, { at: 'key' });
      continue;
    }
    // Keys written here override the shared definition's (a shallow merge, documented in the README).
    const merged: Record<string, unknown> = Object.assign(Object.create(null), sharedDef, def ?? {});
    const keyOrigin: KeyOrigin = (k) => (def && own(def, k) !== undefined ? child(fieldOrigin, k) : child(shared.origin, k));
    ctx.expanding.push(name);
    const shape = buildShape(merged, fieldOrigin, ctx, keyOrigin);
    ctx.expanding.pop();
    if (shape) {
      fields.push({ name, required: bool(own(merged, 'required')) ?? false, shape, origin: fieldOrigin, shared: shared.origin });
    }
  }
  return fields;
}

/** A shared definition as a map: the shorthand `price: number` is `{type: number}`. */
function normalise(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw === 'string' || Array.isArray(raw)) return Object.assign(Object.create(null), { type: raw });
  return asMap(raw);
}

function parseTypes(raw: unknown, origin: Origin, ctx: BuildContext): TypeRef[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  const out: TypeRef[] = [];
  let ok = true;
  list.forEach((t, i) => {
    const at = Array.isArray(raw) ? child(origin, i) : origin;
    if (typeof t !== 'string') {
      ok = false;
      return;
    }
    if ((PRIMITIVES as readonly string[]).includes(t)) out.push({ kind: 'primitive', name: t as Primitive });
    else if (ctx.rawTypes.has(t)) out.push({ kind: 'named', name: t });
    else {
      ok = false;
      const hint = didYouMean(t, [...PRIMITIVES, ...ctx.rawTypes.keys()]);
      ctx.report(at, 'unknown-type', `Unknown type \`${t}\`.${hint || ` Use one of ${PRIMITIVES.join(', ')}, or define \`${t}\` under \`types:\`.`}`, { undefinedName: true });
    }
  });
  return ok && out.length > 0 ? out : undefined;
}
