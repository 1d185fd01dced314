import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * A GLOB pattern matching `text` anywhere, each letter in either case: SQLite's LIKE and lower()
 * fold ASCII only, and a pupil's name may hold pinyin with tone marks (Lǚ, LǙ) or other latin
 * letters (É). GLOB's `*`, `?` and `[` in the text match literally.
 */
function caseFreeGlob(text: string): string {
  let out = ''
  for (const c of text) {
    const lower = c.toLowerCase()
    const upper = c.toUpperCase()
    if (lower !== upper && [...lower].length === 1 && [...upper].length === 1) out += `[${lower}${upper}]`
    else out += '*?['.includes(c) ? `[${c}]` : c
  }
  return `*${out}*`
}

/**
 * Pupils of the school whose name or student number contains the search, or of one class, active
 * first in grade and class order; graduated, departed and anonymised pupils too. Letters match in
 * any case (pinyin in a name, the letters of a student number), the same on every page that
 * searches. Asks for one more than the limit so a page can say there are more.
 */
export async function searchPupils(
  db: Executor,
  {
    schoolId,
    search,
    classId,
    limit,
  }: { schoolId: number; search?: string; classId?: number; limit: number },
) {
  let query = db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'students.id',
      'students.name',
      'students.student_number as studentNumber',
      'students.active',
      'students.graduated_on as graduatedOn',
      'students.anonymised_at as anonymisedAt',
      'classes.id as classId',
      'classes.number as classNumber',
      'classes.name as className',
      'grades.level as gradeLevel',
    ])
    .where('students.school_id', '=', schoolId)
  if (classId) query = query.where('students.class_id', '=', classId)
  if (search) {
    const pattern = caseFreeGlob(search)
    query = query.where(
      (eb) =>
        sql<boolean>`(${eb.ref('students.name')} glob ${pattern} or ${eb.ref('students.student_number')} glob ${pattern})`,
    )
  }
  const rows = await query
    .orderBy('students.active', 'desc')
    .orderBy('grades.level')
    .orderBy('classes.number')
    .orderBy('students.student_number')
    .limit(limit + 1)
    .execute()
  return { pupils: rows.slice(0, limit), more: rows.length > limit }
}

/** A pupil of the school with their current class, grade and school kind; inactive, graduated and anonymised pupils too. */
export async function getPupil(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .innerJoin('schools', 'schools.id', 'students.school_id')
    .select([
      'students.id',
      'students.name',
      'students.student_number as studentNumber',
      'students.active',
      'students.graduated_on as graduatedOn',
      'students.left_on as leftOn',
      'students.anonymised_at as anonymisedAt',
      'students.photo_consent as photoConsent',
      'classes.id as classId',
      'classes.number as classNumber',
      'classes.name as className',
      'classes.archived_at as classArchivedAt',
      'grades.id as gradeId',
      'grades.level as gradeLevel',
      'grades.name as gradeName',
      'schools.kind as schoolKind',
    ])
    .where('students.school_id', '=', schoolId)
    .where('students.id', '=', id)
    .executeTakeFirst()
}

export type Pupil = NonNullable<Awaited<ReturnType<typeof getPupil>>>

/** The pupil's guardians in the order they were linked, with their accounts' state. */
export async function listGuardiansOfPupil(
  db: Executor,
  { schoolId, studentId }: { schoolId: number; studentId: number },
) {
  return db
    .selectFrom('guardianships')
    .innerJoin('users', 'users.id', 'guardianships.guardian_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name as displayName',
      'users.phone',
      'users.active',
      'guardianships.relation',
    ])
    .where('users.school_id', '=', schoolId)
    .where('guardianships.student_id', '=', studentId)
    .orderBy('guardianships.id')
    .execute()
}
