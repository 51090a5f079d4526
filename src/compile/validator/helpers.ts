/**
 * Run-time helpers of generated validators, kept as source text so that one definition serves
 * both outputs: TypeScript for generated clients (`typed`) and JavaScript for the audit, which
 * loads validators at run time. Each helper is emitted only when a validator uses it.
 *
 * What the plan's formats mean (the README's property table says the same):
 * - date-time: RFC 3339 §5.6 `date-time`: `full-date "T" full-time`, `T` and `Z` in either
 *   case, a time zone required (`Z` or `±hh:mm`, minutes included), hours 00-23, minutes 00-59,
 *   a leap second (`:60`) only where the time is 23:59:60 in UTC; time: `full-time` alike;
 *   date: `full-date`, real calendar days.
 * - hostname: RFC 1123 host names in ASCII: labels of letters, digits and `-` (not first or
 *   last), 1-63 characters, 253 in all, no trailing dot. An internationalised name is taken in
 *   its ASCII form (`xn--…`) as a label like any other: IDNA's rules are not checked.
 * - RFC 5322 dot-atom addresses on RFC 1123 host names (email), RFC 3986 (uri, absolute, with
 *   a scheme), RFC 4122 (uuid, optional `urn:uuid:`), RFC 4291 (ipv6), dotted quads (ipv4).
 * ajv-formats' "full" mode accepts more date-time, time and hostname strings (a space for `T`,
 * `+01`, `+0100`, hour 24 at a leap second, a trailing dot); compiled schemas carry
 * FORMAT_SYNTAX beside `format` so that validators reading them agree. The test suite checks
 * both on a shared corpus and on the JSON Schema Test Suite's format cases.
 */

/** Rule ids in the order `bad` numbers them (the emitter passes indexes of this list). */
export const RULE_IDS = ['type-mismatch', 'null-not-allowed', 'missing-required', 'unplanned-property', 'not-in-enum', 'const-mismatch', 'pattern-mismatch', 'format-mismatch', 'out-of-range', 'length-out-of-range', 'not-unique', 'schema-mismatch'] as const;
/** The number `bad` takes for an unplanned property that a non-strict plan allows: a warning. */
export const WARN_UNPLANNED = RULE_IDS.length;
/** What a violation's message opens with, by rule (RULE_IDS' order, then a lenient plan's unplanned property); the SQL compiler says the same. */
export const RULE_OPENINGS = ['must be ', 'must not be null', 'is required', 'is not in the plan', 'must be one of ', 'must be ', 'must match ', 'must be a valid ', 'must be ', 'must have ', 'repeats an earlier item; items must be unique', 'does not match its schema: ', 'is not in the plan (allowed: the plan is not strict)'];

type Helper = { deps?: readonly string[]; code: (t: (ts: string) => string) => string };

const HEX4 = '[0-9a-f]{1,4}';
const IPV4 = '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// RFC 4291 §2.2: eight groups, one run of zero groups elided as `::`, an IPv4 tail allowed.
const IPV6 = [
  `(?:${HEX4}:){7}${HEX4}`,
  `(?:${HEX4}:){1,7}:`,
  `(?:${HEX4}:){1,6}:${HEX4}`,
  `(?:${HEX4}:){1,5}(?::${HEX4}){1,2}`,
  `(?:${HEX4}:){1,4}(?::${HEX4}){1,3}`,
  `(?:${HEX4}:){1,3}(?::${HEX4}){1,4}`,
  `(?:${HEX4}:){1,2}(?::${HEX4}){1,5}`,
  `${HEX4}:(?::${HEX4}){1,6}`,
  `:(?:(?::${HEX4}){1,7}|:)`,
  `(?:${HEX4}:){6}${IPV4}`,
  `(?:${HEX4}:){0,5}:${IPV4}`,
  `::(?:${HEX4}:){0,5}${IPV4}`,
  `(?:${HEX4}:){1,4}:(?:${HEX4}:){0,3}${IPV4}`,
].join('|');
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// The same rules as JSON Schema `pattern`s: ASCII classes (`\d` is any digit in some
// engines), no flags, no `(?:` or look-ahead (RE2-based validators lack them).
const TIME_SYNTAX = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])';
const LABEL_SYNTAX = '[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

