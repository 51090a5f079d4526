import type { Origin } from '../../model/plan.js';
import { changesOf } from '../changes.js';
import { type ChangeKey, defineDiffRule } from '../rule.js';

/** One text per place in a plan file. */
const place = (o: Origin | undefined) => (o ? `${o.file}\u0000${o.path.join('\u0000')}` : '');

/** The plan keys users know these by. */
const KEY: Partial<Record<ChangeKey, string>> = { types: 'type', function: 'codegen.name', openness: 'additionalProperties' };

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/**
 * The safety net: a change that no rule classified is still a change. Breaking, because nothing
 * says it is safe (a raw `schema:` fragment may admit fewer values, a named union member may have
 * lost a property): a person decides, and `--allow-breaking` lets a safe one through.
 */
export default defineDiffRule({
  id: 'unclassified-change',
  category: 'value',
  impact: 'breaking',
  description: 'A change no other rule classifies (a raw `schema:` fragment, a named type in a union, a named type no message uses): treated as breaking until someone checks it.',
  covers: [],
  last: true,
  check(input, report, earlier) {
    // What each (head, base) place had classified, so each change is looked up, not searched for.
    const classified = new Map<string, Set<ChangeKey>>();
    for (const r of earlier) {
      const at = `${place(r.head)}\u0001${place(r.base)}`;
      const keys = classified.get(at) ?? new Set();
      for (const k of r.rule.covers) keys.add(k);
      classified.set(at, keys);
    }
    for (const c of changesOf(input)) {
      if (classified.get(`${place(c.head)}\u0001${place(c.base)}`)?.has(c.key)) continue;
      const what = c.key === 'definition' ? 'its definition changed (no message uses it, but generated clients export it)' : `\`${KEY[c.key] ?? c.key}\` changed (${short(c.before)} → ${short(c.after)})`;
      report({ base: c.base, head: c.head, message: `${c.label}: ${what}, in a way no rule classifies; treated as breaking until someone checks it.` });
    }
  },
});
