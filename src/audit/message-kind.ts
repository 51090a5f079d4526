// What a parsed value is to the audit and to `infer` alike: which message type and name, or
// why it is not a message. One place for these rules, so both read the same messages.

const TYPES = new Set(['track', 'identify', 'page', 'screen', 'group', 'alias']);

/** A message's type, name ('' for identify, group and alias) and payload (properties or traits). */
export interface MessageKind {
  type: string;
  name: string;
  payload: unknown;
}

/**
 * Read a message's type, name and payload into `out` (reused: millions of messages are read);
 * returns why the value is not a message, or undefined when it is one.
 */
export function messageKind(msg: unknown, out: MessageKind): string | undefined {
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return `A message must be a JSON object, not ${msg === null ? 'null' : Array.isArray(msg) ? 'a list' : typeof msg}.`;
  const m = msg as Record<string, unknown>;
  let rawType = m['type'];
  if (rawType === undefined && m['event'] !== undefined) rawType = 'track';
  // Nearly every message says `track` in lower case; lower-case the rest only.
  if (rawType !== 'track' && (typeof rawType !== 'string' || !TYPES.has(rawType.toLowerCase()))) {
    return rawType === undefined ? 'A message without `type` (and without `event`) is not a Segment message.' : `Unknown message type ${JSON.stringify(rawType)}; expected track, identify, page, screen, group or alias.`;
  }
  const type = rawType === 'track' ? 'track' : (rawType as string).toLowerCase();
  out.type = type;
  out.name = '';
  out.payload = undefined;
  switch (type) {
    case 'track': {
      const event = m['event'];
      if (typeof event !== 'string' || event === '') return 'A track message needs an `event` name (a non-empty string).';
      out.name = event;
      out.payload = m['properties'];
      break;
    }
    case 'page':
    case 'screen':
      out.name = typeof m['name'] === 'string' ? (m['name'] as string) : '';
      out.payload = m['properties'];
      break;
    case 'identify':
    case 'group':
      out.payload = m['traits'];
      break;
    default:
      break; // alias: counted, nothing in a plan to check it against
  }
  return undefined;
}

/** V8's JSON.parse error for a line, made editor-friendly ("… at column 61"). */
export function notJsonLine(e: Error): string {
  // V8 says "… in JSON at position 60"; a column is what an editor can go to.
  const msg = e.message.replace(/ in JSON at position (\d+).*$/, (_m, pos: string) => ` at column ${Number(pos) + 1}`).replace(/\s*\(line \d+ column \d+\)$/, '');
  return `Not JSON: ${msg}.`;
}

/** V8's JSON.parse error for a message of a document starting at `lineNo`:`column`: where in the file it broke. */
export function notJsonElement(text: string, e: Error, lineNo: number, column: number, verb = 'audited'): { line: number; message: string } {
  const at = / in JSON at position (\d+)/.exec(e.message);
  let line = lineNo;
  let col = column;
  if (at) {
    const pos = Number(at[1]);
    const lastNl = text.lastIndexOf('\n', pos - 1);
    for (let k = text.indexOf('\n'); k !== -1 && k < pos; k = text.indexOf('\n', k + 1)) line++;
    col = lastNl === -1 ? column + pos : pos - lastNl;
  }
  const what = e.message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return { line, message: `Not JSON at column ${col}: ${what}; this message was not ${verb}.` };
}

/** A line or message past MAX_LINE, skipped. */
export function tooLongText(bytes: number, what: 'line' | 'message'): string {
  return `A ${what} of ${(bytes / 1048576).toFixed(1)} MB is longer than any message should be; skipped.`;
}

/** A line or message that is not UTF-8; `column` is the 1-based byte of its first bad byte. */
export function notUtf8Text(column: number, byte: number, what: 'line' | 'message', verb = 'audited'): string {
  return `Not UTF-8: byte 0x${byte.toString(16).padStart(2, '0')} at byte ${column} of the line is not UTF-8 text; the ${what} was not ${verb}. Convert the input to UTF-8 (\`iconv -f latin1 -t utf-8\` if it is Latin-1).`;
}
