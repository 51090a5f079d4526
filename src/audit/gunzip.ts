import * as zlib from 'node:zlib';

/** How gzip data ended when it did not end well: the code and message of a bad-input finding. */
export interface GzipProblem {
  code: 'truncated-input' | 'trailing-data';
  message: string;
  /** What was wrong, without the audit's wording: `report` words it for a rows file. */
  detail: string;
}

/** Output zlib hands back per pass (each pass is a trip to libuv's thread pool). */
const PASS = 64 * 1024;
/** Output decompressed ahead of the reader: zlib keeps working while a chunk is split and parsed. */
const AHEAD = 1024 * 1024;
/** Bytes looked at, at a time, for a member's header, and the most held (its extra field is at most 64 KB). */
const HEADER_LOOK = 4096;
const MAX_HEADER = 1024 * 1024;

/**
 * Decompresses gzip (one member or several, as `cat a.gz b.gz` makes) as a stream of chunks.
 * zlib inflates each member's raw deflate data; the framing (header, CRC-32, length) is read
 * here. Node's own gunzip cannot be used: given bytes after the last member that are not
 * another member, it fails, and the output of the pass that reached the member's end
 * (up to 16 KB: 8 of 52 lines) is dropped with the error. Here those bytes never reach zlib;
 * they are counted and reported (`trailing-data`), and everything before them is read.
 * Zero bytes after the last member are padding, as gzip itself treats them.
 */
export class GunzipReader implements AsyncIterable<Buffer> {
  /** Set once the chunks are read, when the data did not end well. */
  problem: GzipProblem | undefined;
  /** Compressed bytes read. */
  compressed = 0;

  constructor(private readonly source: AsyncIterable<Buffer>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    let header: Buffer[] = [];
    let member: Member | undefined;
    let trailer: Buffer[] = [];
    let state: 'header' | 'deflate' | 'trailer' | 'between' | 'padding' | 'after' = 'header';
    let trailingAt = -1;
    let damaged: string | undefined;
    for await (const chunk of this.source) {
      let at = 0;
      const base = this.compressed;
      this.compressed += chunk.length;
      while (at < chunk.length && state !== 'after') {
        if (state === 'between') {
          // After a member: another member, padding, or bytes that are not gzip.
          if (chunk[at] === 0) state = 'padding';
          else state = 'header';
        }
        if (state === 'padding') {
          while (at < chunk.length && chunk[at] === 0) at++;
          if (at < chunk.length) {
            state = 'after';
            trailingAt = base + at;
          }
          break;
        }
        if (state === 'header') {
          // A header is some bytes (its optional fields rarely more than a name): looked at in
          // slices, not as the rest of a chunk copied at every member (bgzip writes one per 64 KB).
          const look = chunk.subarray(at, at + HEADER_LOOK);
          const need = headerLength(Buffer.concat([...header, look]));
          if (need === undefined) {
            header = [Buffer.concat([...header, look])];
            at += look.length;
            // A name or comment is zero-terminated: one that never ends is not held.
            if (header.reduce((n, b) => n + b.length, 0) > MAX_HEADER) {
              damaged = `a gzip header longer than ${MAX_HEADER / 1024} KB`;
              break;
            }
            continue;
          }
          if (need < 0) {
            // Not a gzip header: bytes after the data when a member came before, else damage.
            if (this.#members === 0) damaged = 'not a valid gzip header';
            state = 'after';
            trailingAt = base + at - header.reduce((n, b) => n + b.length, 0);
            break;
          }
          const held = header.reduce((n, b) => n + b.length, 0);
          at += need - held;
          header = [];
          member = new Member();
          this.#members++;
          state = 'deflate';
          continue;
        }
        if (state === 'deflate') {
          const bytes = chunk.subarray(at);
          let used = 0;
          try {
            used = yield* member!.write(bytes);
          } catch (e) {
            damaged = (e as Error).message;
            break;
          }
          at += used;
          if (member!.ended) state = 'trailer';
          continue;
        }
        if (state === 'trailer') {
          const take = Math.min(8 - trailer.reduce((n, b) => n + b.length, 0), chunk.length - at);
          trailer.push(chunk.subarray(at, at + take));
          at += take;
          const t = Buffer.concat(trailer);
          if (t.length < 8) continue;
          trailer = [];
          if (t.readUInt32LE(0) !== member!.crc >>> 0) damaged = 'the CRC-32 check failed';
          else if (t.readUInt32LE(4) !== member!.size % 2 ** 32) damaged = 'the length check failed';
          if (damaged) break;
          member!.close();
          member = undefined;
          state = 'between';
        }
      }
      // Damaged data: nothing after it can be read. Bytes that are not gzip are read to the end, to count them.
      if (damaged) break;
    }
    if (!damaged && state === 'deflate') {
      try {
        yield* member!.finish();
      } catch (e) {
        damaged = (e as Error).message;
      }
      if (!damaged) damaged = 'the data ends before its CRC-32 and length';
    } else if (!damaged && (state === 'trailer' || (state === 'header' && (header.length > 0 || this.#members === 0)))) {
      damaged = 'the data ends early';
    }
    if (damaged) this.problem = { code: 'truncated-input', message: `The gzip data ends early or is damaged (${damaged}); what came before was audited.`, detail: damaged };
    else if (trailingAt >= 0) {
      const trailing = this.compressed - trailingAt;
      this.problem = {
        code: 'trailing-data',
        detail: `${trailing} byte${trailing === 1 ? '' : 's'} after the end of the gzip data (from byte ${trailingAt + 1}) ${trailing === 1 ? 'is' : 'are'} not gzip`,
        message: `${trailing} byte${trailing === 1 ? '' : 's'} after the end of the gzip data (from byte ${trailingAt + 1} of the input) ${trailing === 1 ? 'is' : 'are'} not gzip and ${trailing === 1 ? 'was' : 'were'} not read; everything before ${trailing === 1 ? 'it' : 'them'} was audited (zcat skips ${trailing === 1 ? 'it' : 'them'} too, with a warning).`,
      };
    }
  }

  #members = 0;
}

/** One gzip member's deflate data, inflated by zlib, with the CRC-32 and length of its output. */
class Member {
  // `highWaterMark` reaches the stream (zlib passes its options on), though its type does not say so.
  readonly #inflate = zlib.createInflateRaw({ chunkSize: PASS, highWaterMark: AHEAD } as zlib.ZlibOptions);
  crc = 0;
  size = 0;
  /** The deflate data has ended (what follows is the trailer). */
  ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  constructor() {
    const poke = () => {
      const w = this.#wake;
      this.#wake = undefined;
      w?.();
    };
    this.#inflate.on('readable', poke);
    this.#inflate.on('error', (e) => {
      this.#error = e;
      poke();
    });
    this.#inflate.on('end', poke);
  }

  /** Inflate `bytes`, yielding the output; returns how many of them belong to the deflate data. */
  async *write(bytes: Buffer): AsyncGenerator<Buffer, number> {
    const before = this.#inflate.bytesWritten;
    let done = false;
    this.#inflate.write(bytes, () => {
      done = true;
      const w = this.#wake;
      this.#wake = undefined;
      w?.();
    });
    yield* this.#drain(() => done);
    const used = this.#inflate.bytesWritten - before;
    // zlib stops at the end of the deflate data and leaves the rest of the input.
    if (used < bytes.length) this.ended = true;
    return used;
  }

