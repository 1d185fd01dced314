import type { Kysely, Transaction } from 'kysely'
import { nowIso } from '~/utils/clock'
import type { Database, DisputeStatus, ParticipationRole } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * The entries a new window for a class would cover: attended, not yet on notice, and crediting
 * something — a social-practice activity, or hours recorded for the pupil (volunteer service).
 */
function pendingEntries(db: Executor, { schoolId, classId }: { schoolId: number; classId?: number }) {
  let query = db
    .selectFrom('participations')
    .innerJoin('activities', 'activities.id', 'participations.activity_id')
    .where('participations.school_id', '=', schoolId)
    .where('participations.status', '=', 'attended')
    .where('participations.notice_window_id', 'is', null)
    .where((eb) =>
      eb.or([eb('activities.practice_category', 'is not', null), eb('participations.hours', '>', 0)]),
    )
  if (classId !== undefined) query = query.where('participations.class_id', '=', classId)
  return query
}

/**
 * Classes a window may be opened for, each with its count of entries waiting for a notice: the
 * current classes, and archived ones only while entries of theirs still wait.
 */
export async function listClassesToOpen(db: Executor, { schoolId }: { schoolId: number }) {
  const pending = await pendingEntries(db, { schoolId })
    .select((eb) => ['participations.class_id as classId', eb.fn.countAll<number>().as('n')])
    .groupBy('participations.class_id')
    .execute()
  const waiting = new Map(pending.map((row) => [row.classId, Number(row.n)]))
  const classes = await db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'classes.id',
      'classes.name',
      'classes.number',
      'grades.level as gradeLevel',
      'classes.archived_at as archivedAt',
    ])
    .where('classes.school_id', '=', schoolId)
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
  return classes
    .map(({ archivedAt, ...c }) => ({ ...c, archived: archivedAt !== null, pending: waiting.get(c.id) ?? 0 }))
    .filter((c) => !c.archived || c.pending > 0)
}

