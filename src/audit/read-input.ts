import { type DocumentSink, DocumentReader } from './document.js';
import { GunzipReader } from './gunzip.js';
import { type LineSink, LineSplitter, MAX_LINE, parses } from './lines.js';

/** What reads the lines and messages of an input: the audit's Auditor, `infer`'s Inferrer. */
export type InputSink = LineSink & DocumentSink;

/**
 * Feed one input to an auditor: NDJSON (one message, list or batch per line), or JSON documents
 * spread over lines (a pretty-printed array or batch payload), plain or gzip (by magic bytes,
 * not by name). Every shape streams: memory holds a line or a message at a time, never the input.
 */
export async function readInput(source: AsyncIterable<Buffer>, auditor: InputSink): Promise<{ lines: number; bytes: number }> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  const reader = new InputReader(auditor);
  if (first.done) {
    reader.end();
    return { lines: 0, bytes: 0 };
  }
  let head = first.value;
  // The magic bytes may arrive split (a pipe delivering one byte at a time).
  while (head.length < 2) {
    const more = await it.next();
    if (more.done) break;
    head = Buffer.concat([head, more.value]);
  }
  const whole: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: async function* () {
      yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    },
  };
  const gzip = hasGzipMagic(head) ? new GunzipReader(whole) : undefined;
  let bytes = 0;
  for await (const chunk of gzip ?? whole) {
    bytes += chunk.length;
    reader.push(chunk);
  }
  reader.end();
  // Where the gzip data stopped: after the last line read.
  if (gzip?.problem) auditor.badInput(gzip.problem.code, reader.lines + 1, gzip.problem.message);
  return { lines: reader.lines, bytes };
}

/** gzip's magic bytes: inputs are told apart by their content, not by their name. */
export function hasGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Reads one input's (decompressed) bytes, deciding at its first line with content: a line that
 * is JSON by itself makes the input NDJSON (read line by line); one that is not, but opens a
 * JSON document (`[` or `{`), makes it a document (read message by message); anything else is
 * NDJSON with a bad first line. Until then at most MAX_LINE bytes are held. A document that
 * breaks before its first message was not one (NDJSON whose first line is cut): its bytes are
 * read again as lines.
 */
export class InputReader {
  #lines: LineSplitter | undefined;
  #doc: DocumentReader | undefined;
  #head: Buffer[] = [];
  #headBytes = 0;
  /** Offsets in the head: the first byte with content, the start of its line. */
  #content = -1;
  #contentLine = 0;

  constructor(private readonly auditor: InputSink) {}

  get lines(): number {
    return this.#lines?.lines ?? this.#doc?.lines ?? 0;
  }

  push(chunk: Buffer): void {
    if (this.#lines) return this.#lines.push(chunk);
    if (this.#doc) return this.#toDocument(chunk);
    const base = this.#headBytes;
    // Copy: the caller may reuse the chunk's memory.
    this.#head.push(Buffer.from(chunk));
    this.#headBytes += chunk.length;
    let i = base === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    if (this.#content === -1) {
      for (; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (c === 10) this.#contentLine = base + i + 1;
        else if (c !== 32 && c !== 9 && c !== 13) {
          this.#content = base + i;
          break;
        }
      }
    }
    if (this.#content === -1) {
      if (this.#headBytes > MAX_LINE) this.#decide(this.#headBytes);
      return;
    }
    const nl = chunk.indexOf(10, Math.max(i, this.#content - base));
    if (nl !== -1) this.#decide(base + nl);
    else if (this.#headBytes - this.#contentLine > MAX_LINE) this.#decide(-1);
  }

  end(): void {
    if (!this.#lines && !this.#doc) this.#decide(this.#headBytes);
    this.#doc?.end();
    if (this.#doc?.fallback) this.#fallBack();
    this.#lines?.end();
  }

  /** Decide on the first line with content, which ends at `end` (-1: it is longer than any line). */
  #decide(end: number): void {
    const head = Buffer.concat(this.#head, this.#headBytes);
    this.#head = [];
    const opener = head[this.#content];
    const json = this.#content !== -1 && end !== -1 && parses(head.toString('utf8', this.#contentLine, end).trim());
    if (!json && (opener === 91 || opener === 123)) {
      this.#doc = new DocumentReader(this.auditor);
      this.#toDocument(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head);
    } else {
      this.#lines = new LineSplitter(this.auditor);
      this.#lines.push(head);
    }
  }

  #toDocument(chunk: Buffer): void {
    this.#doc!.push(chunk);
    if (this.#doc!.fallback) this.#fallBack();
  }

  /** The document was not one: its bytes, and all that follows, are read as lines. */
  #fallBack(): void {
    const doc = this.#doc!;
    this.#lines = new LineSplitter(this.auditor, MAX_LINE, doc.fallbackLine, { startOfFile: false });
    for (const b of doc.fallback!) this.#lines.push(b);
    doc.fallback = [];
    this.#doc = undefined;
  }
}
