// A request's messages as capture lines: each message as sent, plus what the server adds
// (`receivedAt`, a `messageId` when it has none, the type its path says). A line is exactly
// what `trackplan audit` will read back from the capture, and the server checks the line it
// writes, so the two agree on every message by construction.
import { randomUUID } from 'node:crypto';
import { holdsNonFinite, writtenJson } from '../audit/raw-numbers.js';
import { batchMemberSpans, fitsOneLine, nesting } from './member-spans.js';

/** Segment's limits: 32 KB a call (a message), 500 KB a batch request. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
/**
 * Lists and objects in lists and objects, this deep at most: far past any real message, and
 * short of what JSON.stringify and structuredClone can take before the stack runs out (about
 * 5,000 levels on Node 20), so a message stored can always be written and copied again.
 */
export const MAX_NESTING = 1000;

/** What a path of Segment's API takes: one message of a type, or a batch. */
export type RouteKind = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias' | 'batch';

/** One line of the capture. */
export interface Line {
  /** Its text, without the newline. */
  text: string;
  /** What `JSON.parse(text)` gives: the message, or a list of one when the line must wrap it. */
  value: unknown;
  /** When the line holds an object: the message as stored, and its JSON (the line, unwrapped). */
  message?: Record<string, unknown>;
  json?: string;
  /** The write key it came with: its own `writeKey`, else the request's. */
  writeKey?: string;
  /** Its UTF-8 length, when known without counting (ASCII text); else undefined. */
  bytes?: number;
  /** Where `json` is the body's own bytes plus a tail (an ASCII body), for the store to copy them (store.ts). */
  span?: SentSpan;
}

/** `json` is the body's characters from `from`, `length` of them (ASCII: as many bytes), then `tail`. */
export interface SentSpan {
  from: number;
  length: number;
  tail: string;
}

/** What the server adds at the end of a message (`receivedAt`), with and without a comma before it: one string a request. */
interface Tails {
  comma?: string;
  bare?: string;
}

/** Why a request is refused whole (400): nothing of it is stored. */
export interface Refusal {
  code: 'not-a-batch' | 'not-a-message' | 'message-too-large' | 'too-deep';
  message: string;
}

/** A JSON object (not null, not a list). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// A number JSON.parse reads as Infinity (beyond 1.8e308) has an exponent of three digits or
// more, or an integer part of a hundred digits or more (less than that, with a two-digit
// exponent, stays under 1e200). Most bodies have neither, and are spared the walk that finds
// one for sure. Bounded as a number is (not by letters, dots or dashes), so ids such as UUIDs
// (`…-4e-4661-…`) do not look like one.
const MAY_OVERFLOW = /(?<![\w.-])-?\d+(?:\.\d+)?[eE][+-]?\d{3,}(?![\w.-])|(?<![\w.])\d{100,}/;
// What every match of MAY_OVERFLOW holds (a digit before a three-digit exponent; a hundred
// digits), without the lookarounds that make it slow, so it goes first.
const LONG_EXPONENT = /\d[eE][+-]?\d{3}/;
const RUN = 100;

/**
 * Whether `text` holds a run of a hundred ASCII digits (what `/\d{100}/` tests). The regular
 * expression starts a match at every digit, most of the scan's cost on a batch; a run that long
 * covers at least one of every 50th character, so only those are looked at, and around them.
 */
