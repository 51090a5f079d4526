import { helperSource } from '../compile/validator/helpers.js';
import { validatorModule } from '../compile/validator/module.js';
import type { Plan } from '../model/plan.js';
import { type IndexSpec, loadIndex, type PlanIndex } from './plan-index.js';

/** The spec of a plan: its validators in the audit's mode (the same emitter as generated clients). */
export function specForPlan(plan: Plan): IndexSpec {
  const mod = validatorModule(plan, { typed: false, warnUnplanned: true, regexFactory: true, share: true });
  // The envelope's timestamp check: the validators' own isDateTime when the plan has date-time
  // properties (one copy for V8 to compile and keep hot), else a copy under another name.
  // (Asked of the emitter, not of the text: a raw `schema:` fragment's ajv code has an
  // isDateTime of its own, inside its closure.)
  const dateTime = mod.helpers.has('isDateTime')
    ? 'export { isDateTime as __isDateTime };'
    : `${helperSource(['isDateTime'], false).replace(/\b(digitAt|isDateTime)\b/g, '__$1')}\nexport { __isDateTime };`;
  return {
    code: `${mod.code}\n${dateTime}\n`,
    messages: mod.functions.map((f) => ({ kind: f.message.kind, name: f.message.name, fn: f.name, ...(f.message.deprecated !== undefined ? { deprecated: f.message.deprecated } : {}) })),
    // As the generated runtime writes it (src/codegen/generate.ts): '' for what the plan lacks.
    stamp: { plan: plan.name ?? '', version: plan.version ?? '' },
  };
}

/** Build and load the validators of a plan. */
export function indexPlan(plan: Plan): Promise<PlanIndex> {
  return loadIndex(specForPlan(plan));
}

