import { describeEngine } from './engine-suite.js';
import { missingSpark } from './engines-home.js';
import { sparkRunner } from './runner.js';

describeEngine({
  name: 'Spark',
  dialect: 'spark',
  title: 'the spark dialect on a real Spark (PySpark, local mode)',
  missing: missingSpark(),
  start: sparkRunner,
  trailingParses: true,
  trailingWhy: 'Spark takes a JSON value followed by more text.',
});
