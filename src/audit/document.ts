import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8, MAX_LINE } from './lines.js';
import type { AuditCode } from './summary.js';

/** What a document reader hands on. */
export interface DocumentSink {
  /** One message of the document, as text, with the line and column it starts at; its syntax is not checked yet. */
  element(text: string, lineNo: number, column: number): void;
  /** A line with nothing on it between documents (counted, as NDJSON's blank lines are). */
  line(text: string, lineNo: number): void;
  badInput(code: AuditCode, lineNo: number, message: string): void;
  /** A message longer than the limit: skipped without being held. */
  tooLong(lineNo: number, bytes: number, what: 'message'): void;
  invalidUtf8(lineNo: number, column: number, byte: number, what: 'message'): void;
}

// What the reader expects next.
const TOP = 0; // between documents: `[`, `{` or white space
const VALUE = 1; // a value (after `:`, or `,` in an array)
const ARRAY_FIRST = 2; // a value or `]`
const OBJECT_FIRST = 3; // a key or `}`
const KEY = 4; // a key (after `,` in an object)
const COLON = 5;
const AFTER = 6; // `,` or the end of the container
const STRING = 7;
const NUMBER = 8;
const LITERAL = 9;
const SKIP = 10; // after an error: strings and brackets only, up to the end of the broken value
const SKIP_LINE = 11; // after an error between documents: up to the end of the line
const SKIP_GAP = 12; // after an error between two messages of an array: up to the next one
const ELEMENT = 13; // inside a message, once the input is known to be a document: strings and brackets only

// Where a number is.
const N_MINUS = 0;
const N_ZERO = 1;
const N_INT = 2;
const N_DOT = 3;
const N_FRAC = 4;
const N_E = 5;
const N_ESIGN = 6;
const N_EXP = 7;

const ARRAY = 1;
const OBJECT = 2;
/** Nesting tracked exactly; deeper, a document is too deeply nested to read (as a message is to check). */
const MAX_DEPTH = 1 << 20;
/** Messages on the first line of a document read before it counts as one: a cut NDJSON line may hold a whole one. */
const COMMIT_AFTER = 2;
const LITERALS = ['true', 'false', 'null'].map((w) => Buffer.from(w));
/** The bytes that matter inside a message read by brackets: in a string, and outside one. */
const IN_STRING = byteSet('"\\\n');
const OUTSIDE = byteSet('"\n[]{}');

function byteSet(chars: string): Uint8Array {
  const set = new Uint8Array(256);
  for (const ch of chars) set[ch.charCodeAt(0)] = 1;
  return set;
}

/**
 * Reads JSON documents (a pretty-printed or one-line array of messages, a Segment batch payload
 * `{"batch": [...]}`, a message spread over lines, several of them one after another as `jq`
 * writes them) element by element, holding one message at a time (at most MAX_LINE bytes),
 * never the document: a 1 GB array takes the memory of one message, not of the array.
 *
 * Until the input is known to be a document (a message on a line of its own, two on the first
 * line, or a whole document), the
 * syntax is checked byte by byte, and the messages read are kept: the input may be NDJSON whose
 * first line is cut (`{"type":"track","ev`), which a syntax error on a later line shows. Its
 * bytes are then given back (`fallback`) to be read as lines; at most MAX_LINE bytes are held
 * for that. From then on, a message is read by its strings and brackets alone (it is most of
 * the bytes, and JSON.parse checks it anyway) and handed on as text with the line it starts on.
 * A message that breaks is reported where it breaks, and reading goes on after it.
 */
export class DocumentReader {
  /** Set when the input turned out not to be a document: its bytes so far, to be read as lines from `fallbackLine`. */
  fallback: Buffer[] | undefined;
  fallbackLine = 1;

  #state = TOP;
  #stack = new Uint8Array(64);
  #depth = 0;
  #line: number;
  #lineStart = 0; // absolute offset of the current line
  #offset = 0; // absolute offset of the current chunk
  #lineBlank = true;
  #key = false; // the string being read is a key
  #escape = 0; // 0, or 1 after `\`, or 2–5 in `\uXXXX`
  #num = N_MINUS;
  #lit: Buffer = LITERALS[0]!;
  #litAt = 0;

