/**
 * The calendar page's days: month grids and weeks starting on Monday, and what falls on each day.
 * Days are 'YYYY-MM-DD' strings, computed in UTC arithmetic so the server's own time zone never
 * matters; activities are UTC instants placed on the school's local days.
 */
import { isValidDay } from './school-calendar'
import { localDay, toLocalDateTime } from './school-time'

export type CalendarView = 'month' | 'week'

function parts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number]
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function addDays(day: string, amount: number): string {
  const [y, m, d] = parts(day)
  return fromUtc(new Date(Date.UTC(y, m - 1, d + amount)))
}

/** 1 for Monday … 7 for Sunday (ISO 8601). */
export function isoWeekday(day: string): number {
  const [y, m, d] = parts(day)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7
}

export function startOfWeek(day: string): string {
  return addDays(day, 1 - isoWeekday(day))
}

export function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`
}

export function lastOfMonth(day: string): string {
  const [y, m] = parts(day)
  return fromUtc(new Date(Date.UTC(y, m, 0)))
}

/** The days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day)
  return out
}

export type GridDay = { date: string; inMonth: boolean }

/** The whole weeks (Monday to Sunday) covering the month of `day`: 4 to 6 rows of 7 days. */
export function monthGrid(day: string): { first: string; last: string; weeks: GridDay[][] } {
  const month = day.slice(0, 7)
  const first = startOfWeek(firstOfMonth(day))
  const last = addDays(startOfWeek(lastOfMonth(day)), 6)
  const weeks: GridDay[][] = []
  for (const date of daysBetween(first, last)) {
    if (isoWeekday(date) === 1) weeks.push([])
    weeks[weeks.length - 1]?.push({ date, inMonth: date.slice(0, 7) === month })
  }
  return { first, last, weeks }
}

/** Monday to Sunday of the week of `day`. */
export function weekRange(day: string): { first: string; last: string; days: string[] } {
  const first = startOfWeek(day)
  const last = addDays(first, 6)
  return { first, last, days: daysBetween(first, last) }
}

/** The days a view shows around `day`. */
export function periodOf(day: string, view: CalendarView): { first: string; last: string } {
  if (view === 'week') {
    const { first, last } = weekRange(day)
    return { first, last }
  }
  return { first: firstOfMonth(day), last: lastOfMonth(day) }
}

/** The date the previous (-1) or next (+1) link opens: the first of the month, or the same weekday. */
export function shiftPeriod(day: string, view: CalendarView, step: -1 | 1): string {
  if (view === 'week') return addDays(day, 7 * step)
  const [y, m] = parts(day)
  return fromUtc(new Date(Date.UTC(y, m - 1 + step, 1)))
}

/** A date from the URL, or the fallback when it is missing or not a real day. */
export function dayOrDefault(value: string | null | undefined, fallback: string): string {
  return value && isValidDay(value) ? value : fallback
}

export type Timed = { startsAt: string; endsAt: string }

/** The school-local days an activity spans; one ending at midnight does not reach the next day. */
export function localDaysOf(activity: Timed, timeZone: string): { first: string; last: string } {
  const first = localDay(activity.startsAt, timeZone)
  const end = Date.parse(activity.endsAt)
  if (!(end > Date.parse(activity.startsAt))) return { first, last: first }
  return { first, last: localDay(new Date(end - 1).toISOString(), timeZone) }
}

/** How an activity shows on one day: its times, or that it started earlier or goes on later. */
export type Placement<T> = {
  activity: T
  part: 'single' | 'first' | 'middle' | 'last'
  /** HH:mm in the school's time zone */
  startTime: string
  endTime: string
}

function hoursAndMinutes(iso: string, timeZone: string): string {
  return toLocalDateTime(iso, timeZone).slice(11, 16)
}

/** Activities placed on each of `days` they touch, in the order given (by start). */
export function placeActivities<T extends Timed>(
  activities: readonly T[],
  days: readonly string[],
  timeZone: string,
): Map<string, Placement<T>[]> {
  const byDay = new Map<string, Placement<T>[]>(days.map((day) => [day, []]))
  for (const activity of activities) {
    const { first, last } = localDaysOf(activity, timeZone)
    const startTime = hoursAndMinutes(activity.startsAt, timeZone)
    const endTime = hoursAndMinutes(activity.endsAt, timeZone)
    for (const day of days) {
      if (day < first || day > last) continue
      const part = first === last ? 'single' : day === first ? 'first' : day === last ? 'last' : 'middle'
      byDay.get(day)?.push({ activity, part, startTime, endTime })
    }
  }
  return byDay
}

/** Date ranges (days off) on each of `days` they cover. */
export function placeRanges<T extends { startsOn: string; endsOn: string }>(
  ranges: readonly T[],
  days: readonly string[],
): Map<string, T[]> {
  return new Map(days.map((day) => [day, ranges.filter((r) => r.startsOn <= day && day <= r.endsOn)]))
}

/** Dated items (observances) on their day. */
export function placeDated<T extends { date: string }>(items: readonly T[], days: readonly string[]) {
  return new Map(days.map((day) => [day, items.filter((item) => item.date === day)]))
}

export type CalendarDay<A, O, D> = {
  date: string
  /** False for the days of the neighbouring months that fill the first and last week */
  inMonth: boolean
  isToday: boolean
  isWeekend: boolean
  observances: O[]
  daysOff: D[]
  activities: Placement<A>[]
}

/** Everything one view shows, day by day. */
export function calendarDays<
  A extends Timed,
  O extends { date: string },
  D extends { startsOn: string; endsOn: string },
>(input: {
  days: readonly GridDay[]
  today: string
  timeZone: string
  activities: readonly A[]
  observances: readonly O[]
  daysOff: readonly D[]
}): CalendarDay<A, O, D>[] {
  const dates = input.days.map((day) => day.date)
  const activities = placeActivities(input.activities, dates, input.timeZone)
  const observances = placeDated(input.observances, dates)
  const daysOff = placeRanges(input.daysOff, dates)
  return input.days.map(({ date, inMonth }) => ({
    date,
    inMonth,
    isToday: date === input.today,
    isWeekend: isoWeekday(date) >= 6,
    observances: observances.get(date) ?? [],
    daysOff: daysOff.get(date) ?? [],
    activities: activities.get(date) ?? [],
  }))
}

export type AgendaDay<A, K> = { date: string; activities: A[]; tasks: K[] }

/**
 * A staff member's agenda: activities by the day they start (one already under way shows today),
 * tasks by their due day, overdue and undated tasks apart.
 */
export function agendaDays<A extends Timed, K extends { dueOn: string | null }>(input: {
  activities: readonly A[]
  tasks: readonly K[]
  today: string
  timeZone: string
}): { overdue: K[]; undated: K[]; days: AgendaDay<A, K>[] } {
  const days = new Map<string, AgendaDay<A, K>>()
  const dayOf = (date: string) => {
    let day = days.get(date)
    if (!day) {
      day = { date, activities: [], tasks: [] }
      days.set(date, day)
    }
    return day
  }
  for (const activity of input.activities) {
    let date = localDay(activity.startsAt, input.timeZone)
    // One already under way belongs to today.
    if (date < input.today) date = input.today
    dayOf(date).activities.push(activity)
  }
  const overdue: K[] = []
  const undated: K[] = []
  for (const task of input.tasks) {
    if (task.dueOn === null) undated.push(task)
    else if (task.dueOn < input.today) overdue.push(task)
    else dayOf(task.dueOn).tasks.push(task)
  }
  overdue.sort((a, b) => ((a.dueOn ?? '') < (b.dueOn ?? '') ? -1 : 1))
  return { overdue, undated, days: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)) }
}
