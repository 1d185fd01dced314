import { addDays, format, getDay, parseISO } from 'date-fns'
import { isObservanceKey, type ObservanceKey } from '../app/domain/observances'
import type { DayRange } from '../app/domain/school-calendar'
import { localDay, toInstant } from '../app/domain/school-time'
import { shiftActivityDay, shiftInstant } from '../app/domain/season-copy'
import { now } from '../app/utils/clock'

/**
 * The demo's dates, relative to the day it is seeded. The seeds are written for spring 2026, when
 * the source articles happened; every date and instant in them goes through a DemoCalendar, which
 * moves it `years` on so that the spring they tell of is the most recent one that has passed. The
 * few things that must be current whatever the date (a notice window, upcoming activities, consents
 * waiting) are computed from `today` instead.
 */

export const DEMO_TIME_ZONE = 'Asia/Shanghai'

/** The spring the source articles tell of: the demo's literals are written for it. */
export const SOURCE_SPRING = 2026

const DAY_FORMAT = 'yyyy-MM-dd'

/** The spring whose season has passed and been recorded: this year's from 1 May on, else last year's. */
export function anchorSpringYear(today: string): number {
  const year = Number(today.slice(0, 4))
  return today.slice(5) >= '05-01' ? year : year - 1
}

/** An activity's observance as the app's date shifting takes it. */
export function observanceKey(observance: string | null | undefined): ObservanceKey | null {
  if (observance === null || observance === undefined) return null
  if (!isObservanceKey(observance)) throw new Error(`Demo calendar: unknown observance ${observance}`)
  return observance
}

export function plusDays(day: string, days: number): string {
  return format(addDays(parseISO(day), days), DAY_FORMAT)
}

/** The earlier and the later of two days (ISO days sort as text). */
export function earlierDay(a: string, b: string): string {
  return [a, b].sort()[0] as string
}

export function laterDay(a: string, b: string): string {
  return [a, b].sort()[1] as string
}

export type DemoCalendar = {
  now: Date
  /** The school-local day the demo is seeded */
  today: string
  /** The anchor spring's year */
  springYear: number
  /** How far the literals move: springYear − 2026 */
  years: number
  /** A literal day; one tied to an observance keeps its distance to it, others keep week and weekday. */
  day: (day: string, observance?: string | null) => string
  /** A literal instant, its wall-clock time kept, its day moved as `day` moves it. */
  instant: (iso: string, observance?: string | null) => string
  /** An academic year's name: '2025-2026' at years = 1 is '2026-2027'. */
  yearName: (name: string) => string
  /** A calendar year written in a text: 2027 at years = 1 is 2028. */
  year: (year: number) => number
  /** A wall-clock time `days` from today (negative: before), as an ISO UTC instant. */
  fromToday: (days: number, time: string) => string
}

export function demoCalendar(at: Date = now()): DemoCalendar {
  const today = localDay(at.toISOString(), DEMO_TIME_ZONE)
  const springYear = anchorSpringYear(today)
  const years = springYear - SOURCE_SPRING
  return {
    now: at,
    today,
    springYear,
    years,
    day: (day, observance) => shiftActivityDay(day, years, observanceKey(observance)),
    instant: (iso, observance) => shiftInstant(iso, DEMO_TIME_ZONE, years, observanceKey(observance)),
    yearName: (name) =>
      name
        .split('-')
        .map((y) => String(Number(y) + years))
        .join('-'),
    year: (year) => year + years,
    fromToday: (days, time) => toInstant(`${plusDays(today, days)}T${time}`, DEMO_TIME_ZONE),
  }
}

/** A school's terms and days off, as far as the demo needs them to find school days. */
export type SchoolDays = { terms: readonly DayRange[]; daysOff: readonly DayRange[] }

const within = (day: string, range: DayRange) => range.startsOn <= day && day <= range.endsOn

/** A weekday inside a term and outside every day off. */
export function isSchoolDay(day: string, school: SchoolDays): boolean {
  const weekday = getDay(parseISO(day))
  if (weekday === 0 || weekday === 6) return false
  return school.terms.some((t) => within(day, t)) && !school.daysOff.some((d) => within(day, d))
}

/** The school days after `day`, up to the end of the last term, soonest first. */
export function schoolDaysAfter(day: string, school: SchoolDays): string[] {
  const lastDay = school.terms.reduce((last, t) => laterDay(last, t.endsOn), day)
  const out: string[] = []
  for (let current = plusDays(day, 1); current <= lastDay; current = plusDays(current, 1)) {
    if (isSchoolDay(current, school)) out.push(current)
  }
  return out
}

/** Monday of the week a day falls in, so weeks run Monday to Sunday as in a school timetable. */
function weekOf(day: string): string {
  return plusDays(day, -((getDay(parseISO(day)) + 6) % 7))
}

export type SchoolWeek = { first: string; last: string }

/**
 * The first and last school day of the next `count` weeks that have school days from `today` on,
 * starting with this week if it has (in a holiday, the first weeks of the next term).
 */
export function nextSchoolWeeks(today: string, school: SchoolDays, count: number): SchoolWeek[] {
  const weeks: SchoolWeek[] = []
  // From this week's Monday: its first school day may lie before today.
  for (const day of schoolDaysAfter(plusDays(weekOf(today), -1), school)) {
    const current = weeks.at(-1)
    if (current && weekOf(current.first) === weekOf(day)) current.last = day
    else if (weeks.length > count) break
    else weeks.push({ first: day, last: day })
  }
  return weeks.filter((w) => w.last >= today).slice(0, count)
}

/**
 * A school day about `days` ahead: the first one on or after today + `days`; when that lies past
 * today + `latest` (the term ends first), the last school day before that limit instead, if any.
 */
export function schoolDayAhead(today: string, school: SchoolDays, days: number, latest: number): string {
  const after = schoolDaysAfter(today, school)
  const target = after.find((d) => d >= plusDays(today, days))
  const limit = plusDays(today, latest)
  if (target && target <= limit) return target
  const before = after.filter((d) => d <= limit).at(-1)
  const day = before ?? target
  if (!day) throw new Error(`Demo calendar: no school day after ${today}`)
  return day
}