export async function getClassForNotice(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('classes')
    .select(['id', 'name', 'head_teacher_id as headTeacherId'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The class's window that has not closed by `today` (open or upcoming), if any. */
export async function findUnclosedWindow(
  db: Executor,
  { schoolId, classId, today }: { schoolId: number; classId: number; today: string },
) {
  return db
    .selectFrom('notice_windows')
    .select(['id', 'opens_on as opensOn', 'closes_on as closesOn'])
    .where('school_id', '=', schoolId)
    .where('class_id', '=', classId)
    .where('closes_on', '>=', today)
    .executeTakeFirst()
}

/**
 * Opens a window and puts the class's pending entries on notice, or returns null (writing nothing)
 * when no entry waits. Run it in the caller's transaction, after checking for an unclosed window.
 */
export async function openNoticeWindow(
  trx: Transaction<Database>,
  input: { schoolId: number; classId: number; opensOn: string; closesOn: string; createdBy: number },
): Promise<{ id: number; entries: number } | null> {
  const scope = { schoolId: input.schoolId, classId: input.classId }
  const { n } = await pendingEntries(trx, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(n) === 0) return null
  const { id } = await trx
    .insertInto('notice_windows')
    .values({
      school_id: input.schoolId,
      class_id: input.classId,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const result = await trx
    .updateTable('participations')
    .set({ notice_window_id: id })
    .where('id', 'in', pendingEntries(trx, scope).select('participations.id'))
    .executeTakeFirst()
  return { id, entries: Number(result.numUpdatedRows) }
}

/** Active guardians of the pupils with entries in a window, each once. */
export async function listGuardianIdsOfWindow(
  db: Executor,
  { schoolId, windowId }: { schoolId: number; windowId: number },
): Promise<number[]> {
  const rows = await db
    .selectFrom('guardianships')
    .innerJoin('users', 'users.id', 'guardianships.guardian_id')
    .select('users.id')
    .distinct()
    .where('users.school_id', '=', schoolId)
    .where('users.active', '=', 1)
    .where(
      'guardianships.student_id',
      'in',
      db
        .selectFrom('participations')
        .select('student_id')
        .where('school_id', '=', schoolId)
        .where('notice_window_id', '=', windowId),
    )
    .execute()
  return rows.map((row) => row.id)
}

/** Windows of the school, latest closing first, with their entry and open-dispute counts. */
/** The academic years in which notice windows opened, for the year /notices opens on. */
export async function listYearIdsWithNoticeWindows(db: Executor, { schoolId }: { schoolId: number }) {
  const rows = await db
    .selectFrom('notice_windows as w')
    .innerJoin('academic_years as y', (join) =>
      join
        .on('y.school_id', '=', schoolId)
        .onRef('w.opens_on', '>=', 'y.starts_on')
        .onRef('w.opens_on', '<=', 'y.ends_on'),
    )
    .select('y.id as yearId')
    .distinct()
    .where('w.school_id', '=', schoolId)
    .execute()
  return new Set(rows.map((row) => row.yearId))
}

export async function listNoticeWindows(
  db: Executor,
  {
    schoolId,
    limit,
    openedWithin,
  }: { schoolId: number; limit: number; openedWithin?: { startsOn: string; endsOn: string } },
) {
  const rows = await db
    .selectFrom('notice_windows')
    .innerJoin('classes', 'classes.id', 'notice_windows.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select((eb) => [
      'notice_windows.id',
      'notice_windows.opens_on as opensOn',
      'notice_windows.closes_on as closesOn',
      'classes.name as className',
      'classes.number as classNumber',
      'grades.level as gradeLevel',
      eb
        .selectFrom('participations')
        .whereRef('participations.notice_window_id', '=', 'notice_windows.id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('entries'),
      eb
        .selectFrom('notice_disputes')
        .whereRef('notice_disputes.window_id', '=', 'notice_windows.id')
        .where('notice_disputes.status', '=', 'open')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('openDisputes'),
    ])
    .where('notice_windows.school_id', '=', schoolId)
    .$if(openedWithin !== undefined, (query) =>
      query
        .where('notice_windows.opens_on', '>=', openedWithin?.startsOn ?? '')
        .where('notice_windows.opens_on', '<=', openedWithin?.endsOn ?? ''),
    )
    .orderBy('notice_windows.closes_on', 'desc')
    .orderBy('notice_windows.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    ...row,
    entries: Number(row.entries ?? 0),
    openDisputes: Number(row.openDisputes ?? 0),
  }))
}

/** The windows open on `today` for the classes a teacher heads, closing soonest first. */
export async function listOpenWindowsOfHeadTeacher(
  db: Executor,
  { schoolId, headTeacherId, today }: { schoolId: number; headTeacherId: number; today: string },
) {
  return db
    .selectFrom('notice_windows')
    .innerJoin('classes', 'classes.id', 'notice_windows.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'notice_windows.id',
      'notice_windows.opens_on as opensOn',
      'notice_windows.closes_on as closesOn',
      'classes.name',
      'classes.number',
      'grades.level as gradeLevel',
    ])
    .where('notice_windows.school_id', '=', schoolId)
    .where('classes.head_teacher_id', '=', headTeacherId)
    .where('notice_windows.opens_on', '<=', today)
    .where('notice_windows.closes_on', '>=', today)
    .orderBy('notice_windows.closes_on')
    .orderBy('notice_windows.id')
    .execute()
}

export async function getNoticeWindow(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('notice_windows')
    .innerJoin('classes', 'classes.id', 'notice_windows.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('users as opener', 'opener.id', 'notice_windows.created_by')
    .select([
      'notice_windows.id',
      'notice_windows.class_id as classId',
      'notice_windows.opens_on as opensOn',
      'notice_windows.closes_on as closesOn',
      'notice_windows.created_at as createdAt',
      'opener.display_name as openedBy',
      'classes.name as className',
      'classes.number as classNumber',
      'grades.level as gradeLevel',
    ])
    .where('notice_windows.school_id', '=', schoolId)
    .where('notice_windows.id', '=', id)
    .executeTakeFirst()
}

export type NoticeWindowDetail = NonNullable<Awaited<ReturnType<typeof getNoticeWindow>>>

/** The entries a window covers, by student number and then by date. */
export async function listWindowEntries(
  db: Executor,
  { schoolId, windowId }: { schoolId: number; windowId: number },
) {
  return db
    .selectFrom('participations')
    .innerJoin('students', 'students.id', 'participations.student_id')
    .innerJoin('activities', 'activities.id', 'participations.activity_id')
    .select([
      'participations.id',
      'participations.status',
      'participations.role',
      'participations.hours',
      'participations.revision',
      'students.id as studentId',
      'students.student_number as studentNumber',
      'students.name as studentName',
      'activities.id as activityId',
      'activities.title as activityTitle',
      'activities.starts_at as startsAt',
      'activities.practice_category as practiceCategory',
      'activities.practice_hours as practiceHours',
    ])
    .where('participations.school_id', '=', schoolId)
    .where('participations.notice_window_id', '=', windowId)
    .orderBy('students.student_number')
    .orderBy('activities.starts_at')
    .orderBy('participations.id')
    .execute()
}

/** The school's disputes, oldest first, with who raised them: callers say which ones. */
function disputesWithGuardian(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('notice_disputes')
    .leftJoin('users as guardian', 'guardian.id', 'notice_disputes.guardian_id')
    .select([
      'notice_disputes.id',
      'notice_disputes.participation_id as participationId',
      'notice_disputes.reason',
      'notice_disputes.status',
      'notice_disputes.resolution',
      'notice_disputes.created_at as createdAt',
      'notice_disputes.resolved_at as resolvedAt',
      'guardian.display_name as guardianName',
    ])
    .where('notice_disputes.school_id', '=', schoolId)
    .orderBy('notice_disputes.id')
}

/** The disputes raised in a window, oldest first, with who raised and who resolved them. */
export async function listWindowDisputes(
  db: Executor,
  { schoolId, windowId }: { schoolId: number; windowId: number },
) {
  return disputesWithGuardian(db, { schoolId })
    .leftJoin('users as resolver', 'resolver.id', 'notice_disputes.resolved_by')
    .select('resolver.display_name as resolverName')
    .where('notice_disputes.window_id', '=', windowId)
    .execute()
}

/** A dispute of a window, with the entry it is about: what resolving it needs. */
export async function getDispute(
  db: Executor,
  { schoolId, windowId, id }: { schoolId: number; windowId: number; id: number },
) {
  return db
    .selectFrom('notice_disputes')
    .innerJoin('participations', 'participations.id', 'notice_disputes.participation_id')
    .innerJoin('students', 'students.id', 'participations.student_id')
    .innerJoin('activities', 'activities.id', 'participations.activity_id')
    .select([
      'notice_disputes.id',
      'notice_disputes.status',
      'notice_disputes.guardian_id as guardianId',
      'participations.id as participationId',
      'participations.hours',
      'participations.role',
      'participations.revision',
      'students.name as studentName',
      'activities.title as activityTitle',
    ])
    .where('notice_disputes.school_id', '=', schoolId)
    .where('notice_disputes.window_id', '=', windowId)
    .where('notice_disputes.id', '=', id)
    .executeTakeFirst()
}

/** Records a decision on an open dispute; false when someone decided it first. */
export async function resolveDispute(
  trx: Executor,
  input: {
    schoolId: number
    id: number
    status: Exclude<DisputeStatus, 'open'>
    resolution: string
    by: number
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('notice_disputes')
    .set({
      status: input.status,
      resolution: input.resolution,
      resolved_by: input.by,
      resolved_at: nowIso(),
    })
    .where('school_id', '=', input.schoolId)
    .where('id', '=', input.id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Corrects an entry's hours and role as an upheld dispute asks, bumping its revision; false when the
 * entry changed since `revision` was read (the sheet saved it meanwhile), and then nothing changes.
 */
export async function correctEntry(
  trx: Executor,
  input: {
    schoolId: number
    id: number
    revision: number
    hours: number | null
    role: ParticipationRole
    by: number
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('participations')
    .set((eb) => ({
      hours: input.hours,
      role: input.role,
      revision: eb('revision', '+', 1),
      recorded_by: input.by,
      recorded_at: nowIso(),
    }))
    .where('school_id', '=', input.schoolId)
    .where('id', '=', input.id)
    .where('revision', '=', input.revision)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Moves a window's last day; false when it no longer closes on `from` (a second click, or another admin). */
export async function extendNoticeWindow(
  trx: Executor,
  input: { schoolId: number; id: number; from: string; closesOn: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('notice_windows')
    .set({ closes_on: input.closesOn })
    .where('school_id', '=', input.schoolId)
    .where('id', '=', input.id)
    .where('closes_on', '=', input.from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Entries on notice of a guardian's own children, never anyone else's, with their window, window
 * class, pupil and activity joined: callers add the columns they show.
 */
function familyEntries(db: Executor, { schoolId, guardianId }: { schoolId: number; guardianId: number }) {
  return db
    .selectFrom('participations')
    .innerJoin('guardianships', (join) =>
      join
        .onRef('guardianships.student_id', '=', 'participations.student_id')
        .on('guardianships.guardian_id', '=', guardianId),
    )
    .innerJoin('notice_windows', 'notice_windows.id', 'participations.notice_window_id')
    .innerJoin('classes', 'classes.id', 'notice_windows.class_id')
    .innerJoin('students', 'students.id', 'participations.student_id')
    .innerJoin('activities', 'activities.id', 'participations.activity_id')
    .where('participations.school_id', '=', schoolId)
}

/**
 * A guardian's view: the entries of their own children in windows closing on or after `since`,
 * window by window (latest first), child by child.
 */
export async function listFamilyEntries(
  db: Executor,
  { schoolId, guardianId, since }: { schoolId: number; guardianId: number; since: string },
) {
  return familyEntries(db, { schoolId, guardianId })
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'participations.id',
      'participations.status',
      'participations.role',
      'participations.hours',
      'notice_windows.id as windowId',
      'notice_windows.opens_on as opensOn',
      'notice_windows.closes_on as closesOn',
      'classes.name as className',
      'classes.number as classNumber',
      'grades.level as gradeLevel',
      'students.id as studentId',
      'students.name as studentName',
      'activities.title as activityTitle',
      'activities.starts_at as startsAt',
      'activities.practice_category as practiceCategory',
      'activities.practice_hours as practiceHours',
    ])
    .where('notice_windows.closes_on', '>=', since)
    .orderBy('notice_windows.closes_on', 'desc')
    .orderBy('notice_windows.id', 'desc')
    .orderBy('students.name')
    .orderBy('students.id')
    .orderBy('activities.starts_at')
    .execute()
}

/** The disputes of some entries, oldest first, with who raised them. */
export async function listDisputesOfEntries(
  db: Executor,
  { schoolId, participationIds }: { schoolId: number; participationIds: readonly number[] },
) {
  if (participationIds.length === 0) return []
  return disputesWithGuardian(db, { schoolId })
    .where('notice_disputes.participation_id', 'in', participationIds)
    .execute()
}

/** An entry on notice of one of this guardian's own children, or undefined for anyone else's. */
export async function getFamilyEntry(
  db: Executor,
  { schoolId, guardianId, id }: { schoolId: number; guardianId: number; id: number },
) {
  return familyEntries(db, { schoolId, guardianId })
    .select([
      'participations.id',
      'notice_windows.id as windowId',
      'notice_windows.opens_on as opensOn',
      'notice_windows.closes_on as closesOn',
      'classes.head_teacher_id as headTeacherId',
      'students.name as studentName',
      'activities.title as activityTitle',
    ])
    .where('participations.id', '=', id)
    .executeTakeFirst()
}

export async function hasOpenDispute(
  db: Executor,
  { schoolId, participationId }: { schoolId: number; participationId: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('notice_disputes')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('participation_id', '=', participationId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return row !== undefined
}

export async function insertDispute(
  trx: Executor,
  input: { schoolId: number; windowId: number; participationId: number; guardianId: number; reason: string },
): Promise<number> {
  const row = await trx
    .insertInto('notice_disputes')
    .values({
      school_id: input.schoolId,
      window_id: input.windowId,
      participation_id: input.participationId,
      guardian_id: input.guardianId,
      reason: input.reason,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
