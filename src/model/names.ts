/** Words JavaScript reserves (strict mode and modules), which cannot name a function. */
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'.split(' '),
);

/** Splits a name into words: letters and digits of any script; apostrophes join ("It's" → "Its"). */
function words(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/['’]/g, '')
    .split(/(?:[^\p{ID_Continue}]|_)+/u)
    .flatMap((w) => w.split(/(?<=\p{Ll})(?=\p{Lu})/u)) // "orderCompleted" → order, Completed
    .filter((w) => w.length > 0);
}

/**
 * The function name for a message name: `Order Completed` → `orderCompleted`,
 * `order_completed` → `orderCompleted`. A result that is not a usable identifier (empty,
 * starting with a digit, a reserved word) is prefixed: `404 Seen` → `event404Seen`.
 * It depends on the name alone, so adding an event never renames another's function;
 * two names that map to the same function are a `check` error, resolved with `codegen.name`.
 */
export function camelName(name: string, prefix = 'event'): string {
  const body = camelBody(name);
  if (body === '' || !/^\p{ID_Start}/u.test(body) || RESERVED.has(body) || RESERVED_FUNCTIONS.has(body)) return prefix + pascal(body);
  return body;
}

/** `orderCompleted` → `OrderCompleted`. */
export function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether `s` can be used bare as a property key or binding name in TypeScript. */
export function isIdentifier(s: string): boolean {
  return /^[\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*$/u.test(s) && !RESERVED.has(s);
}

/** A property key as written in generated code: bare when possible, quoted otherwise. */
export function propertyKey(s: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : JSON.stringify(s);
}

/**
 * Values a generated client's `index.ts` exports besides the plan's own functions. A named
 * type may not take one: `index.ts` re-exports the types too, and TypeScript refuses a name
 * that two of its `export *` give (TS2308).
 */
export const CLIENT_VALUES: ReadonlySet<string> = new Set(['identify', 'group', 'setAnalytics', 'onViolation', 'defaultViolationHandler', 'trackplanContext', 'isValidating', 'setValidation']);

/**
 * Names generated clients define for themselves (exports and module-level helpers of the
 * templates, the `T` and `V` namespaces), and `then`, which would make the module a thenable
 * that `await import()` calls. A message's function may not take one.
 */
export const RESERVED_FUNCTIONS: ReadonlySet<string> = new Set([
  ...CLIENT_VALUES, 'checkPayload',
  'client', 'stamp', 'analytics', 'method', 'nodeEnv', 'handler', 'validation', 'delivered', 'requireIdentity', 'then', 'T', 'V', 'Params', 'Options', 'Callback', 'Context', 'Identity', 'AnalyticsLike', 'Register', 'Returned',
]);
/** Type names generated code uses: its own, TypeScript's built-in ones, and keywords. */
export const RESERVED_TYPES: ReadonlySet<string> = new Set([
  'Violation', 'ViolationHandler', 'ViolationReport', 'TrackplanStamp', 'Callback', 'Options', 'AnalyticsLike', 'Identity', 'Register', 'Params', 'IdentifyTraits', 'GroupTraits', 'T', 'V',
  'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'NonNullable', 'ReturnType', 'Parameters', 'Array', 'ReadonlyArray', 'ReadonlySet', 'ReadonlyMap',
  'Promise', 'Map', 'Set', 'Date', 'Error', 'Object', 'String', 'Number', 'Boolean', 'Symbol', 'Function', 'RegExp', 'JSON', 'Math', 'Uint8Array', 'BigInt',
  'unknown', 'never', 'undefined', 'any', 'void', 'object', 'string', 'number', 'boolean', 'symbol', 'bigint', 'null', 'true', 'false', 'this', 'keyof', 'typeof', 'infer', 'is', 'asserts', 'readonly', 'unique', 'type', 'interface',
  ...RESERVED,
]);

/** The camelCase body of a name, possibly empty or starting with a digit. */
function camelBody(name: string): string {
  return words(name)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
}

/** A message's function name in generated clients (its `codegen.name` when set). */
export function functionName(m: { kind: string; name: string; codegenName?: string }): string {
  if (m.codegenName !== undefined) return m.codegenName;
  switch (m.kind) {
    case 'identify':
    case 'group':
      return m.kind;
    case 'page':
      return `page${pascal(camelBody(m.name))}`;
    case 'screen':
      return `screen${pascal(camelBody(m.name))}`;
    default:
      return camelName(m.name);
  }
}

/** The interface name of a message's properties or traits. */
export function payloadTypeName(m: { kind: string; name: string; codegenName?: string }): string {
  if (m.kind === 'identify') return 'IdentifyTraits';
  if (m.kind === 'group') return 'GroupTraits';
  return `${pascal(functionName(m))}Properties`;
}
