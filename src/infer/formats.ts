import { FORMAT_CHECKS, helperSource } from '../compile/validator/helpers.js';
import { type FormatTest, INFERRED_FORMATS } from './shape.js';

/**
 * The format test `infer` uses: the very checks the audit's validators run (helpers.ts), so a
 * format written into a plan is one every value seen passes when the input is audited against it.
 * Loaded as a module, as the audit loads its validators.
 */
export async function loadFormatTest(): Promise<FormatTest> {
  const checks = INFERRED_FORMATS.map((f) => FORMAT_CHECKS[f]!);
  const body = INFERRED_FORMATS.map((_f, i) => `  if ((bits & ${1 << i}) !== 0 && !(${checks[i]!.expr('s')})) bits &= ~${1 << i};`).join('\n');
  const code = `${helperSource(checks.map((c) => c.helper), false)}\nexport function test(s, bits) {\n${body}\n  return bits;\n}\n`;
  const ns = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { test: FormatTest };
  return ns.test;
}
