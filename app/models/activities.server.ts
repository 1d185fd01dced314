import type { Kysely, Transaction } from 'kysely'
import { nowIso } from '~/utils/clock'
import type { ActivityKind, Database, PartnerRole, PlanStatus, PracticeCategory } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export type ActivityInput = {
  seasonId: number
  strandId: number | null
  title: string
  kind: ActivityKind
  lesson: string
  startsAt: string
  endsAt: string
  venue: string
  offCampus: boolean
  needsConsent: boolean
  organiserId: number | null
  capacity: number | null
  description: string
  practiceCategory: PracticeCategory | null
  practiceHours: number | null
  observance: string | null
  gradeIds: number[]
  classIds: number[]
  staffIds: number[]
  partners: { partnerId: number; role: PartnerRole }[]
  /** What a consent request tells guardians; left as stored when undefined (a season copy, a test). */
  transport?: string
  contactPhone?: string
  consentDueOn?: string | null
}

const SUMMARY_COLUMNS = [
  'activities.id',
  'activities.season_id as seasonId',
  'activities.strand_id as strandId',
  'activities.title',
  'activities.kind',
  'activities.lesson',
  'activities.starts_at as startsAt',
  'activities.ends_at as endsAt',
  'activities.venue',
  'activities.off_campus as offCampus',
  'activities.needs_consent as needsConsent',
  'activities.organiser_id as organiserId',
  'activities.status',
  'activities.observance',
  'activities.practice_category as practiceCategory',
  'activities.practice_hours as practiceHours',
  'organiser.display_name as organiserName',
] as const

/** Targets of many activities in two queries, never one per activity. */
async function targetsOf(db: Executor, activityIds: number[]) {
  const grades = new Map<number, number[]>()
  const classes = new Map<number, number[]>()
  if (activityIds.length === 0) return { grades, classes }
  const [gradeRows, classRows] = await Promise.all([
    db
      .selectFrom('activity_grades')
      .innerJoin('grades', 'grades.id', 'activity_grades.grade_id')
      .select(['activity_grades.activity_id as activityId', 'activity_grades.grade_id as id'])
      .where('activity_grades.activity_id', 'in', activityIds)
      .orderBy('grades.level')
      .execute(),
    db
      .selectFrom('activity_classes')
      .innerJoin('classes', 'classes.id', 'activity_classes.class_id')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select(['activity_classes.activity_id as activityId', 'activity_classes.class_id as id'])
      .where('activity_classes.activity_id', 'in', activityIds)
      .orderBy('grades.level')
      .orderBy('classes.number')
      .execute(),
  ])
  for (const row of gradeRows) grades.set(row.activityId, [...(grades.get(row.activityId) ?? []), row.id])
  for (const row of classRows) classes.set(row.activityId, [...(classes.get(row.activityId) ?? []), row.id])
  return { grades, classes }
}

/** Rows of activities with their target grade and class ids added. */
export async function withTargets<T extends { id: number }>(db: Executor, rows: T[]) {
  const { grades, classes } = await targetsOf(
    db,
    rows.map((row) => row.id),
  )
  return rows.map((row) => ({
    ...row,
    gradeIds: grades.get(row.id) ?? [],
    classIds: classes.get(row.id) ?? [],
  }))
}

export async function listActivitiesOfSeason(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
) {
  const rows = await db
    .selectFrom('activities')
    .leftJoin('users as organiser', 'organiser.id', 'activities.organiser_id')
    .select(SUMMARY_COLUMNS)
    .where('activities.school_id', '=', schoolId)
    .where('activities.season_id', '=', seasonId)
    .orderBy('activities.starts_at')
    .orderBy('activities.id')
    .execute()
  return withTargets(db, rows)
}

export type ActivitySummary = Awaited<ReturnType<typeof listActivitiesOfSeason>>[number]

