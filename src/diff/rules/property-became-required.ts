import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'property-became-required',
  category: 'property',
  impact: 'breaking',
  description: 'An optional property became required: messages without it, valid before, are now violations.',
  covers: ['required'],
  check(input, report) {
    for (const p of input.properties) if (!p.base.required && p.head.required) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} became required.` });
  },
});
