/** A RowsError-to-be: `line: what`, named with the file by the caller. */
export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    readonly line: number,
    what: string,
  ) {
    super(what);
  }
}

/** One CSV record: the line it starts on, and its fields (`quoted`: written in double quotes). */
export interface CsvRecord {
  line: number;
  fields: { text: string; quoted: boolean }[];
}

/** More text than this in one field is not a row of the query (and nears V8's longest string). */
export const MAX_FIELD = 256 * 1024 * 1024;

/** At a field's start; in an unquoted one; in a quoted one; just after a `"` in a quoted one; after a field; after its `\r`. */
type Mode = 'start' | 'plain' | 'quoted' | 'quote' | 'after' | 'cr';

const PLAIN_END = /[,\n\r]/g;

/**
 * RFC 4180 records read from text that comes in pieces (a record may span any number of them):
 * fields in double quotes may hold commas, quotes (doubled) and line breaks. Records are handed
 * over as they end, so memory holds one record, never the file. A blank line is no record.
 */
export class CsvReader {
  #mode: Mode = 'start';
  /** The current line (1-based), and the one the current record started on. */
  #line = 1;
  #start = 1;
  #fields: { text: string; quoted: boolean }[] = [];
  #value = '';
  #quoted = false;

  constructor(private readonly onRecord: (r: CsvRecord) => void) {}

  push(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      switch (this.#mode) {
        case 'start':
          if (text.charCodeAt(i) === 34) {
            this.#quoted = true;
            this.#mode = 'quoted';
            i++;
          } else this.#mode = 'plain';
          break;
        case 'plain': {
          PLAIN_END.lastIndex = i;
          const m = PLAIN_END.exec(text);
          const end = m ? m.index : n;
          this.#append(text, i, end);
          i = end;
          if (m) this.#endField();
          break;
        }
        case 'quoted': {
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          for (let nl = text.indexOf('\n', i); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) this.#line++;
          this.#append(text, i, end);
          i = end;
          if (q !== -1) {
            this.#mode = 'quote';
            i++;
          }
          break;
        }
        case 'quote':
          // `""` is a quote in the text; anything else closes the field.
          if (text.charCodeAt(i) === 34) {
            this.#value += '"';
            this.#mode = 'quoted';
            i++;
          } else this.#endField();
          break;
        case 'after': {
          const c = text.charCodeAt(i++);
          if (c === 44) this.#mode = 'start';
          else if (c === 13) this.#mode = 'cr';
          else if (c === 10) this.#endRecord();
          else throw new CsvError(this.#line, `unexpected ${JSON.stringify(text[i - 1])} after a quoted field.`);
          break;
        }
        case 'cr':
          if (text.charCodeAt(i) !== 10) throw new CsvError(this.#line, `unexpected ${JSON.stringify(text[i])} after a quoted field.`);
          i++;
          this.#endRecord();
          break;
      }
    }
  }

  /** The text has ended: the last record ends with it (a line end after it is optional). */
  end(): void {
    switch (this.#mode) {
      case 'start':
        // After a comma, an empty last field; at a record's start, nothing.
        if (this.#fields.length > 0) {
          this.#endField();
          this.#endRecord();
        }
        return;
      case 'quoted':
        throw new CsvError(this.#start, 'a quoted field is not closed.');
      case 'plain':
      case 'quote':
        this.#endField();
        this.#endRecord();
        return;
      case 'after':
      case 'cr':
        this.#endRecord();
    }
  }

  #append(text: string, from: number, to: number): void {
    if (to === from) return;
    if (this.#value.length + (to - from) > MAX_FIELD) throw new CsvError(this.#start, `a field longer than ${MAX_FIELD / 1024 / 1024} M characters; is this the query's rows?`);
    this.#value += text.slice(from, to);
  }

  #endField(): void {
    this.#fields.push({ text: own(this.#value), quoted: this.#quoted });
    this.#value = '';
    this.#quoted = false;
    this.#mode = 'after';
  }

  #endRecord(): void {
    this.#line++;
    const fields = this.#fields;
    const line = this.#start;
    this.#fields = [];
    this.#mode = 'start';
    this.#start = this.#line;
    if (!(fields.length === 1 && fields[0]!.text === '' && !fields[0]!.quoted)) this.onRecord({ line, fields });
  }
}

/**
 * The text as a string of its own. V8 keeps a slice of 13 characters or more as a view of the
 * string it was cut from, so a field kept in a row would keep its whole chunk of the file alive
 * (a 237 MB CSV took 1.1 GB, its JSON lines 0.7 GB). Prepending a character makes a new string
 * that slice() flattens into a copy.
 */
function own(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
