import { type Field, type MessageDef, messageLabel, messagesInPlanOrder, type Plan, type Shape } from '../model/plan.js';

/** Where a property was met: in a message, the shared library or a named type. */
export interface PropertyVisit {
  field: Field;
  /** The message it belongs to, when it is a message's (at any depth). */
  message?: MessageDef;
  /** `properties`, `types` or the message; for messages, which. */
  owner: string;
  depth: number;
}

/** Visit every property the plan file itself defines (not imported ones), nested ones too. */
export function* properties(plan: Plan): Generator<PropertyVisit> {
  const own = (f: Field) => f.origin.file === plan.file;
  function* nested(shape: Shape | undefined, owner: string, message: MessageDef | undefined, depth: number): Generator<PropertyVisit> {
    if (!shape) return;
    for (const f of shape.properties ?? []) {
      if (own(f)) yield { field: f, owner, depth, ...(message ? { message } : {}) };
      yield* nested(f.shape, owner, message, depth + 1);
    }
    yield* nested(shape.items, owner, message, depth);
  }
  for (const m of messagesInPlanOrder(plan)) {
    for (const f of m.fields) {
      if (own(f)) yield { field: f, message: m, owner: messageLabel(m), depth: 0 };
      yield* nested(f.shape, messageLabel(m), m, 1);
    }
  }
  for (const f of plan.sharedProperties.values()) {
    if (own(f)) yield { field: f, owner: 'the shared properties', depth: 0 };
    yield* nested(f.shape, 'the shared properties', undefined, 1);
  }
  for (const t of plan.types.values()) if (t.origin.file === plan.file) yield* nested(t.shape, `type ${t.name}`, undefined, 1);
}
