import { type Kysely, sql, type Transaction } from 'kysely'
import { chunks } from '../../db/query'
import type { ConsentStatus, Database } from '../../db/schema'
import type { EntryWrite, SheetPupil, StoredEntry } from '../domain/participation'
import { withTargets } from './activities.server'

type Executor = Kysely<Database> | Transaction<Database>

/** What the sheet needs of its activity, with its target grades and classes. */
export async function getSheetActivity(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  const row = await db
    .selectFrom('activities')
    .select([
      'id',
      'title',
      'kind',
      'status',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'needs_consent as needsConsent',
      'practice_category as practiceCategory',
      'practice_hours as practiceHours',
    ])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const [withIds] = await withTargets(db, [row])
  return withIds as typeof row & { gradeIds: number[]; classIds: number[] }
}

export type SheetActivity = NonNullable<Awaited<ReturnType<typeof getSheetActivity>>>

const PUPIL_COLUMNS = [
  'students.id as studentId',
  'students.name',
  'students.student_number as studentNumber',
  'classes.id as classId',
  'classes.name as className',
  'classes.number as classNumber',
  'grades.level as gradeLevel',
] as const

/**
 * The pupils of the target classes, and every stored entry with its pupil (shown in the class the
 * entry was recorded in). Two statements, whatever the size of the sheet.
 */
export async function listSheetEntries(
  db: Executor,
  { schoolId, activity }: { schoolId: number; activity: Pick<SheetActivity, 'id' | 'classIds'> },
) {
  const [targetPupils, storedRows] = await Promise.all([
    activity.classIds.length
      ? db
          .selectFrom('students')
          .innerJoin('classes', 'classes.id', 'students.class_id')
          .innerJoin('grades', 'grades.id', 'classes.grade_id')
          .select(PUPIL_COLUMNS)
          .where('students.school_id', '=', schoolId)
          .where('students.class_id', 'in', activity.classIds)
          .where('students.active', '=', 1)
          .execute()
      : Promise.resolve([] as SheetPupil[]),
    db
      .selectFrom('participations')
      .innerJoin('students', 'students.id', 'participations.student_id')
      .innerJoin('classes', 'classes.id', 'participations.class_id')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .leftJoin('users as recorder', 'recorder.id', 'participations.recorded_by')
      .leftJoin('notice_windows', 'notice_windows.id', 'participations.notice_window_id')
      .select([
        ...PUPIL_COLUMNS,
        'participations.status',
        'participations.role',
        'participations.hours',
        'participations.excuse_reason as excuseReason',
        'participations.added',
        'participations.revision',
        'participations.recorded_at as recordedAt',
        'recorder.display_name as recordedByName',
        'notice_windows.opens_on as opensOn',
        'notice_windows.closes_on as closesOn',
      ])
      .where('participations.school_id', '=', schoolId)
      .where('participations.activity_id', '=', activity.id)
      .execute(),
  ])
  const stored = storedRows.map(
    ({ status, role, hours, excuseReason, added, revision, recordedAt, recordedByName, ...rest }) => {
      const { opensOn, closesOn, ...pupil } = rest
      const entry: StoredEntry = {
        status,
        role,
        hours,
        excuseReason,
        added: added === 1,
        revision,
        recordedAt,
        recordedByName,
        noticeWindow: opensOn && closesOn ? { opensOn, closesOn } : null,
      }
      return { ...pupil, entry }
    },
  )
  return { targetPupils, stored }
}

/** Each pupil's consent answer for the activity; a pupil never asked has none. */
export async function listConsentStatuses(
  db: Executor,
  { schoolId, activityId }: { schoolId: number; activityId: number },
): Promise<Map<number, ConsentStatus>> {
  const rows = await db
    .selectFrom('consents')
    .select(['student_id as studentId', 'status'])
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .execute()
  return new Map(rows.map((row) => [row.studentId, row.status]))
}

/** Classes pupils can be added from: this year's, not those a rollover archived. */
export async function listCurrentClasses(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'classes.id',
      'classes.name',
      'classes.number',
      'grades.id as gradeId',
      'grades.level as gradeLevel',
    ])
    .where('classes.school_id', '=', schoolId)
    .where('classes.archived_at', 'is', null)
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
}

/** The pupils of one class, for the picker and for adding a whole class. */
export async function listActivePupilsOfClasses(
  db: Executor,
  { schoolId, classIds }: { schoolId: number; classIds: readonly number[] },
) {
  if (classIds.length === 0) return []
  return db
    .selectFrom('students')
    .select(['id', 'name', 'student_number as studentNumber', 'class_id as classId'])
    .where('school_id', '=', schoolId)
    .where('class_id', 'in', [...classIds])
    .where('active', '=', 1)
    .orderBy('student_number')
    .execute()
}

