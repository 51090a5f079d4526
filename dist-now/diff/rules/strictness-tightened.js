import { messageLabel } from '../../model/plan.js';
import { openObject } from '../compare.js';
import { defineDiffRule, propName } from '../rule.js';
export default defineDiffRule({
    id: 'strictness-tightened',
    category: 'property',
    impact: 'breaking',
    description: 'A message or object that let unlisted keys through no longer does (`strict`, `additionalProperties`).',
    check(input, report) {
        for (const { base, head } of input.messages) {
            if (!base.strict && head.strict)
                report({ base: base.origin, head: head.origin, message: `${messageLabel(head)} became strict: properties not in the plan are now violations.` });
        }
        for (const p of input.properties) {
            if (!p.baseShape.properties && !p.headShape.properties)
                continue;
            if (openObject(p.baseShape, p.message.strict) && !openObject(p.headShape, p.message.strict)) {
                report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} no longer allows keys it does not list.` });
            }
        }
    },
});
//# sourceMappingURL=strictness-tightened.js.map