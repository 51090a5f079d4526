import { functionName, payloadTypeName } from '../../model/names.js';
import { messageLabel } from '../../model/plan.js';
import { defineDiffRule } from '../rule.js';

export default defineDiffRule({
  id: 'codegen-name-changed',
  category: 'event',
  impact: 'breaking',
  description: 'The generated function of a message was renamed (`codegen.name` set, changed or removed): code that calls the old name stops compiling.',
  covers: ['function'],
  check(input, report) {
    for (const { base, head } of input.messages) {
      const [was, now] = [functionName(base), functionName(head)];
      if (was === now) continue;
      const [wasType, nowType] = [payloadTypeName(base), payloadTypeName(head)];
      const types = wasType === nowType ? '' : ` (its type \`${wasType}\` is now \`${nowType}\`)`;
      report({ base: base.origin, head: head.origin, message: `${messageLabel(head)}: the generated function \`${was}\` is now \`${now}\`${types}; code that calls the old name stops compiling.` });
    }
  },
});
