import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateGroups } from '../../src/audit/plan-index.js';
import { indexPlan } from '../../src/audit/plan-spec.js';
import type { ViolationGroup } from '../../src/audit/summary.js';
import type { DiffFinding } from '../../src/diff/diff.js';
import { loadPlan } from '../../src/load/load-plan.js';
import type { Plan } from '../../src/model/plan.js';
import { auditText } from '../audit/helpers.js';
import { cli } from '../cli/run-cli.js';
import { readExamples, ROOT, type Spec } from './segment-spec-tables.js';
import { type Place, placeKey, type Probe, probeProperties, Tightenings } from './tightenings.js';

// The bundled example plans are Segment's specs tightened by one company, each tightening
// written where it is made (`# Tightened: <why>`, see tightenings.ts for how a finding finds its
// line). Held to it here, for each plan:
// (a) every finding of `trackplan diff segment/<spec> <plan>` that refuses what the spec allows
//     is documented on the line that makes it, and the plan removes or widens nothing of the spec;
// (b) every `# Tightened:` comment is the cause of at least one such finding (none is stale);
// (c) the spec page's own examples audit with violations only at documented tightenings, exactly
//     the ones listed below with the reason each fails;
// (d) messages at the edges of what the spec allows (empty text, negative and fractional numbers,
//     empty lists, empty items, keys the spec does not list) are refused only at documented
//     tightenings, and reach every one of them.

interface Case {
  spec: Spec;
  plan: string;
  /** The spec's examples that fail, as `event: code path`, each with why the plan refuses it. */
  examples: Record<string, string>;
}

const CASES: Case[] = [
  {
    spec: 'ecommerce',
    plan: 'plans/ecommerce.yaml',
    examples: {
      'Product Viewed: pattern-mismatch properties.currency': "the page's example sends usd; the shop takes upper-case ISO 4217 codes only",
    },
  },
  {
    spec: 'b2b-saas',
    plan: 'plans/saas.yaml',
    examples: {
      'Invite Sent: missing-required properties.invite_id': 'the page lists no invite_id; the product requires it, as Invite Accepted refers to the invitation by it',
      'Invite Sent: not-in-enum properties.invitee_role': 'the page sends "Owner"; the product\'s roles are owner, admin, member, viewer, as its API spells them',
      'Account Added User: not-in-enum properties.role': 'the same role list',
      'Trial Started: not-in-enum properties.trial_plan_name': 'the page sends "Business", a plan this product does not sell',
      'Trial Ended: not-in-enum properties.trial_plan_name': 'the same plan list',
    },
  },
];

/** The codes a team plan may show against its spec: tightenings, and additions of its own. Nothing removed or widened. */
const TIGHTENING_CODES = ['strictness-tightened', 'constraint-tightened', 'type-narrowed', 'property-became-required', 'required-property-added'];
const ADDITION_CODES = ['message-added', 'property-added', 'named-type-added'];

function diffKind(code: string): 'strict' | 'required' | 'rule' {
  return code === 'strictness-tightened' ? 'strict' : code === 'property-became-required' || code === 'required-property-added' ? 'required' : 'rule';
}

function auditKind(code: string): 'strict' | 'required' | 'rule' {
  return code === 'unplanned-property' ? 'strict' : code === 'missing-required' ? 'required' : 'rule';
}

const label = (g: ViolationGroup) => `${g.event}: ${g.code} ${g.path}`;

async function load(file: string): Promise<{ plan: Plan; audit: (ndjson: string) => Promise<ViolationGroup[]> }> {
  const loaded = await loadPlan(file);
  if (!loaded.plan) throw new Error(JSON.stringify(loaded.diagnostics));
  const plan = loaded.plan;
  const index = await indexPlan(plan);
  // The violation groups with the plan place each breaks, as every audit report shows them.
  const audit = async (ndjson: string) => {
    const summary = await auditText(index, ndjson);
    locateGroups(summary, plan, loaded.locate);
    return Object.values(summary.groups);
  };
  return { plan, audit };
}

