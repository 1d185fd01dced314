import type { Kysely, Transaction } from 'kysely'
import { nowIso } from '~/utils/clock'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export type AuditEntry = {
  schoolId: number
  userId: number | null
  action: string
  entity: string
  entityId?: number | null
  detail?: Record<string, unknown>
}

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      school_id: entry.schoolId,
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      created_at: nowIso(),
    })
    .execute()
}

/** Newest first; `beforeId` pages back through older entries. */
export async function listRecentAudit(
  db: Executor,
  { schoolId, limit, beforeId }: { schoolId: number; limit: number; beforeId?: number },
) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id as entityId',
      'audit_log.created_at as createdAt',
      'users.display_name as userName',
    ])
    .where('audit_log.school_id', '=', schoolId)
  if (beforeId) query = query.where('audit_log.id', '<', beforeId)
  return query.orderBy('audit_log.id', 'desc').limit(limit).execute()
}
