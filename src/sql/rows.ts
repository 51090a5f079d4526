/**
 * The rows the compiled query returns (docs/sql.md describes them for users), in column order.
 * `trackplan report` reads them back (from-rows.ts); the compiler writes them (compile-sql.ts).
 */
export const ROW_COLUMNS = ['kind', 'file', 'line', 'item', 'type', 'event', 'valid', 'code', 'severity', 'path', 'detail', 'value', 'ord', 'lines', 'blank', 'bytes', 'ts'] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];

/** What a row stands for. */
export const ROW_KINDS = ['input', 'message', 'violation', 'bad-input', 'unchecked-pattern', 'not-checked'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** One row, as read back: NULL columns are absent (undefined). */
export interface AuditRow {
  kind: RowKind;
  /** The input it comes from (`-` when the relation's `file` was NULL). */
  file: string;
  /** 1-based line (0 when the relation's `line` was NULL); for `input`, not used. */
  line: number;
  /** Index in the line's list or batch; absent for a line holding one message. */
  item?: number;
  type?: string;
  event?: string;
  valid?: boolean;
  code?: string;
  severity?: 'error' | 'warn';
  /** JSON path inside the message with real indexes: `properties.items[1].price`. */
  path?: string;
  /** The finding's message (violations), or what was not checked and why (`not-checked`). */
  detail?: string;
  /** The offending value as JSON text; for bad input, the line (or message) as read; for `unchecked-pattern`, the pattern. */
  value?: string;
  /** Orders findings within a message as the JavaScript validators find them. */
  ord?: string;
  /** `input` rows: lines in the file, blank lines, bytes (UTF-8 lengths of the lines plus their line ends). */
  lines?: number;
  blank?: number;
  bytes?: number;
  /** `message` rows: the message's `timestamp` when it is a string (for the timeline); absent otherwise, and in rows exported before it existed. */
  ts?: string;
}