describe.each(CASES)('$plan, the spec segment/$spec tightened', async ({ spec, plan: planFile, examples }) => {
  const { plan, audit } = await load(planFile);
  const { plan: specPlan, audit: auditSpec } = await load(join('plans/segment', `${spec}.yaml`));
  const t = new Tightenings(planFile, plan);
  const diff = cli(['diff', `segment/${spec}`, planFile, '--format', 'json'], { cwd: ROOT });
  const findings = (JSON.parse(diff.stdout) as { findings: DiffFinding[] }).findings;
  const tightened = findings.filter((f) => f.impact === 'breaking');
  const causeOf = (f: DiffFinding): Place => t.cause(diffKind(f.code), f.file, f.path);
  const groupCause = (g: ViolationGroup): Place => {
    expect(g.plan?.range, `${label(g)} names no place in the plan`).toBeDefined();
    const { file, range } = g.plan!;
    return t.cause(auditKind(g.code), file, t.pathAt(file, range!.start.line, range!.start.col));
  };

  it('is compared with its spec by the command its header names', () => {
    expect(diff.code, diff.stderr).toBe(0);
    expect(tightened.length).toBeGreaterThan(0);
  });

  it('(a) documents every tightening on the line that makes it, and removes or widens nothing of the spec', () => {
    expect(new Set(tightened.map((f) => f.code))).toEqual(new Set(TIGHTENING_CODES.filter((c) => tightened.some((f) => f.code === c))));
    expect(tightened.map((f) => f.code).filter((c) => !TIGHTENING_CODES.includes(c))).toEqual([]);
    expect(findings.filter((f) => f.impact === 'addition').map((f) => `${f.code} ${f.message}`).filter((m) => !ADDITION_CODES.includes(m.split(' ')[0]!))).toEqual([]);
    const undocumented = tightened.filter((f) => !t.isMarked(causeOf(f))).map((f) => `${placeKey(causeOf(f))} ${f.message}`);
    expect(undocumented).toEqual([]);
  });

  it('(b) has no stale `# Tightened:` comment: each is the cause of a tightening', () => {
    const causes = new Set(tightened.map((f) => placeKey(causeOf(f))));
    expect(t.marks().length).toBeGreaterThan(0);
    expect(t.marks().map(placeKey).filter((m) => !causes.has(m))).toEqual([]);
  });

  it("(c) audits the page's examples with violations only at documented tightenings, exactly those listed", async () => {
    const groups = await audit(readExamples(spec));
    expect(Object.fromEntries(groups.map((g) => [label(g), examples[label(g)] ?? 'not listed']))).toEqual(examples);
    for (const g of groups) expect(t.isMarked(groupCause(g)), `${label(g)} at ${placeKey(groupCause(g))}`).toBe(true);
    // Against the spec itself, the same examples are clean (segment-specs.test.ts holds that too).
    expect(await auditSpec(readExamples(spec))).toEqual([]);
  });

  // Three messages per spec event, each a value the spec allows at every property.
  const probes = (['low', 'high', 'hollow'] as Probe[]).flatMap((probe) =>
    specPlan.events.map((e) => ({ type: 'track', event: e.name, userId: 'u1', context: { groupId: 'acct_1' }, properties: probe === 'hollow' ? {} : probeProperties(specPlan, e.fields, probe) })),
  );
  // `hollow` sends no properties at the top (so that required ones are missed) and items with none.
  for (const [i, e] of specPlan.events.entries()) {
    const hollow = probes[2 * specPlan.events.length + i]!;
    const lists = Object.entries(probeProperties(specPlan, e.fields, 'hollow')).filter(([, v]) => Array.isArray(v));
    hollow.properties = Object.fromEntries(lists);
  }
  const ndjson = probes.map((m) => JSON.stringify(m)).join('\n') + '\n';

  it('(d) probes are what the spec allows: against the spec, only warnings for keys it does not list', async () => {
    const groups = await auditSpec(ndjson);
    expect(new Set(groups.map((g) => g.event))).toEqual(new Set(specPlan.events.map((e) => e.name)));
    expect([...new Set(groups.map((g) => `${g.code} ${g.severity}`))]).toEqual(['unplanned-property warn']);
  });

  it('(d) refuses the probes only at documented tightenings, and at every one of them', async () => {
    const groups = await audit(ndjson);
    const undocumented = groups.filter((g) => !t.isMarked(groupCause(g))).map((g) => `${placeKey(groupCause(g))} ${label(g)}`);
    expect(undocumented).toEqual([]);
    const reached = new Set(groups.map((g) => placeKey(groupCause(g))));
    expect(t.marks().map(placeKey).filter((m) => !reached.has(m))).toEqual([]);
  });
});
