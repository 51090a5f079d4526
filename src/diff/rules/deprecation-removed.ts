import { messageLabel } from '../../model/plan.js';
import { defineDiffRule, propName } from '../rule.js';

/**
 * Documentation: nothing admitted or guaranteed changes, senders may simply keep sending it, and
 * generated code only loses a `@deprecated` tag (semver calls deprecating minor, not undoing it).
 */
export default defineDiffRule({
  id: 'deprecation-removed',
  category: 'event',
  impact: 'docs',
  description: 'An event, page, screen or property is no longer deprecated.',
  covers: ['deprecated'],
  check(input, report) {
    for (const { base, head } of input.messages) {
      if (base.deprecated !== undefined && head.deprecated === undefined) report({ base: base.origin, head: head.origin, message: `${messageLabel(head)} is no longer deprecated.` });
    }
    for (const p of input.properties) {
      if (p.baseShape.deprecated !== undefined && p.headShape.deprecated === undefined) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} is no longer deprecated.` });
    }
  },
});