  // The array whose elements are messages: at this depth (0: none).
  #elemDepth = 0;
  #inElement = false;
  #elemLine = 0;
  // A top-level object: a batch payload (until `"batch": [` is read) or one message.
  #objectDoc = false;
  #batchFound = false;
  #keyAtTop = false;
  #keyText = '';
  #keyStart = -1;
  #lastKeyBatch = false;

  // Bytes held: the message being read (or the top-level object that may be one).
  #holdStart = -1;
  #holdParts: Buffer[] = [];
  #holdBytes = 0;
  #holdLine = 0;
  #holdColumn = 1;

  // Until a message is read, the bytes since the start of the line the document starts on.
  #committed = false;
  #docLine = 0;
  /** Messages read before then, handed on once it is known (or dropped, the bytes being read as lines). */
  #pending: (() => void)[] = [];
  #replay: Buffer[] = [];
  #replayBytes = 0;
  #replayFrom = 0;

  // Inside a message read by brackets (ELEMENT): depth, and where in a string.
  #elDepth = 0;
  #elString = false;
  #elEscape = false;

  // Recovery after an error.
  #skipDepth = 0;
  #skipString = false;
  #skipEscape = false;
  #skipBase = 0;
  #gapReported = false;

  constructor(
    private readonly sink: DocumentSink,
    firstLine = 1,
  ) {
    this.#line = firstLine;
    this.fallbackLine = firstLine;
  }

  /** Lines read, counted as the line splitter counts them (a last line without its end included). */
  get lines(): number {
    return this.#line - (this.#lineStart === this.#offset ? 1 : 0);
  }

