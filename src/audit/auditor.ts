import type { DocumentSink } from './document.js';
import { compareExamples, FOLDED, foldedMessage, foldedNamesMessage, Folder, foldsToJson, listedPath, messageKey } from './fold.js';
import { type LineSink, LineSplitter, MAX_LINE } from './lines.js';
import { type MessageKind, messageKind, notJsonElement, notJsonLine, notUtf8Text, tooLongText } from './message-kind.js';
import type { IndexedMessage, PlanIndex } from './plan-index.js';
import { holdsNonFinite, writtenValue } from './raw-numbers.js';
import { hourOf, TimelineCounter } from './timeline.js';
import { addBadInput, type AuditCode, type AuditSummary, emptySummary, type Example, exampleValue, MAX_EXAMPLES, type MessageStats, shortened } from './summary.js';

/** Lines parsed before they are checked (see Auditor.line), and at most this much text: a few large lines are not held. */
const HELD = 16;
const HELD_CHARS = 256 * 1024;

/** A line that is not JSON, held in order with the parsed ones; V8's message made editor-friendly. */
class NotJson {
  readonly message: string;
  constructor(e: Error) {
    this.message = notJsonLine(e);
  }
}

/** What bad input says of a line that is not JSON (undefined when JSON.parse takes it). */
export function notJsonText(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return new NotJson(e as Error).message;
  }
}

/** The words of an `unplanned-event` finding for a message of `type` named `name`. */
export function unplannedEventText(type: string, name: string): string {
  const what = type === 'track' ? 'Event' : type === 'page' ? 'Page' : 'Screen';
  return name === '' ? `A ${type} call without a name is not in the plan` : `${what} ${JSON.stringify(name)} is not in the plan`;
}

/** A finding of a message checked elsewhere (an SQL engine, src/sql), as `Auditor.checked` takes it. */
export interface CheckedFinding {
  code: AuditCode;
  path: string;
  message: string;
  /** The offending value (undefined: none, as for a missing key). */
  value: unknown;
  warn: boolean;
  /** The value as JSON text as the message wrote it: shown when it holds a number past a double's range. */
  written?: string;
}

const OUT_OF_FLOAT_RANGE = 'must be within the range of a 64-bit float (about ±1.8e308)';

function isId(v: unknown): boolean {
  return (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v));
}

/** What the checks of one message found; the same shape whether found here or by an SQL engine. */
type Found = CheckedFinding;

/** One finding of one message, as `trackplan serve` keeps it beside the message. */
export interface MessageFinding {
  code: AuditCode;
  severity: 'error' | 'warn';
  path: string;
  message: string;
  value?: unknown;
}

/** What checking one message found (`trackplan serve`): a message and its findings, or bad input. */
export type MessageOutcome = { message: true; type: string; name: string; findings: readonly MessageFinding[] } | { message: false; code: AuditCode; text: string };

/** A line with nothing to read: counted as blank, neither a message nor bad input. */
export function isBlankLine(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '');
}

// One list of findings and one of validator output for every auditor of a thread (each
// message is checked at once, start to end): a new auditor for each piece of a file would
// otherwise bring new empty lists, which V8's optimized code meets as a new kind of array.
const FOUND: Found[] = [];
// What a message without findings keeps (`trackplan serve` keeps one per message stored): one list for all.
const NO_FINDINGS: readonly MessageFinding[] = Object.freeze([]);
/** The kind of the message being read, reused. */
const KIND: MessageKind = { type: '', name: '', payload: undefined };
const OUT: Parameters<IndexedMessage['validate']>[1] & object = [];

/**
 * Checks messages against the plan and counts what it finds into a summary. One per input
 * (or per worker range); summaries merge. Never throws for bad input: a line that is not
 * JSON, a message that is not a message, each is counted and the next line is read.
 */
