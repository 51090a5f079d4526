import type { Diagnostic, PlanPath } from '../diagnostics/diagnostic.js';

/** Converts Segment's JSON Schema rules into plan property definitions, noting everything it cannot keep as such. */
export class SchemaConverter {
  readonly notes: Diagnostic[] = [];

  /** `definitions` of the rule being converted, for `$ref: '#/definitions/X'`. */
  definitions: Record<string, unknown> = {};
  #refDepth = 0;

  constructor(private readonly file: string) {}

  note(path: PlanPath, code: string, message: string, severity: Diagnostic['severity'] = 'info'): void {
    this.notes.push({ code, severity, message, file: this.file, path });
  }

  /** `properties` + `required` of an object schema as a plan property map. */
  properties(schema: Record<string, unknown>, path: PlanPath): Record<string, unknown> {
    const props = isMap(schema['properties']) ? schema['properties'] : {};
    const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : []);
    const out: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(props)) {
      const converted = this.definition(isMap(def) ? def : {}, [...path, 'properties', name]);
      if (required.has(name)) converted['required'] = true;
      define(out, name, converted);
    }
    for (const r of required) {
      if (Object.prototype.hasOwnProperty.call(props, r)) continue;
      this.note([...path, 'required'], 'unconverted', `\`required\` names \`${r}\`, which has no definition; it is required with any type.`, 'warn');
      define(out, r, { type: 'any', required: true });
    }
    return out;
  }

  /** One property's JSON Schema as a plan definition. */
  definition(s: Record<string, unknown>, path: PlanPath): Record<string, unknown> {
    // `$ref` into the rule's own definitions: inline it (plans have no references).
    const ref = typeof s['$ref'] === 'string' ? /^#\/(?:definitions|\$defs)\/(.+)$/.exec(s['$ref'] as string) : null;
    const target = ref ? this.definitions[decodeURIComponent(ref[1]!)] : undefined;
    if (ref && isMap(target) && this.#refDepth < 8) {
      this.#refDepth++;
      const { $ref: _ref, ...rest } = s;
      const inlined = this.definition({ ...target, ...rest }, path);
      this.#refDepth--;
      this.note(path, 'inlined-ref', `\`$ref: ${s['$ref'] as string}\` is written out here (plans have no references; use \`types:\` to share it).`);
      return inlined;
    }
    const out: Record<string, unknown> = {};
    const raw: Record<string, unknown> = {};
    let types = typeList(s['type']);
    const nullable = types?.includes('null') ?? false;
    if (types) types = types.filter((t) => t !== 'null');
    if (!types || types.length === 0) {
      // Segment leaves `type` out for "any"; an object or array shows itself by its keywords.
      types = nullable && types?.length === 0 ? ['null'] : s['properties'] !== undefined ? ['object'] : s['items'] !== undefined ? ['array'] : ['any'];
    }
    out['type'] = types.length === 1 ? types[0] : types;
    if (nullable && !(types.length === 1 && types[0] === 'null')) out['nullable'] = true;
    for (const [k, v] of Object.entries(s)) {
      switch (k) {
        case 'type':
          break;
        case 'description':
          if (typeof v === 'string') {
            if (v.trim() !== '') out['description'] = v;
          } else this.note([...path, k], 'unconverted', 'A `description` that is not text is not kept.', 'warn');
          break;
        case 'enum':
          // Segment lists null among enum values of nullable properties; `nullable` says that.
          if (Array.isArray(v)) {
            const values = v.filter((x) => x !== null);
            if (values.length < v.length && !(types.length === 1 && types[0] === 'null')) out['nullable'] = true;
            if (values.length > 0) out['enum'] = values;
            else {
              // Only null is allowed.
              out['type'] = 'null';
              delete out['nullable'];
            }
          } else raw[k] = v;
          break;
        case 'examples':
          if (Array.isArray(v)) out[k] = v;
          else this.note([...path, k], 'unconverted', '`examples` that is not a list is not kept.', 'warn');
          break;
        case 'definitions':
        case '$defs':
          break; // inlined where referenced
        case 'const':
        case 'pattern':
        case 'format':
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
        case 'minLength':
        case 'maxLength':
        case 'minItems':
        case 'maxItems':
        case 'uniqueItems':
          out[k] = v;
          break;
        case 'items':
          if (isMap(v)) out['items'] = this.definition(v, [...path, 'items']);
          else raw[k] = v;
          break;
        case 'properties':
          // `properties: {}` declares nothing: an object with any keys, as JSON Schema reads it.
          if (isMap(v) && (Object.keys(v).length > 0 || Array.isArray(s['required']))) out['properties'] = this.properties(s, path);
          break;
        case 'required':
          if (s['properties'] === undefined) raw[k] = v;
          break;
        case 'additionalProperties':
          if (typeof v === 'boolean') out[k] = v;
          else if (isMap(v)) out[k] = this.definition(v, [...path, k]);
          break;
        case 'id':
        case 'key':
        case '$id':
        case '$schema':
        case '$comment':
          // Identifiers and annotations of Segment's editor: no meaning in a plan.
          this.note([...path, k], 'dropped-annotation', `\`${k}\` is an annotation of Segment's editor with no meaning in a plan; not kept.`);
          break;
        default:
          raw[k] = v;
      }
    }
    if (typeof out['format'] === 'string' && !FORMATS.has(out['format'])) {
      raw['format'] = out['format'];
      delete out['format'];
    }
    if (Object.keys(raw).length > 0) {
      this.carryDefinitions(raw);
      out['schema'] = raw;
      this.note(path, 'kept-as-schema', `Kept ${Object.keys(raw).map((k) => `\`${k}\``).join(', ')} as a raw \`schema:\` fragment (the plan format has no equivalent).`);
    }
    return out;
  }

  /**
   * A raw fragment stands alone (`check` compiles it on its own), so the rule's definitions
   * it refers to (`$ref: '#/definitions/Money'`), and theirs, go into it under the same
   * pointer: the reference then means in the fragment what it meant in the rule.
   */
  private carryDefinitions(raw: Record<string, unknown>): void {
    const wanted = new Map<string, Set<string>>();
    const scan = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(scan);
      else if (isMap(v)) {
        for (const [k, x] of Object.entries(v)) {
          const m = k === '$ref' && typeof x === 'string' ? /^#\/(definitions|\$defs)\/([^/]+)$/.exec(x) : null;
          if (m) {
            let name: string;
            try {
              name = decodeURIComponent(m[2]!).replace(/~1/g, '/').replace(/~0/g, '~');
            } catch {
              continue;
            }
            const seen = wanted.get(m[1]!) ?? new Set<string>();
            wanted.set(m[1]!, seen);
            if (seen.has(name) || !Object.prototype.hasOwnProperty.call(this.definitions, name)) continue;
            seen.add(name);
            scan(this.definitions[name]);
          } else scan(x);
        }
      }
    };
    scan(raw);
    for (const [container, names] of wanted) {
      const own = isMap(raw[container]) ? raw[container] : {};
      const carried: Record<string, unknown> = {};
      for (const n of [...names].sort()) if (!Object.prototype.hasOwnProperty.call(own, n)) define(carried, n, this.definitions[n]);
      if (Object.keys(carried).length > 0) define(raw, container, { ...carried, ...own });
    }
  }
}

const FORMATS = new Set(['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'hostname']);

function typeList(t: unknown): string[] | undefined {
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return undefined;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Set a key that may be `__proto__` as data. */
export function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
