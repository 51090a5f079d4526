import { messageLabel } from '../../model/plan.js';
import { defineDiffRule } from '../rule.js';

export default defineDiffRule({
  id: 'message-added',
  category: 'event',
  impact: 'addition',
  description: 'An event, page, screen or trait set was added.',
  covers: [],
  check(input, report) {
    for (const m of input.addedMessages) report({ head: m.origin, message: `${messageLabel(m)} was added.` });
  },
});
