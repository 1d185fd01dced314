import { type Kysely, sql, type Transaction } from 'kysely'
import { nowIso } from '~/utils/clock'
import type { AwardRecipientKind, AwardScope, Database } from '../../db/schema'
import { withTargets } from './activities.server'

type Executor = Kysely<Database> | Transaction<Database>

/** What the awards pages need of their activity: its status, levels, targets and academic year. */
export async function getAwardActivity(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  const row = await db
    .selectFrom('activities')
    .innerJoin('seasons', 'seasons.id', 'activities.season_id')
    .innerJoin('academic_years', 'academic_years.id', 'seasons.academic_year_id')
    .select([
      'activities.id',
      'activities.title',
      'activities.status',
      'activities.starts_at as startsAt',
      'activities.ends_at as endsAt',
      'activities.venue',
      'activities.award_levels as awardLevels',
      'academic_years.starts_on as yearStartsOn',
      'academic_years.ends_on as yearEndsOn',
    ])
    .where('activities.school_id', '=', schoolId)
    .where('activities.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const [withIds] = await withTargets(db, [row])
  return withIds as typeof row & { gradeIds: number[]; classIds: number[] }
}

export type AwardActivity = NonNullable<Awaited<ReturnType<typeof getAwardActivity>>>

const CLASS_COLUMNS = [
  'classes.name as className',
  'classes.number as classNumber',
  'grades.level as gradeLevel',
] as const

/** Pupils marked as attended, in the class they were in then, by class and student number. */
export async function listAwardParticipants(
  db: Executor,
  { schoolId, activityId }: { schoolId: number; activityId: number },
) {
  return db
    .selectFrom('participations')
    .innerJoin('students', 'students.id', 'participations.student_id')
    .innerJoin('classes', 'classes.id', 'participations.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'students.id as studentId',
      'students.name',
      'participations.class_id as classId',
      'participations.role',
      ...CLASS_COLUMNS,
    ])
    .where('participations.school_id', '=', schoolId)
    .where('participations.activity_id', '=', activityId)
    .where('participations.status', '=', 'attended')
    .orderBy('grades.level')
    .orderBy('classes.number')
    .orderBy('students.student_number')
    .execute()
}

export type AwardParticipant = Awaited<ReturnType<typeof listAwardParticipants>>[number]

/** Classes that may be given a class award: the given ids, as far as they are the school's. */
export async function listClassesById(
  db: Executor,
  { schoolId, ids }: { schoolId: number; ids: readonly number[] },
) {
  if (ids.length === 0) return []
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select(['classes.id', ...CLASS_COLUMNS])
    .where('classes.school_id', '=', schoolId)
    .where('classes.id', 'in', [...ids])
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
}

/** An activity's awards in presenting order, each with its recipients (two statements in all). */
export async function listAwards(
  db: Executor,
  { schoolId, activityId, awardId }: { schoolId: number; activityId: number; awardId?: number },
) {
  let query = db
    .selectFrom('awards')
    .leftJoin('classes', 'classes.id', 'awards.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'awards.id',
      'awards.title',
      'awards.level',
      'awards.scope',
      'awards.recipient_kind as recipientKind',
      'awards.class_id as classId',
      'awards.team_name as teamName',
      'awards.presenter_name as presenterName',
      'awards.presenter_title as presenterTitle',
      'awards.awarded_on as awardedOn',
      'awards.citation',
      'awards.position',
      ...CLASS_COLUMNS,
    ])
    .where('awards.school_id', '=', schoolId)
    .where('awards.activity_id', '=', activityId)
  if (awardId !== undefined) query = query.where('awards.id', '=', awardId)
  const awards = await query.orderBy('awards.position').orderBy('awards.id').execute()
  if (awards.length === 0) return []
  const recipients = await db
    .selectFrom('award_recipients')
    .innerJoin('students', 'students.id', 'award_recipients.student_id')
    .innerJoin('classes', 'classes.id', 'award_recipients.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'award_recipients.award_id as awardId',
      'students.id as studentId',
      'students.name',
      'award_recipients.class_id as classId',
      ...CLASS_COLUMNS,
    ])
    .where(
      'award_recipients.award_id',
      'in',
      awards.map((award) => award.id),
    )
    .orderBy('grades.level')
    .orderBy('classes.number')
    .orderBy('students.student_number')
    .execute()
  return awards.map(({ className, classNumber, gradeLevel, ...award }) => ({
    ...award,
    awardedClass:
      award.classId !== null && className !== null && classNumber !== null && gradeLevel !== null
        ? { name: className, number: classNumber, gradeLevel }
        : null,
    recipients: recipients.filter((r) => r.awardId === award.id).map(({ awardId: _, ...r }) => r),
  }))
}

export type AwardListItem = Awaited<ReturnType<typeof listAwards>>[number]

