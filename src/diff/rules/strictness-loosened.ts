import { messageLabel } from '../../model/plan.js';
import { openness, OPENNESS_RANK } from '../compare.js';
import { defineDiffRule, propName } from '../rule.js';

/**
 * An addition, like any loosening: every message valid before still is, and nothing a reader
 * read (the listed properties, their types) changes; only keys outside the plan stop being violations.
 */
export default defineDiffRule({
  id: 'strictness-loosened',
  category: 'property',
  impact: 'addition',
  description: 'A message or object that refused unlisted keys (or typed them) now lets them through (`strict`, `additionalProperties`).',
  covers: ['strict', 'openness'],
  check(input, report) {
    for (const { base, head } of input.messages) {
      if (base.strict && !head.strict) report({ base: base.origin, head: head.origin, message: `${messageLabel(head)} is no longer strict: properties not in the plan are no longer violations.` });
    }
    for (const p of input.properties) {
      const b = openness(p.baseShape, p.baseStrict);
      const h = openness(p.headShape, p.headStrict);
      if (!b || !h || OPENNESS_RANK[h] <= OPENNESS_RANK[b]) continue;
      const what = h === 'open' ? 'now allows keys it does not list, of any type' : 'now allows keys it does not list, of the type `additionalProperties` gives';
      report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} ${what}.` });
    }
  },
});
