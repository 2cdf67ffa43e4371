/** Today's date (`YYYY-MM-DD`) in a time zone. */
export const localDate = (timezone: string, at: Date = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** SQL for today's date in the time zone bound as `:tz`. */
export const SQL_TODAY = `(now() AT TIME ZONE :tz)::date`;

export const iso = (v: Date | string | null | undefined): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());
