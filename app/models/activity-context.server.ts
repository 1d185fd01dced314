import { addDays, format, parseISO } from 'date-fns'
import type { Kysely, Transaction } from 'kysely'
import { type Conflict, findConflicts, type PlannedActivity } from '~/domain/conflicts'
import { instantRangeOfDays, localDay } from '~/domain/school-time'
import type { Database } from '../../db/schema'
import { listActivitiesBetween } from './activities.server'
import { listPartnerOptions } from './partners.server'
import { listDaysOff, listGrades } from './school.server'
import { listStrands } from './seasons.server'
import { listTeachers } from './users.server'

type Executor = Kysely<Database> | Transaction<Database>

/** Classes with their grade, without the pupil counts of listClasses: forms and labels only. */
export async function listClassOptions(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'classes.id',
      'classes.number',
      'classes.name',
      'classes.grade_id as gradeId',
      'grades.level as gradeLevel',
    ])
    .where('classes.school_id', '=', schoolId)
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
}

export type ClassOption = Awaited<ReturnType<typeof listClassOptions>>[number]

/** Everything the activity form offers to choose from, and what the action checks choices against. */
export async function listActivityFormOptions(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
) {
  const [strands, grades, classes, staff, partners] = await Promise.all([
    listStrands(db, { schoolId, seasonId }),
    listGrades(db, { schoolId }),
    listClassOptions(db, { schoolId }),
    listTeachers(db, { schoolId }),
    listPartnerOptions(db, { schoolId }),
  ])
  return {
    strands: strands.map(({ id, title, gradeIds }) => ({ id, title, gradeIds })),
    grades,
    classes,
    staff,
    partners: partners.map(({ id, name, category }) => ({ id, name, category })),
  }
}

export type ActivityFormOptions = Awaited<ReturnType<typeof listActivityFormOptions>>

/** A second click on "create" finds the first one's record instead of making a twin. */
export async function findActivityId(
  db: Executor,
  {
    schoolId,
    seasonId,
    title,
    startsAt,
  }: { schoolId: number; seasonId: number; title: string; startsAt: string },
): Promise<number | undefined> {
  const row = await db
    .selectFrom('activities')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('season_id', '=', seasonId)
    .where('title', '=', title)
    .where('starts_at', '=', startsAt)
    .executeTakeFirst()
  return row?.id
}

function shiftDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd')
}

/**
 * Warnings for one activity against every other activity of the school around its days (a day
 * either side), its season's dates, the school's days off and weekends. Returns the names of the
 * organisers of the activities it clashes with, for the warning text.
 */
export async function findActivityConflicts(
  db: Executor,
  {
    schoolId,
    timeZone,
    activity,
    season,
  }: {
    schoolId: number
    timeZone: string
    activity: PlannedActivity
    season: { startsOn: string; endsOn: string }
  },
): Promise<{ conflicts: Conflict[]; organisers: Record<number, string> }> {
  const window = instantRangeOfDays(
    shiftDay(localDay(activity.startsAt, timeZone), -1),
    shiftDay(localDay(activity.endsAt, timeZone), 1),
    timeZone,
  )
  const [others, daysOff, classes] = await Promise.all([
    listActivitiesBetween(db, { schoolId, ...window }),
    listDaysOff(db, { schoolId }),
    db
      .selectFrom('classes')
      .select(['id', 'grade_id as gradeId'])
      .where('school_id', '=', schoolId)
      .execute(),
  ])
  const conflicts = findConflicts(activity, others, {
    timeZone,
    season,
    daysOff,
    gradeOfClass: new Map(classes.map((c) => [c.id, c.gradeId])),
  })
  const organisers: Record<number, string> = {}
  for (const other of others) {
    if (other.organiserId !== null && other.organiserName) organisers[other.organiserId] = other.organiserName
  }
  return { conflicts, organisers }
}

/** A parent's own children with the grade and class ids that activities target. */
export async function listChildTargets(
  db: Executor,
  { schoolId, guardianId }: { schoolId: number; guardianId: number },
) {
  return db
    .selectFrom('guardianships')
    .innerJoin('students', 'students.id', 'guardianships.student_id')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'students.id',
      'students.name',
      'classes.id as classId',
      'classes.number as classNumber',
      'classes.name as className',
      'grades.id as gradeId',
      'grades.level as gradeLevel',
    ])
    .where('guardianships.guardian_id', '=', guardianId)
    .where('students.school_id', '=', schoolId)
    .where('students.active', '=', 1)
    .orderBy('grades.level')
    .orderBy('students.name')
    .execute()
}
