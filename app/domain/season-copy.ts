/** Copying a season to another academic year: same week and weekday, or the same distance from an observance. */
import { TZDate } from '@date-fns/tz'
import { addDays, addYears, differenceInCalendarDays, format, getDay } from 'date-fns'
import { type ObservanceKey, observanceDate, observancesInYear } from './observances'
import { isValidDay } from './school-calendar'

const DAY_FORMAT = 'yyyy-MM-dd'

// Calendar days are computed in UTC so the server's or browser's own time zone never shifts them.
function toDate(day: string): TZDate {
  if (!isValidDay(day)) throw new RangeError(`Invalid day: ${day}`)
  return new TZDate(day, 'UTC')
}

function checkYears(years: number): void {
  if (!Number.isInteger(years)) throw new RangeError(`Invalid number of years: ${years}`)
}

/** Same weekday, nearest to the anniversary `years` later (the anniversary ±3 days). 29 Feb → anniversary is 28 Feb. */
export function shiftDay(day: string, years: number): string {
  checkYears(years)
  const from = toDate(day)
  // addYears clamps 29 Feb to 28 Feb in a common year.
  const anniversary = addYears(from, years)
  const ahead = (getDay(from) - getDay(anniversary) + 7) % 7
  return format(addDays(anniversary, ahead > 3 ? ahead - 7 : ahead), DAY_FORMAT)
}

/**
 * An activity's day. Without an observance: shiftDay. With one: keep the offset in days from that
 * observance's date in the year the day falls in (e.g. 2 days before 妇女节 stays 2 days before it;
 * the day of 清明 2026-04-05 becomes 清明 2027-04-05).
 */
export function shiftActivityDay(day: string, years: number, observance: ObservanceKey | null): string {
  if (observance === null) return shiftDay(day, years)
  checkYears(years)
  const year = Number(day.slice(0, 4))
  const offset = differenceInCalendarDays(toDate(day), toDate(observanceDate(observance, year)))
  return format(addDays(toDate(observanceDate(observance, year + years)), offset), DAY_FORMAT)
}

/**
 * An activity's start or end instant (ISO UTC string like 2026-03-06T01:30:00.000Z), shifted so the
 * wall-clock time in `timeZone` stays the same and the day moves as shiftActivityDay says.
 * Returns an ISO UTC string (toISOString format).
 */
export function shiftInstant(
  iso: string,
  timeZone: string,
  years: number,
  observance: ObservanceKey | null,
): string {
  const at = new TZDate(iso, timeZone)
  if (Number.isNaN(at.getTime())) throw new RangeError(`Invalid instant or time zone: ${iso}, ${timeZone}`)
  const [y, m, d] = shiftActivityDay(format(at, DAY_FORMAT), years, observance).split('-').map(Number) as [
    number,
    number,
    number,
  ]
  const moved = new TZDate(
    y,
    m - 1,
    d,
    at.getHours(),
    at.getMinutes(),
    at.getSeconds(),
    at.getMilliseconds(),
    timeZone,
  )
  // TZDate's own toISOString carries the zone's offset; callers store UTC.
  return new Date(moved.getTime()).toISOString()
}

/** The years between two academic years, from their start dates (2025-09-01 → 2026-09-01 is 1). */
export function yearsBetween(fromStartsOn: string, toStartsOn: string): number {
  // Rounded so start dates that drift by a few days (1 Sep, 31 Aug) still count as whole years.
  return Math.round(differenceInCalendarDays(toDate(toStartsOn), toDate(fromStartsOn)) / 365.2425)
}

/** The observance an activity's day most likely serves: one on the same day, else null. Used to suggest a tie. */
export function observanceOn(day: string): ObservanceKey | null {
  if (!isValidDay(day)) throw new RangeError(`Invalid day: ${day}`)
  return observancesInYear(Number(day.slice(0, 4))).find((o) => o.date === day)?.key ?? null
}

// A year already carried at the end of a title, in full-width or ASCII brackets: 「春·播感恩季（2027）」.
const TITLE_YEAR = /\s*[（(]\d{4}[）)]$/

/** A copy's title carries its year: 「春·播感恩季」 and 「春·播感恩季（2027）」 both become 「春·播感恩季（2028）」. */
export function copyTitle(title: string, year: number): string {
  return `${title.replace(TITLE_YEAR, '')}（${year}）`
}

/**
 * The title of a season copied into the year starting on `targetStartsOn`: its year is the calendar
 * year the copy starts in, so a spring season names its spring and an autumn season its autumn.
 */
export function copiedSeasonTitle(
  source: { title: string; startsOn: string; yearStartsOn: string },
  targetStartsOn: string,
): string {
  const startsOn = shiftDay(source.startsOn, yearsBetween(source.yearStartsOn, targetStartsOn))
  return copyTitle(source.title, Number(startsOn.slice(0, 4)))
}
