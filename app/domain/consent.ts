import { coerce, object, enum as zEnum } from 'zod'
import { isSettled, type ReviewedFields, reviewedChanges } from './approval'
import { multilineText } from './schemas'
import type {
  AttendanceStatus,
  ConsentSource,
  ConsentStatus,
  PhotoConsent,
  PlanStatus,
  Role,
} from './vocabulary'

/**
 * Consent (外出知情同意) for off-campus activities: who is asked, how the answers add up, until when
 * a guardian may answer, and which changes to an activity void the answers already given.
 */

export const CONSENT_ANSWERS = ['given', 'refused'] as const satisfies readonly ConsentStatus[]
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number]

/** The guardian's choice for photos of their child; recaps honour it. No answer means no photos. */
export const PHOTO_CONSENTS = ['none', 'school', 'public'] as const satisfies readonly PhotoConsent[]

export const MAX_CONSENT_NOTE = 200

export type ConsentTargets = { gradeIds: readonly number[]; classIds: readonly number[] }

export type ConcernedPupil = { id: number; classId: number; gradeId: number; active: boolean | 0 | 1 }

/**
 * The pupils an activity asks consent for: every active pupil of its target classes and of the
 * classes of its target grades, and any pupil a teacher added to its participation sheet (a
 * volunteer team drawn across a grade). Pupils who have left are not asked.
 */
export function pupilsNeedingConsent<P extends ConcernedPupil>(
  targets: ConsentTargets,
  pupils: readonly P[],
  sheetStudentIds: ReadonlySet<number>,
): P[] {
  const grades = new Set(targets.gradeIds)
  const classes = new Set(targets.classIds)
  const seen = new Set<number>()
  return pupils.filter((pupil) => {
    if (!pupil.active || seen.has(pupil.id)) return false
    const concerned = classes.has(pupil.classId) || grades.has(pupil.gradeId) || sheetStudentIds.has(pupil.id)
    if (concerned) seen.add(pupil.id)
    return concerned
  })
}

/** A guardian may answer, or change an answer, until the activity starts; the due date only asks. */
export function isAnswerOpen(startsAt: string, now: Date): boolean {
  return now.getTime() < Date.parse(startsAt)
}

/**
 * Requests go out for an activity that needs consent, once it is approved or published, and only
 * while there is still time to answer: reopening a past season asks nobody.
 */
export function shouldRequestConsents(
  activity: { needsConsent: boolean | 0 | 1; status: PlanStatus; startsAt: string },
  now: Date,
): boolean {
  return Boolean(activity.needsConsent) && isSettled(activity.status) && isAnswerOpen(activity.startsAt, now)
}

type WhenAndWhere = Pick<ReviewedFields, 'startsAt' | 'endsAt' | 'venue'>

/**
 * A guardian agreed to a day, a time and a place: moving any of them voids the answers, which go
 * back to "requested" and are asked again. Other edits (title, staff, description) keep them.
 */
export function invalidatesAnswers(before: WhenAndWhere, after: WhenAndWhere): boolean {
  const changes = reviewedChanges(
    { ...before, gradeIds: [], classIds: [] },
    { ...after, gradeIds: [], classIds: [] },
  )
  return changes.includes('time') || changes.includes('venue')
}

/** Whether the due date has passed (school-local days); late answers are still taken until the start. */
export function isPastDue(consentDueOn: string | null, today: string): boolean {
  return consentDueOn !== null && today > consentDueOn
}

export const CONSENT_SOURCES = ['online', 'paper'] as const satisfies readonly ConsentSource[]
export type { ConsentSource }

export type ConsentTally = {
  given: number
  refused: number
  /** Answers whose current one came from the guardian's account */
  online: number
  /** Answers whose current one came from a returned paper slip */
  paper: number
  /** No answer yet (asked or not) */
  none: number
  /** Asked, no answer yet */
  requested: number
  /** Concerned but never asked (added to the sheet after the requests went out) */
  unsent: number
  total: number
  /** Answered share of all concerned pupils, 0–1; null when nobody is concerned */
  returnRate: number | null
}

function emptyTally(): ConsentTally {
  return {
    given: 0,
    refused: 0,
    online: 0,
    paper: 0,
    none: 0,
    requested: 0,
    unsent: 0,
    total: 0,
    returnRate: null,
  }
}

type TallyRow = { classId: number; status: ConsentStatus | null; source?: ConsentSource | null }

function count(tally: ConsentTally, { status, source }: TallyRow): void {
  tally.total++
  if (status === null) tally.unsent++
  else tally[status]++
  if (status === 'given' || status === 'refused') tally[source ?? 'online']++
  else tally.none++
  tally.returnRate = (tally.given + tally.refused) / tally.total
}

