import { Auditor, type CheckedFinding, notJsonText, unplannedEventText } from './auditor.js';
import { type MessageKind, messageKind } from './message-kind.js';
import type { PlanIndex } from './plan-index.js';
import { holdsNonFinite, writtenValue } from './raw-numbers.js';
import { type AuditCode, type AuditSummary, emptySummary, mergeSummaries } from './summary.js';
import type { AuditRow } from '../sql/rows.js';

/**
 * The audit summary of the rows an SQL engine returned for a plan's compiled query
 * (src/sql): each message, with its findings, is counted by the same Auditor code the
 * JavaScript engine counts with (folding, examples, stats), input by input and line by line,
 * so the report built from it is the JavaScript engine's. Inputs come in the order of their
 * names (rows from a cluster come in no order).
 */
export function summaryFromRows(index: PlanIndex, rows: readonly AuditRow[]): AuditSummary {
  const byFile = new Map<string, AuditRow[]>();
  const unchecked: AuditRow[] = [];
  const notChecked: string[] = [];
  for (const r of rows) {
    if (r.kind === 'not-checked') {
      if (r.detail !== undefined && !notChecked.includes(r.detail)) notChecked.push(r.detail);
      continue;
    }
    if (r.kind === 'unchecked-pattern') {
      unchecked.push(r);
      continue;
    }
    let list = byFile.get(r.file);
    if (!list) byFile.set(r.file, (list = []));
    list.push(r);
  }
  const files = [...byFile.keys()].sort(compareText);
  let total = emptySummary();
  for (const file of files) total = mergeSummaries(total, fileSummary(index, file, byFile.get(file)!));
  const fileOrder = new Map(files.map((f, i) => [f, i]));
  // Patterns not checked, in the order the input first reached them (as the audit lists them).
  unchecked.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line || (a.item ?? -1) - (b.item ?? -1) || compareText(a.ord ?? '', b.ord ?? ''));
  total.uncheckedPatterns = [];
  for (const r of unchecked) if (r.value !== undefined && !total.uncheckedPatterns.includes(r.value)) total.uncheckedPatterns.push(r.value);
  if (notChecked.length > 0) total.notChecked = notChecked.sort(compareText);
  return total;
}

function fileSummary(index: PlanIndex, file: string, rows: AuditRow[]): AuditSummary {
  const folder = new RowFolder(index, file);
  // Messages and bad input in input order; each message's findings after it, in the validators' order.
  const sorted = [...rows].sort((a, b) => a.line - b.line || (a.item ?? -1) - (b.item ?? -1) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(a.ord ?? '', b.ord ?? '') || compareText(a.path ?? '', b.path ?? '') || compareText(a.code ?? '', b.code ?? ''));
  for (const r of sorted) folder.add(r);
  return folder.finish();
}

/** Where each kind of row stands among a message's rows (the query's ORDER BY says the same). */
const KIND_ORDER: Record<AuditRow['kind'], number> = { 'not-checked': -2, input: -1, 'bad-input': 0, message: 1, 'unchecked-pattern': 2, violation: 3 };

/**
 * The rows of one input folded into its summary one at a time, in the query's order (by line,
 * item, bad input before the message, the message before its violations): an engine streaming
 * the rows of a large input holds one message's rows, never the input's. `input` rows may come
 * at any time, and several (a query run over slices of the input): their counts add up.
 */
export class RowFolder {
  readonly #auditor: Auditor;
  #lines = 0;
  #bytes = 0;
  #message: AuditRow | undefined;
  #findings: AuditRow[] = [];
  readonly #unchecked: string[] = [];

  constructor(
    index: PlanIndex,
    readonly file: string,
  ) {
    this.#auditor = new Auditor(index, file);
  }

  add(r: AuditRow): void {
    if (r.kind === 'input') {
      this.#lines += r.lines ?? 0;
      this.#bytes += r.bytes ?? 0;
      this.#auditor.blankLines(r.blank ?? 0);
    } else if (r.kind === 'violation') {
      if (this.#message && this.#message.line === r.line && this.#message.item === r.item) this.#findings.push(r);
    } else if (r.kind === 'unchecked-pattern') {
      if (r.value !== undefined && !this.#unchecked.includes(r.value)) this.#unchecked.push(r.value);
    } else if (r.kind === 'bad-input' || r.kind === 'message') {
      this.#flush();
      if (r.kind === 'bad-input') badInput(this.#auditor, r);
      else this.#message = r;
    }
  }

  /** The input's summary; `bytes`, when given, replaces the rows' count (which adds a line end after a last line that has none). */
  finish(bytes?: number): AuditSummary {
    this.#flush();
    this.#auditor.finish(this.#lines, bytes ?? this.#bytes);
    const s = this.#auditor.summary;
    s.uncheckedPatterns = [...this.#unchecked];
    return s;
  }

  #flush(): void {
    const r = this.#message;
    if (!r) return;
    const found = this.#findings.sort((a, b) => compareText(a.ord ?? '', b.ord ?? '') || compareText(a.path ?? '', b.path ?? '') || compareText(a.code ?? '', b.code ?? ''));
    this.#auditor.checked(r.type ?? '', r.event ?? '', found.map((f) => finding(f, r)), r.line, r.ts);
    this.#message = undefined;
    this.#findings = [];
  }
}

function finding(f: AuditRow, message: AuditRow): CheckedFinding {
  const code = f.code as AuditCode;
  let value: unknown;
  let written: string | undefined;
  if (f.value !== undefined) {
    try {
      value = JSON.parse(f.value);
      if (holdsNonFinite(value)) written = writtenValue(f.value, -1, '');
    } catch {
      value = f.value;
    }
  }
  const message_ = code === 'unplanned-event' ? unplannedEventText(message.type ?? '', message.event ?? '') : (f.detail ?? '');
  const out: CheckedFinding = { code, path: canonicalPath(f.path ?? ''), message: message_, value, warn: f.severity === 'warn' };
  if (written !== undefined) out.written = written;
  return out;
}

/** Bad input in the audit's own words, worked out again from the line as the engine read it. */
function badInput(auditor: Auditor, r: AuditRow): void {
  const text = r.value ?? '';
  if (r.detail === 'too-long') return auditor.tooLong(r.line, Number(text));
  if (r.code === 'invalid-json') return auditor.badInput('invalid-json', r.line, notJsonText(text) ?? 'Not JSON (as the SQL engine read it); this line was not audited.');
  let why: string | undefined;
  try {
    why = messageKind(JSON.parse(text), { type: '', name: '', payload: undefined } satisfies MessageKind);
  } catch {
    why = undefined;
  }
  auditor.badInput((r.code ?? 'malformed-message') as AuditCode, r.line, why ?? 'Not a message (as the SQL engine read it).');
}

/** A path with its quoted keys as JSON.stringify writes them (engines escape some characters otherwise). */
export function canonicalPath(path: string): string {
  return path.replace(/\["(?:[^"\\]|\\.)*"\]/g, (seg) => {
    try {
      return `[${JSON.stringify(JSON.parse(seg.slice(1, -1)) as string)}]`;
    } catch {
      return seg;
    }
  });
}

/** Plain text order (code units), the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
