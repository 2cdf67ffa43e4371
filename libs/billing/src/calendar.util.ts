/** Calendar days as `YYYY-MM-DD` strings (a day has no time zone once it is named). */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `at` in the time zone `tz`, e.g. `2026-12-01`. */
export function dayIn(tz: string, at: Date = new Date()): string {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(tz, f);
  }
  return f.format(at);
}

/** `YYYY-MM` or `YYYY-MM-DD` → the first day of that month, `YYYY-MM-01`. */
export const monthStart = (month: string): string => `${month.slice(0, 7)}-01`;

/** Adds `n` calendar months to the month of a `YYYY-MM-DD` date; answers the first day of that month. */
export function addMonths(date: string, n: number): string {
  const [y, m] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** Adds `n` days to a `YYYY-MM-DD` date. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export const isCalendarDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `tz` from UTC at the instant `utcMs`, in milliseconds (e.g. +8 h for Asia/Shanghai). */
function offsetMs(tz: string, utcMs: number): number {
  let f = offsetFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date-time as found in source files: ISO 8601 with an offset (`2026-11-05T10:15:00+08:00`,
 * `…Z`), or a local time without one (`2026-11-05 10:15:00`), read in the city's time zone.
 * Answers undefined when the text is not such a date-time or names an impossible time.
 */
export function parseDateTime(text: string, tz: string): Date | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const wallMs = Date.UTC(...fields) + Math.round(Number(`0.${frac}`) * 1000);
  const check = new Date(Date.UTC(...fields));
  if (check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || check.getUTCHours() !== fields[3] || check.getUTCMinutes() !== fields[4]) return undefined;
  if (zone) {
    if (zone === 'Z') return new Date(wallMs);
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    return new Date(wallMs - offset);
  }
  // local wall time: subtract the zone's offset at (approximately) that instant, then correct once
  let utc = wallMs - offsetMs(tz, wallMs);
  utc = wallMs - offsetMs(tz, utc);
  return new Date(utc);
}

/**
 * The instant a validated query or body value names (`IsIsoDateTime`): a date-time with its offset
 * as it is, a plain calendar date `YYYY-MM-DD` as midnight of that day in the city's time zone.
 */
export function instantOf(value: string, tz: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDateTime(`${value} 00:00:00`, tz) : parseDateTime(value, tz);
  if (!at) throw new Error(`Not a date-time: ${value}`);
  return at;
}

/** `YYYY-MM-DD 00:00:00+HH:MM`: midnight starting `day` in the time zone `tz`, with the offset in force then. */
export function midnightIn(tz: string, day: string): string {
  const at = parseDateTime(`${day} 00:00:00`, tz)!;
  const offsetMin = Math.round((Date.parse(`${day}T00:00:00Z`) - at.getTime()) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${day} 00:00:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