/**
 * JSON Schema keywords that compiled schemas put beside `format`, for the formats where
 * common validators accept strings trackplan's rules refuse (see above). Calendar days and
 * leap seconds are left to `format`, which validators check as these rules do.
 */
export const FORMAT_SYNTAX: Readonly<Record<string, Readonly<Record<string, string | number>>>> = {
  'date-time': { pattern: `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]${TIME_SYNTAX}$` },
  time: { pattern: `^${TIME_SYNTAX}$` },
  hostname: { pattern: `^${LABEL_SYNTAX}(\\.${LABEL_SYNTAX})*$`, maxLength: 253 },
};
const LONG_LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const UNRESERVED_SUB = "a-z0-9\\-._~!$&'()*+,;=";
const PCT = '%[0-9a-f]{2}';
const PCHAR = `(?:[${UNRESERVED_SUB}:@]|${PCT})`;
const URI = [
  '^[a-z][a-z0-9+\\-.]*:', // scheme
  '(?:',
  `//(?:(?:[${UNRESERVED_SUB}:]|${PCT})*@)?`, // authority: userinfo
  `(?:\\[(?:${IPV6}|v[0-9a-f]+\\.[${UNRESERVED_SUB}:]+)\\]|${IPV4}|(?:[${UNRESERVED_SUB}]|${PCT})*)`, // host
  '(?::\\d*)?', // port
  `(?:/${PCHAR}*)*`, // path-abempty
  `|/(?:${PCHAR}+(?:/${PCHAR}*)*)?`, // path-absolute
  `|${PCHAR}+(?:/${PCHAR}*)*`, // path-rootless
  '|)', // path-empty
  `(?:\\?(?:${PCHAR}|[/?])*)?`, // query
  `(?:#(?:${PCHAR}|[/?])*)?$`, // fragment
].join('');

/** The regular expressions of the format checks, by helper name (ajv's fragment code inlines them). */
export const FORMAT_REGEXES: Record<string, RegExp> = {};

const regexHelper = (name: string, source: string, flags: string): Helper => {
  FORMAT_REGEXES[name] = new RegExp(source, flags);
  return { code: (t) => `const ${name}${t(': RegExp')} = /*#__PURE__*/ new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)});` };
};

