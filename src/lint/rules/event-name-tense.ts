import { defineRule } from '../rule.js';

/** Past participles that do not end in -ed. */
const IRREGULAR = new Set(
  'begun bought brought built caught chosen come done drawn driven eaten fallen felt found forgotten given gone got gotten grown heard held hidden hit kept known laid led left lent let lost made meant met paid put quit read ridden rung risen run said seen sold sent set shaken shown shut sung sat slept spent spun stood stolen struck sworn taken taught told thought thrown understood undone woken won worn written withdrawn overridden rebuilt resent reset resold rewritten upheld'.split(' '),
);
/** Final words that name a state or a thing rather than an action, and are fine to end on. */
const ALLOWED = new Set(['up', 'in', 'out', 'on', 'off', 'down', 'over']);

/** "Complete" → "Completed", "Submit" → "Submitted", "Apply" → "Applied", "Shipping" → "Shipped". */
function pastOf(word: string): string {
  // An -ing form names what is going on; its past is its stem's ("Shipping" → "Ship" → "Shipped").
  if (/[a-z]{2}ing$/i.test(word)) return pastOf(stemOfIng(word));
  const w = word.toLowerCase();
  if (w.endsWith('e')) return `${word}d`;
  if (/[^aeiou]y$/.test(w)) return `${word.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][bdgkmnprt]$/.test(w)) return `${word}${word.slice(-1)}ed`;
  return `${word}ed`;
}

/** "Playing" → "Play", "Shipping" → "Ship" (a doubled last consonant is undone; "ll", "ss" stay). */
function stemOfIng(word: string): string {
  const stem = word.slice(0, -3);
  return /([b-df-hj-kmnp-rtv-z])\1$/i.test(stem) ? stem.slice(0, -1) : stem;
}

export default defineRule<Record<string, never>>({
  id: 'event-name-tense',
  description: 'The action of an event name is a past participle: "Order Completed", not "Order Complete".',
  defaultSeverity: 'warn',
  recommended: true,
  defaultOptions: {},
  check(plan, ctx) {
    for (const e of plan.events) {
      const words = e.name.split(/[\s_-]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
      // "Product Added to Wishlist", "Signed Up": the action is the last past-tense-looking word.
      const action = [...words].reverse().find((w) => /ed$/i.test(w) || IRREGULAR.has(w.toLowerCase()));
      if (action || words.length === 0) continue;
      let last = words[words.length - 1]!;
      if (ALLOWED.has(last.toLowerCase()) && words.length > 1) last = words[words.length - 2]!;
      const at = e.name.lastIndexOf(last);
      const suggestion = `${e.name.slice(0, at)}${pastOf(last)}${e.name.slice(at + last.length)}`;
      const reads = /[a-z]{2}ing$/i.test(last) ? 'says what is going on, not what happened' : 'reads as an order';
      ctx.report({ origin: e.origin, at: 'key', message: `Event "${e.name}" does not say what happened in the past tense: "${last}" ${reads}. Did you mean "${suggestion}"?` });
    }
  },
});
