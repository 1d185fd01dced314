import type { Kysely, Transaction } from 'kysely'
import { groupReach, isReachable, mayRemind, planReminder } from '~/domain/reminders'
import * as clock from '~/utils/clock'
import { chunks } from '../../db/query'
import type { Database, Role } from '../../db/schema'
import { recordAudit } from './audit.server'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * The active parent accounts of these pupils, per pupil. A pupil missing from the map has no guardian
 * who can be reached online.
 */
async function reachableGuardians(
  db: Executor,
  { schoolId, studentIds }: { schoolId: number; studentIds: readonly number[] },
): Promise<Map<number, number[]>> {
  const rows = (
    await Promise.all(
      chunks([...new Set(studentIds)]).map((ids) =>
        db
          .selectFrom('guardianships')
          .innerJoin('users', 'users.id', 'guardianships.guardian_id')
          .select(['guardianships.student_id as studentId', 'users.id', 'users.role', 'users.active'])
          .where('guardianships.student_id', 'in', ids)
          .where('users.school_id', '=', schoolId)
          .execute(),
      ),
    )
  ).flat()
  const byStudent = new Map<number, number[]>()
  for (const row of rows) {
    if (!isReachable([row])) continue
    byStudent.set(row.studentId, [...(byStudent.get(row.studentId) ?? []), row.id])
  }
  return byStudent
}

/** Which of these pupils have no guardian reachable online (no account, or only inactive ones). */
export async function findPaperOnlyPupils(
  db: Executor,
  { schoolId, studentIds }: { schoolId: number; studentIds: readonly number[] },
): Promise<Set<number>> {
  if (studentIds.length === 0) return new Set()
  const reachable = await reachableGuardians(db, { schoolId, studentIds })
  return new Set(studentIds.filter((id) => !reachable.has(id)))
}

/** The reminders of an activity sent on a school-local day, oldest first, with who sent them. */
export async function listRemindersOfDay(
  db: Executor,
  { schoolId, activityId, day }: { schoolId: number; activityId: number; day: string },
) {
  return db
    .selectFrom('consent_reminders')
    .leftJoin('users', 'users.id', 'consent_reminders.sent_by')
    .select([
      'consent_reminders.id',
      'consent_reminders.class_id as classId',
      'consent_reminders.sent_at as sentAt',
      'consent_reminders.guardians',
      'consent_reminders.paper',
      'users.display_name as sentBy',
    ])
    .where('consent_reminders.school_id', '=', schoolId)
    .where('consent_reminders.activity_id', '=', activityId)
    .where('consent_reminders.sent_on', '=', day)
    .orderBy('consent_reminders.id')
    .execute()
}

export type SentReminder = Awaited<ReturnType<typeof listRemindersOfDay>>[number]

export type ReminderResult =
  | { status: 'sent'; guardians: number; paper: number }
  | { status: 'already'; reminder: SentReminder }
  | { status: 'nobody' }

/**
 * Reminds the guardians with an account whose child's request is unanswered, for the whole activity
 * (classId null) or one class, at most once a school day per family (see planReminder). One inbox
 * message per guardian and child; params stay language-neutral (ids, ISO instants, the title as
 * typed) so each reader's catalogue renders them. Stores the reminder and its audit entry in the
 * same transaction.
 */
export async function sendConsentReminder(
  db: Kysely<Database>,
  {
    schoolId,
    userId,
    activity,
    classId,
    today,
  }: {
    schoolId: number
    userId: number
    activity: { id: number; title: string; startsAt: string }
    classId: number | null
    /** The school-local day of now */
    today: string
  },
): Promise<ReminderResult> {
  return db.transaction().execute(async (trx) => {
    const waiting = await trx
      .selectFrom('consents')
      .innerJoin('students', 'students.id', 'consents.student_id')
      .select(['students.id', 'students.name', 'students.class_id as classId'])
      .where('consents.school_id', '=', schoolId)
      .where('consents.activity_id', '=', activity.id)
      .where('consents.status', '=', 'requested')
      .where('students.school_id', '=', schoolId)
      .where('students.active', '=', 1)
      .orderBy('students.student_number')
      .execute()
    const sentToday = await listRemindersOfDay(trx, { schoolId, activityId: activity.id, day: today })
    const plan = planReminder(classId, [...new Set(waiting.map((p) => p.classId))], sentToday)
    if ('already' in plan) return { status: 'already', reminder: plan.already }
    const classes = new Set(plan.classIds)
    const pupils = waiting.filter((p) => classes.has(p.classId))
    if (pupils.length === 0) return { status: 'nobody' }

    const guardians = await reachableGuardians(trx, { schoolId, studentIds: pupils.map((p) => p.id) })
    const sentAt = clock.nowIso()
    const params = { activityId: activity.id, title: activity.title, startsAt: activity.startsAt }
    const messages = pupils.flatMap((pupil) =>
      (guardians.get(pupil.id) ?? []).map((guardianId) => ({
        school_id: schoolId,
        user_id: guardianId,
        kind: 'consent-reminder',
        entity: 'consent',
        entity_id: activity.id,
        params: JSON.stringify({ ...params, studentId: pupil.id, child: pupil.name }),
        created_at: sentAt,
      })),
    )
    for (const part of chunks(messages)) await trx.insertInto('notifications').values(part).execute()
    const reminded = new Set(messages.map((m) => m.user_id)).size
    const paper = pupils.filter((p) => !guardians.has(p.id)).length
    await trx
      .insertInto('consent_reminders')
      .values({
        school_id: schoolId,
        activity_id: activity.id,
        class_id: classId,
        sent_by: userId,
        sent_at: sentAt,
        sent_on: today,
        guardians: reminded,
        paper,
      })
      .execute()
    await recordAudit(trx, {
      schoolId,
      userId,
      action: 'consents-reminded',
      entity: 'activity',
      entityId: activity.id,
      detail: { title: activity.title, classId, classIds: plan.classIds, guardians: reminded, paper },
    })
    return { status: 'sent', guardians: reminded, paper }
  })
}

