import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * A parent's own children, never anyone else's: class, grade (with the ids activities target) and
 * head teacher.
 */
export async function listChildrenOfGuardian(
  db: Kysely<Database>,
  { schoolId, guardianId }: { schoolId: number; guardianId: number },
) {
  return db
    .selectFrom('guardianships')
    .innerJoin('students', 'students.id', 'guardianships.student_id')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
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
    .where('guardianships.guardian_id', '=', guardianId)
    .where('students.school_id', '=', schoolId)
    .where('students.active', '=', 1)
    .orderBy('grades.level')
    .orderBy('students.name')
    .execute()
}
