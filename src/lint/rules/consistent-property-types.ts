import type { Shape } from '../../model/plan.js';
import { defineRule } from '../rule.js';
import { properties } from '../walk.js';

/** What must agree between two properties of the same name: types, enum, format. */
function signature(s: Shape): string {
  const types = s.types.map((t) => t.name).sort().join('|') + (s.nullable ? '|null' : '');
  const en = s.enum ? ` enum ${JSON.stringify([...s.enum].map(String).sort())}` : '';
  const fmt = s.format ? ` format ${s.format}` : '';
  return `${types}${en}${fmt}`;
}

export default defineRule<{ allow: string[] }>({
  id: 'consistent-property-types',
  description: 'A property name means one thing: the same type, enum and format in every message (and the shared library) that has it.',
  defaultSeverity: 'error',
  recommended: true,
  // `allow`: names a plan knowingly types two ways because a published spec does (Segment's
  // `position`: a slot name on promotions, a number on product events).
  defaultOptions: { allow: [] },
  validateOptions: (o) => {
    const a = (o as { allow?: unknown }).allow;
    return a === undefined || (Array.isArray(a) && a.every((n) => typeof n === 'string' && n !== '')) ? undefined : 'allow must be a list of property names';
  },
  check(plan, ctx) {
    const allowed = new Set(ctx.options.allow);
    const groups = new Map<string, Map<string, { owner: string; origin: { file: string; path: readonly (string | number)[] } }[]>>();
    // Top-level properties and the shared library: a nested key (filters[].value) lives in
    // its object's own namespace.
    for (const v of properties(plan)) {
      if (v.depth > 0 || allowed.has(v.field.name)) continue;
      const sig = signature(v.field.shape);
      const bySig = groups.get(v.field.name) ?? new Map();
      groups.set(v.field.name, bySig);
      const list = bySig.get(sig) ?? [];
      bySig.set(sig, list);
      list.push({ owner: v.owner, origin: v.field.origin });
    }
    for (const [name, bySig] of groups) {
      if (bySig.size < 2) continue;
      // The most common definition is the reference; every other place is named.
      const sorted = [...bySig].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
      const [refSig, refPlaces] = sorted[0]!;
      for (const [sig, places] of sorted.slice(1)) {
        for (const p of places) {
          ctx.report({
            origin: p.origin,
            at: 'key',
            message: `Property "${name}" of ${p.owner} is ${sig}, but ${refSig} in ${refPlaces.map((r) => r.owner).slice(0, 3).join(', ')}${refPlaces.length > 3 ? ` and ${refPlaces.length - 3} more` : ''}. Use one definition (a shared property).`,
          });
        }
      }
    }
  },
});
