import type { Kysely, Transaction } from 'kysely'
import type { Database, DayOffKind } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export async function getSchoolProfile(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('schools')
    .select([
      'id',
      'slug',
      'name',
      'district',
      'kind',
      'time_zone as timeZone',
      'founded_year as foundedYear',
      'emblem_key as emblemKey',
    ])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow()
}

export async function updateSchoolProfile(
  db: Executor,
  { schoolId, name, district }: { schoolId: number; name: string; district: string },
): Promise<void> {
  await db.updateTable('schools').set({ name, district }).where('id', '=', schoolId).execute()
}

export async function listGrades(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('grades')
    .select(['id', 'level', 'name'])
    .where('school_id', '=', schoolId)
    .orderBy('level')
    .execute()
}

export async function getGrade(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('grades')
    .select(['id', 'level', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertGrades(
  db: Executor,
  { schoolId, grades }: { schoolId: number; grades: { level: number; name: string }[] },
): Promise<void> {
  if (grades.length === 0) return
  await db
    .insertInto('grades')
    .values(grades.map((g) => ({ school_id: schoolId, level: g.level, name: g.name })))
    .onConflict((oc) => oc.columns(['school_id', 'level']).doNothing())
    .execute()
}

export async function renameGrade(
  db: Executor,
  { schoolId, id, name }: { schoolId: number; id: number; name: string },
): Promise<void> {
  await db
    .updateTable('grades')
    .set({ name })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

/** What every class row carries: its grade too, for labels like 五(2)班 and for grade-wide targets. */
const CLASS_COLUMNS = [
  'classes.id',
  'classes.number',
  'classes.name',
  'classes.grade_id as gradeId',
  'grades.level as gradeLevel',
] as const

/** Current classes of the school with their grade, head teacher and pupil count, in grade order. */
export async function listClasses(
  db: Executor,
  { schoolId, headTeacherId }: { schoolId: number; headTeacherId?: number },
) {
  let query = db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('users', 'users.id', 'classes.head_teacher_id')
    .select((eb) => [
      ...CLASS_COLUMNS,
      'classes.head_teacher_id as headTeacherId',
      'users.display_name as headTeacherName',
      eb
        .selectFrom('students')
        .whereRef('students.class_id', '=', 'classes.id')
        .where('students.active', '=', 1)
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('studentCount'),
    ])
    .where('classes.school_id', '=', schoolId)
    // A year rollover archives last year's classes; they stay for history, not in today's lists.
    .where('classes.archived_at', 'is', null)
  if (headTeacherId) query = query.where('classes.head_teacher_id', '=', headTeacherId)
  return query.orderBy('grades.level').orderBy('classes.number').execute()
}

/** Classes with their grade, without the pupil counts of listClasses: forms and labels only. */
export async function listClassOptions(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select(CLASS_COLUMNS)
    .where('classes.school_id', '=', schoolId)
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
}

export async function getClass(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('users', 'users.id', 'classes.head_teacher_id')
    .select([
      ...CLASS_COLUMNS,
      'grades.name as gradeName',
      'classes.head_teacher_id as headTeacherId',
      'users.display_name as headTeacherName',
    ])
    .where('classes.school_id', '=', schoolId)
    .where('classes.id', '=', id)
    .executeTakeFirst()
}

export async function listStudentsOfClass(
  db: Executor,
  { schoolId, classId }: { schoolId: number; classId: number },
) {
  return db
    .selectFrom('students')
    .select(['id', 'student_number as studentNumber', 'name'])
    .where('school_id', '=', schoolId)
    .where('class_id', '=', classId)
    .where('active', '=', 1)
    .orderBy('student_number')
    .execute()
}

/** The guardians of a class's current pupils, in one statement: relation, name and phone. */
export async function listGuardianContactsOfClass(
  db: Executor,
  { schoolId, classId }: { schoolId: number; classId: number },
) {
  return db
    .selectFrom('guardianships')
    .innerJoin('students', 'students.id', 'guardianships.student_id')
    .innerJoin('users', 'users.id', 'guardianships.guardian_id')
    .select([
      'students.id as studentId',
      'users.display_name as displayName',
      'users.phone',
      'guardianships.relation',
    ])
    .where('students.school_id', '=', schoolId)
    .where('students.class_id', '=', classId)
    .where('students.active', '=', 1)
    .where('users.school_id', '=', schoolId)
    .where('users.active', '=', 1)
    .orderBy('guardianships.id')
    .execute()
}

export async function isClassNumberTaken(
  db: Executor,
  {
    schoolId,
    gradeId,
    number,
    exceptId,
  }: { schoolId: number; gradeId: number; number: number; exceptId?: number },
): Promise<boolean> {
  let query = db
    .selectFrom('classes')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('grade_id', '=', gradeId)
    .where('number', '=', number)
    .where('archived_at', 'is', null)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return !!(await query.executeTakeFirst())
}

export async function insertClass(
  db: Executor,
  c: { schoolId: number; gradeId: number; number: number; name: string; headTeacherId: number | null },
): Promise<number> {
  const row = await db
    .insertInto('classes')
    .values({
      school_id: c.schoolId,
      grade_id: c.gradeId,
      number: c.number,
      name: c.name,
      head_teacher_id: c.headTeacherId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateClass(
  db: Executor,
  c: { schoolId: number; id: number; number: number; name: string; headTeacherId: number | null },
): Promise<void> {
  await db
    .updateTable('classes')
    .set({ number: c.number, name: c.name, head_teacher_id: c.headTeacherId })
    .where('school_id', '=', c.schoolId)
    .where('id', '=', c.id)
    .execute()
}

export async function listAcademicYears(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('academic_years')
    .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on', 'desc')
    .execute()
}

export async function getAcademicYear(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('academic_years')
    .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function isAcademicYearNameTaken(
  db: Executor,
  { schoolId, name }: { schoolId: number; name: string },
) {
  const row = await db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('name', '=', name)
    .executeTakeFirst()
  return !!row
}

export async function insertAcademicYear(
  db: Executor,
  y: { schoolId: number; name: string; startsOn: string; endsOn: string },
): Promise<number> {
  const row = await db
    .insertInto('academic_years')
    .values({ school_id: y.schoolId, name: y.name, starts_on: y.startsOn, ends_on: y.endsOn })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function listTerms(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('terms')
    .select([
      'id',
      'academic_year_id as academicYearId',
      'name',
      'starts_on as startsOn',
      'ends_on as endsOn',
    ])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .execute()
}

/** The term `day` falls in; between terms (holidays), the one that ended last. */
export async function findTermOn(db: Executor, { schoolId, day }: { schoolId: number; day: string }) {
  return db
    .selectFrom('terms')
    .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', day)
    .orderBy('starts_on', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The year's terms, for the overlap rule. */
export async function listTermsOfYear(
  db: Executor,
  { schoolId, academicYearId }: { schoolId: number; academicYearId: number },
) {
  return db
    .selectFrom('terms')
    .select(['id', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .where('academic_year_id', '=', academicYearId)
    .execute()
}

export async function getTerm(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('terms')
    .select(['id', 'academic_year_id as academicYearId', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertTerm(
  db: Executor,
  t: { schoolId: number; academicYearId: number; name: string; startsOn: string; endsOn: string },
): Promise<number> {
  const row = await db
    .insertInto('terms')
    .values({
      school_id: t.schoolId,
      academic_year_id: t.academicYearId,
      name: t.name,
      starts_on: t.startsOn,
      ends_on: t.endsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function deleteTerm(
  db: Executor,
  { schoolId, id }: { schoolId: number; id: number },
): Promise<number> {
  const result = await db
    .deleteFrom('terms')
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function listDaysOff(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('school_days_off')
    .select([
      'id',
      'academic_year_id as academicYearId',
      'name',
      'kind',
      'starts_on as startsOn',
      'ends_on as endsOn',
    ])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .execute()
}

export async function getDayOff(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('school_days_off')
    .select(['id', 'academic_year_id as academicYearId', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertDayOff(
  db: Executor,
  d: {
    schoolId: number
    academicYearId: number
    name: string
    kind: DayOffKind
    startsOn: string
    endsOn: string
  },
): Promise<number> {
  const row = await db
    .insertInto('school_days_off')
    .values({
      school_id: d.schoolId,
      academic_year_id: d.academicYearId,
      name: d.name,
      kind: d.kind,
      starts_on: d.startsOn,
      ends_on: d.endsOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function deleteDayOff(
  db: Executor,
  { schoolId, id }: { schoolId: number; id: number },
): Promise<number> {
  const result = await db
    .deleteFrom('school_days_off')
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * Days off that have not ended by `today`, soonest first. A make-up working day (调休) is a school
 * day, so it is not among them.
 */
export async function listUpcomingDaysOff(
  db: Executor,
  { schoolId, today, limit }: { schoolId: number; today: string; limit: number },
) {
  return db
    .selectFrom('school_days_off')
    .select(['id', 'name', 'kind', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .where('ends_on', '>=', today)
    .where('kind', '!=', 'workday')
    .orderBy('starts_on')
    .limit(limit)
    .execute()
}

/**
 * A new academic year with its terms and days off, as one write: run it inside a transaction so a
 * refused row leaves nothing behind.
 */
export async function insertAcademicYearWithCalendar(
  db: Executor,
  y: {
    schoolId: number
    name: string
    startsOn: string
    endsOn: string
    terms: { name: string; startsOn: string; endsOn: string }[]
    daysOff: { name: string; kind: DayOffKind; startsOn: string; endsOn: string }[]
  },
): Promise<number> {
  const { schoolId } = y
  const academicYearId = await insertAcademicYear(db, y)
  for (const term of y.terms) await insertTerm(db, { schoolId, academicYearId, ...term })
  for (const day of y.daysOff) await insertDayOff(db, { schoolId, academicYearId, ...day })
  return academicYearId
}

/** The school's uploaded emblem's key, or null while it shows the generated seal. */
export async function getSchoolEmblem(db: Executor, { schoolId }: { schoolId: number }) {
  const row = await db
    .selectFrom('schools')
    .select(['slug', 'name', 'emblem_key as emblemKey'])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow()
  return row
}

export async function setSchoolEmblem(
  db: Executor,
  { schoolId, emblemKey }: { schoolId: number; emblemKey: string | null },
) {
  await db.updateTable('schools').set({ emblem_key: emblemKey }).where('id', '=', schoolId).execute()
}
