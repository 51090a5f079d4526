/** What the line splitter hands on for each line. */
export interface LineSink {
  line(text: string, lineNo: number): void;
  /** A line longer than the limit: skipped, reported, and reading carries on after it. */
  tooLong(lineNo: number, bytes: number): void;
}

/**
 * Splits a byte stream into lines without `readline` (which is several times slower): it
 * scans each chunk for `\n` with `Buffer.indexOf` and decodes each line once. CRLF and a
 * leading BOM are handled; a line past `maxLine` bytes is skipped rather than buffered.
 * Returns the number of lines seen.
 */
export class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #skipping = false;
  #lineNo = 0;
  #first = true;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLine = 16 * 1024 * 1024,
    firstLine = 1,
    options: { startOfFile?: boolean; maxFirstLine?: number } = {},
  ) {
    this.#lineNo = firstLine - 1;
    // A byte-order mark can only open a file, never a later part of it.
    this.#first = options.startOfFile ?? firstLine === 1;
    this.#maxFirst = options.maxFirstLine ?? maxLine;
  }

  #maxFirst: number;

  /** The limit for the line being read: a one-line JSON document may be longer than a message. */
  #limit(): number {
    return this.#lineNo === 0 ? Math.max(this.maxLine, this.#maxFirst) : this.maxLine;
  }

  get lines(): number {
    return this.#lineNo;
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.#first) {
      this.#first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
    }
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) {
        this.#hold(chunk, start, chunk.length);
        return;
      }
      this.#lineNo++;
      if (this.#skipping) {
        this.sink.tooLong(this.#lineNo, this.#pendingBytes + (nl - start));
        this.#skipping = false;
        this.#pending = [];
        this.#pendingBytes = 0;
      } else if (this.#pendingBytes === 0) {
        this.#emit(chunk, start, nl);
      } else {
        this.#pending.push(chunk.subarray(start, nl));
        const whole = Buffer.concat(this.#pending);
        this.#pending = [];
        this.#pendingBytes = 0;
        this.#emit(whole, 0, whole.length);
      }
      start = nl + 1;
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(): void {
    if (this.#skipping) {
      this.#lineNo++;
      this.sink.tooLong(this.#lineNo, this.#pendingBytes);
    } else if (this.#pendingBytes > 0) {
      this.#lineNo++;
      const whole = Buffer.concat(this.#pending);
      this.#emit(whole, 0, whole.length);
    }
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skipping = false;
  }

  #hold(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.#pendingBytes += to - from;
    if (this.#skipping) return;
    if (this.#pendingBytes > this.#limit()) {
      this.#skipping = true;
      this.#pending = [];
      return;
    }
    // Copy: the caller may reuse the chunk's memory.
    this.#pending.push(Buffer.from(chunk.subarray(from, to)));
  }

  #emit(buf: Buffer, from: number, to: number): void {
    if (to - from > (this.#lineNo === 1 ? Math.max(this.maxLine, this.#maxFirst) : this.maxLine)) {
      this.sink.tooLong(this.#lineNo, to - from);
      return;
    }
    if (to > from && buf[to - 1] === 13) to--; // CRLF
    this.sink.line(buf.toString('utf8', from, to), this.#lineNo);
  }
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
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  }
  return undefined;
}
