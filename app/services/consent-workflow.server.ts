import type { Kysely } from 'kysely'
import type { ConsentAnswer } from '~/domain/consent'
import { isReminderOpen } from '~/domain/reminders'
import type { PhotoConsent } from '~/domain/vocabulary'
import type { ActivityDetail } from '~/models/activities.server'
import {
  type ConsentSheetRow,
  clearPaperAnswers,
  type getConsentForGuardian,
  type getConsentForStaff,
  recordPaperAnswer,
  requestConsents,
  saveConsentAnswer,
  setPhotoConsent,
} from '~/models/consents.server'
import { loadConsentReach, sendConsentReminder } from '~/models/family-reach.server'
import { markActedOn } from '~/models/notifications.server'
import type { SessionUser } from '~/utils/auth.server'
import type { Database } from '../../db/schema'
import { auditedWrite, type Executor } from './audited-write.server'

/*
 * Consent requests as one workflow: staff send the requests, guardians answer online, returned
 * paper slips are recorded (or a mistaken record cleared), guardians who have not answered are
 * reminded. Each write and its audit entry are one transaction; the routes guard, parse and answer.
 */

type StaffConsent = NonNullable<Awaited<ReturnType<typeof getConsentForStaff>>>
type GuardianConsent = NonNullable<Awaited<ReturnType<typeof getConsentForGuardian>>>

/** Asks the guardians of every pupil of the activity not asked yet; answers how many pupils were. */
export async function sendConsentRequests(db: Executor, actor: SessionUser, activity: ActivityDetail) {
  const { created } = await auditedWrite(
    db,
    actor,
    (trx) => requestConsents(trx, { schoolId: actor.schoolId, activityId: activity.id }),
    // A second click finds everyone asked already: nothing to record.
    (result) =>
      result.created === 0
        ? null
        : {
            action: 'consents-requested',
            entity: 'activity',
            entityId: activity.id,
            detail: { title: activity.title, pupils: result.created, messages: result.notified },
          },
  )
  return created
}

/** A guardian's answer for one child; answers false when it repeats the stored one (nothing recorded). */
export async function answerConsent(
  db: Executor,
  actor: SessionUser,
  {
    consent,
    answer,
    note,
    now,
  }: { consent: GuardianConsent; answer: ConsentAnswer; note: string; now: Date },
) {
  if (consent.status === answer && consent.note === note) return false
  const { schoolId } = actor
  await auditedWrite(
    db,
    actor,
    async (trx) => {
      await saveConsentAnswer(trx, {
        schoolId,
        consentId: consent.id,
        guardianId: actor.id,
        answer,
        note,
        now,
      })
      // The request (and any reminder) for this child is answered.
      await markActedOn(trx, {
        schoolId,
        userId: actor.id,
        entity: 'consent',
        entityIds: [consent.activityId],
        about: { studentId: consent.studentId },
      })
    },
    {
      action: 'consent-answered',
      entity: 'consent',
      entityId: consent.id,
      detail: {
        activityId: consent.activityId,
        studentId: consent.studentId,
        from: consent.status,
        to: answer,
      },
    },
  )
  return true
}

/** A guardian's choice of how the school may use photos showing their child. */
export async function choosePhotoUse(
  db: Executor,
  actor: SessionUser,
  {
    studentId,
    before,
    value,
  }: { studentId: number; before: PhotoConsent | null | undefined; value: PhotoConsent },
) {
  if (before === value) return
  await auditedWrite(
    db,
    actor,
    (trx) => setPhotoConsent(trx, { schoolId: actor.schoolId, studentId, setBy: actor.id, value }),
    {
      action: 'photo-consent-set',
      entity: 'student',
      entityId: studentId,
      detail: { from: before, to: value },
    },
  )
}

/**
 * A returned 回执 recorded for one pupil, kept apart from online answers. A second tap of the same
 * answer changes nothing and records nothing: answers 'unchanged'.
 */
export async function recordPaperConsent(
  db: Executor,
  actor: SessionUser,
  {
    activity,
    consent,
    answer,
    photoConsent,
  }: { activity: ActivityDetail; consent: StaffConsent; answer: ConsentAnswer; photoConsent?: PhotoConsent },
): Promise<'recorded' | 'unchanged'> {
  if (consent.source === 'paper' && consent.status === answer && !photoConsent) return 'unchanged'
  await auditedWrite(
    db,
    actor,
    (trx) =>
      recordPaperAnswer(trx, {
        schoolId: actor.schoolId,
        consentId: consent.id,
        studentId: consent.studentId,
        recorderId: actor.id,
        answer,
        photoConsent,
      }),
    {
      action: 'consent-paper-recorded',
      entity: 'consent',
      entityId: consent.id,
      detail: {
        activityId: activity.id,
        studentId: consent.studentId,
        from: consent.status,
        fromSource: consent.source,
        to: answer,
        photoConsent: photoConsent ?? null,
      },
    },
  )
  return 'recorded'
}

/** Clears a pupil's paper answers recorded by mistake; nothing recorded when there were none. */
export async function clearPaperConsent(
  db: Executor,
  actor: SessionUser,
  { activity, consent }: { activity: ActivityDetail; consent: StaffConsent },
) {
  await auditedWrite(
    db,
    actor,
    (trx) => clearPaperAnswers(trx, { schoolId: actor.schoolId, consentId: consent.id, userId: actor.id }),
    (cleared) =>
      cleared === 0
        ? null
        : {
            action: 'consent-paper-cleared',
            entity: 'consent',
            entityId: consent.id,
            detail: {
              activityId: activity.id,
              studentId: consent.studentId,
              from: consent.status,
              answers: cleared,
            },
          },
  )
}

/** The consents page's reminders and the families only paper reaches (see loadConsentReach). */
export async function loadReminderReach(
  db: Executor,
  user: SessionUser,
  {
    activity,
    rows,
    today,
    now,
  }: { activity: ActivityDetail; rows: readonly ConsentSheetRow[]; today: string; now: Date },
) {
  const reach = await loadConsentReach(db, { schoolId: user.schoolId, user, activity, pupils: rows, today })
  return { ...reach, open: isReminderOpen(activity, now) }
}

/**
 * Reminds the guardians who have not answered, of one class (`classId`) or the whole activity
 * (null), once a day per family and activity; the caller has checked the user may remind them.
 */
export async function remindConsentGuardians(
  // The reminder writes its messages in its own transaction.
  db: Kysely<Database>,
  actor: SessionUser,
  {
    activity,
    classId,
    today,
    now,
  }: { activity: ActivityDetail; classId: number | null; today: string; now: Date },
) {
  if (!isReminderOpen(activity, now)) return { status: 'closed' as const }
  return sendConsentReminder(db, { schoolId: actor.schoolId, userId: actor.id, activity, classId, today })
}
