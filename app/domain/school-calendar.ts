/** Rules for academic years, terms and days off. Dates are YYYY-MM-DD strings, compared as text. */
export type DayRange = { startsOn: string; endsOn: string }

/** What a row of the days off is; 'workday' is a make-up working day (调休上班), not a day off. */
export const DAY_OFF_KINDS = ['holiday', 'exam', 'other', 'workday'] as const
export type DayOffKindName = (typeof DAY_OFF_KINDS)[number]

/** An exam week is no holiday: pages that list coming holidays list exam weeks apart. */
export function splitExamWeeks<T extends { kind: DayOffKindName }>(
  days: readonly T[],
): { holidays: T[]; exams: T[] } {
  return {
    holidays: days.filter((day) => day.kind !== 'exam' && day.kind !== 'workday'),
    exams: days.filter((day) => day.kind === 'exam'),
  }
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export function isValidDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export function isOrdered(range: DayRange): boolean {
  return range.startsOn <= range.endsOn
}

export function isWithin(inner: DayRange, outer: DayRange): boolean {
  return inner.startsOn >= outer.startsOn && inner.endsOn <= outer.endsOn
}

export function overlaps(a: DayRange, b: DayRange): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn
}

export type TermProblem = 'validation.termOutsideYear' | 'validation.termOverlaps'

/** Why a term cannot be saved in this year beside the other terms, or null when it can. */
export function termProblem(term: DayRange, year: DayRange, otherTerms: DayRange[]): TermProblem | null {
  if (!isWithin(term, year)) return 'validation.termOutsideYear'
  if (otherTerms.some((other) => overlaps(term, other))) return 'validation.termOverlaps'
  return null
}

export function dayOffProblem(dayOff: DayRange, year: DayRange): 'validation.dayOffOutsideYear' | null {
  return isWithin(dayOff, year) ? null : 'validation.dayOffOutsideYear'
}

export type YearProblem = 'validation.yearTooShort' | 'validation.yearOverlaps'

/**
 * Why an academic year cannot be saved beside the school's other years, or null when it can. Years
 * may not overlap, or "the year a date falls in" would have two answers.
 */
export function yearProblem(year: DayRange, otherYears: DayRange[]): YearProblem | null {
  if (year.startsOn >= year.endsOn) return 'validation.yearTooShort'
  if (otherYears.some((other) => overlaps(year, other))) return 'validation.yearOverlaps'
  return null
}

/** The academic year a date falls in, e.g. for "this year" on the dashboard. */
export function yearContaining<T extends DayRange>(years: T[], day: string): T | undefined {
  return years.find((year) => year.startsOn <= day && day <= year.endsOn)
}

/**
 * The academic year a page opens on when none is asked for: the current year when it has anything
 * to show, else the most recent year with data that has begun (last spring's records in the summer,
 * say), else the current year, else the latest. `withData` holds the ids of years with something to
 * show on that page.
 */
export function yearToOpen<T extends DayRange & { id: number }>(
  years: readonly T[],
  { today, withData }: { today: string; withData: ReadonlySet<number> },
): T | undefined {
  const current = yearContaining([...years], today)
  if (current && withData.has(current.id)) return current
  const begun = years
    .filter((year) => withData.has(year.id) && year.startsOn <= today)
    .sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))
  return begun[0] ?? current ?? [...years].sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0]
}
