// Which planned messages the code sends, from the calls found in its files: planned messages
// never called, raw SDK calls with names the plan lacks, and raw calls of planned messages
// that go around the generated client. Pure: calls and the plan in, diagnostics out.
import { escapeHiddenInLine } from '../compile/hidden-chars.js';
import type { Diagnostic, Position, SourceRange } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { functionName } from '../model/names.js';
import type { MessageDef, Origin, Plan } from '../model/plan.js';
import type { FileCalls } from './find-calls.js';

/** Codes `status` reports, and their severity. */
export const STATUS_CODES = { 'never-called': 'error', 'unplanned-call': 'warn', 'bypasses-client': 'warn', 'unparsable-file': 'warn' } as const;
export type StatusCode = keyof typeof STATUS_CODES;

/** What a status found: its diagnostics, and counts for the summary line. */
export interface StatusResult {
  diagnostics: Diagnostic[];
  files: number;
  planned: number;
  implemented: number;
}

/** The generated client's function of each planned message, by name. */
export function generatedFunctions(plan: Plan): Map<string, MessageDef> {
  const out = new Map<string, MessageDef>();
  for (const m of allMessages(plan)) out.set(functionName({ kind: m.kind, name: m.name, ...(m.codegenName !== undefined ? { codegenName: m.codegenName } : {}) }), m);
  return out;
}

function allMessages(plan: Plan): MessageDef[] {
  return [...plan.events, ...plan.pages, ...plan.screens, ...(plan.identify ? [plan.identify] : []), ...(plan.group ? [plan.group] : [])];
}

const WHAT: Record<string, string> = { track: 'Event', page: 'Page', screen: 'Screen', identify: 'Identify', group: 'Group' };

function label(m: MessageDef): string {
  return m.kind === 'identify' || m.kind === 'group' ? `The ${m.kind} call` : `${WHAT[m.kind]} ${JSON.stringify(m.name)}`;
}

/**
 * The status of a plan in the files scanned. `locate` places a plan definition in its file
 * (for `never-called`, reported on the plan's line).
 */
export function planStatus(plan: Plan, files: ReadonlyMap<string, FileCalls>, locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined): StatusResult {
  const functions = generatedFunctions(plan);
  const byName = new Map<string, MessageDef>();
  for (const m of allMessages(plan)) byName.set(`${m.kind}\u0000${m.name}`, m);
  const fnOf = new Map([...functions].map(([fn, m]) => [m, fn]));
  const called = new Set<MessageDef>();
  const out: Diagnostic[] = [];
  const at = (file: string, start: Position, end: Position): Pick<Diagnostic, 'file' | 'range'> => ({ file, range: { start, end } });
  for (const [file, found] of files) {
    if ('error' in found) {
      out.push({ code: 'unparsable-file', severity: STATUS_CODES['unparsable-file'], message: `Cannot be parsed as TypeScript or JavaScript (${found.error.message}); its calls were not counted.`, path: [], ...at(file, found.error.at, found.error.at) });
      continue;
    }
    for (const c of found.calls) {
      if (c.kind === 'generated') {
        const m = functions.get(c.fn);
        if (m) called.add(m);
        continue;
      }
      const key = `${c.method}\u0000${c.name ?? ''}`;
      const m = byName.get(key);
      const fn = m ? fnOf.get(m) : undefined;
      if (m) {
        called.add(m);
        out.push({ code: 'bypasses-client', severity: STATUS_CODES['bypasses-client'], message: `${label(m)} is sent with a raw \`.${c.method}()\` call: call the generated \`${fn}()\` instead, which the plan types and checks.`, path: m.origin.path, ...at(file, c.at, c.end) });
        continue;
      }
      // Calls of a kind the plan does not plan at all pass unchecked in the audit too.
      const plansKind = c.method === 'track' || (c.method === 'page' && plan.pages.length > 0) || (c.method === 'screen' && plan.screens.length > 0);
      if (c.name !== undefined && plansKind) {
        out.push({ code: 'unplanned-call', severity: STATUS_CODES['unplanned-call'], message: `${WHAT[c.method]} ${JSON.stringify(c.name)} is sent here but is not in the plan: add it to the plan (then call its generated function), or fix the name.`, path: [], ...at(file, c.at, c.end) });
      }
    }
  }
  let planned = 0;
  for (const [fn, m] of functions) {
    // A deprecated message is on its way out: not calling it is the point.
    if (m.deprecated !== undefined) continue;
    planned++;
    if (called.has(m)) continue;
    const range = locate(m.origin, 'key');
    out.push({ code: 'never-called', severity: STATUS_CODES['never-called'], message: `${label(m)} is planned but never sent: no call of \`${fn}()\` (nor a raw call with its name) in the ${files.size} ${files.size === 1 ? 'file' : 'files'} scanned.`, file: m.origin.file, path: m.origin.path, ...(range ? { range } : {}) });
  }
  const implemented = [...called].filter((m) => m.deprecated === undefined).length;
  // Names and parser messages come from the code: a terminal control (ESC, CSI) or a bidi
  // character in one is shown as `\uXXXX`, never acted on by a terminal or a CI log.
  for (const d of out) d.message = escapeHiddenInLine(d.message);
  return { diagnostics: sortDiagnostics(out), files: files.size, planned, implemented };
}
