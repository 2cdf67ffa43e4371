/**
 * Business-hours arithmetic (工作時間) for SLAs: pure functions over instants, a working
 * calendar and an IANA time zone. Days are taken in the calendar's zone, so a zone with
 * daylight saving time works too (the working window is the wall-clock window of each day).
 */
export interface BusinessCalendar {
  /** IANA zone whose wall clock the hours refer to (the node's `timezone`). */
  timezone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Start and end of the working window, `HH:MM`, start < end. */
  start: string;
  end: string;
  /** Dates `YYYY-MM-DD` that are not working days although their weekday is (法定節假日). */
  holidays: string[];
  /** Dates that are working days although their weekday is not (調休). */
  extraWorkingDays: string[];
}

const MINUTE = 60_000;
/** A due date further than this many days away means a calendar without working time. */
const MAX_DAYS = 3_660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at `instant`, in ms (Asia/Shanghai: +8 h). */
function offsetAt(instant: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The local calendar date `YYYY-MM-DD` of `instant` in `tz`. */
export function localDate(instant: number, tz: string): string {
  return new Date(instant + offsetAt(instant, tz)).toISOString().slice(0, 10);
}

/** The instant at which the wall clock of `tz` shows `day` `minuteOfDay` (a non-existent time moves forward by the gap). */
export function instantOf(day: string, minuteOfDay: number, tz: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`) + minuteOfDay * MINUTE;
  let t = wall - offsetAt(wall, tz);
  const second = offsetAt(t, tz);
  if (wall - second !== t) t = wall - second;
  return t;
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isoWeekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isWorkingDay(day: string, cal: BusinessCalendar): boolean {
  if (cal.extraWorkingDays.includes(day)) return true;
  if (cal.holidays.includes(day)) return false;
  return cal.workingDays.includes(isoWeekday(day));
}

/** The working window of `day` as instants, or null on a day off. */
function window(day: string, cal: BusinessCalendar): [number, number] | null {
  if (!isWorkingDay(day, cal)) return null;
  return [instantOf(day, minuteOf(cal.start), cal.timezone), instantOf(day, minuteOf(cal.end), cal.timezone)];
}

/**
 * The instant at which `minutes` business minutes have passed since `start` (`aroundTheClock`:
 * plain minutes, 24×7). When the budget runs out exactly at the end of a window, that end is the due.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar, aroundTheClock = false): Date {
  if (!(minutes >= 0)) throw new RangeError('minutes must be ≥ 0');
  if (aroundTheClock || minutes === 0) return new Date(start.getTime() + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  let cursor = start.getTime();
  let day = localDate(cursor, cal.timezone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    const w = window(day, cal);
    if (!w || cursor >= w[1]) continue;
    const from = Math.max(cursor, w[0]);
    const available = w[1] - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    cursor = w[1];
  }
  throw new RangeError(`no working time within ${MAX_DAYS} days: check the calendar`);
}

/** Business minutes (fractional) between `from` and `to`; 0 when `to` ≤ `from`. */
export function businessMinutesBetween(from: Date, to: Date, cal: BusinessCalendar, aroundTheClock = false): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (aroundTheClock) return (b - a) / MINUTE;
  let total = 0;
  const last = localDate(b, cal.timezone);
  let day = localDate(a, cal.timezone);
  for (let i = 0; i < MAX_DAYS + 1; i++, day = nextDay(day)) {
    const w = window(day, cal);
    if (w) total += Math.max(0, Math.min(b, w[1]) - Math.max(a, w[0]));
    if (day === last) break;
  }
  return total / MINUTE;
}

/** Problems of a calendar (empty when valid), each naming its field under `path`. */
export function calendarProblems(cal: Omit<BusinessCalendar, 'timezone'>, path: string): string[] {
  const problems: string[] = [];
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const realDay = (d: unknown) => typeof d === 'string' && day.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!Array.isArray(cal.workingDays) || !cal.workingDays.length || !cal.workingDays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    problems.push(`${path}.workingDays must list ISO weekdays 1 (Monday) to 7 (Sunday), at least one`);
  }
  if (!hhmm.test(String(cal.start))) problems.push(`${path}.start must be HH:MM`);
  if (!hhmm.test(String(cal.end))) problems.push(`${path}.end must be HH:MM`);
  if (hhmm.test(String(cal.start)) && hhmm.test(String(cal.end)) && minuteOf(cal.start) >= minuteOf(cal.end)) problems.push(`${path}.start must be before ${path}.end`);
  for (const [k, v] of [['holidays', cal.holidays], ['extraWorkingDays', cal.extraWorkingDays]] as const) {
    if (!Array.isArray(v)) problems.push(`${path}.${k} must be an array of dates YYYY-MM-DD`);
    else v.forEach((d, i) => realDay(d) || problems.push(`${path}.${k}[${i}] must be a date YYYY-MM-DD`));
  }
  return problems;
}
