import { defineDiffRule, name } from '../rule.js';

export default defineDiffRule({
  id: 'message-added',
  category: 'event',
  impact: 'addition',
  description: 'An event, page, screen or trait set was added.',
  check(input, report) {
    for (const m of input.addedMessages) report({ head: m.origin, message: `${name(m)} was added.` });
  },
});
