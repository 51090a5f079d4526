import { createGunzip } from 'node:zlib';
import type { Auditor } from './auditor.js';
import { type LineSink, LineSplitter } from './lines.js';

/** Largest whole-document JSON input (a pretty-printed array) read into memory; NDJSON streams. */
export const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

/**
 * Feed one input to an auditor: NDJSON (one message, list or batch per line), or one JSON
 * document spread over lines (a pretty-printed array or batch payload), plain or gzip
 * (by magic bytes, not by name). Input of any size streams, except whole-document JSON.
 */
export async function readInput(source: AsyncIterable<Buffer>, auditor: Auditor, options: { linesOnly?: boolean } = {}): Promise<{ lines: number; bytes: number }> {
  const sink = new ModeSink(auditor, options.linesOnly ? 'lines' : 'undecided');
  const splitter = new LineSplitter(sink);
  let bytes = 0;
  let stream: AsyncIterable<Buffer> = source;
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) {
    splitter.end();
    return { lines: 0, bytes: 0 };
  }
  const head = first.value;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => it };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    const feed = (async () => {
      try {
        gunzip.write(head);
        for await (const chunk of rest) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
        gunzip.end();
      } catch (e) {
        gunzip.destroy(e as Error);
      }
    })();
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        splitter.push(chunk);
      }
    } catch (e) {
      splitter.end();
      auditor.badInput('truncated-input', splitter.lines + 1, `The gzip data ends early or is damaged (${(e as Error).message}); what came before was audited.`);
      sink.end();
      await feed.catch(() => undefined);
      return { lines: splitter.lines, bytes };
    }
    await feed;
  } else {
    stream = (async function* () {
      yield head;
      yield* rest;
    })();
    for await (const chunk of stream) {
      bytes += chunk.length;
      splitter.push(chunk);
    }
  }
  splitter.end();
  sink.end();
  return { lines: splitter.lines, bytes };
}

/** Decides, at the first line with content, whether the input is NDJSON or one JSON document. */
export class ModeSink implements LineSink {
  #mode: 'undecided' | 'lines' | 'document';
  #doc: string[] = [];
  #docBytes = 0;
  #docStart = 1;
  #tooBig = false;

  constructor(
    private readonly auditor: Auditor,
    mode: 'undecided' | 'lines',
  ) {
    this.#mode = mode;
  }

  line(text: string, lineNo: number): void {
    if (this.#mode === 'lines') return this.auditor.line(text, lineNo);
    if (this.#mode === 'document') return this.#collect(text);
    const trimmed = text.trim();
    if (trimmed === '') return this.auditor.line(text, lineNo);
    try {
      JSON.parse(trimmed);
      this.#mode = 'lines';
      return this.auditor.line(text, lineNo);
    } catch {
      if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        // The start of a JSON document spread over several lines.
        this.#mode = 'document';
        this.#docStart = lineNo;
        return this.#collect(text);
      }
      this.#mode = 'lines';
      return this.auditor.line(text, lineNo);
    }
  }

  tooLong(lineNo: number, bytes: number): void {
    this.auditor.tooLong(lineNo, bytes);
  }

  #collect(text: string): void {
    if (this.#tooBig) return;
    this.#docBytes += text.length + 1;
    if (this.#docBytes > MAX_DOCUMENT_BYTES) {
      this.#tooBig = true;
      this.#doc = [];
      this.auditor.badInput('malformed-message', this.#docStart, `A JSON document of more than ${MAX_DOCUMENT_BYTES / 1048576} MB; write large inputs as NDJSON (one message a line), which streams.`);
      return;
    }
    this.#doc.push(text);
  }

  end(): void {
    if (this.#mode !== 'document' || this.#tooBig) return;
    const text = this.#doc.join('\n');
    this.#doc = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const at = /position (\d+)/.exec((e as Error).message);
      const line = at ? this.#docStart + (text.slice(0, Number(at[1])).match(/\n/g)?.length ?? 0) : this.#docStart;
      this.auditor.badInput('invalid-json', line, `Not JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}.`);
      return;
    }
    const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && Array.isArray((value as { batch?: unknown }).batch) ? (value as { batch: unknown[] }).batch : undefined;
    if (!list) return this.auditor.value(value, this.#docStart);
    const lines = elementLines(text, this.#docStart, Array.isArray(value));
    list.forEach((m, i) => this.auditor.message(m, lines[i] ?? this.#docStart));
  }
}

/** The line on which each element of the document's (first) top-level array starts. */
function elementLines(text: string, firstLine: number, topLevel: boolean): number[] {
  const out: number[] = [];
  let line = firstLine;
  let depth = 0;
  let inString = false;
  // For `{"batch": [...]}` the array of interest is at depth 2; for `[...]` at depth 1.
  const target = topLevel ? 1 : 2;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 10) continue;
    if (expecting && depth === target) {
      if (c !== 93) out.push(line); // not the `]` of an empty array
      expecting = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (c === 91 && depth === target) expecting = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === target) expecting = true;
  }
  return out;
}
