import { describe, expect, it } from 'vitest';
import { planDrift } from '../../src/infer/drift.js';
import { loadPlan } from '../../src/load/load-plan.js';
import type { Plan } from '../../src/model/plan.js';
import { writePlan } from '../../src/infer/write-plan.js';
import { auditText, planFrom } from '../audit/helpers.js';
import { DEFAULTS, inferText, sequence } from './helpers.js';

// Pieces of names that break YAML, HTML, paths, terminals or JSON: every name is a few of them.
const PIECES = ['"', "'", '<script>', '../', '\u0000', '\u202e', '\u2066', '\n', '\r', '\t', ' ', '  ', '#', ': ', '- ', '{', '}', '[', ']', '&a', '*a', '!', '|', '>', '%', '@', '`', ',', '?', '\\', 'é', '🎉', '\ud800', '\ufeff', '\u2028', '\u0085', '\u00a0', '$ref', '<<', '__proto__', 'constructor', 'null', 'true', '~', '0x1', '1e3', '-', '.', 'type', 'properties', 'items', 'required', 'x'];

/** Seeded random traffic: hostile names (blank ones too), values of every JSON type mixed under one key. */
function randomTraffic(seed: number): string {
  const rnd = sequence(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const name = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(PIECES)).join('');
  const value = (depth: number): unknown => {
    const r = rnd();
    if (r < 0.15) return name();
    if (r < 0.3) return Math.floor(rnd() * 100);
    if (r < 0.4) return rnd() * 100;
    if (r < 0.5) return rnd() < 0.5;
    if (r < 0.6) return null;
    if (r < 0.7 && depth < 3) return Array.from({ length: Math.floor(rnd() * 3) }, () => value(depth + 1));
    if (r < 0.8 && depth < 3) return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 3) }, () => [name(), value(depth + 1)]));
    return pick(['2026-01-01T00:00:00Z', '2026-01-01', 'a@b.co', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'http://x', '10.0.0.1']);
  };
  const names = Array.from({ length: 4 }, name);
  const keys = Array.from({ length: 4 }, name);
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const type = pick(['track', 'track', 'page', 'screen', 'identify', 'group']);
    const payload = Object.fromEntries(keys.filter(() => rnd() < 0.7).map((k) => [k, value(0)]));
    const m: Record<string, unknown> = { type, userId: 'u' };
    if (type === 'track') m['event'] = pick(names);
    if ((type === 'page' || type === 'screen') && rnd() < 0.9) m['name'] = pick(names);
    if (type === 'group') m['groupId'] = 'g';
    m[type === 'identify' || type === 'group' ? 'traits' : 'properties'] = payload;
    lines.push(JSON.stringify(m));
  }
  return lines.join('\n') + '\n';
}

describe('infer on seeded random hostile traffic', () => {
  it('always writes a plan that passes check (blank names counted, not planned); the named traffic audits against it without errors other than mixed types', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const text = randomTraffic(seed);
      const s = await inferText([text]);
      for (const enums of [true, false]) {
        const yaml = writePlan(s, { ...DEFAULTS, enums, requiredThreshold: seed % 2 === 0 ? 1 : 0.5 });
        const loaded = await loadPlan('plan.yaml', { text: yaml });
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `seed ${seed}: ${d.code} ${JSON.stringify(d.path)}`);
        expect(errors).toEqual([]);
        if (!enums || seed % 2 === 1) continue;
        const { index } = await planFrom(yaml);
        // Messages with a blank name are counted, not planned (check refuses a blank name).
        const named = text.split('\n').filter((l) => l !== '' && ((m: { type: string; event?: string; name?: unknown }) => (m.type === 'track' ? m.event! : m.type === 'identify' || m.type === 'group' ? 'x' : typeof m.name === 'string' ? m.name : '').trim() !== '')(JSON.parse(l)));
        const audit = await auditText(index, named.join('\n'));
        const bad = Object.values(audit.groups).filter((g) => g.severity === 'error' && g.code !== 'type-mismatch');
        expect(bad.map((g) => `seed ${seed}: ${g.code} ${g.message}`)).toEqual([]);
      }
    }
  });
});

describe('infer --plan on seeded random hostile traffic', () => {
  it('drift applied again and again keeps the plan valid, never loses a property or its `required`, and a second pass adds nothing', async () => {
    const fields = (p: Plan) =>
      [...p.events, ...p.pages, ...p.screens, ...(p.identify ? [p.identify] : []), ...(p.group ? [p.group] : [])].flatMap((m) => m.fields.map((f) => `${m.kind}/${m.name}/${f.name}/${String(f.required)}`));
    for (let seed = 1; seed <= 40; seed++) {
      // The plan: inferred from the first part of the traffic; then the rest drifts in.
      const lines = randomTraffic(seed).split('\n').filter((l) => l !== '');
      let text = writePlan(await inferText([lines.slice(0, 10).join('\n')]), DEFAULTS);
      if (seed % 3 === 0) text = text.replace(/\n/g, '\r\n');
      let plan = (await loadPlan('plan.yaml', { text })).plan!;
      for (const part of [lines.slice(10, 20), lines.slice(20)]) {
        const summary = await inferText([part.join('\n')]);
        const r = planDrift(text, plan, summary, { ...DEFAULTS, enums: seed % 4 !== 0 });
        const again = await loadPlan('plan.yaml', { text: r.text });
        expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `seed ${seed}: ${d.code} ${d.message}`)).toEqual([]);
        const now = new Set(fields(again.plan!));
        expect(fields(plan).filter((f) => !now.has(f)), `seed ${seed}`).toEqual([]);
        expect(r.text.includes('\r\n') ? r.text.replace(/\r\n/g, '') : '', `seed ${seed}`).not.toContain('\n');
        const second = planDrift(r.text, again.plan!, summary, { ...DEFAULTS, enums: seed % 4 !== 0 });
        expect(second.changes.filter((c) => c.kind === 'message-added' || c.kind === 'property-added'), `seed ${seed}`).toEqual([]);
        text = r.text;
        plan = again.plan!;
      }
    }
  });
});
