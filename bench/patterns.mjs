// Plan patterns on untrusted values: every adversarial pattern of the regression test
// (test/fixtures/adversarial-patterns.json) × its 1 MB values, checked by the audit's own
// validators, and the cost of a normal value on each engine (V8 when proven linear, else RE2).
import { readFileSync } from 'node:fs';
import { RE2JS } from 're2js';
import { compilePattern, toRe2 } from '../dist/audit/regex-safety.js';
import { indexPlan } from '../dist/audit/plan-spec.js';
import { loadPlan } from '../dist/index.js';
import { median, report } from './measure.mjs';

const SIZE = 1_000_000;
const adversarial = JSON.parse(readFileSync(new URL('../test/fixtures/adversarial-patterns.json', import.meta.url), 'utf8'));
const yaml = `trackplan: 1\nevents:\n  A:\n    properties:\n${adversarial.map((a, i) => `      p${i}: {type: string, pattern: ${JSON.stringify(a.pattern)}}\n`).join('')}`;
const { plan } = await loadPlan('patterns.yaml', { text: yaml });
const index = await indexPlan(plan);
const validate = index.track.get('A').validate;

const ms = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const rows = [];
let worst = { ms: 0, label: '' };
adversarial.forEach((a, i) => {
  for (const v of a.values) {
    const value = v.head + v.unit.repeat(Math.floor((SIZE - v.head.length - v.tail.length) / v.unit.length)) + v.tail;
    let found;
    // The first call compiles the pattern (and warms V8); the figure is the median of three after it.
    validate({ [`p${i}`]: 'x' });
    const t = median([0, 1, 2].map(() => ms(() => (found = validate({ [`p${i}`]: value })))));
    if (found.length !== 1 || found[0].rule !== 'pattern-mismatch') throw new Error(`/${a.pattern}/: expected a pattern-mismatch, got ${JSON.stringify(found.map((f) => f.rule))}`);
    const label = `/${a.pattern}/ × ${JSON.stringify(v.head.slice(0, 4))}+${JSON.stringify(v.unit)}…${JSON.stringify(v.tail)}`;
    rows.push([label, `${t.toFixed(1)} ms  ${compilePattern(a.pattern).engine}`]);
    if (t > worst.ms) worst = { ms: t, label };
  }
});
if (index.uncheckedPatterns.length > 0) throw new Error(`not checked: ${index.uncheckedPatterns.join(', ')}`);
rows.push(['worst adversarial pattern × 1 MB value', `${worst.ms.toFixed(1)} ms: ${worst.label} (target < 1000 ms: ${worst.ms < 1000 ? 'met' : 'MISSED'})`]);
report(`patterns: ${adversarial.length} adversarial patterns × ${(SIZE / 1e6).toFixed(0)} MB values, the audit's validators`, rows);

// Normal values: ns per test on V8 and on RE2 (re2js) for the same pattern, and the engine the
// audit gives it.
const normal = [
  ['^[A-Z]{3}$', ['EUR', 'usd', 'GBP']],
  ['^[a-z_]+$', ['order_completed', 'Order', 'checkout_step_viewed']],
  ['^[a-z]+(_[a-z]+)*$', ['order_completed', 'order__x', 'product_list_filtered']],
  ['^\\+[1-9][0-9]{1,14}$', ['+14155552671', '+0123', '+442071838750']],
  ['\\s+$', ['trailing ', 'none', 'a longer value with no trailing space']],
  ['^(?=.*[A-Z])(?=.*\\d).{8,}$', ['Passw0rdX', 'password', 'SHORT1']],
  ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', ['ada@example.com', 'not an email', 'x@y.z']],
  ['^(\\w+\\s?)+$', ['hello world', 'one', 'tab\tseparated!']],
];
const N = 200_000;
const perTest = (test, values) => {
  for (let i = 0; i < 20_000; i++) test(values[i % values.length]);
  return median([0, 1, 2].map(() => ms(() => {
    for (let i = 0; i < N; i++) test(values[i % values.length]);
  }))) * 1e6 / N;
};
report(`patterns: a normal value, ns per test (median of 3 × ${N.toLocaleString('en-US')})`, normal.map(([pattern, values]) => {
  const v8 = new RegExp(pattern, 'u');
  const t = toRe2(pattern);
  const re2 = t && RE2JS.compile(t.source, t.lookbehinds ? RE2JS.LOOKBEHINDS : 0);
  const audit = compilePattern(pattern);
  return [`/${pattern}/`, `V8 ${perTest((s) => v8.test(s), values).toFixed(0)}, RE2 ${re2 ? perTest((s) => re2.test(s), values).toFixed(0) : 'n/a'}, audit (${audit.engine}) ${perTest(audit.test, values).toFixed(0)}`];
}));
