import type { Field, MessageDef, Plan, Shape } from '../model/plan.js';
import type { DiffInput, PropertyPair } from './rule.js';

const key = (m: MessageDef) => `${m.kind}\u0000${m.name}`;

function messagesOf(plan: Plan): MessageDef[] {
  return [...plan.events, ...plan.pages, ...plan.screens, ...(plan.identify ? [plan.identify] : []), ...(plan.group ? [plan.group] : [])];
}

/** A shape with named types resolved (one level at a time; recursion stops at a repeat). */
function resolve(plan: Plan, shape: Shape): Shape {
  for (let i = 0; i < 10 && shape.types.length === 1 && shape.types[0]!.kind === 'named'; i++) {
    const t = plan.types.get(shape.types[0]!.name);
    if (!t) break;
    shape = { ...t.shape, ...(shape.nullable ? { nullable: true } : {}) };
  }
  return shape;
}

/** Match two versions of a plan: messages by kind and exact name, properties by name at every depth. */
export function pairPlans(base: Plan, head: Plan): DiffInput {
  const headByKey = new Map(messagesOf(head).map((m) => [key(m), m]));
  const baseByKey = new Map(messagesOf(base).map((m) => [key(m), m]));
  const input: DiffInput = { base, head, messages: [], removedMessages: [], addedMessages: [], properties: [], removedProperties: [], addedProperties: [] };
  for (const b of messagesOf(base)) {
    const h = headByKey.get(key(b));
    if (h) input.messages.push({ base: b, head: h });
    else input.removedMessages.push(b);
  }
  for (const h of messagesOf(head)) if (!baseByKey.has(key(h))) input.addedMessages.push(h);

  const fields = (message: MessageDef, bf: readonly Field[], hf: readonly Field[], prefix: string, seen: Set<string>) => {
    const hm = new Map(hf.map((f) => [f.name, f]));
    const bm = new Map(bf.map((f) => [f.name, f]));
    for (const b of bf) {
      const where = prefix ? `${prefix}.${b.name}` : b.name;
      const h = hm.get(b.name);
      if (!h) {
        input.removedProperties.push({ message, where, field: b, required: b.required });
        continue;
      }
      const pair: PropertyPair = { message, where, base: b, head: h, baseShape: resolve(base, b.shape), headShape: resolve(head, h.shape) };
      input.properties.push(pair);
      shapes(message, pair.baseShape, pair.headShape, where, seen);
    }
    for (const h of hf) if (!bm.has(h.name)) input.addedProperties.push({ message, where: prefix ? `${prefix}.${h.name}` : h.name, field: h });
  };
  const shapes = (message: MessageDef, b: Shape, h: Shape, where: string, seen: Set<string>) => {
    // Recursive types would recurse forever: compare each place of a message once.
    if (seen.has(where) || where.split('.').length > 12) return;
    seen.add(where);
    if (b.properties || h.properties) fields(message, b.properties ?? [], h.properties ?? [], where, seen);
    if (b.items && h.items) shapes(message, resolve(base, b.items), resolve(head, h.items), `${where}[]`, seen);
  };
  for (const { base: b, head: h } of input.messages) fields(h, b.fields, h.fields, '', new Set());
  return input;
}