type SheetPupil = {
  id: number
  name: string
  studentNumber: string
  classId: number
  className: string
  classNumber: number
  gradeLevel: number
}

/** The head teacher of each of these classes of the school. */
async function headTeachers(
  db: Executor,
  { schoolId, classIds }: { schoolId: number; classIds: readonly number[] },
): Promise<Map<number, number | null>> {
  if (classIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('classes')
    .select(['id', 'head_teacher_id as headTeacherId'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...classIds])
    .execute()
  return new Map(rows.map((row) => [row.id, row.headTeacherId]))
}

/** Whether this user may remind the guardians of one class of the activity (or all, classId null). */
export async function mayRemindClass(
  db: Executor,
  {
    schoolId,
    user,
    activity,
    classId,
  }: {
    schoolId: number
    user: { id: number; role: Role }
    activity: { organiserId: number | null; staff: readonly { id: number }[] }
    classId: number | null
  },
): Promise<boolean> {
  const heads = classId === null ? new Map() : await headTeachers(db, { schoolId, classIds: [classId] })
  return mayRemind(
    user,
    { organiserId: activity.organiserId, staffIds: activity.staff.map((s) => s.id) },
    { classId, headTeacherId: heads.get(classId) ?? null },
  )
}

/**
 * What the consents page shows of the families only paper reaches and of today's reminders: per class
 * the pupils whose guardians cannot be reached online (the user's own classes first), the reminders
 * sent today with who sent them, and which scopes this user may remind.
 */
export async function loadConsentReach(
  db: Executor,
  {
    schoolId,
    user,
    activity,
    pupils,
    today,
  }: {
    schoolId: number
    user: { id: number; role: Role }
    activity: { id: number; organiserId: number | null; staff: readonly { id: number }[] }
    pupils: readonly SheetPupil[]
    today: string
  },
) {
  const classIds = [...new Set(pupils.map((p) => p.classId))]
  const [paperOnly, heads, reminders] = await Promise.all([
    findPaperOnlyPupils(db, { schoolId, studentIds: pupils.map((p) => p.id) }),
    headTeachers(db, { schoolId, classIds }),
    listRemindersOfDay(db, { schoolId, activityId: activity.id, day: today }),
  ])
  const { classes, total } = groupReach(pupils, paperOnly)
  const staff = { organiserId: activity.organiserId, staffIds: activity.staff.map((s) => s.id) }
  const allowed = (classId: number | null) =>
    mayRemind(user, staff, { classId, headTeacherId: classId === null ? null : (heads.get(classId) ?? null) })
  const own = (classId: number) => heads.get(classId) === user.id
  return {
    classes: classes
      .map((group) => {
        const first = pupils.find((p) => p.classId === group.classId)!
        return {
          classId: group.classId,
          className: first.className,
          classNumber: first.classNumber,
          gradeLevel: first.gradeLevel,
          own: own(group.classId),
          pupils: group.pupils,
          paper: group.paper.map(({ id, name, studentNumber }) => ({ id, name, studentNumber })),
        }
      })
      .sort((a, b) => Number(b.own) - Number(a.own)),
    total,
    reminders,
    mayRemindAll: allowed(null),
    remindableClassIds: classIds.filter((id) => allowed(id)),
  }
}

export type ConsentReach = Awaited<ReturnType<typeof loadConsentReach>>

/**
 * The notice page's families only paper reaches: the pupils with entries on notice in the window's
 * class whose guardians cannot see the notice online.
 */
export async function loadWindowReach(
  db: Executor,
  {
    schoolId,
    window,
    entries,
  }: {
    schoolId: number
    window: { classId: number; className: string; classNumber: number; gradeLevel: number }
    entries: readonly { studentId: number; studentName: string; studentNumber: string }[]
  },
) {
  const pupils = [...new Map(entries.map((e) => [e.studentId, e])).values()]
    .map((e) => ({
      id: e.studentId,
      name: e.studentName,
      studentNumber: e.studentNumber,
      classId: window.classId,
    }))
    .sort((a, b) => a.studentNumber.localeCompare(b.studentNumber))
  const paperOnly = await findPaperOnlyPupils(db, { schoolId, studentIds: pupils.map((p) => p.id) })
  const { classes, total } = groupReach(pupils, paperOnly)
  return {
    classes: classes.map((group) => ({
      classId: window.classId,
      className: window.className,
      classNumber: window.classNumber,
      gradeLevel: window.gradeLevel,
      own: true,
      pupils: group.pupils,
      paper: group.paper.map(({ id, name, studentNumber }) => ({ id, name, studentNumber })),
    })),
    total,
  }
}
