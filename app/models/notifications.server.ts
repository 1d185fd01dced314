import type { Kysely, Transaction } from 'kysely'
import { nowIso } from '~/utils/clock'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export type NotificationKind =
  | 'season-submitted'
  | 'season-approved'
  | 'season-changes_requested'
  | 'season-published'
  | 'activity-submitted'
  | 'activity-approved'
  | 'activity-changes_requested'
  | 'consent-requested'
  | 'consent-reminder'
  | 'notice-opened'
  | 'dispute-raised'
  | 'dispute-upheld'
  | 'dispute-rejected'
  | 'recap-submitted'
  | 'recap-returned'
  | 'recap-published'
  | 'correction-requested'
  | 'correction-corrected'
  | 'correction-not_changed'

export type NotificationEntity = 'season' | 'activity' | 'consent' | 'notice' | 'recap' | 'correction'

/**
 * A message's params are facts, never text made for one language: ids, ISO dates and instants,
 * numbers, and what people typed (titles, names, comments). The inbox words them in the reader's
 * language when it is read (app/utils/inbox-messages.ts): `startsAt`+`endsAt` become a date range,
 * a `…On` day a date, `classId` the class's name, an empty `venue` "no venue given".
 */
export type NotificationParams = Record<string, string | number>

/** One message per recipient, in the same transaction as the change it tells about. */
export async function notify(
  db: Executor,
  {
    schoolId,
    userIds,
    kind,
    entity,
    entityId,
    params,
  }: {
    schoolId: number
    userIds: readonly number[]
    kind: NotificationKind
    entity: NotificationEntity
    entityId: number
    params: NotificationParams
  },
): Promise<void> {
  const recipients = [...new Set(userIds)]
  if (recipients.length === 0) return
  const createdAt = nowIso()
  await db
    .insertInto('notifications')
    .values(
      recipients.map((userId) => ({
        school_id: schoolId,
        user_id: userId,
        kind,
        entity,
        entity_id: entityId,
        params: JSON.stringify(params),
        created_at: createdAt,
      })),
    )
    .execute()
}

/** Everyone who decides on programmes in a school. */
export async function listReviewerIds(db: Executor, { schoolId }: { schoolId: number }): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .execute()
  return rows.map((row) => row.id)
}

/** A class a message names, as its readers see it in either language. */
export type MessageClass = { name: string; number: number; gradeLevel: number }

export async function listNotifications(
  db: Executor,
  { schoolId, userId, limit }: { schoolId: number; userId: number; limit: number },
) {
  const rows = await db
    .selectFrom('notifications')
    .select([
      'id',
      'kind',
      'entity',
      'entity_id as entityId',
      'params',
      'read_at as readAt',
      'created_at as createdAt',
    ])
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  const messages = rows.map((row) => ({ ...row, params: JSON.parse(row.params) as NotificationParams }))
  // The classes the messages name, in one statement: a class's name is worded when read.
  const classIds = [
    ...new Set(messages.map((m) => m.params.classId).filter((id): id is number => typeof id === 'number')),
  ]
  const classes = classIds.length
    ? await db
        .selectFrom('classes')
        .innerJoin('grades', 'grades.id', 'classes.grade_id')
        .select(['classes.id', 'classes.name', 'classes.number', 'grades.level as gradeLevel'])
        .where('classes.school_id', '=', schoolId)
        .where('classes.id', 'in', classIds)
        .execute()
    : []
  const byId = new Map(classes.map(({ id, ...c }) => [id, c]))
  return messages.map((message) => {
    const classId = message.params.classId
    const schoolClass: MessageClass | null = typeof classId === 'number' ? (byId.get(classId) ?? null) : null
    return { ...message, schoolClass }
  })
}

export async function countUnread(db: Executor, { schoolId, userId }: { schoolId: number; userId: number }) {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function markRead(
  db: Executor,
  { schoolId, userId, id }: { schoolId: number; userId: number; id?: number },
): Promise<void> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
  if (id) query = query.where('id', '=', id)
  await query.execute()
}

/**
 * The kinds of message an act answers. Doing what a message asks marks the doer's own copy read:
 * deciding a submission, resubmitting what was returned, or opening the page of a message that only
 * tells. Answering a consent request (every consent message about that child and activity, whatever
 * its kind) and resolving a dispute are matched by their facts instead.
 */
export const ANSWERED_BY = {
  decision: {
    season: ['season-submitted'],
    activity: ['activity-submitted'],
    recap: ['recap-submitted'],
    correction: ['correction-requested'],
  },
  resubmission: {
    season: ['season-changes_requested'],
    activity: ['activity-changes_requested'],
    recap: ['recap-returned'],
  },
  reading: {
    season: ['season-approved', 'season-published'],
    activity: ['activity-approved'],
    recap: ['recap-published'],
    notice: ['notice-opened', 'dispute-upheld', 'dispute-rejected'],
    correction: ['correction-corrected', 'correction-not_changed'],
  },
} as const satisfies Record<string, Partial<Record<NotificationEntity, readonly NotificationKind[]>>>

/**
 * Marks read this reader's unread messages about these entities once they have acted on them:
 * only those of `kinds` (any kind when omitted) and, with `about`, only those whose params carry
 * these facts (one child, one dispute). Other readers' copies stay as they are.
 */
export async function markActedOn(
  db: Executor,
  {
    schoolId,
    userId,
    entity,
    entityIds,
    kinds,
    about,
  }: {
    schoolId: number
    userId: number
    entity: NotificationEntity
    entityIds: readonly number[]
    kinds?: readonly string[]
    about?: NotificationParams
  },
): Promise<void> {
  if (entityIds.length === 0 || kinds?.length === 0) return
  let query = db
    .selectFrom('notifications')
    .select(['id', 'params'])
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('entity', '=', entity)
    .where('entity_id', 'in', entityIds)
    .where('read_at', 'is', null)
  if (kinds) query = query.where('kind', 'in', kinds)
  const rows = await query.execute()
  // Params are JSON text: matched here rather than with a dialect's JSON functions.
  const ids = rows
    .filter((row) => {
      if (!about) return true
      const params = JSON.parse(row.params) as NotificationParams
      return Object.entries(about).every(([key, value]) => params[key] === value)
    })
    .map((row) => row.id)
  if (ids.length === 0) return
  await db.updateTable('notifications').set({ read_at: nowIso() }).where('id', 'in', ids).execute()
}