export class Auditor implements LineSink, DocumentSink {
  readonly summary: AuditSummary = emptySummary();
  #blank = 0;
  readonly #stats = new Map<string, Map<string, MessageStats>>();
  readonly #foldedStats = new Map<string, MessageStats>();
  // Names and keys made of data fold into `*` (fold.ts); names folded lose their cached stats.
  readonly #folder = new Folder(this.summary, new Map(), () => 0, MAX_EXAMPLES, (type, names) => {
    const byName = this.#stats.get(type);
    for (const n of names) byName?.delete(n);
  });
  // Counts by message type, kept in a Map while reading (a new kind of object for V8 at each type
  // first seen, per piece, made `count` slow down and recompile) and written out at the end.
  readonly #byType = new Map<string, { read: number; invalid: number }>();
  // Messages over time, by their own timestamp; `#hour` is the current message's (set by envelope).
  readonly #timeline = new TimelineCounter();
  #hour: string | undefined;

  constructor(
    private index: PlanIndex,
    private readonly file: string,
  ) {
    this.summary.uncheckedPatterns = index.uncheckedPatterns;
  }

  /**
   * Check the lines that follow against another plan, keeping what was counted so far:
   * `trackplan serve` swaps in a plan edited while it runs, and each message stays counted
   * as the plan it arrived under found it.
   */
  usePlan(index: PlanIndex): void {
    this.index = index;
    this.summary.uncheckedPatterns = index.uncheckedPatterns;
  }

  /** Record the input's size once it is read. */
  finish(lines: number, bytes: number): void {
    this.#checkHeld();
    if (this.#folder.folds.size > 0) this.summary.folds = foldsToJson(this.#folder.folds);
    for (const [type, counts] of this.#byType) this.summary.messages.byType[type] = counts;
    const timeline = this.#timeline.toJson();
    if (timeline) this.summary.timeline = timeline;
    this.summary.inputs.push({ file: this.file, lines, blank: this.#blank, bytes });
  }

  /**
   * The summary as `finish(lines, bytes)` would leave it, without ending the audit: `trackplan
   * serve` reports while messages keep arriving. A copy, so later messages do not change it.
   */
  snapshot(lines: number, bytes: number): AuditSummary {
    this.#checkHeld();
    const s = structuredClone(this.summary);
    if (this.#folder.folds.size > 0) s.folds = foldsToJson(this.#folder.folds);
    for (const [type, counts] of this.#byType) s.messages.byType[type] = { ...counts };
    const timeline = this.#timeline.toJson();
    if (timeline) s.timeline = timeline;
    s.inputs.push({ file: this.file, lines, blank: this.#blank, bytes });
    return s;
  }

  // `trackplan serve` checks each line as it writes it, and keeps what each message broke.
  #outcomes: MessageOutcome[] | undefined;

  /**
   * Check a line already parsed (`value`, read from `text`) at once, exactly as `line` checks
   * it, and say what each message in it was: `trackplan serve` parses a request once, and keeps
   * the findings with the message.
   */
  checkParsed(value: unknown, text: string, lineNo: number, twin?: Auditor): MessageOutcome[] {
    this.#checkHeld();
    const outcomes: MessageOutcome[] = (this.#outcomes = []);
    // A twin with the same plan counts what this one finds, from one run of the validators.
    if (twin !== undefined && twin.index === this.index && twin !== this) {
      twin.#checkHeld();
      twin.#text = text;
      this.#twin = twin;
    } else if (twin !== undefined) twin.checkParsed(value, text, lineNo);
    try {
      this.#text = text;
      this.#value(value, lineNo);
    } finally {
      this.#outcomes = undefined;
      this.#twin = undefined;
    }
    return outcomes;
  }

  // `trackplan serve` counts a message for all time and for the test (generation) it belongs
  // to: two summaries, two folders of names, one check (see checkParsed).
  #twin: Auditor | undefined;

  /** Check a line given as bytes (a request body that is not JSON, or not UTF-8) at once, read as the audit reads a line of a file. */
  checkBytes(line: Buffer, lineNo: number): MessageOutcome[] {
    this.#checkHeld();
    const outcomes: MessageOutcome[] = (this.#outcomes = []);
    try {
      const splitter = new LineSplitter(this, MAX_LINE, lineNo, { startOfFile: false });
      splitter.push(line);
      splitter.end();
      this.#checkHeld();
    } finally {
      this.#outcomes = undefined;
    }
    return outcomes;
  }

  // Lines are parsed a few at a time, then checked: JSON.parse and the validators each run in a
  // loop of their own, and each keeps its code and data in the CPU's caches rather than evicting
  // the other's at every line (2–3% of a whole audit, measured with `npm run bench`). Whatever
  // else is recorded (a line too long, a truncated input, a document) waits for the lines held
  // before it, so findings keep the order of the input.
  readonly #held: unknown[] = [];
  readonly #heldLines: number[] = [];
  readonly #heldTexts: string[] = [];
  #heldChars = 0;
  // The text the message being checked was read from, and its place in that text's list or
  // batch (-1: the whole text): for examples, which show numbers as the message wrote them.
  #text = '';
  #at = -1;

  line(text: string, lineNo: number): void {
    if (isBlankLine(text)) {
      this.#blank++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      value = new NotJson(e as Error);
    }
    this.#held.push(value);
    this.#heldTexts.push(text);
    this.#heldChars += text.length;
    if (this.#heldLines.push(lineNo) === HELD || this.#heldChars > HELD_CHARS) this.#checkHeld();
  }

  #checkHeld(): void {
    const values = this.#held;
    const lines = this.#heldLines;
    const texts = this.#heldTexts;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      this.#text = texts[i]!;
      if (v instanceof NotJson) this.#badInput('invalid-json', lines[i]!, v.message);
      else this.#value(v, lines[i]!);
    }
    values.length = 0;
    lines.length = 0;
    texts.length = 0;
    this.#heldChars = 0;
  }

  tooLong(lineNo: number, bytes: number, what: 'line' | 'message' = 'line'): void {
    this.badInput('malformed-message', lineNo, tooLongText(bytes, what));
  }

  invalidUtf8(lineNo: number, column: number, byte: number, what: 'line' | 'message'): void {
    this.badInput('invalid-utf8', lineNo, notUtf8Text(column, byte, what));
  }

  /** One message of a JSON document, as text, starting at `lineNo`:`column` (see DocumentReader). */
  element(text: string, lineNo: number, column: number): void {
    this.#checkHeld();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // V8 says where in the message; the report says where in the file.
      const bad = notJsonElement(text, e as Error, lineNo, column);
      this.#badInput('invalid-json', bad.line, bad.message);
      return;
    }
    this.#text = text;
    this.#at = -1;
    this.#message(value, lineNo);
  }

  /** A parsed line: one message, a list of them, or a Segment batch payload. */
  #value(value: unknown, lineNo: number): void {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        this.#at = i;
        this.#message(value[i], lineNo);
      }
    } else if (value !== null && typeof value === 'object' && Array.isArray((value as { batch?: unknown }).batch)) {
      const batch = (value as { batch: unknown[] }).batch;
      for (let i = 0; i < batch.length; i++) {
        this.#at = i;
        this.#message(batch[i], lineNo);
      }
    } else {
      this.#at = -1;
      this.#message(value, lineNo);
    }
  }

  badInput(code: AuditCode, lineNo: number, message: string): void {
    this.#checkHeld();
    this.#badInput(code, lineNo, message);
  }

  #badInput(code: AuditCode, lineNo: number, message: string): void {
    addBadInput(this.summary, code, { file: this.file, line: lineNo }, message);
    this.#outcomes?.push({ message: false, code, text: message });
    const twin = this.#twin;
    if (twin !== undefined) twin.#badInput(code, lineNo, message);
  }

  #message(msg: unknown, lineNo: number): void {
    const kind = KIND;
    const bad = messageKind(msg, kind);
    if (bad !== undefined) {
      this.#badInput('malformed-message', lineNo, bad);
      return;
    }
    const m = msg as Record<string, unknown>;
    const type = kind.type;
    const name = kind.name;
    const payload = kind.payload;
    let entry: IndexedMessage | undefined;
    if (type === 'track') entry = this.index.track.get(name);
    else if (type === 'page' || type === 'screen') entry = this.index[type].get(name);
    else if (type === 'identify' || type === 'group') entry = this.index[type];

    // One list reused for every message: most have no findings, and the audit reads millions.
    const found = FOUND;
    if (found.length !== 0) found.length = 0;
    this.envelope(m, type, found);
    // A plan without pages (or screens, identify, group) does not plan those calls: they pass
    // unchecked rather than each being an error (analytics.js sends a page call on every load).
    const unplannedKind = (type === 'identify' || type === 'group') ? this.index[type] === undefined : (type === 'page' || type === 'screen') && this.index[type].size === 0;
    const planned = type === 'alias' || entry !== undefined || unplannedKind;
    let folded = false;
    let unplanned: { finding: Found; plain: string } | undefined;
    if (!planned && (type === 'track' || type === 'page' || type === 'screen')) {
      const plain = unplannedEventText(type, name);
      const finding: Found = { code: 'unplanned-event', path: type === 'track' ? 'event' : 'name', message: plain, value: name, warn: false };
      // Names made of data (`Viewed Product 8412`) fold into `*` past a limit: see fold.ts.
      if (this.#folder.foldsName(type, name)) {
        folded = true;
        finding.message = foldedNamesMessage(type);
      }
      found.push(finding);
      unplanned = { finding, plain };
    }
    if (entry) {
      if (entry.deprecated !== undefined) {
        found.push({ code: 'deprecated-event', path: type === 'track' ? 'event' : 'name', message: `is deprecated${typeof entry.deprecated === 'string' ? `: ${entry.deprecated}` : ''}`, value: name, warn: true });
      }
      // A message without properties is sent as {} by every SDK.
      const out = OUT;
      if (out.length !== 0) out.length = 0;
      let violations: ReturnType<IndexedMessage['validate']>;
      try {
        violations = entry.validate(payload ?? {}, out);
      } catch (e) {
        // A value nested deeper than the stack allows (a recursive type checked thousands of
        // levels down): bad input, not a crash of the whole audit.
        if (!(e instanceof RangeError)) throw e;
        this.#badInput('malformed-message', lineNo, 'The message is nested too deeply to check; skipped.');
        return;
      }
      for (const v of violations) {
        if (v.rule === 'type-mismatch' && typeof v.value === 'number' && !Number.isFinite(v.value) && /\b(?:number|integer)\b/.test(v.message)) {
          // A number the plan would take, but beyond what a 64-bit float holds (`1e999`, read as
          // Infinity): out of range, not of the wrong type.
          found.push({ code: 'out-of-range', path: v.path, message: OUT_OF_FLOAT_RANGE, value: v.value, warn: false });
        } else found.push({ code: v.rule as AuditCode, path: v.path, message: v.message, value: v.value, warn: v.warn === true });
      }
    }
    this.count(type, name, folded, found, lineNo);
    const twin = this.#twin;
    if (twin !== undefined) {
      // The same findings, but names fold by the twin's own count of them.
      twin.#at = this.#at;
      twin.#hour = this.#hour;
      let twinFolded = false;
      if (unplanned !== undefined) {
        twinFolded = twin.#folder.foldsName(type, name);
        unplanned.finding.message = twinFolded ? foldedNamesMessage(type) : unplanned.plain;
      }
      twin.count(type, name, twinFolded, found, lineNo);
    }
  }

  /**
   * A message checked elsewhere (the SQL a plan compiles to: src/sql), counted and grouped here
   * as if this auditor had found `found` in it: names of unplanned events fold as they do here.
   */
  checked(type: string, name: string, found: readonly CheckedFinding[], lineNo: number, timestamp?: string): void {
    this.#checkHeld();
    // The timeline's hour, from the message's `timestamp` as `envelope` reads it.
    this.#hour = timestamp !== undefined && this.index.isDateTime(timestamp) ? hourOf(timestamp) : undefined;
    const list = found.map((f) => ({ ...f }));
    let folded = false;
    const unplanned = list.find((f) => f.code === 'unplanned-event');
    if (unplanned && this.#folder.foldsName(type, name)) {
      folded = true;
      unplanned.message = foldedNamesMessage(type);
    }
    this.count(type, name, folded, list, lineNo);
  }

  /** Blank lines of an input read elsewhere (src/sql), counted as `line` counts them. */
  blankLines(n: number): void {
    this.#blank += n;
  }

  private envelope(m: Record<string, unknown>, type: string, found: Found[]): void {
    const user = m['userId'];
    const anon = m['anonymousId'];
    if (type !== 'alias' && !isId(user) && !isId(anon)) {
      found.push({ code: 'missing-required', path: 'userId', message: 'needs a userId or an anonymousId', value: user ?? anon, warn: false });
    }
    if (type === 'group' && (typeof m['groupId'] !== 'string' || m['groupId'] === '') && typeof m['groupId'] !== 'number') {
      found.push({ code: 'missing-required', path: 'groupId', message: 'a group call needs a groupId', value: m['groupId'], warn: false });
    }
    // `timestamp` is the one the sender sets; `sentAt`, `receivedAt` and `originalTimestamp`
    // come from libraries and Segment, and are not the plan's business.
    const v = m['timestamp'];
    this.#hour = undefined;
    if (typeof v === 'string' && this.index.isDateTime(v)) this.#hour = hourOf(v);
    else if (v !== undefined && v !== null) {
      found.push({ code: typeof v === 'string' ? 'format-mismatch' : 'type-mismatch', path: 'timestamp', message: 'must be a valid date-time', value: v, warn: false });
    }
    const context = m['context'];
    if (typeof context === 'object' && context !== null) {
      const stamp = (context as Record<string, unknown>)['trackplan'];
      if (stamp !== undefined) this.stamp(stamp, found);
    }
  }

  /**
   * `context.trackplan`, which generated clients add to every call: a message sent by a client
   * generated from another plan, or from another version of this one, is worth knowing about
   * (a stale client explains many violations), but it breaks no rule of the plan: a warning.
   */
  private stamp(stamp: unknown, found: Found[]): void {
    const own = this.index.stamp;
    const s = stamp as { plan?: unknown; version?: unknown } | null;
    if (typeof s !== 'object' || s === null || Array.isArray(s) || typeof s.plan !== 'string' || typeof s.version !== 'string') {
      found.push({ code: 'plan-mismatch', path: 'context.trackplan', message: 'is not the stamp of a generated client ({"plan": "…", "version": "…"})', value: stamp, warn: true });
    } else if (s.plan !== own.plan) {
      found.push({ code: 'plan-mismatch', path: 'context.trackplan.plan', message: `was sent by a client generated from another plan (this plan is ${JSON.stringify(own.plan)})`, value: s.plan, warn: true });
    } else if (s.version !== own.version) {
      const mine = own.version === '' ? 'this plan has no version' : `this plan is ${own.version}`;
      found.push({ code: 'plan-mismatch', path: 'context.trackplan.version', message: `was sent by a client generated from another version of the plan (${mine}); regenerate that client`, value: s.version, warn: true });
    }
  }

  private count(type: string, name: string, folded: boolean, found: Found[], lineNo: number): void {
    const s = this.summary;
    s.messages.read++;
    let byType = this.#byType.get(type);
    if (!byType) this.#byType.set(type, (byType = { read: 0, invalid: 0 }));
    byType.read++;
    // Stats by type, then name, without building a key string for every message.
    let stats: MessageStats | undefined;
    if (folded) {
      stats = this.#foldedStats.get(type);
      if (!stats) this.#foldedStats.set(type, (stats = s.stats[messageKey(type, FOLDED, true)] ??= { type, event: FOLDED, count: 0, invalid: 0, violations: 0, folded: true }));
    } else {
      let byName = this.#stats.get(type);
      if (!byName) this.#stats.set(type, (byName = new Map()));
      stats = byName.get(name);
      if (!stats) byName.set(name, (stats = s.stats[messageKey(type, name)] ??= { type, event: name, count: 0, invalid: 0, violations: 0 }));
    }
    stats.count++;
    this.#timeline.add(this.#hour, found.length > 0 && found.some((f) => !f.warn), found.length);
    this.#outcomes?.push({ message: true, type, name, findings: found.length === 0 ? NO_FINDINGS : found.map((f) => ({ code: f.code, severity: f.warn ? 'warn' : 'error', path: f.path, message: f.message, ...(f.value !== undefined ? { value: f.value } : {}) })) });
    if (found.length === 0) s.messages.valid++;
    else this.#record(type, folded ? FOLDED : name, messageKey(type, name, folded), found, lineNo, byType, stats);
  }

  /** A message with findings: counted as invalid if any is an error, each grouped with its kind. */
  #record(type: string, event: string, key: string, found: Found[], lineNo: number, byType: { read: number; invalid: number }, stats: MessageStats): void {
    const s = this.summary;
    const errors = found.filter((f) => !f.warn).length;
    if (errors > 0) {
      s.messages.invalid++;
      byType.invalid++;
      stats.invalid++;
    } else s.messages.valid++;
    stats.violations += found.length;
    for (const f of found) {
      const g = this.#folder.group(`${key}\u0000${f.code}`, f.path, (path, folded) => ({
        type,
        event,
        code: f.code,
        severity: f.warn ? 'warn' : 'error',
        path,
        message: folded ? foldedMessage(f.code, path) : f.message,
        count: 0,
        examples: [],
        ...(folded || stats.folded ? { folded: true as const } : {}),
      }));
      g.count++;
      // A folded group gathers findings of one line from several places: the first ones by place.
      if (g.examples.length >= MAX_EXAMPLES && !g.folded) continue;
      const listed = listedPath(f.path);
      const e: Example = g.path === listed ? { file: this.file, line: lineNo } : { file: this.file, line: lineNo, path: listed };
      if (g.examples.length >= MAX_EXAMPLES && compareExamples(e, g.examples[MAX_EXAMPLES - 1]!, () => 0) >= 0) continue;
      const written = f.written ?? (holdsNonFinite(f.value) ? writtenValue(this.#text, this.#at, f.path) : undefined);
      const value = written !== undefined ? shortened(written) : exampleValue(f.value);
      if (value !== undefined) e.value = value;
      if (g.examples.length < MAX_EXAMPLES) g.examples.push(e);
      else g.examples[MAX_EXAMPLES - 1] = e;
      if (g.folded) g.examples.sort((a, b) => compareExamples(a, b, () => 0));
    }
  }
}
