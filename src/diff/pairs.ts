import { type Field, type MessageDef, messagesInPlanOrder, type Plan, resolveNamed, type Shape } from '../model/plan.js';
import type { DiffInput, PropertyPair } from './rule.js';

const key = (m: MessageDef) => `${m.kind}\u0000${m.name}`;
const place = (s: Shape) => `${s.origin.file}\u0000${s.origin.path.join('\u0000')}`;

/** The names `resolveNamed` follows from a shape (an alias chain: `Price` → `Money`). */
function namesFollowed(plan: Plan, shape: Shape): string[] {
  const names: string[] = [];
  for (let i = 0; i < 10 && shape.types.length === 1 && shape.types[0]!.kind === 'named'; i++) {
    const t = plan.types.get(shape.types[0]!.name);
    if (!t) break;
    names.push(t.name);
    shape = t.shape;
  }
  return names;
}

/** Values written inside a named type follow the plan's `strict`, others their message's (as compile does). */
const strictOf = (plan: Plan, message: MessageDef, shape: Shape) => (shape.origin.path[0] === 'types' ? plan.strict : message.strict);

/** Array items and an object's typed other keys, compared like properties (`tags[]`, `attrs.*`). */
const inner = (name: string, shape: Shape, required: boolean): Field => ({ name, required, shape, origin: shape.origin });

/**
 * Match two versions of a plan: messages by kind and exact name, properties by name at every
 * depth (named types followed), array items and typed other keys as properties of their own.
 */
export function pairPlans(base: Plan, head: Plan): DiffInput {
  const headByKey = new Map(messagesInPlanOrder(head).map((m) => [key(m), m]));
  const baseByKey = new Map(messagesInPlanOrder(base).map((m) => [key(m), m]));
  const comparedTypes = new Set<string>();
  const input: DiffInput = {
    base, head, messages: [], removedMessages: [], addedMessages: [], properties: [], removedProperties: [], addedProperties: [],
    removedTypes: [...base.types.values()].filter((t) => !head.types.has(t.name)),
    addedTypes: [...head.types.values()].filter((t) => !base.types.has(t.name)),
    comparedTypes,
  };
  for (const b of messagesInPlanOrder(base)) {
    const h = headByKey.get(key(b));
    if (h) input.messages.push({ base: b, head: h });
    else input.removedMessages.push(b);
  }
  for (const h of messagesInPlanOrder(head)) if (!baseByKey.has(key(h))) input.addedMessages.push(h);

  for (const { base: bm, head: message } of input.messages) {
    // Pairs of places (base, head) already looked inside in this message. A named type or shared
    // definition used at many places is looked inside once, at its first place (its properties'
    // changes are reported there): a type that holds itself stops, and work stays linear in the
    // plan's size however types nest types.
    const looked = new Set<string>();
    const fields = (bf: readonly Field[], hf: readonly Field[], prefix: string) => {
      const hm = new Map(hf.map((f) => [f.name, f]));
      const bmap = new Map(bf.map((f) => [f.name, f]));
      for (const b of bf) {
        const where = prefix ? `${prefix}.${b.name}` : b.name;
        const h = hm.get(b.name);
        if (h) pair(where, b, h);
        else input.removedProperties.push({ message, where, field: b, required: b.required });
      }
      for (const h of hf) if (!bmap.has(h.name)) input.addedProperties.push({ message, where: prefix ? `${prefix}.${h.name}` : h.name, field: h });
    };
    const pair = (where: string, b: Field, h: Field) => {
      const bNames = namesFollowed(base, b.shape);
      const hNames = namesFollowed(head, h.shape);
      for (const n of bNames) if (hNames.includes(n)) comparedTypes.add(n);
      const baseShape = resolveNamed(base, b.shape);
      const headShape = resolveNamed(head, h.shape);
      const p: PropertyPair = { message, where, base: b, head: h, baseShape, headShape, baseStrict: strictOf(base, bm, baseShape), headStrict: strictOf(head, message, headShape) };
      input.properties.push(p);
      const id = `${place(baseShape)}\u0001${place(headShape)}`;
      if (looked.has(id)) return;
      looked.add(id);
      if (baseShape.properties || headShape.properties) fields(baseShape.properties ?? [], headShape.properties ?? [], where);
      if (baseShape.items && headShape.items) pair(`${where}[]`, inner('[]', baseShape.items, true), inner('[]', headShape.items, true));
      const bx = baseShape.additionalProperties;
      const hx = headShape.additionalProperties;
      if (typeof bx === 'object' && typeof hx === 'object') pair(`${where}.*`, inner('*', bx, false), inner('*', hx, false));
    };
    fields(bm.fields, message.fields, '');
  }
  return input;
}
