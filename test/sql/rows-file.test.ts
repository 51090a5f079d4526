import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../src/sql/rows.js';
import { parseRows, RowsError, RowsParser } from '../../src/sql/rows-file.js';

const HEADER = 'kind,file,line,item,type,event,valid,code,severity,path,detail,value,ord,lines,blank,bytes,ts';
const INPUT_CSV = 'input,a.ndjson,,,,,,,,,,,,2,0,20,';
const MESSAGE_CSV = 'message,a.ndjson,1,,track,Order Completed,false,,,,,,,,,,';
// A finding's message with a comma, a doubled quote, and line breaks (LF and CRLF) inside quotes.
const VIOLATION_CSV = 'violation,a.ndjson,1,,,,,type-mismatch,error,properties.total,"must be a number, not ""x""\nsee the plan\r\nfor total","""x""",0001,,,,';
const INPUT_JSON = JSON.stringify({ kind: 'input', file: 'a.ndjson', lines: 2, blank: 0, bytes: 20 });
const MESSAGE_JSON = JSON.stringify({ kind: 'message', file: 'a.ndjson', line: 1, type: 'track', event: 'Order Completed', valid: false });

/** The rows of `text` given to the parser in pieces cut at `cuts`. */
function inPieces(text: string, cuts: number[], name = 'rows.csv'): AuditRow[] {
  const out: AuditRow[] = [];
  const p = new RowsParser(name, (r) => out.push(r));
  let from = 0;
  for (const c of [...cuts, text.length]) {
    p.push(text.slice(from, c));
    from = c;
  }
  p.end();
  return out;
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RowsError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('the rows parser, text in pieces', () => {
  const texts: [string, string][] = [
    ['CSV with LF', `${HEADER}\n${INPUT_CSV}\n${MESSAGE_CSV}\n${VIOLATION_CSV}\n`],
    ['CSV with CRLF, a BOM and no last line end', `\ufeff${HEADER}\r\n${INPUT_CSV}\r\n\r\n${MESSAGE_CSV}\r\n${VIOLATION_CSV}`],
    ['JSON lines with CRLF, a BOM and blank lines', `\ufeff${INPUT_JSON}\r\n\r\n  ${MESSAGE_JSON}  \r\n`],
    ['a JSON array', `\n [${INPUT_JSON},\n${MESSAGE_JSON}]\n`],
  ];
  for (const [what, text] of texts) {
    it(`${what}: the same rows cut at every place, and cut in two places`, () => {
      const whole = parseRows(text, 'rows.csv');
      expect(whole.length).toBeGreaterThanOrEqual(2);
      for (let i = 0; i <= text.length; i++) expect(inPieces(text, [i]), `cut at ${i}`).toEqual(whole);
      for (let i = 0; i <= text.length; i += 7) for (let j = i; j <= text.length; j += 5) expect(inPieces(text, [i, j]), `cut at ${i}, ${j}`).toEqual(whole);
      // A piece a character at a time.
      expect(inPieces(text, [...text].map((_, i) => i))).toEqual(whole);
    });
  }

  it('keeps a quoted field with line breaks whole across pieces, and numbers the lines after it', () => {
    const text = `${HEADER}\n${INPUT_CSV}\n${VIOLATION_CSV}\n${MESSAGE_CSV}\n`;
    const at = text.indexOf('see the plan');
    const rows = inPieces(text, [at - 3, at + 4, at + 16]);
    expect(rows.map((r) => r.kind)).toEqual(['input', 'violation', 'message']);
    expect(rows[1]!.detail).toBe('must be a number, not "x"\nsee the plan\r\nfor total');
    expect(rows[1]!.value).toBe('"x"');
    // The record after the field's two line breaks starts on line 6.
    const bad = `${HEADER}\n${INPUT_CSV}\n${VIOLATION_CSV}\nmessage,a.ndjson,one,,track,E,true,,,,,,,,,,\n`;
    for (const cut of [bad.indexOf('see'), bad.indexOf('one') - 1, bad.indexOf('one') + 1]) expect(errorOf(() => inPieces(bad, [cut]))).toBe('rows.csv:6: column line must be a whole number, not "one".');
  });

  it('gives the line of an error after a piece boundary (JSON lines, CSV, CRLF)', () => {
    const jsonl = `${INPUT_JSON}\r\n\r\n${MESSAGE_JSON}\r\n{"kind":"message",\r\n`;
    for (let i = 0; i <= jsonl.length; i++) expect(errorOf(() => inPieces(jsonl, [i], 'rows.ndjson'))).toMatch(/^rows\.ndjson:4: not JSON \(/);
    const csv = `${HEADER}\r\n${INPUT_CSV}\r\n${VIOLATION_CSV}\r\n"message"x,a\r\n`;
    for (let i = 0; i <= csv.length; i++) expect(errorOf(() => inPieces(csv, [i]))).toBe('rows.csv:6: unexpected "x" after a quoted field.');
    const open = `${HEADER}\n${INPUT_CSV}\ninput,"a.ndjson\n,,\n`;
    for (let i = 0; i <= open.length; i++) expect(errorOf(() => inPieces(open, [i]))).toBe('rows.csv:3: a quoted field is not closed.');
  });

  it('refuses a JSON array past its limit, asking for JSON lines', () => {
    const text = `[${INPUT_JSON},${MESSAGE_JSON}]`;
    const small = new RowsParser('big.json', () => {}, { maxArrayText: 50 });
    expect(errorOf(() => {
      small.push(text.slice(0, 40));
      small.push(text.slice(40));
    })).toBe("big.json:1: a JSON array of rows longer than 50 characters, which is read whole; export the query's rows as JSON lines (one row per line) or CSV, which are read a row at a time.");
    const out: AuditRow[] = [];
    const roomy = new RowsParser('big.json', (r) => out.push(r), { maxArrayText: text.length });
    roomy.push(text);
    roomy.end();
    expect(out).toHaveLength(2);
  });

  it('reads nothing from empty or blank text', () => {
    for (const text of ['', '\ufeff', ' \n\r\n\t']) expect(inPieces(text, [1])).toEqual([]);
  });
});
