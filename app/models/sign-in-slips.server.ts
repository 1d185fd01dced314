import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/** The pupils a slip run covers: one class, or every current class of a grade. */
export type SlipScope = { schoolId: number } & ({ classId: number } | { gradeId: number })

/**
 * The active pupils of the scope with each guardian account they have (a row per pair; a pupil
 * without one has a row with `guardianId` null), by class and student number.
 */
export async function listPupilGuardians(db: Executor, scope: SlipScope) {
  let query = db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .leftJoin('guardianships', 'guardianships.student_id', 'students.id')
    .leftJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'guardianships.guardian_id')
        .on('users.school_id', '=', scope.schoolId)
        .on('users.role', '=', 'parent')
        // A deactivated account cannot sign in: its family is reached on paper.
        .on('users.active', '=', 1),
    )
    .select([
      'students.id as studentId',
      'students.name as studentName',
      'students.student_number as studentNumber',
      'classes.name as className',
      'users.id as guardianId',
      'users.username',
      'users.display_name as guardianName',
      'users.phone',
    ])
    .where('students.school_id', '=', scope.schoolId)
    .where('students.active', '=', 1)
  query =
    'classId' in scope
      ? query.where('classes.id', '=', scope.classId)
      : query.where('classes.grade_id', '=', scope.gradeId).where('classes.archived_at', 'is', null)
  return query.orderBy('classes.number').orderBy('students.student_number').orderBy('users.id').execute()
}
