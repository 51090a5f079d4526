/**
 * Messages and violations over time, by the messages' own `timestamp` (UTC), for the HTML
 * report's charts. Buckets are hours; when an input spans more than MAX_BUCKETS of them, days;
 * past that, years (at most 10,000: bounded whatever the input). The unit is decided by the
 * whole input (the finest that fits), so one thread and many give the same timeline.
 */
export type TimeUnit = 'hour' | 'day' | 'year';

/** Counts of one bucket: messages read, invalid ones, violations found. */
export type TimeCounts = [read: number, invalid: number, violations: number];

export interface Timeline {
  unit: TimeUnit;
  /** By UTC time: `2026-11-26T08` (hour), `2026-11-26` (day), `2026` (year). */
  buckets: Record<string, TimeCounts>;
  /** Messages without a valid `timestamp`. */
  untimed: TimeCounts;
}

export const MAX_BUCKETS = 10_000;
const KEY_LENGTH: Record<TimeUnit, number> = { hour: 13, day: 10, year: 4 };
const COARSER: Record<TimeUnit, TimeUnit | undefined> = { hour: 'day', day: 'year', year: undefined };

/** The UTC hour of a timestamp the audit already found to be a valid date-time, or undefined. */
export function hourOf(timestamp: string): string | undefined {
  // The common form (`…T08:00:07.000Z`) is read as text: no Date per message.
  const last = timestamp.charCodeAt(timestamp.length - 1);
  if (last === 90 /* Z */ && timestamp.charCodeAt(10) === 84 /* T */) return timestamp.slice(0, 13);
  const ms = Date.parse(timestamp.toUpperCase());
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  // Years past 9999 print as `+010000-…`: not a bucket we can order as text; untimed.
  return iso.length === 24 ? iso.slice(0, 13) : undefined;
}

/** Counts by hour while an auditor reads, coarsened when there are too many. */
export class TimelineCounter {
  unit: TimeUnit = 'hour';
  readonly buckets = new Map<string, TimeCounts>();
  readonly untimed: TimeCounts = [0, 0, 0];

  add(hour: string | undefined, invalid: boolean, violations: number): void {
    let c: TimeCounts | undefined;
    if (hour === undefined) c = this.untimed;
    else {
      const key = this.unit === 'hour' ? hour : hour.slice(0, KEY_LENGTH[this.unit]);
      c = this.buckets.get(key);
      if (!c) {
        this.buckets.set(key, (c = [0, 0, 0]));
        if (this.buckets.size > MAX_BUCKETS) {
          this.#coarsen();
          c = this.buckets.get(key.slice(0, KEY_LENGTH[this.unit]))!;
        }
      }
    }
    c[0]++;
    if (invalid) c[1]++;
    c[2] += violations;
  }

  #coarsen(): void {
    const t = coarsened({ unit: this.unit, buckets: Object.fromEntries(this.buckets), untimed: this.untimed });
    this.unit = t.unit;
    this.buckets.clear();
    for (const [k, v] of Object.entries(t.buckets)) this.buckets.set(k, v);
  }

  /** As plain data (a copy), or undefined when nothing was counted. */
  toJson(): Timeline | undefined {
    if (this.buckets.size === 0 && this.untimed[0] === 0) return undefined;
    const buckets: Record<string, TimeCounts> = {};
    for (const k of [...this.buckets.keys()].sort()) buckets[k] = [...this.buckets.get(k)!];
    return { unit: this.unit, buckets, untimed: [...this.untimed] };
  }
}

/** Coarser units until the buckets fit (years always do). */
function coarsened(t: Timeline, atLeast: TimeUnit = t.unit): Timeline {
  let unit = t.unit;
  let buckets = t.buckets;
  const order: TimeUnit[] = ['hour', 'day', 'year'];
  while (order.indexOf(unit) < order.indexOf(atLeast) || (Object.keys(buckets).length > MAX_BUCKETS && COARSER[unit])) {
    unit = COARSER[unit]!;
    const next: Record<string, TimeCounts> = {};
    for (const [k, v] of Object.entries(buckets)) {
      const c = (next[k.slice(0, KEY_LENGTH[unit])] ??= [0, 0, 0]);
      c[0] += v[0];
      c[1] += v[1];
      c[2] += v[2];
    }
    buckets = next;
  }
  return { unit, buckets, untimed: t.untimed };
}

/** The sum of two timelines, in the coarser unit of the two (or coarser still, if the union needs it). */
export function mergeTimelines(a: Timeline | undefined, b: Timeline | undefined): Timeline | undefined {
  if (!a || !b) return a ?? (b && { unit: b.unit, buckets: { ...b.buckets }, untimed: [...b.untimed] });
  const order: TimeUnit[] = ['hour', 'day', 'year'];
  const unit = order[Math.max(order.indexOf(a.unit), order.indexOf(b.unit))]!;
  const x = coarsened(a, unit);
  const y = coarsened(b, unit);
  const buckets: Record<string, TimeCounts> = { ...x.buckets };
  for (const [k, v] of Object.entries(y.buckets)) {
    const c = (buckets[k] = [...(buckets[k] ?? [0, 0, 0])] as TimeCounts);
    c[0] += v[0];
    c[1] += v[1];
    c[2] += v[2];
  }
  const merged = coarsened({ unit, buckets, untimed: [a.untimed[0] + b.untimed[0], a.untimed[1] + b.untimed[1], a.untimed[2] + b.untimed[2]] });
  const sorted: Record<string, TimeCounts> = {};
  for (const k of Object.keys(merged.buckets).sort()) sorted[k] = merged.buckets[k]!;
  return { ...merged, buckets: sorted };
}
