import { isUtf8 } from 'node:buffer';

/** Longest line (and longest message of a JSON document) read: past it, skipped without being held. */
export const MAX_LINE = 16 * 1024 * 1024;

/** What the line splitter hands on for each line. */
export interface LineSink {
  line(text: string, lineNo: number): void;
  /** A line longer than the limit: skipped, reported, and reading carries on after it. */
  tooLong(lineNo: number, bytes: number): void;
  /** A line that is not UTF-8: `column` is the 1-based byte offset of its first bad byte. */
  invalidUtf8(lineNo: number, column: number, byte: number, what: 'line'): void;
}

/**
 * Splits a byte stream into lines without `readline` (which is several times slower): it
 * scans each chunk for `\n` with `Buffer.indexOf` and decodes each line once. CRLF and a
 * leading BOM are handled; a line past `maxLine` bytes is skipped rather than buffered.
 * Bytes that are not UTF-8 are found with one native check per chunk (`isUtf8`, tens of
 * GB/s) and, only in a chunk that fails it, line by line: such a line is reported, never
 * decoded into U+FFFD and audited as if it were what was sent.
 */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #skipping = false;
  #lineNo = 0;
  /** The first line of a file: a byte-order mark opening it is not part of it. */
  #bom = true;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLine = MAX_LINE,
    firstLine = 1,
    options: { startOfFile?: boolean } = {},
  ) {
    this.#lineNo = firstLine - 1;
    // A byte-order mark can only open a file, never a later part of it.
    this.#bom = options.startOfFile ?? firstLine === 1;
  }

  get lines(): number {
    return this.#lineNo;
  }

  push(chunk: Buffer): void {
    let start = 0;
    const last = chunk.lastIndexOf(10);
    if (last < start) {
      this.#hold(chunk, start, chunk.length);
      return;
    }
    // The lines that lie wholly in this chunk are checked at once; the first line, when it
    // completes one held from earlier chunks, is checked whole when it is put together.
    const whole = this.#pendingBytes > 0 || this.#skipping ? chunk.indexOf(10, start) + 1 : start;
    const valid = whole >= last || isUtf8(chunk.subarray(whole, last));
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) {
        this.#hold(chunk, start, chunk.length);
        return;
      }
      this.#lineNo++;
      if (this.#skipping) {
        this.#bom = false;
        this.sink.tooLong(this.#lineNo, this.#pendingBytes + (nl - start));
        this.#skipping = false;
        this.#pending = [];
        this.#pendingBytes = 0;
      } else if (this.#pendingBytes === 0) {
        this.#emit(chunk, start, nl, valid);
      } else {
        this.#pending.push(chunk.subarray(start, nl));
        const joined = Buffer.concat(this.#pending);
        this.#pending = [];
        this.#pendingBytes = 0;
        this.#emit(joined, 0, joined.length, false);
      }
      start = nl + 1;
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(): void {
    if (this.#skipping) {
      this.#lineNo++;
      this.#bom = false;
      this.sink.tooLong(this.#lineNo, this.#pendingBytes);
    } else if (this.#pendingBytes > 0) {
      this.#lineNo++;
      const whole = Buffer.concat(this.#pending);
      this.#emit(whole, 0, whole.length, false);
    }
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skipping = false;
  }

  #hold(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.#pendingBytes += to - from;
    if (this.#skipping) return;
    if (this.#pendingBytes > this.maxLine) {
      this.#skipping = true;
      this.#pending = [];
      return;
    }
    // Copy: the caller may reuse the chunk's memory.
    this.#pending.push(Buffer.from(chunk.subarray(from, to)));
  }

  /** Hand on one line; `valid` when its bytes are known to be UTF-8 already. */
  #emit(buf: Buffer, from: number, to: number, valid: boolean): void {
    const bom = this.#bom;
    this.#bom = false;
    if (to - from > this.maxLine) {
      this.sink.tooLong(this.#lineNo, to - from);
      return;
    }
    if (to > from && buf[to - 1] === 13) to--; // CRLF
    // Stripped from the line, not from the chunk: a pipe may deliver it a byte at a time.
    if (bom && to - from >= 3 && buf[from] === 0xef && buf[from + 1] === 0xbb && buf[from + 2] === 0xbf) from += 3;
    if (!valid && !isUtf8(buf.subarray(from, to))) {
      const at = firstInvalidUtf8(buf, from, to);
      this.sink.invalidUtf8(this.#lineNo, at - from + 1, buf[at]!, 'line');
      return;
    }
    this.sink.line(buf.toString('utf8', from, to), this.#lineNo);
  }
}

/**
 * The offset of the first byte in `buf[from, to)` that does not belong to a well-formed UTF-8
 * sequence (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF); `to` when
 * there is none. Called only for bytes `isUtf8` rejected, to say where.
 */
export function firstInvalidUtf8(buf: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + n >= to) return i; // cut short
    const second = buf[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= n; k++) {
      const c = buf[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += n + 1;
  }
  return to;
}

/**
 * Whether the first line with content in `buf[0, end)` (after a BOM) is JSON: the test for
 * plainly NDJSON input, which can be cut into parts. Undefined while no such line has ended.
 */
export function firstLineIsJson(buf: Buffer, end: number): boolean | undefined {
  let from = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  for (let nl = buf.indexOf(10, from); nl !== -1 && nl < end; from = nl + 1, nl = buf.indexOf(10, from)) {
    const line = buf.toString('utf8', from, nl).trim();
    if (line === '') continue;
    return parses(line);
  }
  return undefined;
}

/**
 * `firstLineIsJson` for a stream, decided as chunks arrive: each byte is looked at once (the
 * whole head again at every chunk was quadratic in a long first line). Undefined until the first
 * line with content ends; false once more than MAX_LINE bytes came without deciding.
 */
export class FirstLineProbe {
  #line: Buffer[] = [];
  #seen = 0;

  feed(chunk: Buffer): boolean | undefined {
    let from = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; from = nl + 1, nl = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, nl);
      const bytes = this.#line.length === 0 ? piece : Buffer.concat([...this.#line, piece]);
      this.#line = [];
      // trim() takes a BOM too (U+FEFF is white space to it), as firstLineIsJson skips one.
      const line = bytes.toString('utf8').trim();
      if (line !== '') return parses(line);
    }
    this.#line.push(chunk.subarray(from));
    this.#seen += chunk.length;
    return this.#seen > MAX_LINE ? false : undefined;
  }
}

/** Whether a line is JSON by itself (a message, a list or a batch on one line). */
export function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
