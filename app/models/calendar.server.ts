import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import type { Database, PlanStatus } from '../../db/schema'
import { withTargets } from './activities.server'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * Who an activity must be meant for. An activity reaches it when it targets one of `grades` as a
 * whole, one of `classes`, or any class of `classesOfGrades`.
 */
export type Reach = { grades: number[]; classes: number[]; classesOfGrades: number[] }

/** A grade: the whole grade or any of its classes. */
export function gradeReach(gradeId: number): Reach {
  return { grades: [gradeId], classes: [], classesOfGrades: [gradeId] }
}

/** A class: that class or its whole grade. */
export function classReach(classId: number, gradeId: number): Reach {
  return { grades: [gradeId], classes: [classId], classesOfGrades: [] }
}

function reaching(eb: ExpressionBuilder<Database, 'activities'>, reach: Reach) {
  const conditions = []
  if (reach.grades.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('activity_grades')
          .select('activity_grades.activity_id')
          .whereRef('activity_grades.activity_id', '=', 'activities.id')
          .where('activity_grades.grade_id', 'in', reach.grades),
      ),
    )
  }
  if (reach.classes.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('activity_classes')
          .select('activity_classes.activity_id')
          .whereRef('activity_classes.activity_id', '=', 'activities.id')
          .where('activity_classes.class_id', 'in', reach.classes),
      ),
    )
  }
  if (reach.classesOfGrades.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('activity_classes')
          .innerJoin('classes', 'classes.id', 'activity_classes.class_id')
          .select('activity_classes.activity_id')
          .whereRef('activity_classes.activity_id', '=', 'activities.id')
          .where('classes.grade_id', 'in', reach.classesOfGrades),
      ),
    )
  }
  return conditions.length ? eb.or(conditions) : eb.lit(false)
}

const CALENDAR_COLUMNS = [
  'activities.id',
  'activities.title',
  'activities.kind',
  'activities.starts_at as startsAt',
  'activities.ends_at as endsAt',
  'activities.venue',
  'activities.off_campus as offCampus',
  'activities.needs_consent as needsConsent',
  'activities.status',
  'activities.description',
  'activities.organiser_id as organiserId',
  'activities.created_at as createdAt',
  'activities.updated_at as updatedAt',
] as const

/**
 * Activities of the school overlapping [from, to) (UTC instants) that reach every one of `reaches`
 * (a parent's children and a filter, say), with their target grades and classes.
 */
export async function listCalendarActivities(
  db: Executor,
  {
    schoolId,
    from,
    to,
    statuses,
    reaches = [],
  }: { schoolId: number; from: string; to: string; statuses?: readonly PlanStatus[]; reaches?: Reach[] },
) {
  let query = db
    .selectFrom('activities')
    .select(CALENDAR_COLUMNS)
    .where('activities.school_id', '=', schoolId)
    .where('activities.starts_at', '<', to)
    .where('activities.ends_at', '>', from)
  if (statuses) query = query.where('activities.status', 'in', [...statuses])
  for (const reach of reaches) query = query.where((eb) => reaching(eb, reach))
  const rows = await query.orderBy('activities.starts_at').orderBy('activities.id').execute()
  return withTargets(db, rows)
}

export type CalendarActivity = Awaited<ReturnType<typeof listCalendarActivities>>[number]

/** A staff member's activities (as organiser or staff) that have not ended by `from`. */
export async function listActivitiesOfStaff(
  db: Executor,
  { schoolId, userId, from, limit }: { schoolId: number; userId: number; from: string; limit: number },
) {
  return db
    .selectFrom('activities')
    .select([
      'activities.id',
      'activities.title',
      'activities.starts_at as startsAt',
      'activities.ends_at as endsAt',
      'activities.venue',
      'activities.off_campus as offCampus',
      'activities.status',
      'activities.organiser_id as organiserId',
    ])
    .where('activities.school_id', '=', schoolId)
    .where('activities.ends_at', '>', from)
    .where((eb) =>
      eb.or([
        eb('activities.organiser_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('activity_staff')
            .select('activity_staff.activity_id')
            .whereRef('activity_staff.activity_id', '=', 'activities.id')
            .where('activity_staff.user_id', '=', userId),
        ),
      ]),
    )
    .orderBy('activities.starts_at')
    .orderBy('activities.id')
    .limit(limit)
    .execute()
}

