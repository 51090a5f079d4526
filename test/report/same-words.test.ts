// Every audit format counts the same things under the same words (issue 11, item 6), and
// `check`'s event count and the audit's coverage add up. Each run writes all five formats at
// once, so they come from one report; the numbers are held to counts made here from the inputs
// and the plan, not to the report's own.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/load/load-plan.js';
import { cli } from '../cli/run-cli.js';

const ROOT = process.cwd();
const PLAN = 'plans/ecommerce.yaml';
const SAMPLE = 'samples/ecommerce.ndjson';
const LABELS = ['Messages', 'Violations', 'Coverage', 'Bad input'] as const;
type Label = (typeof LABELS)[number];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-words-'));
});

interface Run {
  json: AuditJson;
  /** Each format as text a person reads: escapes undone, Markdown's bold and list marks dropped. */
  texts: Record<'pretty' | 'markdown' | 'junit' | 'github', string>;
  headlines: Record<'pretty' | 'markdown' | 'junit' | 'github' | 'json', string>;
}

interface AuditJson {
  verdict: { headline: string };
  totals: { read: number; valid: number; invalid: number; rate: number; violations: number; errors: number; warnings: number; badInput: number; counted: number; countedViolations: number; countedBadInput: number };
  groups: { count: number; severity: string }[];
  coverage: { planned: number; seen: number; share: number; deprecated: number; missing: string[] };
  badInput: { counts: Record<string, number> };
}