/** Activities overlapping [from, to) (UTC instants), of any season of the school: conflicts and calendars. */
export async function listActivitiesBetween(
  db: Executor,
  {
    schoolId,
    from,
    to,
    statuses,
  }: { schoolId: number; from: string; to: string; statuses?: readonly PlanStatus[] },
) {
  let query = db
    .selectFrom('activities')
    .leftJoin('users as organiser', 'organiser.id', 'activities.organiser_id')
    .select(SUMMARY_COLUMNS)
    .where('activities.school_id', '=', schoolId)
    .where('activities.starts_at', '<', to)
    .where('activities.ends_at', '>', from)
  if (statuses) query = query.where('activities.status', 'in', [...statuses])
  const rows = await query.orderBy('activities.starts_at').orderBy('activities.id').execute()
  return withTargets(db, rows)
}

export async function getActivity(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  const row = await db
    .selectFrom('activities')
    .innerJoin('seasons', 'seasons.id', 'activities.season_id')
    .leftJoin('strands', 'strands.id', 'activities.strand_id')
    .leftJoin('users as organiser', 'organiser.id', 'activities.organiser_id')
    .select([
      ...SUMMARY_COLUMNS,
      'activities.capacity',
      'activities.description',
      'activities.transport',
      'activities.contact_phone as contactPhone',
      'activities.consent_due_on as consentDueOn',
      'organiser.phone as organiserPhone',
      'activities.updated_at as updatedAt',
      'seasons.title as seasonTitle',
      'seasons.status as seasonStatus',
      'seasons.starts_on as seasonStartsOn',
      'seasons.ends_on as seasonEndsOn',
      'seasons.owner_id as seasonOwnerId',
      'strands.title as strandTitle',
    ])
    .where('activities.school_id', '=', schoolId)
    .where('activities.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  const [[withIds], staff, partners] = await Promise.all([
    withTargets(db, [row]),
    db
      .selectFrom('activity_staff')
      .innerJoin('users', 'users.id', 'activity_staff.user_id')
      .select(['users.id', 'users.display_name as displayName'])
      .where('activity_staff.activity_id', '=', id)
      .orderBy('users.display_name')
      .execute(),
    db
      .selectFrom('activity_partners')
      .innerJoin('partners', 'partners.id', 'activity_partners.partner_id')
      .select([
        'partners.id',
        'partners.name',
        'partners.category',
        'partners.patriotic_base as patrioticBase',
        'activity_partners.role',
      ])
      .where('activity_partners.activity_id', '=', id)
      .orderBy('activity_partners.role')
      .orderBy('partners.name')
      .execute(),
  ])
  return { ...(withIds as typeof row & { gradeIds: number[]; classIds: number[] }), staff, partners }
}

export type ActivityDetail = NonNullable<Awaited<ReturnType<typeof getActivity>>>

function activityColumns(input: ActivityInput) {
  return {
    season_id: input.seasonId,
    strand_id: input.strandId,
    title: input.title,
    kind: input.kind,
    lesson: input.lesson,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    venue: input.venue,
    off_campus: input.offCampus ? 1 : 0,
    needs_consent: input.needsConsent ? 1 : 0,
    organiser_id: input.organiserId,
    capacity: input.capacity,
    description: input.description,
    practice_category: input.practiceCategory,
    practice_hours: input.practiceHours,
    observance: input.observance,
    ...(input.transport === undefined ? {} : { transport: input.transport }),
    ...(input.contactPhone === undefined ? {} : { contact_phone: input.contactPhone }),
    ...(input.consentDueOn === undefined ? {} : { consent_due_on: input.consentDueOn }),
  } as const
}

async function setActivityLinks(db: Executor, activityId: number, input: ActivityInput) {
  await Promise.all([
    db.deleteFrom('activity_grades').where('activity_id', '=', activityId).execute(),
    db.deleteFrom('activity_classes').where('activity_id', '=', activityId).execute(),
    db.deleteFrom('activity_staff').where('activity_id', '=', activityId).execute(),
    db.deleteFrom('activity_partners').where('activity_id', '=', activityId).execute(),
  ])
  const gradeIds = [...new Set(input.gradeIds)]
  const classIds = [...new Set(input.classIds)]
  const staffIds = [...new Set(input.staffIds)]
  if (gradeIds.length) {
    await db
      .insertInto('activity_grades')
      .values(gradeIds.map((id) => ({ activity_id: activityId, grade_id: id })))
      .execute()
  }
  if (classIds.length) {
    await db
      .insertInto('activity_classes')
      .values(classIds.map((id) => ({ activity_id: activityId, class_id: id })))
      .execute()
  }
  if (staffIds.length) {
    await db
      .insertInto('activity_staff')
      .values(staffIds.map((id) => ({ activity_id: activityId, user_id: id })))
      .execute()
  }
  if (input.partners.length) {
    const unique = new Map(input.partners.map((p) => [p.partnerId, p.role]))
    await db
      .insertInto('activity_partners')
      .values(
        [...unique].map(([partnerId, role]) => ({ activity_id: activityId, partner_id: partnerId, role })),
      )
      .execute()
  }
}

