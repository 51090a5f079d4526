// Types of synthetic-plan.mjs, for the tests that use the bench's plan (test/infer).
export function syntheticPlan(events: number): string;
