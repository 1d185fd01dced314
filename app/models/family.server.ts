import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * A guardian's own active children in the school, never anyone else's, with their class and grade
 * joined, youngest grade first: callers add the columns they show.
 */
export function childrenOfGuardian(
  db: Executor,
  { schoolId, guardianId }: { schoolId: number; guardianId: number },
) {
  return db
    .selectFrom('guardianships')
    .innerJoin('students', 'students.id', 'guardianships.student_id')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .where('guardianships.guardian_id', '=', guardianId)
    .where('students.school_id', '=', schoolId)
    .where('students.active', '=', 1)
    .orderBy('grades.level')
    .orderBy('students.name')
}

/**
 * Whether this parent is a guardian of this pupil of their school. A parent still reads the record
 * of a child who left; `enrolledOnly` is for what only concerns pupils still at the school.
 */
export async function isGuardianOf(
  db: Executor,
  {
    schoolId,
    guardianId,
    studentId,
    enrolledOnly = false,
  }: { schoolId: number; guardianId: number; studentId: number; enrolledOnly?: boolean },
): Promise<boolean> {
  let query = db
    .selectFrom('guardianships')
    .innerJoin('students', 'students.id', 'guardianships.student_id')
    .select('guardianships.id')
    .where('guardianships.guardian_id', '=', guardianId)
    .where('guardianships.student_id', '=', studentId)
    .where('students.school_id', '=', schoolId)
  if (enrolledOnly) query = query.where('students.active', '=', 1)
  return (await query.executeTakeFirst()) !== undefined
}

/**
 * A parent's own children: class, grade (with the ids activities target) and head teacher.
 */
export async function listChildrenOfGuardian(
  db: Executor,
  { schoolId, guardianId }: { schoolId: number; guardianId: number },
) {
  return childrenOfGuardian(db, { schoolId, guardianId })
    .leftJoin('users as head', 'head.id', 'classes.head_teacher_id')
    .select([
      'students.id',
      'students.name',
      'students.student_number as studentNumber',
      'guardianships.relation',
      'classes.id as classId',
      'classes.number as classNumber',
      'classes.name as className',
      'grades.id as gradeId',
      'grades.level as gradeLevel',
      'grades.name as gradeName',
      'head.display_name as headTeacherName',
    ])
    .execute()
}

/**
 * What waits for a guardian per child: consent requests not yet answered for activities still to
 * come, and notice windows (公示) open today over the child's recorded entries.
 */
export async function countWaitingForChildren(
  db: Executor,
  {
    schoolId,
    studentIds,
    now,
    today,
  }: { schoolId: number; studentIds: number[]; now: string; today: string },
) {
  if (!studentIds.length) return new Map<number, { consents: number; notices: number }>()
  const [consents, notices] = await Promise.all([
    db
      .selectFrom('consents')
      .innerJoin('activities', 'activities.id', 'consents.activity_id')
      .select(['consents.student_id as studentId', (eb) => eb.fn.countAll<number>().as('count')])
      .where('consents.school_id', '=', schoolId)
      .where('consents.student_id', 'in', studentIds)
      .where('consents.status', '=', 'requested')
      // As /family/consents shows them: an activity that no longer needs consent asks nothing.
      .where('activities.needs_consent', '=', 1)
      .where('activities.starts_at', '>', now)
      .groupBy('consents.student_id')
      .execute(),
    db
      .selectFrom('participations')
      .innerJoin('notice_windows', 'notice_windows.id', 'participations.notice_window_id')
      .select([
        'participations.student_id as studentId',
        (eb) => eb.fn.count<number>('notice_windows.id').distinct().as('count'),
      ])
      .where('participations.school_id', '=', schoolId)
      .where('participations.student_id', 'in', studentIds)
      .where('notice_windows.opens_on', '<=', today)
      .where('notice_windows.closes_on', '>=', today)
      .groupBy('participations.student_id')
      .execute(),
  ])
  const waiting = new Map(studentIds.map((id) => [id, { consents: 0, notices: 0 }]))
  for (const row of consents) waiting.get(row.studentId)!.consents = Number(row.count)
  for (const row of notices) waiting.get(row.studentId)!.notices = Number(row.count)
  return waiting
}

/** Which of these children an activity names beyond its targets: on its sheet or asked for consent. */
export async function listChildrenLinkedToActivity(
  db: Executor,
  { schoolId, activityId, studentIds }: { schoolId: number; activityId: number; studentIds: number[] },
): Promise<Set<number>> {
  if (!studentIds.length) return new Set()
  const rows = await db
    .selectFrom('participations')
    .select('student_id')
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .where('student_id', 'in', studentIds)
    .union(
      db
        .selectFrom('consents')
        .select('student_id')
        .where('school_id', '=', schoolId)
        .where('activity_id', '=', activityId)
        .where('student_id', 'in', studentIds),
    )
    .execute()
  return new Set(rows.map((row) => row.student_id))
}
