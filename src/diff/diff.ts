import type { Diagnostic, SourceRange } from '../diagnostics/diagnostic.js';
import { messageLabel, type Origin, type Plan } from '../model/plan.js';
import { pairPlans } from './pairs.js';
import { type Category, type DiffRule, type Impact, type Reported } from './rule.js';
import { diffRules } from './rules/index.js';

/** One change between two versions of a plan. */
export interface DiffFinding extends Diagnostic {
  impact: Impact;
  category: Category;
  /** The place in the base version, when the change concerns something that was there. */
  base?: { file: string; path: Origin['path']; range?: SourceRange };
}

/** What a diff found, and the version bump it calls for. */
export interface DiffResult {
  findings: DiffFinding[];
  breaking: number;
  additions: number;
  docs: number;
  /** The bump the changes need: major for breaking, minor for additions, patch for documentation. */
  required: 'major' | 'minor' | 'patch' | 'none';
  version: { base?: string; head?: string; bump: 'major' | 'minor' | 'patch' | 'none' | 'invalid' | 'missing'; ok: boolean; message: string };
  /**
   * Set when the base is a bundled spec (`segment/ecommerce`) rather than an earlier version:
   * breaking changes are then the places the plan refuses what the spec allows, and versions
   * are not compared (they number different documents).
   */
  spec?: string;
}

/** A diff whose base is a bundled spec: its findings as they are, no version check. */
export function againstSpec(r: DiffResult, spec: string): DiffResult {
  return { ...r, spec, version: { bump: 'none', ok: true, message: `Versions are not compared with a spec.` } };
}

type Locate = (o: Origin, at?: 'key' | 'value') => SourceRange | undefined;

/**
 * Compare two versions of a plan, rule by rule (buf-style), and check the version bump. Rules
 * marked `last` (the safety net) run after the others and see what they reported; `rules` is
 * every registered rule unless a test leaves some out.
 */
export function diffPlans(base: Plan, head: Plan, locateBase: Locate, locateHead: Locate, rules: readonly DiffRule[] = Object.values(diffRules)): DiffResult {
  const input = pairPlans(base, head);
  const findings: DiffFinding[] = [];
  const earlier: Reported[] = [];
  for (const rule of [...rules.filter((r) => !r.last), ...rules.filter((r) => r.last)]) {
    rule.check(input, (r) => {
      earlier.push({ ...r, rule });
      const at = r.head ?? r.base!;
      const range = r.head ? locateHead(r.head, 'key') : locateBase(r.base!, 'key');
      const baseRange = r.base ? locateBase(r.base, 'key') : undefined;
      findings.push({
        code: rule.id,
        severity: rule.impact === 'breaking' ? 'error' : rule.impact === 'addition' ? 'warn' : 'info',
        impact: rule.impact,
        category: rule.category,
        message: r.message,
        file: at.file,
        path: at.path,
        ...(range ? { range } : {}),
        ...(r.base ? { base: { file: r.base.file, path: r.base.path, ...(baseRange ? { range: baseRange } : {}) } } : {}),
      });
    }, earlier);
  }
  // A removal and an addition with the same properties is probably a rename: say so.
  for (const removed of input.removedMessages) {
    const props = removed.fields.map((f) => f.name).sort().join('\u0000');
    const twin = input.addedMessages.find((a) => a.kind === removed.kind && props !== '' && a.fields.map((f) => f.name).sort().join('\u0000') === props);
    const f = findings.find((x) => x.code === 'message-removed' && x.path.join('\u0000') === removed.origin.path.join('\u0000'));
    if (twin && f) f.message += ` It has the same properties as the added ${messageLabel(twin)}: a rename? A rename breaks consumers like a removal; keep the old name as deprecated for a while.`;
  }
  const order: Record<Impact, number> = { breaking: 0, addition: 1, docs: 2 };
  findings.sort((a, b) => order[a.impact] - order[b.impact] || (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) || a.code.localeCompare(b.code));
  const breaking = findings.filter((f) => f.impact === 'breaking').length;
  const additions = findings.filter((f) => f.impact === 'addition').length;
  const docs = findings.filter((f) => f.impact === 'docs').length;
  const required = breaking > 0 ? 'major' : additions > 0 ? 'minor' : docs > 0 ? 'patch' : 'none';
  return { findings, breaking, additions, docs, required, version: versionCheck(base.version, head.version, required) };
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)/;
const RANK = { none: 0, patch: 1, minor: 2, major: 3 } as const;

function versionCheck(base: string | undefined, head: string | undefined, required: DiffResult['required']): DiffResult['version'] {
  const out = { ...(base !== undefined ? { base } : {}), ...(head !== undefined ? { head } : {}) };
  if (base === undefined || head === undefined) {
    const which = base === undefined && head === undefined ? 'The plans have' : base === undefined ? 'The base plan has' : 'The head plan has';
    return { ...out, bump: 'missing', ok: required !== 'major', message: `${which} no \`version:\` to compare; these changes need a ${required} bump.` };
  }
  const b = SEMVER.exec(base);
  const h = SEMVER.exec(head);
  if (!b || !h) return { ...out, bump: 'invalid', ok: false, message: `Versions ${base} → ${head} are not semantic versions.` };
  const [bM, bm, bp] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [hM, hm, hp] = [Number(h[1]), Number(h[2]), Number(h[3])];
  const bump = hM > bM ? 'major' : hM === bM && hm > bm ? 'minor' : hM === bM && hm === bm && hp > bp ? 'patch' : 'none';
  // 0.x versions: a minor bump may break, as semver allows before 1.0.
  const effective = bM === 0 && bump === 'minor' ? 'major' : bump;
  const ok = RANK[effective] >= RANK[required];
  const message = ok
    ? `Version ${base} → ${head} (${bump}) covers these changes (${required} needed).`
    : `Version ${base} → ${head} ${bump === 'none' ? 'is not bumped' : `is a ${bump} bump`}, but these changes need a ${required} one.`;
  return { ...out, bump, ok, message };
}
