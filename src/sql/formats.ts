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

function timeParts(d: Dialect, s: string, re: string, first: number): string {
  const g = (k: number) => `coalesce(${d.int(d.extract(s, re, k))}, 0)`;
  // Groups: hours, minutes, seconds, the offset's sign, hours and minutes (at most 9: RE2's extract).
  const sign = `CASE WHEN ${d.extract(s, re, first + 3)} = '-' THEN -1 ELSE 1 END`;
  return timeOk(g(first), g(first + 1), g(first + 2), sign, g(first + 4), g(first + 5));
}

/** A condition that the string `s` (an SQL expression) is of `format`. */
export function formatTest(d: Dialect, format: Format, s: string): string {
  switch (format) {
    case 'date-time': {
      const re = forFlavour(DATE_TIME, d.regexFlavour);
      const g = (k: number) => d.int(d.extract(s, re, k));
      return `(${d.matches(s, re)} AND ${calendarDay(d, g(1), g(2), g(3))} AND ${timeParts(d, s, re, 4)})`;
    }
    case 'date': {
      const re = forFlavour(`^${DATE}$`, d.regexFlavour);
      const g = (k: number) => d.int(d.extract(s, re, k));
      return `(${d.matches(s, re)} AND ${calendarDay(d, g(1), g(2), g(3))})`;
    }
    case 'time': {
      const re = forFlavour(TIME, d.regexFlavour);
      return `(${d.matches(s, re)} AND ${timeParts(d, s, re, 1)})`;
    }
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