  push(chunk: Buffer): void {
    if (this.fallback) return;
    if (!this.#committed) this.#replayFrom = 0;
    try {
      this.#scan(chunk);
    } catch (e) {
      if (e !== FALLBACK) throw e;
    }
    if (this.fallback) return;
    this.#chunkEnd(chunk);
    this.#offset += chunk.length;
  }

  /** The input has ended: report a document left open. */
  end(): void {
    if (this.fallback) return;
    const open = this.#state !== TOP && this.#state !== SKIP_LINE;
    if (open && !this.#committed) {
      this.#fallBack(Buffer.alloc(0));
      return;
    }
    if (open && this.#state === SKIP) {
      this.sink.badInput('invalid-json', this.#line, 'Not JSON: the document ends inside a broken message.');
    } else if (open && this.#inElement) {
      this.sink.badInput('invalid-json', this.#elemLine, 'Not JSON: the document ends inside this message; it was not audited.');
    } else if (open) {
      const close = this.#stack[this.#depth - 1] === ARRAY ? '`]`' : '`}`';
      this.sink.badInput('invalid-json', this.#line, `Not JSON: the document ends before its closing ${close}; the messages before were audited.`);
    } else if (this.#lineStart < this.#offset && this.#lineBlank) {
      this.sink.line('', this.#line);
    }
    this.#holdParts = [];
  }

  #scan(b: Buffer): void {
    const n = b.length;
    let i = 0;
    while (i < n) {
      const c = b[i]!;
      switch (this.#state) {
        case STRING: {
          if (this.#escape === 0) {
            // The bulk of any document: scanned here, byte by byte, until a quote, a backslash or a control character.
            let j = i;
            let d = c;
            while (d !== 34 && d !== 92 && d >= 32) {
              if (++j === n) break;
              d = b[j]!;
            }
            i = j;
            if (i === n) continue;
            if (d === 34) {
              i++;
              this.#endString(b, i - 1);
            } else if (d === 92) {
              this.#escape = 1;
              i++;
            } else {
              this.#error(b, i, d === 10 ? 'a line ends inside a string' : `control character 0x${d.toString(16).padStart(2, '0')} inside a string`);
            }
            continue;
          }
          if (this.#escape === 1) {
            if (c === 117) this.#escape = 2; // \u
            else if (c === 34 || c === 92 || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116) this.#escape = 0;
            else {
              this.#error(b, i, `\`\\${String.fromCharCode(c)}\` is not an escape`);
              continue;
            }
            i++;
            continue;
          }
          if ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) {
            this.#escape = this.#escape === 5 ? 0 : this.#escape + 1;
            i++;
          } else this.#error(b, i, '`\\u` needs four hex digits');
          continue;
        }
        case NUMBER: {
          const digit = c >= 48 && c <= 57;
          switch (this.#num) {
            case N_MINUS:
              if (!digit) {
                this.#error(b, i, 'a digit must follow `-`');
                continue;
              }
              this.#num = c === 48 ? N_ZERO : N_INT;
              break;
            case N_ZERO:
            case N_INT:
              if (digit && this.#num === N_INT) break;
              if (c === 46) this.#num = N_DOT;
              else if (c === 101 || c === 69) this.#num = N_E;
              else if (digit) {
                this.#error(b, i, 'a number does not start with 0');
                continue;
              } else {
                this.#endValue(b, i);
                continue;
              }
              break;
            case N_DOT:
              if (!digit) {
                this.#error(b, i, 'a digit must follow `.`');
                continue;
              }
              this.#num = N_FRAC;
              break;
            case N_FRAC:
              if (digit) break;
              if (c === 101 || c === 69) this.#num = N_E;
              else {
                this.#endValue(b, i);
                continue;
              }
              break;
            case N_E:
              if (c === 43 || c === 45) this.#num = N_ESIGN;
              else if (digit) this.#num = N_EXP;
              else {
                this.#error(b, i, 'an exponent needs digits');
                continue;
              }
              break;
            case N_ESIGN:
              if (!digit) {
                this.#error(b, i, 'an exponent needs digits');
                continue;
              }
              this.#num = N_EXP;
              break;
            default:
              if (!digit) {
                this.#endValue(b, i);
                continue;
              }
          }
          i++;
          continue;
        }
        case LITERAL:
          if (c !== this.#lit[this.#litAt]) {
            this.#error(b, i, `expected \`${this.#lit.toString()}\``);
            continue;
          }
          i++;
          if (++this.#litAt === this.#lit.length) this.#endValue(b, i);
          continue;
        case ELEMENT:
          i = this.#element(b, i);
          continue;
        case SKIP:
          i = this.#skip(b, i);
          continue;
        case SKIP_LINE:
          if (c === 10) {
            this.#state = TOP;
            continue;
          }
          i++;
          continue;
        case SKIP_GAP:
          if (c === 10) this.#newline(i);
          else if (c === 44) {
            this.#state = VALUE;
            this.#gapReported = false;
          } else if (c === 93) {
            this.#state = AFTER;
            continue;
          } else if (c === 123 || c === 91 || c === 34) {
            this.#state = VALUE;
            continue;
          }
          i++;
          continue;
        default:
          break;
      }
      // Between tokens.
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        if (c === 10) {
          if (this.#state === TOP) this.#topNewline(i);
          this.#newline(i);
        }
        i++;
        continue;
      }
      switch (this.#state) {
        case TOP:
          if (c === 91 || c === 123) {
            this.#lineBlank = false;
            this.#beginValue(b, i, c);
            i++;
          } else if (!this.#committed) {
            this.#fallBack(b);
            return;
          } else {
            this.#lineBlank = false;
            this.#report(i, `expected a JSON document (\`[\` or \`{\`), found ${show(c)}; the rest of the line was skipped`);
            this.#state = SKIP_LINE;
          }
          continue;
        case VALUE:
        case ARRAY_FIRST:
          if (c === 93 && this.#state === ARRAY_FIRST) {
            this.#close(b, i, ARRAY);
            i++;
            continue;
          }
          if (!this.#beginValue(b, i, c)) continue;
          i++;
          continue;
        case OBJECT_FIRST:
        case KEY:
          if (c === 34) {
            this.#key = true;
            this.#state = STRING;
            this.#escape = 0;
            if (this.#depth === 1 && this.#objectDoc && !this.#batchFound) {
              this.#keyAtTop = true;
              this.#keyStart = i + 1;
              this.#keyText = '';
            }
            i++;
          } else if (c === 125 && this.#state === OBJECT_FIRST) {
            this.#close(b, i, OBJECT);
            i++;
          } else this.#error(b, i, `expected a key in quotes, found ${show(c)}`);
          continue;
        case COLON:
          if (c === 58) {
            this.#state = VALUE;
            i++;
          } else this.#error(b, i, `expected \`:\`, found ${show(c)}`);
          continue;
        case AFTER: {
          const top = this.#stack[this.#depth - 1];
          if (c === 44) {
            this.#state = top === ARRAY ? VALUE : KEY;
            i++;
          } else if ((c === 93 && top === ARRAY) || (c === 125 && top === OBJECT)) {
            this.#close(b, i, top);
            i++;
          } else this.#error(b, i, `expected \`,\` or \`${top === ARRAY ? ']' : '}'}\`, found ${show(c)}`);
          continue;
        }
        default:
          i++;
      }
    }
  }

  /** A value starts at `b[i]`; false (after reporting) when `c` starts none. */
  #beginValue(b: Buffer, i: number, c: number): boolean {
    if (this.#elemDepth !== 0 && this.#depth === this.#elemDepth) {
      this.#inElement = true;
      this.#elemLine = this.#line;
      this.#gapReported = false;
      this.#hold(i);
    }
    if ((c === 123 || c === 91) && this.#inElement && this.#committed) {
      // The message's syntax is JSON.parse's to check: here only where it ends matters.
      this.#state = ELEMENT;
      this.#elDepth = 1;
      this.#elString = false;
      this.#elEscape = false;
      this.#lastKeyBatch = false;
      return true;
    }
    if (c === 123 || c === 91) {
      if (this.#depth === MAX_DEPTH) {
        this.#error(b, i, `nested more than ${MAX_DEPTH} levels deep`);
        return false;
      }
      if (this.#depth === this.#stack.length) {
        const grown = new Uint8Array(this.#stack.length * 2);
        grown.set(this.#stack);
        this.#stack = grown;
      }
      this.#stack[this.#depth++] = c === 91 ? ARRAY : OBJECT;
      this.#state = c === 91 ? ARRAY_FIRST : OBJECT_FIRST;
      if (this.#depth === 1) {
        this.#gapReported = false;
        this.#docLine = this.#line;
        if (c === 91) this.#elemDepth = 1;
        else {
          // One message, or a batch payload: held whole until `"batch": [` says which.
          this.#objectDoc = true;
          this.#batchFound = false;
          this.#lastKeyBatch = false;
          this.#hold(i);
        }
      } else if (c === 91 && this.#depth === 2 && this.#objectDoc && this.#lastKeyBatch && !this.#batchFound) {
        this.#batchFound = true;
        this.#elemDepth = 2;
        this.#unhold();
      }
      this.#lastKeyBatch = false;
      return true;
    }
    this.#lastKeyBatch = false;
    if (c === 34) {
      this.#state = STRING;
      this.#key = false;
      this.#escape = 0;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      this.#state = NUMBER;
      this.#num = c === 45 ? N_MINUS : c === 48 ? N_ZERO : N_INT;
    } else if (c === 116 || c === 102 || c === 110) {
      this.#state = LITERAL;
      this.#lit = LITERALS[c === 116 ? 0 : c === 102 ? 1 : 2]!;
      this.#litAt = 1;
    } else if (this.#inElement && this.#depth === this.#elemDepth && this.#committed) {
      // Not a message at all (`,,` or `,]` in the array): reported once, then on to the next one.
      this.#inElement = false;
      this.#unhold();
      this.#report(i, `expected a message, found ${show(c)}`);
      this.#gapReported = true;
      this.#state = SKIP_GAP;
      return false;
    } else {
      this.#error(b, i, `expected a value, found ${show(c)}`);
      return false;
    }
    return true;
  }

  #endString(b: Buffer, quote: number): void {
    if (!this.#key) {
      this.#endValue(b, quote + 1);
      return;
    }
    this.#key = false;
    this.#state = COLON;
    if (this.#keyAtTop) {
      this.#keyAtTop = false;
      const key = this.#keyText + b.toString('latin1', Math.max(this.#keyStart, 0), quote);
      this.#lastKeyBatch = key === 'batch';
    }
  }

  /** A value ended just before `b[end]`. */
  #endValue(b: Buffer, end: number): void {
    if (this.#depth === 0) {
      this.#state = TOP;
      return;
    }
    this.#state = AFTER;
    if (this.#inElement && this.#depth === this.#elemDepth) {
      this.#inElement = false;
      this.#deliver(b, end);
    }
  }

  #close(b: Buffer, i: number, kind: number): void {
    this.#depth--;
    if (kind === ARRAY && this.#depth + 1 === this.#elemDepth) this.#elemDepth = 0; // the array of messages ends
    if (this.#depth === 0) {
      // A document ends.
      this.#state = TOP;
      if (this.#objectDoc && !this.#batchFound) this.#deliver(b, i + 1);
      this.#commit();
      this.#objectDoc = false;
      this.#elemDepth = 0;
      return;
    }
    this.#endValue(b, i + 1);
  }

  #hold(i: number): void {
    this.#holdStart = i;
    this.#holdColumn = this.#offset + i - this.#lineStart + 1;
    this.#holdParts = [];
    this.#holdBytes = 0;
    this.#holdLine = this.#line;
  }

  #unhold(): void {
    this.#holdStart = -1;
    this.#holdParts = [];
    this.#holdBytes = 0;
  }

  /** The held message ends before `b[end]`: hand it on, or keep it until the input is known to be a document. */
  #deliver(b: Buffer, end: number): void {
    const start = this.#holdStart;
    this.#holdStart = -1;
    const line = this.#holdLine;
    const column = this.#holdColumn;
    const bytes = this.#holdBytes + end - start;
    const parts = this.#holdParts;
    this.#holdParts = [];
    const text = bytes > MAX_LINE ? undefined : parts.length === 0 ? b.subarray(start, end) : Buffer.concat([...parts, b.subarray(start, end)]);
    if (this.#committed) {
      this.#handOn(text, bytes, line, column);
      return;
    }
    // Decoded (or copied) now: the chunk's memory may be reused before the messages are handed on.
    const decoded = text !== undefined && isUtf8(text) ? text.toString('utf8') : undefined;
    const copy = text !== undefined && decoded === undefined ? Buffer.from(text) : undefined;
    this.#pending.push(() => (decoded !== undefined ? this.sink.element(decoded, line, column) : this.#handOn(copy, bytes, line, column)));
    // A message on a line of its own is a pretty-printed document's; one on the document's first
    // line may be a cut NDJSON line's, which the next message or the line after tells.
    if (line > this.#docLine || this.#pending.length === COMMIT_AFTER) this.#commit();
  }

  /** A message's bytes to the sink: its text, or why not (too long, not UTF-8). */
  #handOn(text: Buffer | undefined, bytes: number, line: number, column: number): void {
    if (text === undefined) {
      this.sink.tooLong(line, bytes, 'message');
      return;
    }
    if (!isUtf8(text)) {
      const at = firstInvalidUtf8(text, 0, text.length);
      let where = line;
      let lineStart = 0;
      for (let k = text.indexOf(10); k !== -1 && k < at; k = text.indexOf(10, k + 1)) {
        where++;
        lineStart = k + 1;
      }
      // Column: from the start of the line, which for the first line is before the message.
      this.sink.invalidUtf8(where, where === line ? column + at : at - lineStart + 1, text[at]!, 'message');
      return;
    }
    this.sink.element(text.toString('utf8'), line, column);
  }

  /** The input is a document (no going back to lines): the messages kept until now are handed on. */
  #commit(): void {
    if (this.#committed) return;
    this.#committed = true;
    this.#replay = [];
    this.#replayBytes = 0;
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) p();
  }

  /** At the end of a chunk: keep what is held, copied (the caller may reuse the chunk's memory). */
  #chunkEnd(b: Buffer): void {
    if (this.#holdStart !== -1) {
      const part = b.subarray(this.#holdStart);
      this.#holdBytes += part.length;
      if (this.#holdBytes <= MAX_LINE) this.#holdParts.push(Buffer.from(part));
      else this.#holdParts = [];
      this.#holdStart = 0;
    }
    if (this.#state === STRING && this.#keyAtTop) {
      this.#keyText = (this.#keyText + b.toString('latin1', Math.max(this.#keyStart, 0))).slice(0, 8);
      this.#keyStart = 0;
    }
    if (!this.#committed) {
      const part = b.subarray(this.#replayFrom);
      this.#replayBytes += part.length;
      this.#replay.push(Buffer.from(part));
      // Past the limit no line could be held either: the input is read as a document from here on.
      if (this.#replayBytes > MAX_LINE) this.#commit();
    }
  }

  #newline(i: number): void {
    this.#line++;
    this.#lineStart = this.#offset + i + 1;
  }

  /** A line ends between documents: blank lines are counted; before the first, the lines to give back start after it. */
  #topNewline(i: number): void {
    if (this.#lineBlank) this.sink.line('', this.#line);
    this.#lineBlank = true;
    if (!this.#committed) {
      this.#replay = [];
      this.#replayBytes = 0;
      this.#replayFrom = i + 1;
      this.fallbackLine = this.#line + 1;
    }
  }

  /** Not a document after all: give back the bytes from the start of the line it started on. */
  #fallBack(b: Buffer): void {
    this.fallback = [...this.#replay, b.subarray(this.#replayFrom)];
    this.#replay = [];
    this.#pending = [];
    this.#holdParts = [];
  }

  /** A syntax error at `b[i]`: before the first message, not a document; after it, reported and read past. */
  #error(b: Buffer, i: number, what: string): void {
    if (!this.#committed) {
      this.#fallBack(b);
      // Stop scanning: the caller reads the bytes given back as lines.
      this.#state = SKIP_LINE;
      throw FALLBACK;
    }
    if (this.#inElement) {
      // The message is reported where it breaks; its end is found by brackets alone.
      this.#report(i, `${what}; this message was not audited`);
      this.#inElement = false;
      this.#unhold();
      this.#skipFrom(this.#elemDepth);
      return;
    }
    if (this.#elemDepth !== 0 && this.#depth === this.#elemDepth && this.#state === AFTER) {
      // Between two messages of the array: on to the next one.
      if (!this.#gapReported) this.#report(i, what);
      this.#gapReported = true;
      const c = b[i]!;
      this.#state = c === 123 || c === 91 || c === 34 ? VALUE : SKIP_GAP;
      return;
    }
    // Elsewhere in a document (a batch payload's other keys): skipped to its end.
    this.#report(i, `${what}; the rest of this document was skipped`);
    this.#unhold();
    this.#objectDoc = false;
    this.#elemDepth = 0;
    this.#inElement = false;
    this.#skipFrom(0);
  }

  #skipFrom(base: number): void {
    this.#skipBase = base;
    this.#skipDepth = this.#depth - base;
    this.#skipString = false;
    this.#skipEscape = false;
    this.#state = this.#skipDepth === 0 ? (base === 0 ? TOP : AFTER) : SKIP;
  }

  /**
   * Read on in a message to its end, by its strings and brackets alone (the bulk of a document,
   * so in tight loops): a line end inside a string ends it, as the string is broken anyway.
   */
  #element(b: Buffer, i: number): number {
    const n = b.length;
    let depth = this.#elDepth;
    let inString = this.#elString;
    let escape = this.#elEscape;
    for (; i < n; i++) {
      let c = b[i]!;
      if (inString) {
        if (escape) {
          escape = false;
          continue;
        }
        while (IN_STRING[c] === 0 && ++i < n) c = b[i]!;
        if (i === n) break;
        if (c === 92) escape = true;
        else {
          inString = false;
          if (c === 10) this.#newline(i);
        }
        continue;
      }
      while (OUTSIDE[c] === 0 && ++i < n) c = b[i]!;
      if (i === n) break;
      if (c === 34) inString = true;
      else if (c === 10) this.#newline(i);
      else if (c === 91 || c === 123) depth++;
      else if (--depth === 0) {
        this.#elString = false;
        this.#elEscape = false;
        this.#inElement = false;
        this.#state = AFTER;
        this.#deliver(b, i + 1);
        return i + 1;
      }
    }
    this.#elDepth = depth;
    this.#elString = inString;
    this.#elEscape = escape;
    return i;
  }

  /** Skip a broken value: strings (a line end ends one) and brackets, until the brackets open at the error close. */
  #skip(b: Buffer, i: number): number {
    const c = b[i]!;
    if (c === 10) {
      this.#newline(i);
      this.#skipString = false;
      return i + 1;
    }
    if (this.#skipString) {
      if (this.#skipEscape) this.#skipEscape = false;
      else if (c === 92) this.#skipEscape = true;
      else if (c === 34) this.#skipString = false;
      return i + 1;
    }
    if (c === 34) this.#skipString = true;
    else if (c === 91 || c === 123) this.#skipDepth++;
    else if (c === 93 || c === 125) {
      if (--this.#skipDepth === 0) {
        this.#depth = this.#skipBase;
        if (this.#depth === 0) {
          this.#state = TOP;
          this.#lineBlank = false;
        } else this.#state = AFTER;
      }
    }
    return i + 1;
  }

  #report(i: number, what: string): void {
    const column = this.#offset + i - this.#lineStart + 1;
    this.sink.badInput('invalid-json', this.#line, `Not JSON at column ${column}: ${what}.`);
  }
}

/** Thrown inside the scan to stop it when the input is given back as lines. */
const FALLBACK = new Error('not a document');

function show(c: number): string {
  return c >= 33 && c < 127 ? `\`${String.fromCharCode(c)}\`` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
