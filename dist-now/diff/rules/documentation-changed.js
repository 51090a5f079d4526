import { messageLabel } from '../../model/plan.js';
import { defineDiffRule, propName } from '../rule.js';
export default defineDiffRule({
    id: 'documentation-changed',
    category: 'event',
    impact: 'docs',
    description: 'A description, owner or label changed.',
    check(input, report) {
        for (const { base, head } of input.messages) {
            const what = [];
            if ((base.description ?? '') !== (head.description ?? ''))
                what.push('description');
            if ((base.owner ?? '') !== (head.owner ?? ''))
                what.push(`owner ${base.owner ?? '(none)'} → ${head.owner ?? '(none)'}`);
            if (JSON.stringify(base.labels) !== JSON.stringify(head.labels))
                what.push('labels');
            if (what.length > 0)
                report({ base: base.origin, head: head.origin, message: `${messageLabel(head)}: ${what.join(', ')} changed.` });
        }
        for (const p of input.properties) {
            if ((p.baseShape.description ?? '') !== (p.headShape.description ?? ''))
                report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)}: description changed.` });
        }
    },
});
//# sourceMappingURL=documentation-changed.js.map