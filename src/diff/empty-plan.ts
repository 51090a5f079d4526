import type { Plan } from '../model/plan.js';

/**
 * What a plan was before it existed, for a plan that is new at the revision it is compared
 * with: its own header (name, description, owners, strict) and nothing defined, no version.
 * Against it every message and named type is an addition.
 */
export function emptyPlanLike(head: Plan): Plan {
  return {
    file: head.file,
    ...(head.name !== undefined ? { name: head.name } : {}),
    ...(head.description !== undefined ? { description: head.description } : {}),
    owners: head.owners,
    strict: head.strict,
    imports: [],
    types: new Map(),
    sharedProperties: new Map(),
    events: [],
    pages: [],
    screens: [],
  };
}
