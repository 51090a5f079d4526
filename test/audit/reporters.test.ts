import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { locateGroups } from '../../src/audit/plan-index.js';
import { buildReport } from '../../src/audit/report-model.js';
import { auditReporters } from '../../src/report/audit-reporters.js';
import { auditText, planFrom } from './helpers.js';

const PLAN = 'trackplan: 1\nname: shop\nevents:\n  Order Completed:\n    properties:\n      order_id: {type: string, required: true}\n      note: string\n  Never Sent: {}\n';
const text = [
  JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u', properties: { order_id: 'o1' } }),
  JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u', properties: { note: 'has % and\nnewline, and: colon <xml> & "quotes"' } }),
  JSON.stringify({ type: 'track', event: 'Order Complete', userId: 'u' }),
  'garbage',
].join('\n');

async function report(limits = {}) {
  const { plan, index, locate } = await planFrom(PLAN);
  const summary = await auditText(index, text, { name: 'events.ndjson' });
  locateGroups(summary, plan, locate);
  return buildReport(summary, plan, limits);
}

describe('audit reporters parse back', () => {
  it('json: the documented shape', async () => {
    const r = JSON.parse(auditReporters.json(await report()));
    expect(r.version).toBe(1);
    expect(r.verdict.failed).toBe(true);
    expect(r.totals).toMatchObject({ read: 3, valid: 1, invalid: 2 });
    expect(r.groups.map((g: { code: string; path: string; count: number }) => `${g.code} ${g.path} ${g.count}`)).toEqual(['missing-required properties.order_id 1', 'unplanned-event event 1']);
    expect(r.coverage).toEqual({ planned: 2, seen: 1, share: 0.5, missing: ['Never Sent'], deprecated: 0 });
    // Bad input is counted apart from violations; `counted` (what --max-violations compares) is both.
    expect(r.totals).toMatchObject({ violations: 2, errors: 2, warnings: 0, badInput: 1, countedViolations: 2, countedBadInput: 1, counted: 3 });
    expect(r.badInput.counts).toEqual({ 'invalid-json': 1 });
  });

  it('junit: one test case per planned or seen message, failures per violation group', async () => {
    const xml = auditReporters.junit(await report());
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = doc.testsuites.testsuite;
    const cases = suite.testcase as { name: string; classname: string; failure?: { type: string; message: string }; skipped?: unknown }[];
    expect(cases.map((c) => c.name)).toEqual(['Never Sent', 'Order Complete', 'Order Completed', 'input']);
    expect(cases.find((c) => c.name === 'Order Completed')!.failure!.type).toBe('missing-required');
    expect(cases.find((c) => c.name === 'Never Sent')!.skipped).toBeDefined();
    expect(Number(suite.failures)).toBe(3);
  });

  it('github: workflow commands, escaped, pointing at the plan line', async () => {
    const out = auditReporters.github(await report());
    const lines = out.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice)( [^:]*)?::/);
    const req = lines.find((l) => l.includes('missing-required'))!;
    expect(req).toMatch(/^::error file=plan\.yaml,line=6,col=7,title=trackplan missing-required::/);
    expect(lines[0]).toMatch(/^::error title=trackplan audit::FAILED/);
    expect(out).not.toMatch(/[^\n]\n[^:]/); // no raw newline inside a command
  });

  it('markdown and pretty start with the verdict, which names every limit checked', async () => {
    const r = await report({ maxViolations: 10 });
    expect(auditReporters.markdown(r).split('\n')[0]).toBe('### ✅ trackplan audit: PASSED: 2 violations at error severity and 1 bad input (invalid-json), within --max-violations 10.');
    expect(auditReporters.pretty(r, {}).split('\n')[0]).toBe('PASSED: 2 violations at error severity and 1 bad input (invalid-json), within --max-violations 10.');
    // The rate counts the line that is not JSON too: 3 of 4 inputs are bad.
    expect((await report({ maxRate: 0.8, minCoverage: 0.5 })).verdict.headline).toBe('PASSED: 75% invalid or bad, within --max-rate 80%; plan coverage 50%, not below --min-coverage 50%.');
  });

  it('calls a group\'s count violations, not messages: one message can break a rule at several places', async () => {
    const yaml = 'trackplan: 1\nevents:\n  Cart Viewed:\n    properties:\n      products:\n        type: array\n        items: {type: object, properties: {price: number}}\n';
    const { plan, index, locate } = await planFrom(yaml);
    const summary = await auditText(index, JSON.stringify({ type: 'track', event: 'Cart Viewed', userId: 'u', properties: { products: [{ price: '1' }, { price: '2' }] } }));
    locateGroups(summary, plan, locate);
    const r = buildReport(summary, plan);
    expect([r.totals.read, r.totals.invalid, r.totals.violations, r.groups[0]!.count]).toEqual([1, 1, 2, 2]);
    expect(auditReporters.github(r)).toContain('properties.products[].price: must be a number — 2 violations, e.g. in.ndjson:1 "1"');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(auditReporters.junit(r));
    expect(doc.testsuites.testsuite.testcase.failure.message).toBe('properties.products[].price: must be a number (2 violations)');
    expect(auditReporters.pretty(r, {})).toContain('Messages: 1 read · 0 valid · 1 invalid (100% invalid) · track 1\n\nViolations: 2 (2 errors, 0 warnings), by message');
  });

  it('says which limit failed, first', async () => {
    expect((await report()).verdict.headline).toBe('FAILED: 2 violations at error severity and 1 bad input (invalid-json).');
    expect((await report({ maxRate: 0.5 })).verdict.headline).toBe('FAILED: 75% invalid or bad, above --max-rate 50%.');
    // --max-violations counts bad input too, and says so: it is never called a violation.
    expect((await report({ maxViolations: 1 })).verdict.headline).toBe('FAILED: 2 violations at error severity and 1 bad input (invalid-json), more than --max-violations 1.');
    expect((await report({ maxViolations: 5, minCoverage: 0.9 })).verdict.headline).toBe('FAILED: plan coverage 50%, below --min-coverage 90% (1 planned event never seen).');
    expect((await report({ failOn: ['unplanned-event'] })).verdict.headline).toBe('FAILED: 1 violation of the --fail-on codes (unplanned-event).');
    expect((await report({ failOn: ['not-unique'] })).verdict.headline).toBe('PASSED: no violations or bad input of the --fail-on codes (not-unique).');
  });
});

describe('the terminal report and names from the data', () => {
  it('shows control and bidi characters of event names, paths and values as escapes, never raw', async () => {
    const { plan, index } = await planFrom(`trackplan: 1
name: t
events:
  A:
    properties:
      n: { type: number }
`);
    const lines = [
      JSON.stringify({ type: 'track', event: '\u009b31mred\u202eevil', userId: 'u' }),
      JSON.stringify({ type: 'track', event: 'A', userId: 'u', properties: { n: 'x\u001b[2J\u2066', ['k\u202e']: 1 } }),
    ].join('\n');
    const out = auditReporters.pretty(buildReport(await auditText(index, lines), plan, {}), {});
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('\\u009B31mred\\u202Eevil');
    expect(out).toContain('\\u001b[2J\\u2066'); // the value as JSON writes it, then the bidi control escaped
    expect(out).toContain('k\\u202E');
  });
});
