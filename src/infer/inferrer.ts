import { isBlankLine } from '../audit/auditor.js';
import { type MessageKind, messageKind, notJsonElement, notJsonLine, notUtf8Text, tooLongText } from '../audit/message-kind.js';
import type { InputSink } from '../audit/read-input.js';
import { addBadInput, type AuditCode } from '../audit/summary.js';
import { type FormatTest, newShape, observe } from './shape.js';
import { addUnnamed, emptyInferSummary, type InferSummary, MAX_NAME_LENGTH, MAX_NAMES, MAX_PLACES, type MessageSeen, seenKey } from './summary.js';

const KIND: MessageKind = { type: '', name: '', payload: undefined };

/**
 * Reads one input's lines and messages (from the audit's readers: read-input.ts) into an
 * InferSummary: the shape of every message's properties or traits. Bad input is counted and
 * exampled as the audit counts it (the same rules, message-kind.ts), and reading goes on.
 */
export class Inferrer implements InputSink {
  readonly summary: InferSummary = emptyInferSummary();
  #blank = 0;
  readonly #names = new Map<string, number>();
  /** Names seen once too many (or too long) to plan, by type: counted once each, while few. */
  readonly #unnamed = new Map<string, Set<string>>();
  readonly #budget = { places: MAX_PLACES };
  readonly #isDateTime: (s: string) => boolean;

  constructor(
    private readonly file: string,
    private readonly formats: FormatTest,
  ) {
    // The date-time bit (the first of INFERRED_FORMATS) of the format test.
    this.#isDateTime = (s) => (formats(s, 1) & 1) === 1;
  }

  /** Record the input's size once it is read. */
  finish(lines: number, bytes: number): void {
    this.summary.inputs.push({ file: this.file, lines, blank: this.#blank, bytes });
  }

  line(text: string, lineNo: number): void {
    if (isBlankLine(text)) {
      this.#blank++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.badInput('invalid-json', lineNo, notJsonLine(e as Error));
      return;
    }
    if (Array.isArray(value)) for (const m of value) this.#message(m, lineNo);
    else if (value !== null && typeof value === 'object' && Array.isArray((value as { batch?: unknown }).batch)) for (const m of (value as { batch: unknown[] }).batch) this.#message(m, lineNo);
    else this.#message(value, lineNo);
  }

  element(text: string, lineNo: number, column: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const bad = notJsonElement(text, e as Error, lineNo, column, 'read');
      this.badInput('invalid-json', bad.line, bad.message);
      return;
    }
    this.#message(value, lineNo);
  }

  tooLong(lineNo: number, bytes: number, what: 'line' | 'message' = 'line'): void {
    this.badInput('malformed-message', lineNo, tooLongText(bytes, what));
  }

  invalidUtf8(lineNo: number, column: number, byte: number, what: 'line' | 'message'): void {
    this.badInput('invalid-utf8', lineNo, notUtf8Text(column, byte, what, 'read'));
  }

  badInput(code: AuditCode, lineNo: number, message: string): void {
    addBadInput(this.summary, code, { file: this.file, line: lineNo }, message);
  }

  #message(msg: unknown, lineNo: number): void {
    const bad = messageKind(msg, KIND);
    if (bad !== undefined) {
      this.badInput('malformed-message', lineNo, bad);
      return;
    }
    const { type, name, payload } = KIND;
    const s = this.summary;
    s.messages.read++;
    s.messages.byType[type] = (s.messages.byType[type] ?? 0) + 1;
    if (type === 'alias') return; // nothing in a plan describes an alias call
    const key = seenKey(type, name);
    let seen = s.seen.get(key);
    if (seen === undefined) {
      const n = this.#names.get(type) ?? 0;
      // A blank name (a page without one, an event named " "): the audit finds no plan entry
      // for it, and `check` refuses one (empty-name), so it is counted, never planned.
      if (n >= MAX_NAMES || name.length > MAX_NAME_LENGTH || (name.trim() === '' && type !== 'identify' && type !== 'group')) {
        this.#unplannable(type, name);
        return;
      }
      this.#names.set(type, n + 1);
      s.seen.set(key, (seen = { type, name, count: 0, root: newShape() } satisfies MessageSeen));
    }
    seen.count++;
    const ts = (msg as Record<string, unknown>)['timestamp'];
    if (typeof ts === 'string' && (seen.lastSeen === undefined || ts !== seen.lastSeen.text) && this.#isDateTime(ts)) {
      const ms = Date.parse(ts);
      if (seen.lastSeen === undefined || ms > seen.lastSeen.ms) seen.lastSeen = { text: ts, ms };
    }
    // A message without properties is sent as {} by every SDK.
    observe(seen.root, payload ?? {}, 0, this.formats, this.#budget);
  }

  /** A message whose name is made of data: counted, never planned; its distinct names counted while few. */
  #unplannable(type: string, name: string): void {
    let names = this.#unnamed.get(type);
    if (!names) this.#unnamed.set(type, (names = new Set()));
    const isNew = names.size < MAX_NAMES && !names.has(name);
    if (isNew) names.add(name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name);
    addUnnamed(this.summary, type, 1, isNew ? 1 : 0);
  }
}
