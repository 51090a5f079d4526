import { type PlanIndex, type PlanPlace, planLocator } from '../audit/plan-index.js';
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { Origin, Plan } from '../model/plan.js';

/**
 * One load of the plan that passed `check`: the model, its validators, and where in the YAML each
 * rule lives. `serve` swaps in a new revision when the plan file changes; a stored message keeps
 * the revision it was checked against, so its violations still point at the lines that made them.
 */
export class PlanRevision {
  readonly #locator: ReturnType<typeof planLocator>;
  readonly #places = new Map<string, PlanPlace | undefined>();

  constructor(
    /** 1 for the plan `serve` started with, then one more for each change swapped in. */
    readonly revision: number,
    readonly plan: Plan,
    readonly locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined,
    readonly index: PlanIndex,
  ) {
    this.#locator = planLocator(plan, locate);
  }

  /** The plan's place a finding breaks (cached: the same few places are asked for again and again). */
  place(type: string, name: string, code: string, path: string): PlanPlace | undefined {
    const key = `${type}\u0000${name}\u0000${code}\u0000${path}`;
    if (this.#places.has(key)) return this.#places.get(key);
    const place = this.#locator(type, name, code, path);
    // Paths hold list indexes and unplanned keys: the cache is bounded, not every path kept.
    if (this.#places.size >= 4096) this.#places.clear();
    this.#places.set(key, place);
    return place;
  }
}