/** Checklist tasks a person owns and has not done, with their activity; `dueBefore` keeps the overdue. */
export async function listOpenTasksOfOwner(
  db: Executor,
  {
    schoolId,
    userId,
    limit,
    dueBefore,
  }: { schoolId: number; userId: number; limit: number; dueBefore?: string },
) {
  return db
    .selectFrom('activity_tasks')
    .innerJoin('activities', 'activities.id', 'activity_tasks.activity_id')
    .select([
      'activity_tasks.id',
      'activity_tasks.title',
      'activity_tasks.due_on as dueOn',
      'activities.id as activityId',
      'activities.title as activityTitle',
    ])
    .where('activity_tasks.school_id', '=', schoolId)
    .where('activities.school_id', '=', schoolId)
    .where('activity_tasks.owner_id', '=', userId)
    .where('activity_tasks.done_at', 'is', null)
    .$if(dueBefore !== undefined, (query) => query.where('activity_tasks.due_on', '<', dueBefore ?? ''))
    .orderBy('activity_tasks.due_on')
    .orderBy('activity_tasks.id')
    .limit(limit)
    .execute()
}

/** The school of a public feed URL. */
export async function findSchoolBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('schools')
    .select(['id', 'slug', 'name', 'district', 'kind', 'time_zone as timeZone', 'emblem_key as emblemKey'])
    .where('slug', '=', slug)
    .executeTakeFirst()
}

export async function findGradeByLevel(
  db: Executor,
  { schoolId, level }: { schoolId: number; level: number },
) {
  return db
    .selectFrom('grades')
    .select(['id', 'level', 'name'])
    .where('school_id', '=', schoolId)
    .where('level', '=', level)
    .executeTakeFirst()
}

/** The parent's feed in use, if any: only its creation date is known, never its address. */
export async function getActiveFeed(
  db: Executor,
  { schoolId, userId }: { schoolId: number; userId: number },
) {
  return db
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at as createdAt'])
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** Revokes the person's feeds in use; returns the ids it revoked. */
export async function revokeFeeds(
  db: Executor,
  { schoolId, userId, now }: { schoolId: number; userId: number; now: string },
): Promise<number[]> {
  const rows = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

/** Callers revoke the old feed in the same transaction: a parent has one address at a time. */
export async function insertFeed(
  db: Executor,
  { schoolId, userId, tokenHash }: { schoolId: number; userId: number; tokenHash: string },
): Promise<number> {
  const row = await db
    .insertInto('calendar_feeds')
    .values({ school_id: schoolId, user_id: userId, token_hash: tokenHash })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A feed in use, by the hash of its token, with the parent and school it belongs to. */
export async function findFeedByTokenHash(db: Executor, tokenHash: string) {
  return (
    db
      .selectFrom('calendar_feeds')
      .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
      .innerJoin('schools', 'schools.id', 'calendar_feeds.school_id')
      .select([
        'calendar_feeds.id',
        'calendar_feeds.user_id as userId',
        'schools.id as schoolId',
        'schools.slug',
        'schools.name as schoolName',
        'schools.kind',
        'schools.time_zone as timeZone',
      ])
      .where('calendar_feeds.token_hash', '=', tokenHash)
      .where('calendar_feeds.revoked_at', 'is', null)
      // A deactivated or moved account's address stops working with it.
      .whereRef('users.school_id', '=', 'calendar_feeds.school_id')
      .where('users.active', '=', 1)
      .where('users.role', '=', 'parent')
      .executeTakeFirst()
  )
}
