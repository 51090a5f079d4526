import { defineDiffRule } from '../rule.js';

export default defineDiffRule({
  id: 'named-type-added',
  category: 'type',
  impact: 'addition',
  description: 'A named type (`types:`) was added: generated clients export one more type.',
  covers: [],
  check(input, report) {
    for (const t of input.addedTypes) report({ head: t.origin, message: `type "${t.name}" was added.` });
  },
});
