/**
 * Instants and the wall clock of a time zone, on the platform's own Intl time-zone data. (The Lambda runtime
 * and Node carry full ICU; a date library would add 70 KB to every function for the same answers.)
 */

/** An instant together with the UTC offset in force at it in some zone, e.g. a post's 16:00 in London. */
export class ZonedInstant {
  constructor(
    readonly epochMs: number,
    /** minutes east of UTC: 60 in British Summer Time */
    readonly offsetMinutes: number,
  ) {}

  toDate(): Date {
    return new Date(this.epochMs);
  }

  /** `2026-12-23T16:00:00.000Z`, as `Date#toISOString` */
  toUtcIso(): string {
    return new Date(this.epochMs).toISOString();
  }

  /** `2026-06-23T16:00:00+01:00`: the local wall time and its offset, whole seconds unless there are millis */
  toOffsetIso(): string {
    const local = new Date(this.epochMs + this.offsetMinutes * 60_000).toISOString();
    const clock = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
    const sign = this.offsetMinutes < 0 ? '-' : '+';
    const minutes = Math.abs(this.offsetMinutes);
    return `${clock}${sign}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** true for an IANA zone name the platform knows, e.g. `Europe/London` */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** What a clock on the wall in `zone` shows at an instant (whole seconds). */
export function wallClock(epochMs: number, zone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(zone).formatToParts(new Date(epochMs))) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

/** Minutes east of UTC in force in `zone` at an instant. */
export function offsetAt(epochMs: number, zone: string): number {
  const clock = wallClock(epochMs, zone);
  const wallMs = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Math.round((wallMs - wholeSecond) / 60_000);
}

const HOUR_MS = 3_600_000;

/**
 * The instant a wall-clock time happens in a zone, resolved as JavaScript's Temporal does by default: a time
 * the clocks skip (01:30 on the night they go forward in London) moves on by the gap, to 02:30 summer time; a
 * time that happens twice (01:30 on the night they go back) is the first of the two, still in summer time.
 * Always the same answer, whatever the date today (luxon's guess depends on it).
 */
export function instantOfWallTime(wall: WallClock, zone: string): ZonedInstant {
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // every offset is between -12 and +14 hours, so these bracket the zone's offsets around this wall time
  const offsets = [
    ...new Set([
      offsetAt(wallMs - 15 * HOUR_MS, zone),
      offsetAt(wallMs, zone),
      offsetAt(wallMs + 13 * HOUR_MS, zone),
    ]),
  ];
  const fitting = offsets
    .map((offset) => wallMs - offset * 60_000)
    .filter((epochMs) => offsetAt(epochMs, zone) === (wallMs - epochMs) / 60_000)
    .sort((a, b) => a - b);
  const first = fitting[0];
  if (first !== undefined) return new ZonedInstant(first, (wallMs - first) / 60_000);
  // in a gap: read the wall time with the offset from before the clocks went forward
  const epochMs = wallMs - Math.min(...offsets) * 60_000;
  return new ZonedInstant(epochMs, offsetAt(epochMs, zone));
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
