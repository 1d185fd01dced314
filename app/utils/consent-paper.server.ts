import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import { PAPER_FORM, paperFormId } from '~/components/consent-sheet'
import { mayHandlePaperSlips, PaperAnswerSchema } from '~/domain/consent'
import { parseId } from '~/domain/schemas'
import type { ActivityDetail } from '~/models/activities.server'
import { recordAudit } from '~/models/audit.server'
import { clearPaperAnswers, getConsentForStaff, recordPaperAnswer } from '~/models/consents.server'
import { redirectWithFlash, type SessionUser } from './auth.server'
import { db } from './db.server'
import { invalidForm } from './responses'

/*
 * The consents page's paper-slip intents: a returned 回执 recorded with one tap per pupil, or a
 * mistaken record cleared. Each is one transaction with its own audit entry, apart from online answers.
 */

/**
 * The request of the pupil a paper form names, if staff may handle it: an unknown pupil is a form
 * error (nothing stored), a class the user does not teach is 403.
 */
async function requirePaperConsent(user: SessionUser, activity: ActivityDetail, formData: FormData) {
  const studentId = parseId(formData.get('studentId'))
  const consent = studentId
    ? await getConsentForStaff(db, { schoolId: user.schoolId, activityId: activity.id, studentId })
    : undefined
  if (consent && !mayHandlePaperSlips(user, activity, consent.headTeacherId)) {
    throw new Response('Forbidden', { status: 403 })
  }
  return { consent, formId: paperFormId(studentId ?? 0) }
}

/** After a tap: a fetcher gets a small answer (the list stays put), a plain form post a redirect. */
function afterPaper(
  user: SessionUser,
  formData: FormData,
  to: { activityId: number; classId: number; studentId: number },
  flash: string,
) {
  if (formData.get('via') === 'fetcher') return data({ ok: true })
  return redirectWithFlash(
    user,
    `/activities/${to.activityId}/consents?class=${to.classId}#pupil-${to.studentId}`,
    flash,
  )
}

export async function recordPaper(user: SessionUser, activity: ActivityDetail, formData: FormData) {
  const { consent, formId } = await requirePaperConsent(user, activity, formData)
  const submission = parseWithZod(formData, { schema: PaperAnswerSchema })
  if (submission.status !== 'success') return invalidForm(formId, submission.reply())
  // No row on the page to show it by: the page shows it above the names.
  if (!consent)
    return invalidForm(PAPER_FORM, submission.reply({ formErrors: ['consents.paper.unknownPupil'] }))
  const { answer, photoConsent } = submission.value
  const to = { activityId: activity.id, classId: consent.classId, studentId: consent.studentId }
  // A second tap of the same answer changes nothing and records nothing.
  if (consent.source === 'paper' && consent.status === answer && !photoConsent) {
    return afterPaper(user, formData, to, 'consents.paper.flash.unchanged')
  }
  const { schoolId } = user
  await db.transaction().execute(async (trx) => {
    await recordPaperAnswer(trx, {
      schoolId,
      consentId: consent.id,
      studentId: consent.studentId,
      recorderId: user.id,
      answer,
      photoConsent,
    })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
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
    })
  })
  return afterPaper(user, formData, to, 'consents.paper.flash.recorded')
}

export async function clearPaper(user: SessionUser, activity: ActivityDetail, formData: FormData) {
  const { consent } = await requirePaperConsent(user, activity, formData)
  if (!consent) {
    return invalidForm(PAPER_FORM, { status: 'error', error: { '': ['consents.paper.unknownPupil'] } })
  }
  const to = { activityId: activity.id, classId: consent.classId, studentId: consent.studentId }
  const { schoolId } = user
  await db.transaction().execute(async (trx) => {
    const cleared = await clearPaperAnswers(trx, { schoolId, consentId: consent.id, userId: user.id })
    if (cleared === 0) return
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'consent-paper-cleared',
      entity: 'consent',
      entityId: consent.id,
      detail: {
        activityId: activity.id,
        studentId: consent.studentId,
        from: consent.status,
        answers: cleared,
      },
    })
  })
  return afterPaper(user, formData, to, 'consents.paper.flash.cleared')
}
