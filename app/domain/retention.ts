/** How long Siji keeps personal data, per kind, and what is due for anonymising or purging on a day. */
import { TZDate } from '@date-fns/tz'
import { addYears, format, subDays, subYears } from 'date-fns'
import { isValidDay } from './school-calendar'

/**
 * The documented retention (README, privacy notice). Pupils who graduated or left are kept three
 * school years: long enough for the next school's questions and a family's later request for hours
 * and awards (a junior-secondary cycle), then their identity goes and their counts stay.
 */
export const RETENTION = {
  /** Graduated or departed pupils: anonymised this many years after the day they left */
  departedPupilYears: 3,
  /** Sessions: purged this many days after their last request (they hold the browser's name) */
  sessionDays: 30,
  /** Sign-in throttle rows: purged this many days after their first failure (they hold a username) */
  signInThrottleDays: 30,
  /** Audit entries: purged this many years after they were written */
  auditYears: 3,
  /** Inbox notifications: purged a year after they were sent, read or not */
  notificationYears: 1,
} as const

/**
 * What each kind of data becomes, for the README and the privacy notice. Photos follow the pupil:
 * an anonymised pupil's tag is removed and a photo in which every tagged pupil is anonymised is
 * deleted with its files; a photo that also shows others stays, untagged. Consent reminders hold
 * only counts, so they are kept with the activity.
 */
export const RETENTION_KINDS = [
  'pupils',
  'photoTags',
  'photos',
  'sessions',
  'signInThrottle',
  'audit',
  'notifications',
] as const
export type RetentionKind = (typeof RETENTION_KINDS)[number]

export type DepartedPupil = {
  id: number
  active: 0 | 1
  graduatedOn: string | null
  leftOn: string | null
  anonymisedAt: string | null
}

export type AnonymiseReason = 'graduated' | 'left'

// Calendar days are computed in UTC so the server's own time zone never shifts them.
function dayDate(day: string): TZDate {
  if (!isValidDay(day)) throw new RangeError(`Invalid day: ${day}`)
  return new TZDate(day, 'UTC')
}

/** The day a pupil who left on `leftOn` is due for anonymising (29 Feb → 28 Feb). */
export function anonymiseOn(leftOn: string): string {
  return format(addYears(dayDate(leftOn), RETENTION.departedPupilYears), 'yyyy-MM-dd')
}

/** The day the pupil left the school, and how; null while they are in school or already anonymised. */
export function departure(pupil: DepartedPupil): { on: string; reason: AnonymiseReason } | null {
  if (pupil.active === 1 || pupil.anonymisedAt) return null
  if (pupil.graduatedOn) return { on: pupil.graduatedOn, reason: 'graduated' }
  if (pupil.leftOn) return { on: pupil.leftOn, reason: 'left' }
  return null
}

/** Pupils whose retention has run out on `today` (the school's local day), with why. */
export function pupilsDue(
  pupils: DepartedPupil[],
  today: string,
): { id: number; reason: AnonymiseReason; leftOn: string }[] {
  const due: { id: number; reason: AnonymiseReason; leftOn: string }[] = []
  for (const pupil of pupils) {
    const left = departure(pupil)
    if (left && anonymiseOn(left.on) <= today)
      due.push({ id: pupil.id, reason: left.reason, leftOn: left.on })
  }
  return due
}

/** An admin may anonymise a pupil at once only after they have left: an active pupil still needs their record. */
export function mayAnonymiseNow(pupil: DepartedPupil): boolean {
  return departure(pupil) !== null
}

/** Rows written before these instants (ISO UTC) are due for purging at `now`. */
export function purgeCutoffs(now: Date): {
  sessions: string
  signInThrottle: string
  audit: string
  notifications: string
} {
  return {
    sessions: subDays(now, RETENTION.sessionDays).toISOString(),
    signInThrottle: subDays(now, RETENTION.signInThrottleDays).toISOString(),
    audit: subYears(now, RETENTION.auditYears).toISOString(),
    notifications: subYears(now, RETENTION.notificationYears).toISOString(),
  }
}

/**
 * Photos to delete when pupils are anonymised: those whose every tagged pupil is anonymised once
 * this run is done. `tags` lists each photo's tagged pupils; `anonymised` the pupils anonymised
 * before or now.
 */
export function photosToDelete(
  tags: { photoId: number; studentId: number }[],
  anonymised: Set<number>,
): number[] {
  const others = new Map<number, boolean>()
  for (const tag of tags) {
    others.set(tag.photoId, (others.get(tag.photoId) ?? false) || !anonymised.has(tag.studentId))
  }
  return [...others].filter(([, hasOthers]) => !hasOthers).map(([photoId]) => photoId)
}

/** A short, neutral tag from the row id: no part of the name or number. */
function shortId(id: number): string {
  return id.toString(36).toUpperCase()
}

/** What replaces an anonymised pupil's name (stored in the school's language; pages badge it). */
export function anonymisedPupilName(id: number): string {
  return `已匿名学生 ${shortId(id)}`
}

export function anonymisedStudentNumber(id: number): string {
  return `ANON-${shortId(id)}`
}

/** What replaces the name of a guardian account closed because it has no child left. */
export function anonymisedGuardianName(id: number): string {
  return `已注销家长 ${shortId(id)}`
}