/** One audit run, every format written at once (pretty on stdout). */
function audit(inputs: string[], limits: string[] = []): Run {
  const out = (f: string) => join(dir, `${inputs.length}-${limits.join('')}.${f}`);
  const r = cli(['audit', PLAN, ...inputs, ...limits, '--format', 'pretty', ...['json', 'junit', 'github', 'markdown'].flatMap((f) => ['--output', `${f}=${out(f)}`])], { cwd: ROOT });
  expect(r.code, r.stderr).toBeLessThan(2);
  const json = JSON.parse(readFileSync(out('json'), 'utf8')) as AuditJson;

  const unmd = (s: string) => s.replace(/\\(.)/g, '$1');
  const markdown = readFileSync(out('markdown'), 'utf8');
  const mdText = markdown.split('\n').map((l) => unmd(l.replace(/^- \*\*([^*]+):\*\* /, '$1: '))).join('\n');

  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(out('junit'), 'utf8'));
  const suite = doc.testsuites.testsuite;
  const props = new Map<string, string>((suite.properties.property as { name: string; value: string }[]).map((p) => [p.name, String(p.value)]));
  const input = ([suite.testcase].flat() as { name: string; failure?: { message: string } }[]).find((c) => c.name === 'input');
  // JUnit properties are named like `invalid-rate`: `bad-input` is the label `Bad input`.
  const junitText = [...LABELS.filter((l) => props.has(l.toLowerCase().replace(/ /g, '-'))).map((l) => `${l}: ${props.get(l.toLowerCase().replace(/ /g, '-'))}`), input?.failure?.message ?? ''].join('\n');

  // Workflow-command data is percent-encoded for %, CR and LF (src/report/escape.ts).
  const github = readFileSync(out('github'), 'utf8').split('\n').map((l) => l.replace(/^::[a-z]+ [^:]*::/, '').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));

  return {
    json,
    texts: { pretty: r.stdout, markdown: mdText, junit: junitText, github: github.join('\n') },
    headlines: { pretty: r.stdout.split('\n')[0]!, markdown: unmd(markdown.split('\n')[0]!.replace(/^### \S+ trackplan audit: /, '')), junit: props.get('verdict')!, github: github[0]!, json: json.verdict.headline },
  };
}

/** What each format says after `Label: `, every time it says it. */
function said(text: string, label: Label, expected: string): string[] {
  const all = [...text.matchAll(new RegExp(`(?:^|[\\s.])${label}: `, 'g'))].map((m) => text.slice(m.index + m[0].length));
  // Each occurrence must be the expected text, whole: not a prefix of another number.
  return all.map((rest) => (rest.startsWith(expected) && !/^[\w%]/.test(rest.slice(expected.length)) ? expected : rest.split('\n')[0]!));
}

/** The summary phrases read back into numbers: the words are those of src/report/count-words.ts. */
function numbers(summary: Partial<Record<Label, string>>) {
  const int = (s: string | undefined) => Number((s ?? '0').replace(/,/g, ''));
  const m = /^([\d,]+) read · ([\d,]+) valid · ([\d,]+) invalid(?: · ([\d,]+) bad input)? \(([\d.e+-]+)% (invalid or bad|invalid)(?:; ([\d,]+) empty inputs? not in the rate)?\)$/.exec(summary.Messages ?? '');
  const v = /^([\d,]+)(?: \(([\d,]+) errors?, ([\d,]+) warnings?\))?$/.exec(summary.Violations ?? '');
  const c = /^([\d,]+) of ([\d,]+) planned events? seen \(([\d.e+-]+)%\)(?:; ([\d,]+) deprecated events? not counted)?$/.exec(summary.Coverage ?? '');
  const b = /^([\d,]+)(?: \((.*)\))?$/.exec(summary['Bad input'] ?? '0');
  expect([m, v, c, b].map(Boolean), JSON.stringify(summary)).toEqual([true, true, true, true]);
  return {
    read: int(m![1]), valid: int(m![2]), invalid: int(m![3]), badInput: int(m![4]), ratePct: Number(m![5]), emptyInputs: int(m![7]),
    violations: int(v![1]), errors: int(v![2]), warnings: int(v![3]),
    seen: int(c![1]), planned: int(c![2]), sharePct: Number(c![3]), deprecated: int(c![4]),
    badTotal: int(b![1]), badCodes: Object.fromEntries((b![2] ?? '').split(', ').filter(Boolean).map((p) => [p.split(' ')[1]!, int(p.split(' ')[0])])),
  };
}

/** Holds one run to one summary: the same words in every format, numbers equal to the JSON's. */
function sameEverywhere(run: Run): Partial<Record<Label, string>> {
  // The Markdown list is the summary, one `Label: text` line each.
  const summary: Partial<Record<Label, string>> = {};
  for (const l of LABELS) {
    const line = run.texts.markdown.split('\n').find((x) => x.startsWith(`${l}: `));
    if (line !== undefined) summary[l] = line.slice(l.length + 2);
  }
  for (const [format, text] of Object.entries(run.texts)) {
    for (const l of LABELS) {
      const expected = summary[l];
      if (expected === undefined) {
        expect(said(text, l, ''), `${format} ${l}`).toEqual([]);
        continue;
      }
      const found = said(text, l, expected);
      expect(found.length, `${format} says ${l}`).toBeGreaterThan(0);
      expect(found, `${format} ${l}`).toEqual(found.map(() => expected));
    }
  }
  expect(new Set(Object.values(run.headlines)), JSON.stringify(run.headlines)).toEqual(new Set([run.json.verdict.headline]));

  const n = numbers(summary);
  const t = run.json.totals;
  expect([n.read, n.valid, n.invalid, n.badInput, n.violations, n.errors, n.warnings]).toEqual([t.read, t.valid, t.invalid, t.badInput, t.violations, t.errors, t.warnings]);
  expect(n.ratePct).toBeCloseTo(t.rate * 100, n.ratePct >= 10 ? -0.5 : 1);
  expect([n.seen, n.planned, n.deprecated]).toEqual([run.json.coverage.seen, run.json.coverage.planned, run.json.coverage.deprecated]);
  expect([n.badTotal, n.badCodes]).toEqual([t.badInput, run.json.badInput.counts]);
  // Violations are the groups' findings; bad input is never added into them.
  expect(t.violations).toBe(run.json.groups.reduce((a, g) => a + g.count, 0));
  expect(t.errors).toBe(run.json.groups.filter((g) => g.severity === 'error').reduce((a, g) => a + g.count, 0));
  expect(t.errors + t.warnings).toBe(t.violations);
  expect(t.counted).toBe(t.countedViolations + t.countedBadInput);
  for (const text of [...Object.values(run.texts), ...Object.values(run.headlines)]) {
    expect(text).not.toContain('counted violations');
    expect(text).not.toMatch(/\b\d+ messages, e\.g\./); // a group counts violations, not messages
  }
  return summary;
}

/** Messages and bad input in the sample, counted here: NDJSON lines, a batch counting its members. */
function countSample(): { read: number; bad: number; events: Set<string> } {
  let read = 0;
  let bad = 0;
  const events = new Set<string>();
  for (const line of readFileSync(join(ROOT, SAMPLE), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let v: { batch?: unknown[]; type?: string; event?: string };
    try {
      v = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    const messages = (Array.isArray(v.batch) ? v.batch : [v]) as { type?: string; event?: string }[];
    read += messages.length;
    for (const m of messages) if ((m.type ?? 'track') === 'track' && m.event !== undefined) events.add(m.event);
  }
  return { read, bad, events };
}

describe('every audit format counts the same things under the same words', () => {
  it('on the demo (npm run demo): the words, the numbers, and check\'s count agree', async () => {
    const run = audit([SAMPLE]);
    const summary = sameEverywhere(run);
    // The demo's summary, as every format says it.
    expect(summary).toEqual({
      Messages: '51 read · 44 valid · 7 invalid · 1 bad input (15% invalid or bad)',
      Violations: '11 (8 errors, 3 warnings)',
      Coverage: '7 of 28 planned events seen (25%); 1 deprecated event not counted',
      'Bad input': '1 (1 invalid-json)',
    });
    expect(run.json.verdict.headline).toBe('FAILED: 8 violations at error severity and 1 bad input (invalid-json).');

    // The numbers, against counts made here from the sample and the plan.
    const sample = countSample();
    expect([run.json.totals.read, run.json.totals.badInput]).toEqual([sample.read, sample.bad]);
    const { plan } = await loadPlan(join(ROOT, PLAN));
    const live = plan!.events.filter((e) => e.deprecated === undefined).map((e) => e.name);
    const deprecated = plan!.events.length - live.length;
    expect(deprecated).toBeGreaterThan(0); // the demo plan has one: the case this test is about
    expect(run.json.coverage).toMatchObject({ planned: live.length, deprecated, seen: live.filter((e) => sample.events.has(e)).length });

    // `check` counts the deprecated event and says so; the coverage leaves it out and says so.
    const check = cli(['check', PLAN], { cwd: ROOT });
    const m = /: (\d+) events \((\d+) deprecated\)/.exec(check.stdout);
    expect(m, check.stdout).not.toBeNull();
    expect([Number(m![1]), Number(m![2])]).toEqual([plan!.events.length, deprecated]);
    expect(Number(m![1]) - Number(m![2])).toBe(run.json.coverage.planned);
  });

  it('when the build passes within limits (the demo\'s CI job): the verdict names the limit, not a sum of violations and bad input', () => {
    const run = audit([SAMPLE], ['--max-rate', '0.2']);
    sameEverywhere(run);
    expect(run.json.verdict.headline).toBe('PASSED: 15% invalid or bad, within --max-rate 20%.');
    const capped = audit([SAMPLE], ['--max-violations', '5']);
    sameEverywhere(capped);
    expect(capped.json.verdict.headline).toBe('FAILED: 8 violations at error severity and 1 bad input (invalid-json), more than --max-violations 5.');
  });

  it('with an empty input beside the sample, and on a clean input with nothing to report', () => {
    writeFileSync(join(dir, 'empty.ndjson'), '');
    const run = audit([SAMPLE, join(dir, 'empty.ndjson')]);
    const summary = sameEverywhere(run);
    // The empty input is bad input, named apart, and left out of the rate (there is nothing in it).
    expect(summary.Messages).toBe('51 read · 44 valid · 7 invalid · 2 bad input (15% invalid or bad; 1 empty input not in the rate)');
    expect(summary['Bad input']).toBe('2 (1 empty-input, 1 invalid-json)');

    const one = { type: 'track', event: 'Order Completed', userId: 'u', properties: { order_id: 'o1', currency: 'USD', products: [{ product_id: 'p' }] } };
    writeFileSync(join(dir, 'clean.ndjson'), `${JSON.stringify(one)}\n`);
    const clean = audit([join(dir, 'clean.ndjson')]);
    expect(sameEverywhere(clean)).toEqual({ Messages: '1 read · 1 valid · 0 invalid (0% invalid)', Violations: '0', Coverage: '1 of 28 planned events seen (3.57%); 1 deprecated event not counted' });
    expect(clean.json.verdict.headline).toBe('PASSED: no violations at error severity and no bad input.');
  });
});