export function holdsLongDigitRun(text: string): boolean {
  const half = RUN / 2;
  for (let i = half - 1; i < text.length; i += half) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let from = i;
    while (from > 0 && isDigit(text.charCodeAt(from - 1))) from--;
    let to = i + 1;
    while (to < text.length && isDigit(text.charCodeAt(to))) to++;
    if (to - from >= RUN) return true;
    // The next sampled character past this run.
    i = to - 1 - ((to - 1 - (half - 1)) % half);
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a body may hold a number beyond a float's range (a cheap test that errs towards yes). */
function mayOverflow(text: string): boolean {
  return (LONG_EXPONENT.test(text) || holdsLongDigitRun(text)) && MAY_OVERFLOW.test(text);
}

/**
 * The lines of a request whose body parsed as JSON (`text`, as received), or why it is refused.
 * A batch's `context` and `integrations` apply to each of its messages (the message's own keys
 * win), as in Segment's batch API.
 */
export function requestLines(body: unknown, text: string, route: RouteKind, receivedAt: string, requestKey: string | undefined, ascii = false): Line[] | Refusal {
  const overflowing = mayOverflow(text);
  if (route === 'batch') {
    if (!isObject(body) || !Array.isArray(body['batch'])) return { code: 'not-a-batch', message: 'A batch request is a JSON object with a `batch` list of messages.' };
    const shared = { context: isObject(body['context']) ? body['context'] : undefined, integrations: isObject(body['integrations']) ? body['integrations'] : undefined };
    const lines: Line[] = [];
    const tails: Tails = {};
    const batch = body['batch'] as unknown[];
    const spans = batchMemberSpans(text);
    const asSent = spans !== undefined && spans.length === batch.length * 3;
    for (let i = 0; i < batch.length; i++) {
      const sent = asSent ? { text: text.slice(spans[3 * i]!, spans[3 * i + 1]), nesting: spans[3 * i + 2]!, from: spans[3 * i]! } : undefined;
      const line = itemLine(batch[i], { text, at: i, mayOverflow: overflowing, receivedAt, requestKey, shared, limit: true, sent, ascii, tails });
      if ('code' in line) return line;
      lines.push(line);
    }
    return lines;
  }
  if (!isObject(body)) return { code: 'not-a-message', message: `A /v1/${route} request is one message, a JSON object.` };
  // One message a request: its size was held to the limit as it arrived (the body's).
  const sent = text.trim();
  const line = itemLine(body, { text, at: -1, mayOverflow: overflowing, receivedAt, requestKey, type: route, limit: false, sent: { text: sent, nesting: nesting(text), from: text.length - text.trimStart().length }, ascii, tails: {} });
  return 'code' in line ? line : [line];
}

interface ItemContext {
  text: string;
  /** The item's place in the body's batch (-1: the body itself), to find how it wrote its numbers. */
  at: number;
  mayOverflow: boolean;
  receivedAt: string;
  requestKey: string | undefined;
  /** The type the path says (`/v1/track`), for a single message. */
  type?: string;
  shared?: { context: Record<string, unknown> | undefined; integrations: Record<string, unknown> | undefined };
  /** Hold the message to MAX_MESSAGE_BYTES (a batch's members). */
  limit: boolean;
  /** The item's own text in the body, where it starts there, and how deep it nests, when it was found (see member-spans.ts). */
  sent?: { text: string; nesting: number; from: number } | undefined;
  /** The request's tails (below), made once for all its messages. */
  tails: Tails;
  /** The body is ASCII (as most are): a line of its own text is too, and its length is its size in bytes. */
  ascii: boolean;
}

function itemLine(item: unknown, c: ItemContext): Line | Refusal {
  const overflow = c.mayOverflow && holdsNonFinite(item);
  if (!isObject(item)) {
    // Not a message: written inside a list of one, which the audit reads as that one value (a
    // list or a `{"batch": …}` on a line of its own would be read as several messages).
    const json = stringify(item, overflow ? c : undefined, (x) => x);
    if (json === undefined) return tooDeep();
    return { text: `[${json}]`, value: [item] };
  }
  // The message as the client wrote it, when that fits on a line; else as JSON.stringify writes
  // it. Either reads back as the same value, which is all the audit of the capture sees.
  if (c.sent !== undefined && c.sent.nesting > MAX_NESTING) return tooDeep();
  let sent: string;
  const asSent = c.sent !== undefined && fitsOneLine(c.sent.text);
  if (asSent) sent = c.sent!.text;
  else {
    try {
      sent = JSON.stringify(item);
    } catch {
      return tooDeep();
    }
  }
  // UTF-8 takes at most 3 bytes a UTF-16 unit: a message that short is under the limit uncounted.
  if (c.limit && sent.length * 3 > MAX_MESSAGE_BYTES && Buffer.byteLength(sent) > MAX_MESSAGE_BYTES) return { code: 'message-too-large', message: `A message of ${kb(Buffer.byteLength(sent))} is over Segment's limit of 32 KB a message.` };
  const writeKey = typeof item['writeKey'] === 'string' ? item['writeKey'] : c.requestKey;
  const messageId = item['messageId'] === undefined ? `trackplan-${randomUUID()}` : undefined;
  let json: string | undefined;
  let span: SentSpan | undefined;
  // The client's own text of an ASCII body, with ASCII added to it: its size is its length.
  let ascii = false;
  const { context, integrations } = c.shared ?? {};
  if (!overflow && item['receivedAt'] === undefined && (c.type === undefined || item['type'] === c.type) && context === undefined && integrations === undefined) {
    // Most messages: what the server adds goes at the end, which is what stringify would write.
    const comma = hasKeys(item);
    const tail = messageId !== undefined ? `${comma ? ',' : ''}"receivedAt":${JSON.stringify(c.receivedAt)},"messageId":${JSON.stringify(messageId)}}` : comma ? (c.tails.comma ??= `,"receivedAt":${JSON.stringify(c.receivedAt)}}`) : (c.tails.bare ??= `"receivedAt":${JSON.stringify(c.receivedAt)}}`);
    json = sent.slice(0, -1) + tail;
    enrich(item, c, messageId);
    ascii = asSent && c.ascii;
    if (ascii) span = { from: c.sent!.from, length: sent.length - 1, tail };
  } else {
    const edit = (node: unknown) => (isObject(node) ? enrich(node, c, messageId) : node);
    edit(item);
    json = stringify(item, overflow ? c : undefined, edit);
    if (json === undefined) return tooDeep();
  }
  // A message with a `batch` list of its own would be read as a batch payload: wrapped too.
  const wrap = Array.isArray(item['batch']);
  const text = wrap ? `[${json}]` : json;
  return { text, value: wrap ? [item] : item, message: item, json, ...(writeKey !== undefined ? { writeKey } : {}), ...(ascii ? { bytes: text.length } : {}), ...(span ? { span } : {}) };
}

/** What the server adds to a message, in the order the fast path above writes it. */
function enrich(m: Record<string, unknown>, c: ItemContext, messageId: string | undefined): Record<string, unknown> {
  if (c.type !== undefined) m['type'] = c.type;
  const shared = c.shared;
  if (shared?.context) m['context'] = isObject(m['context']) ? { ...shared.context, ...m['context'] } : (m['context'] ?? { ...shared.context });
  if (shared?.integrations) m['integrations'] = isObject(m['integrations']) ? { ...shared.integrations, ...m['integrations'] } : (m['integrations'] ?? { ...shared.integrations });
  m['receivedAt'] = c.receivedAt;
  if (messageId !== undefined) m['messageId'] = messageId;
  return m;
}

/** JSON of a value; numbers out of a float's range as the body wrote them when `c` is given; undefined when too deep to write. */
function stringify(v: unknown, c: ItemContext | undefined, edit: (node: unknown) => unknown): string | undefined {
  try {
    if (c) {
      const written = writtenJson(c.text, c.at, edit);
      if (written !== undefined) return written;
    }
    return JSON.stringify(v);
  } catch {
    return undefined;
  }
}

function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}

function tooDeep(): Refusal {
  return { code: 'too-deep', message: `The message nests lists and objects more than ${MAX_NESTING} deep; send it flatter.` };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
