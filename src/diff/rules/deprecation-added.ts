import { messageLabel } from '../../model/plan.js';
import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'deprecation-added',
  category: 'event',
  impact: 'addition',
  description: 'An event, page, screen or property was deprecated: senders should move off it before it is removed.',
  covers: ['deprecated'],
  check(input, report) {
    for (const { base, head } of input.messages) {
      if (base.deprecated === undefined && head.deprecated !== undefined) report({ base: base.origin, head: head.origin, message: `${messageLabel(head)} was deprecated${typeof head.deprecated === 'string' ? `: ${head.deprecated}` : '.'}` });
    }
    for (const p of input.properties) {
      if (p.baseShape.deprecated === undefined && p.headShape.deprecated !== undefined) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} was deprecated.` });
    }
  },
});
