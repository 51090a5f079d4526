import { messageLabel } from '../../model/plan.js';
import { defineDiffRule } from '../rule.js';

export default defineDiffRule({
  id: 'message-removed',
  category: 'event',
  impact: 'breaking',
  description: 'An event, page, screen or trait set was removed (or renamed): data and dashboards built on it stop.',
  covers: [],
  check(input, report) {
    for (const m of input.removedMessages) report({ base: m.origin, message: `${messageLabel(m)} was removed.` });
  },
});