/** Each award title a pupil holds in the activity, as theirs or their team's (class awards name no pupil). */
export async function listHeldAwards(
  db: Executor,
  { schoolId, activityId }: { schoolId: number; activityId: number },
) {
  return db
    .selectFrom('award_recipients')
    .innerJoin('awards', 'awards.id', 'award_recipients.award_id')
    .select(['award_recipients.student_id as studentId', 'awards.id as awardId', 'awards.title'])
    .where('awards.school_id', '=', schoolId)
    .where('awards.activity_id', '=', activityId)
    .execute()
}

/** The levels given to an activity's awards: the levels editor must keep them. */
export async function listLevelsInUse(
  db: Executor,
  { schoolId, activityId }: { schoolId: number; activityId: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('awards')
    .select('level')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .execute()
  return rows.map((row) => row.level)
}

export type NewAward = {
  title: string
  level: string
  scope: AwardScope
  recipientKind: AwardRecipientKind
  classId: number | null
  teamName: string
  presenterName: string
  presenterTitle: string
  awardedOn: string
  citation: string
  recipients: readonly { studentId: number; classId: number }[]
}

/**
 * Appends awards to the activity's presenting order, in the order given; returns their ids. Callers
 * run it in a transaction: a contest's results are stored whole or not at all.
 */
export async function insertAwards(
  trx: Executor,
  {
    schoolId,
    activityId,
    createdBy,
    awards,
  }: { schoolId: number; activityId: number; createdBy: number; awards: readonly NewAward[] },
): Promise<number[]> {
  if (awards.length === 0) return []
  const { last } = await trx
    .selectFrom('awards')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`0`).as('last'))
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow()
  const createdAt = nowIso()
  const inserted = await trx
    .insertInto('awards')
    .values(
      awards.map((award, index) => ({
        school_id: schoolId,
        activity_id: activityId,
        title: award.title,
        level: award.level,
        scope: award.scope,
        recipient_kind: award.recipientKind,
        class_id: award.classId,
        team_name: award.teamName,
        presenter_name: award.presenterName,
        presenter_title: award.presenterTitle,
        awarded_on: award.awardedOn,
        citation: award.citation,
        position: Number(last) + index + 1,
        created_by: createdBy,
        created_at: createdAt,
      })),
    )
    .returning(['id', 'position'])
    .execute()
  // RETURNING order is unspecified in SQLite: positions tell the awards apart.
  const ids = [...inserted].sort((a, b) => a.position - b.position).map((row) => row.id)
  const recipients = awards.flatMap((award, index) =>
    award.recipients.map((r) => ({
      award_id: ids[index] as number,
      student_id: r.studentId,
      class_id: r.classId,
    })),
  )
  if (recipients.length) await trx.insertInto('award_recipients').values(recipients).execute()
  return ids
}

/** Corrects an award's wording, level, scope, presenter and date; false when it is not the activity's. */
export async function updateAward(
  trx: Executor,
  {
    schoolId,
    activityId,
    id,
    values,
  }: {
    schoolId: number
    activityId: number
    id: number
    values: Pick<
      NewAward,
      'title' | 'level' | 'scope' | 'teamName' | 'presenterName' | 'presenterTitle' | 'awardedOn' | 'citation'
    >
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('awards')
    .set({
      title: values.title,
      level: values.level,
      scope: values.scope,
      team_name: values.teamName,
      presenter_name: values.presenterName,
      presenter_title: values.presenterTitle,
      awarded_on: values.awardedOn,
      citation: values.citation,
    })
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function deleteAward(
  trx: Executor,
  { schoolId, activityId, id }: { schoolId: number; activityId: number; id: number },
): Promise<boolean> {
  const award = await trx
    .selectFrom('awards')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!award) return false
  await trx.deleteFrom('award_recipients').where('award_id', '=', id).execute()
  await trx.deleteFrom('awards').where('id', '=', id).execute()
  return true
}

/** The activity's award ids in presenting order. */
export async function listAwardOrder(
  db: Executor,
  { schoolId, activityId }: { schoolId: number; activityId: number },
): Promise<number[]> {
  const rows = await db
    .selectFrom('awards')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .orderBy('position')
    .orderBy('id')
    .execute()
  return rows.map((row) => row.id)
}

/** Numbers the awards 1…n in the given order, in one statement. */
export async function setAwardOrder(
  trx: Executor,
  { schoolId, activityId, ids }: { schoolId: number; activityId: number; ids: readonly number[] },
): Promise<void> {
  if (ids.length === 0) return
  const cases = sql.join(
    ids.map((id, index) => sql`when ${id} then ${index + 1}`),
    sql` `,
  )
  await trx
    .updateTable('awards')
    .set({ position: sql<number>`case id ${cases} else position end` })
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .where('id', 'in', [...ids])
    .execute()
}

/** A contest's own levels, highest first; null restores 特等奖…优秀奖. */
export async function setAwardLevels(
  trx: Executor,
  {
    schoolId,
    activityId,
    levels,
  }: { schoolId: number; activityId: number; levels: readonly string[] | null },
): Promise<void> {
  await trx
    .updateTable('activities')
    .set({ award_levels: levels ? JSON.stringify(levels) : null })
    .where('school_id', '=', schoolId)
    .where('id', '=', activityId)
    .execute()
}
