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
  const auditor = new Auditor(index, file);
  let lines = 0;
  let bytes = 0;
  // Messages and bad input in input order; each message's findings in the validators' order.
  const events: AuditRow[] = [];
  const findings = new Map<string, AuditRow[]>();
  for (const r of rows) {
    if (r.kind === 'input') {
      lines += r.lines ?? 0;
      bytes += r.bytes ?? 0;
      auditor.blankLines(r.blank ?? 0);
    } else if (r.kind === 'violation') {
      const k = `${r.line}\u0000${r.item ?? -1}`;
      let list = findings.get(k);
      if (!list) findings.set(k, (list = []));
      list.push(r);
    } else events.push(r);
  }
  events.sort((a, b) => a.line - b.line || (a.item ?? -1) - (b.item ?? -1) || (a.kind === b.kind ? 0 : a.kind === 'bad-input' ? -1 : 1));
  for (const r of events) {
    if (r.kind === 'bad-input') badInput(auditor, r);
    else if (r.kind === 'message') {
      const found = (findings.get(`${r.line}\u0000${r.item ?? -1}`) ?? []).sort((a, b) => compareText(a.ord ?? '', b.ord ?? '') || compareText(a.path ?? '', b.path ?? '') || compareText(a.code ?? '', b.code ?? ''));
      auditor.checked(r.type ?? '', r.event ?? '', found.map((f) => finding(f, r)), r.line, r.ts);
    }
  }
  auditor.finish(lines, bytes);
  return auditor.summary;
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
