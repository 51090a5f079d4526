import { type CasingStyle, casing, casingOptionError } from '../casing.js';
import { defineRule } from '../rule.js';
import { properties } from '../walk.js';

export default defineRule<{ style: CasingStyle }>({
  id: 'enum-value-casing',
  description: 'Text enum values follow one casing (default: snake_case, as in "copy_link"); stray spaces around a value are fixed by --fix.',
  defaultSeverity: 'warn',
  recommended: true,
  defaultOptions: { style: 'snake' },
  validateOptions: (o) => casingOptionError((o as { style?: unknown }).style),
  check(plan, ctx) {
    const c = casing(ctx.options.style);
    for (const { field, owner } of properties(plan)) {
      const values = field.shape.enum;
      if (!values) continue;
      // The enum may come from a shared definition; report where it is written.
      const enumOrigin = field.shape.origin;
      values.forEach((v, i) => {
        if (typeof v !== 'string') return;
        const at = { file: enumOrigin.file, path: [...enumOrigin.path, 'enum', i] };
        if (v.trim() !== v) {
          ctx.report({ origin: at, message: `Enum value ${JSON.stringify(v)} of "${field.name}" (${owner}) has spaces around it.`, fix: { origin: at, value: v.trim() } });
        } else if (hasLetter(v) && !c.test(v)) {
          ctx.report({ origin: at, message: `Enum value ${JSON.stringify(v)} of "${field.name}" (${owner}) is not in ${c.label}.` });
        }
      });
    }
  },
});

/** Casing is about letters: a value with none ("1" to "5", a star rating sent as text; "2024") has no casing to check. */
function hasLetter(v: string): boolean {
  return /\p{L}/u.test(v);
}