/** Helper name → source. Names are short: they appear in every generated validator. */
export const HELPERS: Record<string, Helper> = {
  bad: { code: (t) => badHelper(t, false) },
  // The audit's variant: one more rule number, for unplanned properties a lenient plan allows.
  badWarn: { code: (t) => badHelper(t, true) },
  fragErr: {
    code: (t) =>
      `// What ajv's code for a raw \`schema:\` fragment said was wrong.\nfunction fragErr(f${t(': unknown')})${t(': string')} {\n  const x = (f${t(' as { errors?: { instancePath?: string; message?: string }[] | null }')}).errors?.[0];\n  return x ? (x.instancePath ? x.instancePath + " " : "") + (x.message ?? "") : "";\n}`,
  },
  isObj: { code: (t) => `function isObj(x${t(': unknown')})${t(': x is Record<string, unknown>')} {\n  return typeof x === "object" && x !== null && !Array.isArray(x);\n}` },
  isArr: { code: (t) => `function isArr(x${t(': unknown')})${t(': x is readonly unknown[]')} {\n  return Array.isArray(x);\n}` },
  own: {
    code: (t) =>
      `// For keys such as "constructor", which every object inherits.\nfunction own(o${t(': Record<string, unknown>')}, k${t(': string')})${t(': unknown')} {\n  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;\n}`,
  },
  seg: {
    code: (t) =>
      `// A path segment for a run-time key: \`.key\`, or \`["odd key"]\`.\nfunction seg(k${t(': string')}, first${t(': boolean')})${t(': string')} {\n  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? (first ? k : "." + k) : "[" + JSON.stringify(k) + "]";\n}`,
  },
  depth: {
    code: () =>
      '// How deep named types nest now (EmitOptions.share); past the limit a message is too deeply\n// nested to check, which the audit reports as it reports running out of stack.\nlet depth = 0;\nfunction tooDeep() {\n  throw new RangeError("nested too deeply");\n}',
  },
  unplanned: {
    deps: ['seg'],
    code: (t) =>
      `// Report the keys of \`o\` that the plan does not name (\`known\`), under \`base\`. One function for\n// every object of the audit's validators (EmitOptions.share): it runs only for objects with keys\n// beyond the planned ones, and in each message's function it would be compiled again.\nfunction unplanned(o${t(': Record<string, unknown>')}, e${t(': Violation[]')}, base${t(': string')}, first${t(': boolean')}, known${t(': ReadonlySet<string>')}, rule${t(': number')})${t(': void')} {\n  for (const k in o) {\n    if (known.has(k)) continue;\n    const v = o[k];\n    if (v === undefined) continue;\n    bad(e, base + seg(k, first), rule, "", v);\n  }\n}`,
  },
  pre: {
    code: (t) =>
      `// Put a parent path in front of the violations a named type's validator reported.\nfunction pre(e${t(': Violation[]')}, from${t(': number')}, base${t(': string')})${t(': void')} {\n  for (let i = from; i < e.length; i++) {\n    const v = e[i]${t('!')}, p = v.path;\n    v.path = p === "" ? base : p.charAt(0) === "[" || base === "" ? base + p : base + "." + p;\n  }\n}`,
  },
  ulen: {
    code: (t) =>
      `// String length in code points, as JSON Schema counts it (an emoji is one character).\nfunction ulen(s${t(': string')})${t(': number')} {\n  let n = s.length;\n  for (let i = 0; i < s.length; i++) {\n    const c = s.charCodeAt(i);\n    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {\n      const d = s.charCodeAt(i + 1);\n      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }\n    }\n  }\n  return n;\n}`,
  },
  eq: {
    code: (t) =>
      `// Deep equality of JSON values, for const, enum and uniqueItems.\nfunction eq(a${t(': unknown')}, b${t(': unknown')})${t(': boolean')} {\n  if (a === b) return true;\n  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;\n  if (Array.isArray(a)) {\n    if (!Array.isArray(b) || a.length !== b.length) return false;\n    for (let i = 0; i < a.length; i++) if (!eq(a[i], b[i])) return false;\n    return true;\n  }\n  if (Array.isArray(b)) return false;\n  const ka = Object.keys(a), kb = Object.keys(b);\n  if (ka.length !== kb.length) return false;\n  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !eq((a${t(' as Record<string, unknown>')})[k], (b${t(' as Record<string, unknown>')})[k])) return false;\n  return true;\n}`,
  },
  dupAt: {
    deps: ['canon'],
    code: (t) =>
      [
        '// Index of the first item equal to an earlier one, or -1. The array may come from an untrusted',
        '// message: each item is looked up in a set (objects and arrays by a canonical text, keys sorted),',
        '// so the check is linear in the array, where comparing every pair took minutes on a long line.',
        `function dupAt(a${t(': readonly unknown[]')})${t(': number')} {`,
        `  const prims = new Set${t('<unknown>')}(), texts = new Set${t('<string>')}();`,
        '  for (let i = 0; i < a.length; i++) {',
        '    const v = a[i];',
        '    if (typeof v === "object" && v !== null) {',
        '      const k = canon(v);',
        '      if (texts.has(k)) return i;',
        '      texts.add(k);',
        '    } else if (v === v) {',
        '      // A Set finds 0 and -0 equal, as JSON Schema does; NaN (not JSON) equals nothing.',
        '      if (prims.has(v)) return i;',
        '      prims.add(v);',
        '    }',
        '  }',
        '  return -1;',
        '}',
      ].join('\n'),
  },
  canon: {
    code: (t) =>
      [
        '// A text equal for equal JSON values: object keys sorted, strings quoted (never equal to a number',
        '// or a word), arrays and objects told apart by their brackets.',
        `function canon(v${t(': unknown')})${t(': string')} {`,
        '  if (typeof v !== "object" || v === null) return typeof v === "string" ? JSON.stringify(v) : String(v);',
        '  if (Array.isArray(v)) return "[" + v.map(canon).join(",") + "]";',
        `  const o = v${t(' as Record<string, unknown>')};`,
        '  return "{" + Object.keys(o).sort().map((k) => JSON.stringify(k) + ":" + canon(o[k])).join(",") + "}";',
        '}',
      ].join('\n'),
  },
  keyCount: {
    code: () => '// Enumerable keys of an object, counted without building a list.\nfunction keyCount(o) {\n  let n = 0;\n  for (const k in o) n++;\n  return n;\n}',
  },
  via: {
    code: () => '// One call site for every shared check (EmitOptions.share): V8 calls them rather than inlining each.\nfunction via(f, v, e) {\n  f(v, e);\n}',
  },
  reDate: regexHelper('reDate', '^(\\d{4})-(\\d{2})-(\\d{2})$', ''),
  reTime: regexHelper('reTime', '^(\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?:z|([+-])(\\d{2}):(\\d{2}))$', 'i'),
  isDate: {
    deps: ['reDate'],
    code: (t) =>
      `function isDate(s${t(': string')})${t(': boolean')} {\n  const m = reDate.exec(s);\n  if (!m) return false;\n  const y = +m[1]${t('!')}, mo = +m[2]${t('!')}, d = +m[3]${t('!')};\n  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);\n  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;\n  return mo >= 1 && mo <= 12 && d >= 1 && d <= days;\n}`,
  },
  isTime: {
    deps: ['reTime'],
    code: (t) =>
      `function isTime(s${t(': string')})${t(': boolean')} {\n  const m = reTime.exec(s);\n  if (!m) return false;\n  const h = +m[1]${t('!')}, mi = +m[2]${t('!')}, se = +m[3]${t('!')};\n  const sign = m[4] === "-" ? -1 : 1, th = +(m[5] ?? 0), tm = +(m[6] ?? 0);\n  if (h > 23 || mi > 59 || th > 23 || tm > 59) return false;\n  if (se <= 59) return true;\n  // A leap second is 23:59:60 in UTC, whatever the local offset.\n  const um = mi - tm * sign, uh = h - th * sign - (um < 0 ? 1 : 0);\n  return se === 60 && (uh === 23 || uh === -1) && (um === 59 || um === -1);\n}`,
  },
  digitAt: {
    code: (t) => `// The digit at s[i], or -100 so that any sum with it is negative.\nfunction digitAt(s${t(': string')}, i${t(': number')})${t(': number')} {\n  const c = s.charCodeAt(i) - 48;\n  return c >= 0 && c <= 9 ? c : -100;\n}`,
  },
  isDateTime: {
    deps: ['digitAt'],
    // Read character by character, without a regular expression or a match array: the audit
    // checks a timestamp in every message. Same rules as isDate and isTime (RFC 3339), with
    // `T` or `t` between the date and the time.
    code: (t) =>
      [
        `function isDateTime(s${t(': string')})${t(': boolean')} {`,
        '  const n = s.length;',
        '  if (n < 20) return false;',
        '  const y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3), mo = digitAt(s, 5) * 10 + digitAt(s, 6), da = digitAt(s, 8) * 10 + digitAt(s, 9);',
        '  if (y < 0 || mo < 0 || da < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;',
        '  const sep = s.charCodeAt(10);',
        '  if (sep !== 84 && sep !== 116) return false;',
        '  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);',
        '  const days = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;',
        '  if (mo < 1 || mo > 12 || da < 1 || da > days) return false;',
        '  const h = digitAt(s, 11) * 10 + digitAt(s, 12), mi = digitAt(s, 14) * 10 + digitAt(s, 15), se = digitAt(s, 17) * 10 + digitAt(s, 18);',
        '  if (h < 0 || mi < 0 || se < 0 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;',
        '  let i = 19;',
        '  if (s.charCodeAt(i) === 46) {',
        '    i++;',
        '    const from = i;',
        '    while (i < n && digitAt(s, i) >= 0) i++;',
        '    if (i === from) return false;',
        '  }',
        '  let sign = 1, th = 0, tm = 0;',
        '  const z = s.charCodeAt(i);',
        '  if (z === 90 || z === 122) {',
        '    if (i + 1 !== n) return false;',
        '  } else if (z === 43 || z === 45) {',
        '    // `±hh:mm`, exactly: RFC 3339 has no `+01` or `+0100`.',
        '    sign = z === 45 ? -1 : 1;',
        '    th = digitAt(s, i + 1) * 10 + digitAt(s, i + 2);',
        '    tm = digitAt(s, i + 4) * 10 + digitAt(s, i + 5);',
        '    if (th < 0 || tm < 0 || s.charCodeAt(i + 3) !== 58 || i + 6 !== n) return false;',
        '  } else return false;',
        '  if (h > 23 || mi > 59 || th > 23 || tm > 59) return false;',
        '  if (se <= 59) return true;',
        '  // A leap second is 23:59:60 in UTC, whatever the local offset.',
        '  const um = mi - tm * sign, uh = h - th * sign - (um < 0 ? 1 : 0);',
        '  return se === 60 && (uh === 23 || uh === -1) && (um === 59 || um === -1);',
        '}',
      ].join('\n'),
  },
  reEmail: regexHelper('reEmail', `^[a-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_\`{|}~-]+)*@(?:${LONG_LABEL}\\.)+${LONG_LABEL}$`, 'i'),
  reHostname: regexHelper('reHostname', `^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`, 'i'),
  reIpv4: regexHelper('reIpv4', `^${IPV4}$`, ''),
  reIpv6: regexHelper('reIpv6', `^(?:${IPV6})$`, 'i'),
  reUuid: regexHelper('reUuid', '^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$', 'i'),
  reUri: regexHelper('reUri', URI, 'i'),
  isUri: {
    deps: ['reUri'],
    // RFC 3986 allows `a:b` as a URI; like ajv-formats we also ask for a `/` or `:` to exist,
    // which the scheme's colon always satisfies.
    code: (t) => `function isUri(s${t(': string')})${t(': boolean')} {\n  return reUri.test(s);\n}`,
  },
};