/**
 * Given / refused / waiting and online / paper / none per class (in the order the classes first
 * appear) and in total. An answer without a source predates paper slips: it was given online.
 */
export function tallyConsents(rows: readonly TallyRow[]): {
  byClass: { classId: number; tally: ConsentTally }[]
  total: ConsentTally
} {
  const byClass = new Map<number, ConsentTally>()
  const total = emptyTally()
  for (const row of rows) {
    let tally = byClass.get(row.classId)
    if (!tally) {
      tally = emptyTally()
      byClass.set(row.classId, tally)
    }
    count(tally, row)
    count(total, row)
  }
  return { byClass: [...byClass].map(([classId, tally]) => ({ classId, tally })), total }
}

/** One recorded answer of a request, online or from paper; withdrawn ones are kept but do not count. */
export type RecordedAnswer = {
  id: number
  source: ConsentSource
  status: ConsentAnswer
  answeredAt: string
  withdrawnAt: string | null
}

function later<A extends RecordedAnswer>(a: A | null, b: A): A {
  if (!a) return b
  return b.answeredAt > a.answeredAt || (b.answeredAt === a.answeredAt && b.id > a.id) ? b : a
}

function latestOf<A extends RecordedAnswer>(answers: readonly A[], source?: ConsentSource): A | null {
  let latest: A | null = null
  for (const answer of answers) {
    if (answer.withdrawnAt !== null || (source && answer.source !== source)) continue
    latest = later(latest, answer)
  }
  return latest
}

/** The current answer: the most recent one not withdrawn, whatever its source; null when none. */
export function currentAnswer<A extends RecordedAnswer>(answers: readonly A[]): A | null {
  return latestOf(answers)
}

/**
 * The guardian's latest online answer and the latest paper slip, when they say different things:
 * the most recent wins, and staff should see both (and perhaps call home).
 */
export function answerDisagreement<A extends RecordedAnswer>(
  answers: readonly A[],
): { online: A; paper: A } | null {
  const online = latestOf(answers, 'online')
  const paper = latestOf(answers, 'paper')
  return online && paper && online.status !== paper.status ? { online, paper } : null
}

/**
 * Paper slips of a class are printed and recorded by its head teacher, the activity's organiser, or
 * an admin: the people who hand the slips out and collect them.
 */
export function mayHandlePaperSlips(
  user: { id: number; role: Role },
  activity: { organiserId: number | null },
  headTeacherId: number | null,
): boolean {
  return (
    user.role === 'admin' ||
    (user.role === 'teacher' && (activity.organiserId === user.id || headTeacherId === user.id))
  )
}

/**
 * The return rate as a whole percentage for display: rounded, except that only a complete return
 * reads 100% and only an empty one 0%, so a teacher never mistakes 199 of 200 for everyone.
 */
export function returnPercent(rate: number | null): number | null {
  if (rate === null) return null
  const percent = Math.round(rate * 100)
  if (rate < 1 && percent === 100) return 99
  if (rate > 0 && percent === 0) return 1
  return percent
}

/**
 * Pupils marked present without a guardian's yes (never asked, not answered, or refused): the
 * teacher must see them, they are not blocked from the record.
 */
export function attendedWithoutConsent<P extends { id: number; attendance: AttendanceStatus | null }>(
  pupils: readonly P[],
  consentOf: (pupil: P) => ConsentStatus | null,
): P[] {
  return pupils.filter((pupil) => pupil.attendance === 'attended' && consentOf(pupil) !== 'given')
}

/** A guardian's answer to one request; the note goes to the class teacher (medicine, pick-up). */
export const ConsentAnswerSchema = object({
  consentId: coerce.number({ error: 'validation.unknownChoice' }).int().positive(),
  answer: zEnum(CONSENT_ANSWERS, { error: 'consents.validation.chooseAnswer' }),
  note: multilineText(MAX_CONSENT_NOTE),
})

/** A returned paper slip, one tap per pupil; the photo choice only when the guardian wrote one. */
export const PaperAnswerSchema = object({
  studentId: coerce.number({ error: 'validation.unknownChoice' }).int().positive(),
  answer: zEnum(CONSENT_ANSWERS, { error: 'consents.validation.chooseAnswer' }),
  photoConsent: zEnum(PHOTO_CONSENTS, { error: 'consents.validation.choosePhoto' }).optional(),
})

export const PhotoConsentSchema = object({
  studentId: coerce.number({ error: 'validation.unknownChoice' }).int().positive(),
  photoConsent: zEnum(PHOTO_CONSENTS, { error: 'consents.validation.choosePhoto' }),
})
