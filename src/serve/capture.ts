import { createWriteStream, type WriteStream } from 'node:fs';

/** The name reports give the messages' place when there is no capture file: `<serve>:12` is the 12th line the server took. */
export const NO_CAPTURE = '<serve>';

/**
 * The capture: every line the server checked, in order, written (with `--out`) to an NDJSON
 * file before the request that brought it is answered. Lines are numbered as they are taken,
 * so a message's `line` is its line in the file, which is what reports' examples name, and
 * `trackplan audit` on the file reads exactly the lines the server checked.
 */
export class Capture {
  lines = 0;
  bytes = 0;
  #error: Error | undefined;
  #failed: (e: Error) => void = () => undefined;
  /** Settles when writing fails (a full disk, a file size limit); never otherwise. */
  readonly failed = new Promise<Error>((resolve) => (this.#failed = resolve));

  private constructor(
    /** The file as the user named it (reports name it so), or NO_CAPTURE. */
    readonly name: string,
    private readonly stream: WriteStream | undefined,
  ) {
    stream?.on('error', (e) => {
      if (this.#error) return;
      this.#error = e;
      this.#failed(e);
    });
  }

  /** A capture kept in memory only (line numbers, no file). */
  static none(): Capture {
    return new Capture(NO_CAPTURE, undefined);
  }

  /** A capture written to `path`, replaced if it exists (the caller checked it may be). */
  static async open(path: string): Promise<Capture> {
    const stream = createWriteStream(path, { flags: 'w' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return new Capture(path, stream);
  }

  get file(): string | undefined {
    return this.stream ? this.name : undefined;
  }

  /** Why writing failed, once it has: every later request is refused (503) rather than answered as captured. */
  get error(): Error | undefined {
    return this.#error;
  }

  /**
   * Number the next lines: the JSON lines of a request, or a line that is not JSON. The audit
   * decides how to read a file by its first line (JSON: lines; `{` or `[` that is not: one JSON
   * document), so a file must not open with a line that is not JSON: an empty list, which the
   * audit reads as no message at all, comes first then.
   */
  take(json: boolean): { line: number; header?: string } {
    if (this.lines === 0 && !json && this.stream) {
      this.lines = 1;
      this.bytes += 3;
      return { line: ++this.lines, header: '[]' };
    }
    return { line: ++this.lines };
  }

  /** Count a line's bytes, its newline included, once it is built. */
  counted(bytes: number): void {
    this.bytes += bytes;
  }

  /** Write lines (in the order they were taken); resolves once the system has them. */
  write(lines: readonly (string | Buffer)[]): Promise<void> {
    const stream = this.stream;
    if (!stream || lines.length === 0) return Promise.resolve();
    if (this.#error) return Promise.reject(this.#error);
    const chunk = lines.length === 1 && typeof lines[0] === 'string' ? `${lines[0]}\n` : Buffer.concat(lines.flatMap((l) => [typeof l === 'string' ? Buffer.from(l) : l, NEWLINE]));
    return new Promise((resolve, reject) => stream.write(chunk, (e) => (e ? reject(e) : resolve())));
  }

  /** Flush and close the file. */
  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream || stream.closed) return;
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.end();
    });
  }
}

const NEWLINE = Buffer.from('\n');
