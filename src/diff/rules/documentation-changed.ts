import { messageLabel } from '../../model/plan.js';
import { defineDiffRule, propName } from '../rule.js';

/** Labels in a stable order: reordering them changes nothing. */
const labels = (l: Readonly<Record<string, unknown>>) => JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : 1)));

export default defineDiffRule({
  id: 'documentation-changed',
  category: 'event',
  impact: 'docs',
  description: "A description, owner, label, example or deprecation reason changed, or the plan's name, description or owners.",
  covers: ['name', 'description', 'owners', 'owner', 'labels', 'examples', 'deprecated'],
  check(input, report) {
    const { base, head } = input;
    const plan: [key: 'name' | 'description' | 'owners', before: string, after: string][] = [
      ['name', base.name ?? '', head.name ?? ''],
      ['description', base.description ?? '', head.description ?? ''],
      ['owners', JSON.stringify(base.owners), JSON.stringify(head.owners)],
    ];
    for (const [key, before, after] of plan) {
      const what = key === 'name' ? `name changed (${before || '(none)'} → ${after || '(none)'})` : `${key} changed`;
      if (before !== after) report({ base: { file: base.file, path: [key] }, head: { file: head.file, path: [key] }, message: `The plan's ${what}.` });
    }
    // A new reason for a deprecation (both versions deprecated); adding or removing one is a rule of its own.
    const reason = (a: true | string | undefined, b: true | string | undefined) => a !== undefined && b !== undefined && a !== b;
    for (const { base, head } of input.messages) {
      const what: string[] = [];
      if ((base.description ?? '') !== (head.description ?? '')) what.push('description');
      if ((base.owner ?? '') !== (head.owner ?? '')) what.push(`owner ${base.owner ?? '(none)'} → ${head.owner ?? '(none)'}`);
      if (labels(base.labels) !== labels(head.labels)) what.push('labels');
      if (reason(base.deprecated, head.deprecated)) what.push('deprecation reason');
      if (what.length > 0) report({ base: base.origin, head: head.origin, message: `${messageLabel(head)}: ${what.join(', ')} changed.` });
    }
    for (const p of input.properties) {
      const what: string[] = [];
      if ((p.baseShape.description ?? '') !== (p.headShape.description ?? '')) what.push('description');
      if (JSON.stringify(p.baseShape.examples) !== JSON.stringify(p.headShape.examples)) what.push('examples');
      if (reason(p.baseShape.deprecated, p.headShape.deprecated)) what.push('deprecation reason');
      if (what.length > 0) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)}: ${what.join(', ')} changed.` });
    }
  },
});
