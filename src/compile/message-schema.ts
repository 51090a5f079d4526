import type { MessageDef, Plan } from '../model/plan.js';
import { effectiveFields } from '../model/segment-spec.js';
import { embedFragment } from './fragment-schema.js';
import { type Draft, formatSyntax, type JsonSchema, objectSchema, type SchemaContext, schemaContext, shapeSchema } from './shape-schema.js';

const SCHEMA_URI: Record<Draft, string> = {
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

const isoTime: JsonSchema = { type: 'string', format: 'date-time' };
formatSyntax('date-time', isoTime);
const nullableId = { type: ['string', 'null'] };

/** The JSON Schema of a whole Segment message (envelope included) for one message definition. */
export function messageSchema(plan: Plan, message: MessageDef, draft: Draft): JsonSchema {
  const ctx = schemaContext(draft);
  const payloadKey = message.kind === 'identify' || message.kind === 'group' ? 'traits' : 'properties';
  const payload = objectSchema(effectiveFields(message), message.strict, ctx);

  const properties: JsonSchema = {
    type: { const: message.kind },
    [payloadKey]: payload,
    userId: nullableId,
    anonymousId: nullableId,
    messageId: { type: 'string' },
    timestamp: isoTime,
    originalTimestamp: isoTime,
    sentAt: isoTime,
    receivedAt: isoTime,
    context: { type: 'object' },
    integrations: { type: 'object' },
  };
  const required = ['type'];
  if (message.kind === 'track') {
    properties['event'] = { const: message.name };
    required.push('event');
  }
  if (message.kind === 'page' || message.kind === 'screen') {
    properties['name'] = { const: message.name };
    required.push('name');
  }
  if (message.kind === 'group') {
    properties['groupId'] = { type: 'string', minLength: 1 };
    required.push('groupId');
  }
  if (message.fields.some((f) => f.required)) required.push(payloadKey);

  const schema: JsonSchema = {
    $schema: SCHEMA_URI[draft],
    title: title(message),
    type: 'object',
    properties,
    required: required.sort(),
    // analytics.js sends `userId: null` before identify, so "one of them is present" means a non-empty string.
    anyOf: [
      { required: ['userId'], properties: { userId: { type: 'string', minLength: 1 } } },
      { required: ['anonymousId'], properties: { anonymousId: { type: 'string', minLength: 1 } } },
    ],
  };
  if (message.description !== undefined) schema['description'] = message.description;
  if (message.deprecated !== undefined) {
    schema['deprecated'] = true;
    if (typeof message.deprecated === 'string') schema['$comment'] = `Deprecated: ${message.deprecated}`;
  }
  const defs = definitions(plan, ctx);
  if (Object.keys(defs).length > 0) schema[draft === 'draft-07' ? 'definitions' : '$defs'] = defs;
  return schema;
}

/** The named types and raw fragments a schema uses, transitively, so each file stands alone. */
function definitions(plan: Plan, ctx: SchemaContext): JsonSchema {
  const defs: JsonSchema = {};
  const done = new Set<string>();
  let pending = [...ctx.refs];
  while (pending.length > 0) {
    for (const name of pending) {
      done.add(name);
      const t = plan.types.get(name);
      // defineProperty: a type named `__proto__` must be a key, not the object's prototype.
      if (t) Object.defineProperty(defs, name, { value: { title: name, ...shapeSchema(t.shape, plan.strict, ctx) }, enumerable: true, writable: true, configurable: true });
    }
    pending = [...ctx.refs].filter((n) => !done.has(n));
  }
  // Keys of fragments have a `-`, which type names cannot have.
  for (const f of ctx.fragments.values()) defs[f.key] = embedFragment(f.schema, f.id, f.types ?? []);
  return defs;
}

function title(m: MessageDef): string {
  return m.kind === 'identify' ? 'Identify' : m.kind === 'group' ? 'Group' : m.name;
}
