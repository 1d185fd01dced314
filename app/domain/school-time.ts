import { TZDate } from '@date-fns/tz'
import { addDays, format, parseISO } from 'date-fns'

/**
 * Activities are stored as UTC instants and entered as wall-clock times in the school's time zone.
 * These convert between the two; formatting for readers stays in app/utils/dates.ts.
 */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

export function isLocalDateTime(value: string): boolean {
  const match = LOCAL_DATE_TIME.exec(value)
  if (!match) return false
  const [, y, m, d, h, min] = match.map(Number) as [number, number, number, number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && h < 24 && min < 60
}

/** '2026-03-06T09:00' in Asia/Shanghai → '2026-03-06T01:00:00.000Z' */
export function toInstant(localDateTime: string, timeZone: string): string {
  const [y, m, d, h, min] = localDateTime.split(/[-T:]/).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  return new Date(new TZDate(y, m - 1, d, h, min, timeZone).getTime()).toISOString()
}

/** The value of an `<input type="datetime-local">` for an instant. */
export function toLocalDateTime(iso: string, timeZone: string): string {
  return format(new TZDate(iso, timeZone), "yyyy-MM-dd'T'HH:mm")
}

/** The school-local calendar day of an instant. */
export function localDay(iso: string, timeZone: string): string {
  return format(new TZDate(iso, timeZone), 'yyyy-MM-dd')
}

/** The instant a school-local day starts. */
export function startOfLocalDay(day: string, timeZone: string): string {
  return toInstant(`${day}T00:00`, timeZone)
}

/** Instants bounding school-local days `from`..`to` inclusive: [start of from, start of the day after to). */
export function instantRangeOfDays(from: string, to: string, timeZone: string): { from: string; to: string } {
  const after = format(addDays(parseISO(to), 1), 'yyyy-MM-dd')
  return { from: startOfLocalDay(from, timeZone), to: startOfLocalDay(after, timeZone) }
}
