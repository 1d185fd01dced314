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
    entity: 'season' | 'activity' | 'consent' | 'notice' | 'recap'
    entityId: number
    params: Record<string, string>
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
  return rows.map((row) => ({ ...row, params: JSON.parse(row.params) as Record<string, string> }))
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
