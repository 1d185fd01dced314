import { isReminderOpen } from '~/domain/reminders'
import { parseId } from '~/domain/schemas'
import type { ActivityDetail } from '~/models/activities.server'
import { type ConsentSheetRow, listConsentSheet } from '~/models/consents.server'
import { loadConsentReach, mayRemindClass, sendConsentReminder } from '~/models/family-reach.server'
import { redirectWithFlash, type SessionUser } from './auth.server'
import { now } from './clock'
import { todayIn } from './dates'
import { db } from './db.server'
import { notFound } from './responses'

/** The consents page's reminders and families only paper reaches (see loadConsentReach). */
export async function loadReach(
  user: SessionUser,
  activity: ActivityDetail,
  rows: readonly ConsentSheetRow[],
) {
  const reach = await loadConsentReach(db, {
    schoolId: user.schoolId,
    user,
    activity,
    pupils: rows,
    today: todayIn(user.school.timeZone),
  })
  return { ...reach, open: isReminderOpen(activity, now()) }
}

/**
 * The consents page's `remind` intent: `classId` empty for the whole activity, else one class of
 * the activity. A class that is not the activity's (or not the school's) is 404; a class the user
 * may not remind is 403, checked before anything else is read.
 */
export async function remindGuardians(
  user: SessionUser,
  activity: ActivityDetail,
  formData: FormData,
): Promise<Response> {
  const rows = await listConsentSheet(db, { schoolId: user.schoolId, activity })
  const raw = formData.get('classId')
  const classId = raw === null || raw === '' ? null : (parseId(raw) ?? notFound())
  if (classId !== null && !rows.some((row) => row.classId === classId)) notFound()
  const allowed = await mayRemindClass(db, { schoolId: user.schoolId, user, activity, classId })
  if (!allowed) throw new Response('Forbidden', { status: 403 })
  const to = `/activities/${activity.id}/consents`
  if (!isReminderOpen(activity, now())) return redirectWithFlash(user, to, 'reach.flash.notNow')
  const result = await sendConsentReminder(db, {
    schoolId: user.schoolId,
    userId: user.id,
    activity,
    classId,
    today: todayIn(user.school.timeZone),
  })
  if (result.status === 'already') return redirectWithFlash(user, to, 'reach.flash.already')
  if (result.status === 'nobody') return redirectWithFlash(user, to, 'reach.flash.nobody')
  return redirectWithFlash(user, to, 'reach.flash.sent', { count: result.guardians })
}
