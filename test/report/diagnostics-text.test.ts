import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { diagnosticsJson } from '../../src/report/diagnostics-json.js';
import { formatDiagnostics, summarize } from '../../src/report/diagnostics-text.js';

const d: Diagnostic = {
  code: 'unknown-key',
  severity: 'error',
  message: 'Unknown key `descriptoin` in event `A`. Did you mean `description`?',
  file: 'plan.yaml',
  path: ['events', 'A', 'descriptoin'],
  range: { start: { line: 3, col: 5 }, end: { line: 3, col: 16 } },
};
const text = 'trackplan: 1\nevents:\n  A:\n    descriptoin: x\n';

describe('diagnostic formatting', () => {
  it('prints file:line:col, severity, message and code on one line', () => {
    expect(formatDiagnostics([d])).toBe('plan.yaml:3:5 error Unknown key `descriptoin` in event `A`. Did you mean `description`? [unknown-key]\n');
  });

  it('adds a code frame with a caret under the span when sources are given', () => {
    const out = formatDiagnostics([{ ...d, range: { start: { line: 4, col: 5 }, end: { line: 4, col: 16 } } }], { sources: new Map([['plan.yaml', text]]) });
    expect(out.split('\n').slice(1, 5)).toEqual(['  3 |   A:', '> 4 |     descriptoin: x', '    |     ^^^^^^^^^^^', '  5 | ']);
  });

  it('clips huge lines in frames', () => {
    const long = `x: ${'y'.repeat(10_000)}`;
    const out = formatDiagnostics([{ ...d, range: { start: { line: 1, col: 4 }, end: { line: 1, col: 10_000 } } }], { sources: new Map([['plan.yaml', long]]) });
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(200);
  });

  it('counts errors and warnings', () => {
    expect(summarize([d, { ...d, severity: 'warn' }, d])).toBe('2 errors, 1 warning');
  });

  it('gives JSON with 1-based positions and a summary', () => {
    const { range: _range, ...unlocated } = d;
    const body = JSON.parse(diagnosticsJson(['plan.yaml'], [d, { ...unlocated, severity: 'warn' }]));
    expect(body.summary).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(body.diagnostics[0]).toMatchObject({ line: 3, column: 5, endLine: 3, endColumn: 16, code: 'unknown-key' });
    expect(body.diagnostics[1].line).toBeNull();
  });
});