function badHelper(t: (ts: string) => string, warn: boolean): string {
  return [
    '// Rule ids and message openings, by the number generated code passes: shorter bundles.',
    `const RULES${t(': readonly string[]')} = ${JSON.stringify(warn ? [...RULE_IDS, 'unplanned-property'] : RULE_IDS)};`,
    `const SAYS${t(': readonly string[]')} = ${JSON.stringify(warn ? RULE_OPENINGS : RULE_OPENINGS.slice(0, RULE_IDS.length))};`,
    `function bad(e${t(': Violation[]')}, path${t(': string')}, rule${t(': number')}, detail${t(': string')}, value${t(': unknown')})${t(': void')} {`,
    '  if (rule === 0 && value === null) rule = 1; // null where the type has no null',
    `  e.push({ path, rule: RULES[rule]${t('!')}, message: SAYS[rule] + (rule === 1 ? "" : detail), value${warn ? `, warn: rule === ${RULE_IDS.length}` : ''} });`,
    '}',
  ].join('\n');
}

/** The check a `format` compiles to, as an expression over `x`, and the helpers it needs. */
export const FORMAT_CHECKS: Record<string, { expr: (x: string) => string; helper: string }> = {
  'date-time': { expr: (x) => `isDateTime(${x})`, helper: 'isDateTime' },
  date: { expr: (x) => `isDate(${x})`, helper: 'isDate' },
  time: { expr: (x) => `isTime(${x})`, helper: 'isTime' },
  email: { expr: (x) => `reEmail.test(${x})`, helper: 'reEmail' },
  uri: { expr: (x) => `isUri(${x})`, helper: 'isUri' },
  uuid: { expr: (x) => `reUuid.test(${x})`, helper: 'reUuid' },
  ipv4: { expr: (x) => `reIpv4.test(${x})`, helper: 'reIpv4' },
  ipv6: { expr: (x) => `reIpv6.test(${x})`, helper: 'reIpv6' },
  hostname: { expr: (x) => `reHostname.test(${x})`, helper: 'reHostname' },
};

/** Source of the given helpers and everything they depend on, in a stable order. */
export function helperSource(names: Iterable<string>, typed: boolean): string {
  const needed = new Set<string>();
  const add = (n: string) => {
    if (needed.has(n)) return;
    const h = HELPERS[n];
    if (!h) throw new Error(`unknown validator helper ${n}`);
    for (const d of h.deps ?? []) add(d);
    needed.add(n);
  };
  for (const n of names) add(n);
  const t = (ts: string) => (typed ? ts : '');
  return Object.keys(HELPERS)
    .filter((n) => needed.has(n))
    .map((n) => HELPERS[n]!.code(t))
    .join('\n\n');
}