/** Callers run it in a transaction: the activity and its targets are one record. */
export async function insertActivity(
  db: Executor,
  {
    schoolId,
    createdBy,
    status,
    input,
  }: { schoolId: number; createdBy: number; status: PlanStatus; input: ActivityInput },
): Promise<number> {
  const row = await db
    .insertInto('activities')
    .values({
      school_id: schoolId,
      created_by: createdBy,
      status,
      ...activityColumns(input),
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await setActivityLinks(db, row.id, input)
  return row.id
}

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

export async function updateActivity(
  db: Executor,
  { schoolId, id, status, input }: { schoolId: number; id: number; status: PlanStatus; input: ActivityInput },
): Promise<void> {
  await db
    .updateTable('activities')
    .set({ ...activityColumns(input), status, updated_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
  await setActivityLinks(db, id, input)
}

export async function deleteActivity(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  await db.deleteFrom('activities').where('school_id', '=', schoolId).where('id', '=', id).execute()
}

/** Moves one activity between statuses, only from the status the caller saw. */
export async function setActivityStatus(
  db: Executor,
  { schoolId, id, from, to }: { schoolId: number; id: number; from: PlanStatus; to: PlanStatus },
): Promise<boolean> {
  const result = await db
    .updateTable('activities')
    .set({ status: to, updated_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/**
 * Moves every activity of a season in status `from` to `to`, as one decision on the season; returns
 * the ids of those that moved (a decision that approves them also asks for consent).
 */
export async function setSeasonActivitiesStatus(
  db: Executor,
  {
    schoolId,
    seasonId,
    from,
    to,
  }: { schoolId: number; seasonId: number; from: readonly PlanStatus[]; to: PlanStatus },
): Promise<number[]> {
  if (from.length === 0) return []
  const moved = await db
    .updateTable('activities')
    .set({ status: to, updated_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('season_id', '=', seasonId)
    .where('status', 'in', [...from])
    .returning('id')
    .execute()
  return moved.map((row) => row.id)
}

export async function listTasks(
  db: Executor,
  { schoolId, activityId }: { schoolId: number; activityId: number },
) {
  return db
    .selectFrom('activity_tasks')
    .leftJoin('users as owner', 'owner.id', 'activity_tasks.owner_id')
    .select([
      'activity_tasks.id',
      'activity_tasks.title',
      'activity_tasks.owner_id as ownerId',
      'owner.display_name as ownerName',
      'activity_tasks.due_on as dueOn',
      'activity_tasks.done_at as doneAt',
      'activity_tasks.position',
    ])
    .where('activity_tasks.school_id', '=', schoolId)
    .where('activity_tasks.activity_id', '=', activityId)
    .orderBy('activity_tasks.position')
    .orderBy('activity_tasks.id')
    .execute()
}

export async function getTask(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('activity_tasks')
    .select([
      'id',
      'activity_id as activityId',
      'title',
      'owner_id as ownerId',
      'due_on as dueOn',
      'done_at as doneAt',
    ])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export type TaskInput = {
  title: string
  ownerId: number | null
  dueOn: string | null
  /** Added by Siji on creation rather than by a person */
  automatic?: boolean
}

/**
 * The tasks Siji added on creation and nobody has done or handed to someone else follow the
 * activity's new organiser; tasks people added keep their owners.
 */
export async function reassignAutomaticTasks(
  db: Executor,
  {
    schoolId,
    activityId,
    from,
    to,
  }: { schoolId: number; activityId: number; from: number | null; to: number },
): Promise<void> {
  if (from === to) return
  await db
    .updateTable('activity_tasks')
    .set({ owner_id: to })
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .where('automatic', '=', 1)
    .where('done_at', 'is', null)
    .where((eb) => (from === null ? eb('owner_id', 'is', null) : eb('owner_id', '=', from)))
    .execute()
}

export async function insertTasks(
  db: Executor,
  { schoolId, activityId, tasks }: { schoolId: number; activityId: number; tasks: TaskInput[] },
): Promise<void> {
  if (tasks.length === 0) return
  const last = await db
    .selectFrom('activity_tasks')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('activity_id', '=', activityId)
    .executeTakeFirst()
  const start = (last?.max ?? 0) + 1
  await db
    .insertInto('activity_tasks')
    .values(
      tasks.map((task, index) => ({
        school_id: schoolId,
        activity_id: activityId,
        title: task.title,
        owner_id: task.ownerId,
        due_on: task.dueOn,
        automatic: task.automatic ? 1 : 0,
        position: start + index,
      })),
    )
    .execute()
}

export async function updateTask(
  db: Executor,
  { schoolId, id, task, done }: { schoolId: number; id: number; task?: TaskInput; done?: boolean },
): Promise<void> {
  await db
    .updateTable('activity_tasks')
    .set({
      ...(task ? { title: task.title, owner_id: task.ownerId, due_on: task.dueOn } : {}),
      ...(done === undefined ? {} : { done_at: done ? nowIso() : null }),
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

export async function deleteTask(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  await db.deleteFrom('activity_tasks').where('school_id', '=', schoolId).where('id', '=', id).execute()
}

/** Tasks across a season, for its page and the review: what is still open before the day. */
export async function listOpenTasksOfSeason(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
) {
  return db
    .selectFrom('activity_tasks')
    .innerJoin('activities', 'activities.id', 'activity_tasks.activity_id')
    .leftJoin('users as owner', 'owner.id', 'activity_tasks.owner_id')
    .select([
      'activity_tasks.id',
      'activity_tasks.title',
      'activity_tasks.due_on as dueOn',
      'owner.display_name as ownerName',
      'activities.id as activityId',
      'activities.title as activityTitle',
    ])
    .where('activity_tasks.school_id', '=', schoolId)
    .where('activities.season_id', '=', seasonId)
    .where('activity_tasks.done_at', 'is', null)
    .orderBy('activity_tasks.due_on')
    .execute()
}

/** Every use of a partner by an activity of a season (a partner appears once per activity). */
export async function listPartnersOfSeason(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
) {
  return db
    .selectFrom('activity_partners')
    .innerJoin('activities', 'activities.id', 'activity_partners.activity_id')
    .innerJoin('partners', 'partners.id', 'activity_partners.partner_id')
    .select([
      'partners.id',
      'partners.name',
      'partners.category',
      'partners.patriotic_base as patrioticBase',
      'activity_partners.role',
      'activities.id as activityId',
      'activities.title as activityTitle',
    ])
    .where('activities.school_id', '=', schoolId)
    .where('activities.season_id', '=', seasonId)
    .orderBy('partners.name')
    .execute()
}

/** How many active pupils each activity reaches (its whole grades and its classes), in one query. */
export async function countPupilsReached(
  db: Executor,
  { schoolId, activityIds }: { schoolId: number; activityIds: number[] },
): Promise<Map<number, number>> {
  if (activityIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('activities')
    .innerJoin('students', (join) =>
      join.onRef('students.school_id', '=', 'activities.school_id').on('students.active', '=', 1),
    )
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .select((eb) => ['activities.id', eb.fn.count<number>('students.id').distinct().as('pupils')])
    .where('activities.school_id', '=', schoolId)
    .where('activities.id', 'in', activityIds)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('activity_grades')
            .select('activity_grades.grade_id')
            .whereRef('activity_grades.activity_id', '=', 'activities.id')
            .whereRef('activity_grades.grade_id', '=', 'classes.grade_id'),
        ),
        eb.exists(
          eb
            .selectFrom('activity_classes')
            .select('activity_classes.class_id')
            .whereRef('activity_classes.activity_id', '=', 'activities.id')
            .whereRef('activity_classes.class_id', '=', 'classes.id'),
        ),
      ]),
    )
    .groupBy('activities.id')
    .execute()
  return new Map(rows.map((row) => [row.id, Number(row.pupils)]))
}
