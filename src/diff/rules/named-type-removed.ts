import { defineDiffRule } from '../rule.js';

export default defineDiffRule({
  id: 'named-type-removed',
  category: 'type',
  impact: 'breaking',
  description: 'A named type (`types:`) was removed or renamed: generated clients export every named type, and code that imports it stops compiling.',
  covers: [],
  check(input, report) {
    for (const t of input.removedTypes) report({ base: t.origin, message: `type "${t.name}" was removed: generated clients no longer export it, and code that imports it stops compiling.` });
  },
});