/** Which of these ids are active pupils of the school, with their current class. */
export async function findActivePupils(
  db: Executor,
  { schoolId, ids }: { schoolId: number; ids: readonly number[] },
) {
  if (ids.length === 0) return []
  const found: { id: number; name: string; classId: number }[] = []
  for (const part of chunks(ids)) {
    found.push(
      ...(await db
        .selectFrom('students')
        .select(['id', 'name', 'class_id as classId'])
        .where('school_id', '=', schoolId)
        .where('id', 'in', part)
        .where('active', '=', 1)
        .execute()),
    )
  }
  return found
}

/**
 * Each pupil's attended hours in the school's other activities starting within [from, to): one
 * school day. An entry without hours counts its activity's credit, as the pupil's record does.
 */
export async function sumOtherHours(
  db: Executor,
  {
    schoolId,
    activityId,
    studentIds,
    from,
    to,
  }: { schoolId: number; activityId: number; studentIds: readonly number[]; from: string; to: string },
): Promise<Map<number, number>> {
  const sums = new Map<number, number>()
  for (const part of chunks(studentIds)) {
    const rows = await db
      .selectFrom('participations')
      .innerJoin('activities', 'activities.id', 'participations.activity_id')
      .select((eb) => [
        'participations.student_id as studentId',
        eb.fn
          .sum<number>(eb.fn.coalesce('participations.hours', 'activities.practice_hours', sql<number>`0`))
          .as('hours'),
      ])
      .where('participations.school_id', '=', schoolId)
      .where('participations.student_id', 'in', part)
      .where('participations.activity_id', '!=', activityId)
      .where('participations.status', '=', 'attended')
      .where('activities.starts_at', '>=', from)
      .where('activities.starts_at', '<', to)
      .groupBy('participations.student_id')
      .execute()
    for (const row of rows) sums.set(row.studentId, Number(row.hours))
  }
  return sums
}

/** Another save got in between this one's read and its write; the caller answers with a conflict. */
export class StaleSheetError extends Error {
  constructor() {
    super('A participation row changed between reading and writing it')
  }
}

/**
 * Upserts the planned rows, a statement per 500. Each row is written only if its stored revision is
 * still the one the plan was made from (a new row: none yet), so a concurrent save on a server that
 * does not serialise transactions still cannot be overwritten; the whole save is then undone.
 */
export async function writeEntries(
  trx: Transaction<Database>,
  {
    schoolId,
    activityId,
    userId,
    writes,
    classOf,
    now,
  }: {
    schoolId: number
    activityId: number
    userId: number
    writes: readonly EntryWrite[]
    /** The pupil's current class: the snapshot a new entry keeps */
    classOf: ReadonlyMap<number, number>
    now: string
  },
): Promise<void> {
  for (const part of chunks(writes)) {
    const result = await trx
      .insertInto('participations')
      .values(
        part.map((write) => ({
          school_id: schoolId,
          activity_id: activityId,
          student_id: write.studentId,
          class_id: classOf.get(write.studentId) as number,
          status: write.values.status,
          role: write.values.role,
          hours: write.values.hours,
          excuse_reason: write.values.excuseReason,
          revision: write.revision,
          recorded_by: userId,
          recorded_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['activity_id', 'student_id'])
          // The entry keeps the class it was first recorded in, so a correction after a rollover
          // does not move it to the pupil's new class.
          .doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            role: eb.ref('excluded.role'),
            hours: eb.ref('excluded.hours'),
            excuse_reason: eb.ref('excluded.excuse_reason'),
            revision: eb.ref('excluded.revision'),
            recorded_by: eb.ref('excluded.recorded_by'),
            recorded_at: eb.ref('excluded.recorded_at'),
          }))
          .where('participations.revision', '=', sql<number>`excluded.revision - 1`),
      )
      .executeTakeFirst()
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== part.length) throw new StaleSheetError()
  }
}

/** Puts pupils on the sheet, unmarked; those already on it are left as they are. Returns how many. */
export async function insertAddedPupils(
  trx: Executor,
  {
    schoolId,
    activityId,
    userId,
    pupils,
    role,
    now,
  }: {
    schoolId: number
    activityId: number
    userId: number
    pupils: readonly { id: number; classId: number }[]
    role: StoredEntry['role']
    now: string
  },
): Promise<number> {
  let added = 0
  for (const part of chunks(pupils)) {
    const result = await trx
      .insertInto('participations')
      .values(
        part.map((pupil) => ({
          school_id: schoolId,
          activity_id: activityId,
          student_id: pupil.id,
          class_id: pupil.classId,
          status: null,
          role,
          added: 1 as const,
          recorded_by: userId,
          recorded_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['activity_id', 'student_id']).doNothing())
      .executeTakeFirst()
    added += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return added
}

/** Takes an added pupil off the sheet, only while nothing has been recorded for them. */
export async function deleteUnmarkedAddedPupil(
  trx: Executor,
  { schoolId, activityId, studentId }: { schoolId: number; activityId: number; studentId: number },
): Promise<boolean> {
  const result = await trx
    .deleteFrom('participations')
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .where('student_id', '=', studentId)
    .where('added', '=', 1)
    .where('status', 'is', null)
    .where('notice_window_id', 'is', null)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
