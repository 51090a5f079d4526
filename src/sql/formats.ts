import { toRe2 } from '../audit/regex-safety.js';
import { FORMAT_REGEXES } from '../compile/validator/helpers.js';
import type { Format } from '../model/plan.js';
import type { Dialect } from './dialect.js';
import { caseless, forFlavour } from './regex.js';

// The same rules as the validators' helpers (compile/validator/helpers.ts): RFC 3339 dates and
// times with real calendar days and leap seconds only at 23:59:60 UTC; the other formats by the
// validators' own regular expressions, translated.
const DATE = '([0-9]{4})-([0-9]{2})-([0-9]{2})';
const DATE_TIME = `^${DATE}[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]+)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))$`;
const TIME = '^([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]+)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))$';

/** A regular expression of helpers.ts, in the dialect's flavour (its `i` flag spelled out as classes). */
function helperRegex(d: Dialect, name: string, drop = ''): string {
  const re = FORMAT_REGEXES[name]!;
  const source = re.flags.includes('i') ? caseless(re.source.replace(drop, '')) : re.source.replace(drop, '');
  const re2 = toRe2(source);
  if (!re2) throw new Error(`format regex ${name} has no RE2 form`);
  return forFlavour(re2.source, d.regexFlavour);
}

/** A real calendar day, from integer expressions for year, month and day. */
function calendarDay(d: Dialect, y: string, mo: string, da: string): string {
  void d;
  const leap = `((${y}) % 4 = 0 AND ((${y}) % 100 <> 0 OR (${y}) % 400 = 0))`;
  const days = `CASE WHEN (${mo}) = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN (${mo}) IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return `((${mo}) BETWEEN 1 AND 12 AND (${da}) BETWEEN 1 AND ${days})`;
}

/**
 * A time's hours, minutes, seconds and offset are in range, and a second 60 is 23:59:60 in
 * UTC (isTime / isDateTime: `um = mi - tm·sign`, `uh = h - th·sign - (um < 0)`).
 */
function timeOk(h: string, mi: string, se: string, sign: string, th: string, tm: string): string {
  const um = `((${mi}) - (${tm}) * (${sign}))`;
  const uh = `((${h}) - (${th}) * (${sign}) - CASE WHEN ${um} < 0 THEN 1 ELSE 0 END)`;
  return `((${h}) <= 23 AND (${mi}) <= 59 AND (${th}) <= 23 AND (${tm}) <= 59 AND ((${se}) <= 59 OR ((${se}) = 60 AND ${uh} IN (23, -1) AND ${um} IN (59, -1))))`;
}

/**
 * A time's parts read by position (once the regular expression has matched, every part has a
 * fixed place: `HH:MM:SS` at `at`, the offset `±HH:MM` or `Z` at the end), not by capture
 * groups: an engine runs the whole expression again for each group it extracts, and the
 * envelope checks every message's timestamp.
 */
function timeParts(d: Dialect, s: string, at: number): string {
  const n = (from: string | number, len: number) => d.int(`substr(${s}, ${from}, ${len})`);
  const end = d.length(s);
  const utc = `upper(substr(${s}, ${end}, 1)) = 'Z'`;
  const sign = `CASE WHEN NOT ${utc} AND substr(${s}, ${end} - 5, 1) = '-' THEN -1 ELSE 1 END`;
  const th = `CASE WHEN ${utc} THEN 0 ELSE ${n(`${end} - 4`, 2)} END`;
  const tm = `CASE WHEN ${utc} THEN 0 ELSE ${n(`${end} - 1`, 2)} END`;
  return timeOk(n(at, 2), n(at + 3, 2), n(at + 6, 2), sign, th, tm);
}

/** A date's year, month and day by position (`YYYY-MM-DD` at the start, once matched). */
function dateParts(d: Dialect, s: string): string {
  const n = (from: number, len: number) => d.int(`substr(${s}, ${from}, ${len})`);
  return calendarDay(d, n(1, 4), n(6, 2), n(9, 2));
}

/** A condition that the string `s` (an SQL expression) is of `format`. */
export function formatTest(d: Dialect, format: Format, s: string): string {
  switch (format) {
    case 'date-time':
      return `(${d.matches(s, forFlavour(DATE_TIME, d.regexFlavour))} AND ${dateParts(d, s)} AND ${timeParts(d, s, 12)})`;
    case 'date':
      return `(${d.matches(s, forFlavour(`^${DATE}$`, d.regexFlavour))} AND ${dateParts(d, s)})`;
    case 'time':
      return `(${d.matches(s, forFlavour(TIME, d.regexFlavour))} AND ${timeParts(d, s, 1)})`;
    case 'email':
      return d.matches(s, helperRegex(d, 'reEmail'));
    case 'uri':
      return d.matches(s, helperRegex(d, 'reUri'));
    case 'uuid':
      return d.matches(s, helperRegex(d, 'reUuid'));
    case 'ipv4':
      return d.matches(s, helperRegex(d, 'reIpv4'));
    case 'ipv6':
      return d.matches(s, helperRegex(d, 'reIpv6'));
    case 'hostname':
      // `(?=.{1,253}$)`: the rest admits ASCII only, so this is a length of 1 to 253.
      return `(${d.length(s)} BETWEEN 1 AND 253 AND ${d.matches(s, helperRegex(d, 'reHostname', '(?=.{1,253}$)'))})`;
  }
}
