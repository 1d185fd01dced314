import { TZDate } from '@date-fns/tz'
import { addDays, differenceInCalendarDays, format, isWeekend } from 'date-fns'
import { type DayRange, isValidDay } from './school-calendar'

/**
 * The 公示 (notice period) of a class's recorded hours: guardians may object while it is open; once
 * it has closed the entries it covers are locked. Days are school-local YYYY-MM-DD, both ends included.
 */
export type NoticeWindowState = 'upcoming' | 'open' | 'closed'

export function noticeWindowState(
  window: { opensOn: string; closesOn: string },
  today: string,
): NoticeWindowState {
  if (today < window.opensOn) return 'upcoming'
  return today > window.closesOn ? 'closed' : 'open'
}

/** An entry may no longer change once the window covering it has closed. */
export function isEntryLocked(window: { opensOn: string; closesOn: string } | null, today: string): boolean {
  return window !== null && noticeWindowState(window, today) === 'closed'
}

/** School days a window runs by default after the day it opens: a school week of looking. */
export const DEFAULT_NOTICE_SCHOOL_DAYS = 5
/** The longest a window may run, first to last day: records should not wait on a notice for a term. */
export const MAX_NOTICE_DAYS = 30
/** How long guardians still see a closed window's entries, read-only. */
export const FAMILY_CLOSED_VISIBLE_DAYS = 28
/** The longest reason or resolution note, in characters. */
export const NOTICE_TEXT_MAX = 500

// Calendar days are computed in UTC so the server's or browser's own time zone never shifts them.
function toDate(day: string): TZDate {
  if (!isValidDay(day)) throw new RangeError(`Invalid day: ${day}`)
  return new TZDate(day, 'UTC')
}

function plusDays(day: string, days: number): string {
  return format(addDays(toDate(day), days), 'yyyy-MM-dd')
}

/** A weekday that no day off (holiday, exam week) covers. Make-up working weekends are not modelled. */
export function isSchoolDay(day: string, daysOff: readonly DayRange[]): boolean {
  if (isWeekend(toDate(day))) return false
  return !daysOff.some((off) => off.startsOn <= day && day <= off.endsOn)
}

/** The `count`-th school day after `from` (which itself need not be a school day). */
export function addSchoolDays(from: string, count: number, daysOff: readonly DayRange[]): string {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Invalid count of school days: ${count}`)
  let day = from
  // A year of days off at most stands between two school days; past that the calendar is broken.
  for (let counted = 0, steps = 0; counted < count; steps++) {
    if (steps > 400) throw new RangeError('No school days ahead')
    day = plusDays(day, 1)
    if (isSchoolDay(day, daysOff)) counted++
  }
  return day
}

/** The closing day a new window proposes: five school days after it opens. */
export function defaultClosesOn(opensOn: string, daysOff: readonly DayRange[]): string {
  return addSchoolDays(opensOn, DEFAULT_NOTICE_SCHOOL_DAYS, daysOff)
}

export type NoticeDatesProblems = { opensOn?: string; closesOn?: string }

function spanProblem(window: { opensOn: string; closesOn: string }): string | undefined {
  if (window.closesOn < window.opensOn) return 'validation.endBeforeStart'
  const days = differenceInCalendarDays(toDate(window.closesOn), toDate(window.opensOn)) + 1
  return days > MAX_NOTICE_DAYS ? `notices.validation.tooLong|${MAX_NOTICE_DAYS}` : undefined
}

/**
 * Why a new window's dates cannot stand, per field (catalogue keys), or an empty object when they
 * can: it may not open in the past, close before it opens, or run longer than MAX_NOTICE_DAYS.
 */
export function noticeDatesProblems(
  window: { opensOn: string; closesOn: string },
  today: string,
): NoticeDatesProblems {
  const problems: NoticeDatesProblems = {}
  if (window.opensOn < today) problems.opensOn = 'notices.validation.opensInPast'
  const span = spanProblem(window)
  if (span) problems.closesOn = span
  return problems
}

/** Why a window may not be extended to `closesOn` (a catalogue key), or null when it may. */
export function extensionProblem(
  window: { opensOn: string; closesOn: string },
  closesOn: string,
  today: string,
): string | null {
  if (noticeWindowState(window, today) === 'closed') return 'notices.validation.alreadyClosed'
  if (closesOn <= window.closesOn) return 'notices.validation.notLater'
  return spanProblem({ opensOn: window.opensOn, closesOn }) ?? null
}

/** Guardians may object only while the window is open: not before it starts, not after it ends. */
export function canDispute(window: { opensOn: string; closesOn: string }, today: string): boolean {
  return noticeWindowState(window, today) === 'open'
}

/** The earliest closing day of a window guardians still see: closed windows fade after some weeks. */
export function familyVisibleSince(today: string): string {
  return plusDays(today, -FAMILY_CLOSED_VISIBLE_DAYS)
}

/** The day after today: the earliest a window may be extended to, as a form's default. */
export function nextDay(day: string): string {
  return plusDays(day, 1)
}

/**
 * The official export's columns, in order. One layout, in Chinese whatever the reader's language:
 * the file goes to the district's records, which are kept in Chinese.
 */
export const NOTICE_EXPORT_COLUMNS = [
  { key: 'studentNumber', header: '学号' },
  { key: 'name', header: '姓名' },
  { key: 'className', header: '班级' },
  { key: 'activity', header: '活动' },
  { key: 'date', header: '日期' },
  { key: 'category', header: '类别' },
  { key: 'hours', header: '课时' },
  { key: 'role', header: '角色' },
  { key: 'attendance', header: '出勤' },
  { key: 'window', header: '公示期' },
  { key: 'disputes', header: '异议' },
  { key: 'outcome', header: '处理结果' },
] as const

export type NoticeExportColumn = (typeof NOTICE_EXPORT_COLUMNS)[number]['key']
