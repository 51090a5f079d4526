import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compilePlanFormatValidator, PREBUILT_FORMAT_VALIDATOR } from '../../src/load/format-schema.js';

// `npm test` builds first: the CLI uses the validator the build wrote into dist/.
const prebuilt = createRequire(import.meta.url)(`../../dist/load/${PREBUILT_FORMAT_VALIDATOR.slice(2)}`) as ValidateFunction;
const compiled = compilePlanFormatValidator();

const documents: [string, unknown][] = [
  ['ecommerce', jsYaml.load(readFileSync('plans/ecommerce.yaml', 'utf8'))],
  ['saas', jsYaml.load(readFileSync('plans/saas.yaml', 'utf8'))],
  ['mistakes fixture', jsYaml.load(readFileSync('test/fixtures/plans/mistakes.yaml', 'utf8'), { json: true })],
  ['unknown keys and wrong types', { trackplan: 1, events: { 'Order Completed': { descriptoin: 'x', properties: { total: { type: 7, required: 'yes' } } } }, extra: true }],
  ['version as a number', { trackplan: 1, version: 1.1, events: {} }],
  ['no trackplan key', { events: [] }],
  ['not an object', 'events'],
];

describe('the prebuilt plan-format validator (ajv standalone, written at build time)', () => {
  it.each(documents)('%s: the same verdict and errors as compiling the schema now', (_name, doc) => {
    const a = prebuilt(doc);
    const b = compiled(doc);
    expect(a).toBe(b);
    expect(prebuilt.errors ?? null).toEqual(compiled.errors ?? null);
  });

  it('finds problems in the broken documents (so the comparison compares something)', () => {
    expect(documents.filter(([, d]) => !prebuilt(d)).length).toBeGreaterThanOrEqual(4);
  });
});
