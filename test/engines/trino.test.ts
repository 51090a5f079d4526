import { describeEngine } from './engine-suite.js';
import { missingTrino } from './engines-home.js';
import { trinoRunner } from './runner.js';

describeEngine({
  name: 'Trino',
  dialect: 'trino',
  title: 'the trino dialect on a real Trino (single node, memory catalog)',
  missing: missingTrino(),
  start: trinoRunner,
  trailingParses: false,
  trailingWhy: 'Trino refuses a value followed by more text, as JSON.parse does.',
});
