import { constants as fsc } from 'node:fs';
import { mkdir, open, readdir, readFile, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A message waiting to go upstream: its JSON text, and the write key it arrived with. */
export interface QueuedMessage {
  writeKey?: string;
  json: string;
}

/** A segment the sender works on: its file, and the messages it holds. */
export interface Segment {
  readonly file: string;
  readonly bytes: number;
  readonly messages: QueuedMessage[];
}

/** A queue directory that cannot be used (not writable, held by another server): one line. */
export class QueueError extends Error {
  override name = 'QueueError';
}

const SEGMENT = /^seg-(\d{12})\.ndjson$/;

/**
 * The forward queue on disk: a folder of NDJSON segments, `seg-000000000001.ndjson`, … . A
 * request's messages are appended to the open segment and fsync'ed before the request is
 * answered (one fdatasync per request: a 200 survives a crash of the machine, at the price of
 * one disk flush per request). The sender takes segments whole (`seal` closes the open one) and
 * deletes a segment's file only when the upstream accepted every message in it. Bounded: the
 * bytes on disk plus the bytes reserved by requests in progress never pass `maxBytes`.
 *
 * One line per message: `{"k":"<writeKey>","m":<message JSON>}` (`k` left out without a key).
 */
export class ForwardQueue {
  #bytes = 0;
  #messages = 0;
  #reserved = 0;
  #next: number;
  #open: { file: string; handle: FileHandle; bytes: number; messages: QueuedMessage[] } | undefined;
  /** Segments closed for appending, oldest first, not yet deleted. */
  readonly #sealed: Segment[] = [];
  /** Appends run one after another (one file, one offset). */
  #chain: Promise<unknown> = Promise.resolve();
  /** Lines of leftover segments that could not be read (a write cut short by a crash: never answered 200). */
  readonly tornLines: number;

  private constructor(
    readonly dir: string,
    readonly maxBytes: number,
    leftovers: Segment[],
    torn: number,
    next: number,
    private readonly lock: FileHandle,
  ) {
    this.#sealed.push(...leftovers);
    for (const s of leftovers) {
      this.#bytes += s.bytes;
      this.#messages += s.messages.length;
    }
    this.tornLines = torn;
    this.#next = next;
  }

  /** Open (creating) the folder, take its lock, and read the segments a previous run left. */
  static async open(dir: string, maxBytes: number): Promise<ForwardQueue> {
    // Servers in one process (tests, `trackplan/collector`) share a pid: the folders held are kept here too.
    if (HELD.has(resolve(dir))) throw inUse(dir, process.pid);
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw new QueueError(`Cannot use --queue-dir ${dir}: ${why(e)}.`);
    }
    const lockFile = join(dir, 'lock');
    let lock: FileHandle;
    try {
      lock = await open(lockFile, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new QueueError(`Cannot use --queue-dir ${dir}: ${why(e)}.`);
      // A lock left by a process that is gone is taken over; a live one keeps its folder.
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw inUse(dir, pid);
      await unlink(lockFile).catch(() => undefined);
      try {
        lock = await open(lockFile, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY, 0o644);
      } catch (e2) {
        throw new QueueError(`Cannot use --queue-dir ${dir}: ${why(e2)}.`);
      }
    }
    await lock.write(`${process.pid}\n`);
    HELD.add(resolve(dir));
    const names = (await readdir(dir)).filter((n) => SEGMENT.test(n)).sort();
    const leftovers: Segment[] = [];
    let torn = 0;
    for (const name of names) {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8');
      const messages: QueuedMessage[] = [];
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const m = parseLine(line);
        if (m) messages.push(m);
        else torn++;
      }
      if (messages.length === 0) await unlink(file);
      else leftovers.push({ file, bytes: (await stat(file)).size, messages });
    }
    const last = names.length > 0 ? Number(SEGMENT.exec(names[names.length - 1]!)![1]) : 0;
    return new ForwardQueue(dir, maxBytes, leftovers, torn, last + 1, lock);
  }

  /** Messages and bytes on disk, not yet accepted upstream. */
  get depth(): { messages: number; bytes: number } {
    return { messages: this.#messages, bytes: this.#bytes };
  }

  /** Whether there is anything to send (sealed or still open). */
  get empty(): boolean {
    return this.#messages === 0;
  }

  /** The lines these messages take on disk. */
  static lines(messages: readonly QueuedMessage[]): string {
    return messages.map((m) => `{${m.writeKey !== undefined ? `"k":${JSON.stringify(m.writeKey)},` : ''}"m":${m.json}}\n`).join('');
  }

  /** Hold room for `bytes` (false when the queue is full: the request is refused with 503). Released by `append` or `release`. */
  reserve(bytes: number): boolean {
    if (this.#bytes + this.#reserved + bytes > this.maxBytes) return false;
    this.#reserved += bytes;
    return true;
  }

  release(bytes: number): void {
    this.#reserved -= bytes;
  }

  /** Append a request's messages (room reserved for `reserved` bytes) and fsync; resolves once they are on disk. */
  append(messages: readonly QueuedMessage[], reserved: number): Promise<void> {
    const run = async () => {
      try {
        if (messages.length === 0) return;
        const text = ForwardQueue.lines(messages);
        if (!this.#open) {
          const file = join(this.dir, `seg-${String(this.#next++).padStart(12, '0')}.ndjson`);
          this.#open = { file, handle: await open(file, 'a'), bytes: 0, messages: [] };
          // The new file's name must survive a crash of the machine too: the folder is synced once per segment.
          const d = await open(this.dir, 'r');
          await d.sync().finally(() => d.close());
        }
        const seg = this.#open;
        await seg.handle.write(text);
        await seg.handle.datasync();
        const n = Buffer.byteLength(text);
        seg.bytes += n;
        seg.messages.push(...messages);
        this.#bytes += n;
        this.#messages += messages.length;
      } finally {
        this.#reserved -= reserved;
      }
    };
    const p = this.#chain.then(run, run);
    this.#chain = p.catch(() => undefined);
    return p;
  }

  /** The open segment's bytes (the sender seals it when big or old enough). */
  get openBytes(): number {
    return this.#open?.bytes ?? 0;
  }

  /** The oldest sealed segment, sealing the open one when none is sealed and `sealOpen` says so. */
  async oldest(sealOpen: boolean): Promise<Segment | undefined> {
    if (this.#sealed.length === 0 && sealOpen && this.#open && this.#open.messages.length > 0) await this.seal();
    return this.#sealed[0];
  }

  /** Close the open segment for appending: the sender may take it. */
  seal(): Promise<void> {
    const run = async () => {
      const seg = this.#open;
      if (!seg) return;
      this.#open = undefined;
      await seg.handle.close();
      this.#sealed.push({ file: seg.file, bytes: seg.bytes, messages: seg.messages });
    };
    const p = this.#chain.then(run, run);
    this.#chain = p.catch(() => undefined);
    return p;
  }

  /** Every message of the segment was accepted upstream (or dead-lettered): its file goes. */
  async done(segment: Segment): Promise<void> {
    await unlink(segment.file);
    const i = this.#sealed.indexOf(segment);
    if (i !== -1) this.#sealed.splice(i, 1);
    this.#bytes -= segment.bytes;
    this.#messages -= segment.messages.length;
  }

  /** Close the open segment and the lock; what is on disk stays for the next run. */
  async close(): Promise<void> {
    await this.seal();
    await this.#chain;
    await this.lock.close();
    await unlink(join(this.dir, 'lock')).catch(() => undefined);
    HELD.delete(resolve(this.dir));
  }
}

const HELD = new Set<string>();

function inUse(dir: string, pid: number): QueueError {
  return new QueueError(`--queue-dir ${dir} is in use by another trackplan serve (pid ${pid}); give each server its own queue folder.`);
}

function parseLine(line: string): QueuedMessage | undefined {
  try {
    const v = JSON.parse(line) as { k?: unknown; m?: unknown };
    if (typeof v !== 'object' || v === null || typeof v.m !== 'object' || v.m === null) return undefined;
    return { ...(typeof v.k === 'string' ? { writeKey: v.k } : {}), json: JSON.stringify(v.m) };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'not a folder' : code === 'EROFS' ? 'read-only file system' : (e as Error).message;
}
