import type { Auditor } from './auditor.js';
import { GunzipReader } from './gunzip.js';
import { type LineSink, LineSplitter } from './lines.js';

/** Largest whole-document JSON input (a pretty-printed array) read into memory; NDJSON streams. */
export const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

/**
 * Feed one input to an auditor: NDJSON (one message, list or batch per line), or one JSON
 * document spread over lines (a pretty-printed array or batch payload), plain or gzip
 * (by magic bytes, not by name). Input of any size streams, except whole-document JSON.
 */
export async function readInput(source: AsyncIterable<Buffer>, auditor: Auditor, options: { linesOnly?: boolean; startOfFile?: boolean } = {}): Promise<{ lines: number; bytes: number }> {
  const sink = new ModeSink(auditor, options.linesOnly ? 'lines' : 'undecided');
  // A whole file may be one line of JSON (a compact array): allow the first line to be a document.
  const splitter = new LineSplitter(sink, undefined, 1, { startOfFile: options.startOfFile ?? true, ...(options.linesOnly ? {} : { maxFirstLine: MAX_DOCUMENT_BYTES }) });
  let bytes = 0;
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) {
    splitter.end();
    return { lines: 0, bytes: 0 };
  }
  let head = first.value;
  // The magic bytes may arrive split (a pipe delivering one byte at a time).
  while (head.length < 2) {
    const more = await it.next();
    if (more.done) break;
    head = Buffer.concat([head, more.value]);
  }
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => it };
  const whole: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: async function* () {
      yield head;
      yield* rest;
    },
  };
  const gzip = hasGzipMagic(head) ? new GunzipReader(whole) : undefined;
  for await (const chunk of gzip ?? whole) {
    bytes += chunk.length;
    splitter.push(chunk);
  }
  if (gzip?.problem) {
    splitter.end();
    // Where the gzip data stopped: after the last line read.
    auditor.badInput(gzip.problem.code, splitter.lines + 1, gzip.problem.message);
    sink.end();
    return { lines: splitter.lines, bytes };
  }
  splitter.end();
  sink.end();
  return { lines: splitter.lines, bytes };
}

/** gzip's magic bytes: inputs are told apart by their content, not by their name. */
export function hasGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Decides, at the first line with content, whether the input is NDJSON or one JSON document. */
export class ModeSink implements LineSink {
  #mode: 'undecided' | 'lines' | 'document';
  /** Lines of a candidate document, kept with their numbers to be read as NDJSON if it is not one. */
  #doc: { text: string; line: number }[] = [];
  #docBytes = 0;
  #docStart = 1;

  constructor(
    private readonly auditor: Auditor,
    mode: 'undecided' | 'lines',
  ) {
    this.#mode = mode;
  }

  line(text: string, lineNo: number): void {
    if (this.#mode === 'lines') return this.auditor.line(text, lineNo);
    if (this.#mode === 'document') return this.#collect(text, lineNo);
    const trimmed = text.trim();
    if (trimmed === '') return this.auditor.line(text, lineNo);
    let parses = true;
    try {
      JSON.parse(trimmed);
    } catch {
      parses = false;
    }
    if (!parses && (trimmed.startsWith('[') || trimmed.startsWith('{'))) {
      // Maybe a JSON document spread over several lines: decided once it is read.
      this.#mode = 'document';
      this.#docStart = lineNo;
      return this.#collect(text, lineNo);
    }
    this.#mode = 'lines';
    return this.auditor.line(text, lineNo);
  }

  tooLong(lineNo: number, bytes: number): void {
    if (this.#mode === 'document') this.#fallBack();
    this.auditor.tooLong(lineNo, bytes);
  }

  invalidUtf8(lineNo: number, column: number, byte: number, what: 'line'): void {
    if (this.#mode === 'document') this.#fallBack();
    else if (this.#mode === 'undecided') this.#mode = 'lines';
    this.auditor.invalidUtf8(lineNo, column, byte, what);
  }

  #collect(text: string, lineNo: number): void {
    this.#docBytes += text.length + 1;
    this.#doc.push({ text, line: lineNo });
    // Too large to be a document we hold: read what came so far as lines, and go on so.
    if (this.#docBytes > MAX_DOCUMENT_BYTES) this.#fallBack();
  }

  /** Not a document after all: every line held so far is read as NDJSON, with its own number. */
  #fallBack(): void {
    this.#mode = 'lines';
    const held = this.#doc;
    this.#doc = [];
    for (const l of held) this.auditor.line(l.text, l.line);
  }

  end(): void {
    if (this.#mode !== 'document') return;
    const text = this.#doc.map((l) => l.text).join('\n');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // A broken first line, several pretty-printed objects in a row (jq's output): lines.
      return this.#fallBack();
    }
    this.#doc = [];
    const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && Array.isArray((value as { batch?: unknown }).batch) ? (value as { batch: unknown[] }).batch : undefined;
    if (!list) return this.auditor.value(value, this.#docStart);
    const lines = elementLines(text, this.#docStart, Array.isArray(value));
    list.forEach((m, i) => this.auditor.message(m, lines[i] ?? this.#docStart));
  }
}

/** The line on which each element of the top-level array (or of the `batch` array) starts. */
function elementLines(text: string, firstLine: number, topLevel: boolean): number[] {
  const out: number[] = [];
  let line = firstLine;
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  let lastKey = '';
  // For `{"batch": [...]}` the array of interest is the value of `batch` at depth 1.
  let inTarget = topLevel;
  const target = topLevel ? 1 : 2;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 10) continue;
    if (expecting && depth === target && inTarget) {
      if (c !== 93) out.push(line); // not the `]` of an empty array
      expecting = false;
    }
    if (c === 34) {
      inString = true;
      stringStart = i;
    } else if (c === 91 || c === 123) {
      depth++;
      if (c === 91 && depth === target) {
        if (!topLevel) inTarget = lastKey === 'batch';
        expecting = inTarget;
      }
    } else if (c === 93 || c === 125) {
      if (depth === target && !topLevel) inTarget = false;
      depth--;
    } else if (c === 44 && depth === target && inTarget) expecting = true;
  }
  return out;
}
