import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'required-property-added',
  category: 'property',
  impact: 'breaking',
  description: 'A required property was added: every sender that does not send it yet now sends invalid messages.',
  covers: [],
  check(input, report) {
    for (const p of input.addedProperties) if (p.field.required) report({ head: p.field.origin, message: `${propName(p.message, p.where)} was added as required; senders that do not send it fail.` });
  },
});