  /** Free zlib's memory now (a file may hold thousands of members: bgzip writes one per 64 KB). */
  close(): void {
    this.#inflate.close();
  }

  /** The input has ended: flush zlib; it fails if the deflate data is incomplete. */
  async *finish(): AsyncGenerator<Buffer> {
    let done = false;
    this.#inflate.once('end', () => (done = true));
    this.#inflate.end();
    yield* this.#drain(() => done || this.#inflate.readableEnded);
    this.ended = true;
  }

  async *#drain(done: () => boolean): AsyncGenerator<Buffer> {
    for (;;) {
      for (let c = this.#inflate.read() as Buffer | null; c !== null; c = this.#inflate.read() as Buffer | null) {
        this.crc = crc32(c, this.crc);
        this.size += c.length;
        yield c;
      }
      if (this.#error) throw this.#error;
      if (done()) {
        // Output pushed with the callback is read before returning.
        const c = this.#inflate.read() as Buffer | null;
        if (c === null) return;
        this.crc = crc32(c, this.crc);
        this.size += c.length;
        yield c;
        continue;
      }
      await new Promise<void>((r) => (this.#wake = r));
    }
  }
}

/**
 * The length of the gzip header at the start of `b` (RFC 1952: magic, method 8, flags, then
 * the optional extra field, name, comment and header CRC); undefined while incomplete, -1 when
 * it is not one.
 */
export function headerLength(b: Buffer): number | undefined {
  if (b.length >= 1 && b[0] !== 0x1f) return -1;
  if (b.length >= 2 && b[1] !== 0x8b) return -1;
  if (b.length >= 3 && b[2] !== 8) return -1;
  if (b.length < 10) return undefined;
  const flags = b[3]!;
  if (flags & 0xe0) return -1;
  let at = 10;
  if (flags & 4) {
    if (b.length < at + 2) return undefined;
    at += 2 + b.readUInt16LE(at);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const zero = b.indexOf(0, at);
      if (zero === -1) return undefined;
      at = zero + 1;
    }
  }
  if (flags & 2) at += 2;
  return b.length >= at ? at : undefined;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
let table: Int32Array | undefined;

/** CRC-32 as gzip computes it: zlib's (Node 20.15 and later), or a table where Node lacks it. */
function crc32(data: Uint8Array, value: number): number {
  if (nativeCrc32) return nativeCrc32(data, value);
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
