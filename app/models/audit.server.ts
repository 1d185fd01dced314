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

export type AuditedRead = {
  schoolId: number
  userId: number
  action: string
  entity: string
  entityId?: number | null
  /** Every pupil whose data the read showed or exported. */
  pupilIds: readonly number[]
  /** Where the request came from (clientAddress(context)). */
  clientAddress: string
  detail?: Record<string, unknown>
}

/**
 * One audit entry for a read of pupils' data, naming the pupils it covered. Two statements
 * whatever the number of pupils (the entry, then one multi-row insert of its pupils), so a
 * class roster of 50 costs what a single record does.
 */
export async function recordRead(db: Executor, read: AuditedRead): Promise<void> {
  const { id } = await db
    .insertInto('audit_log')
    .values({
      school_id: read.schoolId,
      user_id: read.userId,
      action: read.action,
      entity: read.entity,
      entity_id: read.entityId ?? null,
      detail: read.detail ? JSON.stringify(read.detail) : null,
      ip: read.clientAddress,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const pupilIds = [...new Set(read.pupilIds)]
  if (!pupilIds.length) return
  // SQLite binds at most 32,766 parameters: two per pupil leaves room for any school's roster.
  await db
    .insertInto('audit_log_pupils')
    .values(pupilIds.map((studentId) => ({ audit_id: id, student_id: studentId })))
    .execute()
}

/**
 * Newest first; `beforeId` pages back through older entries. With `studentId`, only the entries
 * about that pupil: changes made to their record and reads that covered them.
 */
export async function listRecentAudit(
  db: Executor,
  {
    schoolId,
    limit,
    beforeId,
    studentId,
  }: { schoolId: number; limit: number; beforeId?: number; studentId?: number },
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
      'audit_log.ip',
      'users.display_name as userName',
    ])
    .where('audit_log.school_id', '=', schoolId)
  if (beforeId) query = query.where('audit_log.id', '<', beforeId)
  if (studentId) {
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('audit_log.entity', '=', 'student'), eb('audit_log.entity_id', '=', studentId)]),
        eb(
          'audit_log.id',
          'in',
          eb.selectFrom('audit_log_pupils').select('audit_id').where('student_id', '=', studentId),
        ),
      ]),
    )
  }
  return query.orderBy('audit_log.id', 'desc').limit(limit).execute()
}

/** The newest reads that covered one pupil, with who read and in which role. */
export async function listReadsOfPupil(
  db: Executor,
  { schoolId, studentId, limit }: { schoolId: number; studentId: number; limit: number },
) {
  return db
    .selectFrom('audit_log_pupils')
    .innerJoin('audit_log', 'audit_log.id', 'audit_log_pupils.audit_id')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id as entityId',
      'audit_log.created_at as createdAt',
      'users.display_name as userName',
      'users.role',
    ])
    .where('audit_log_pupils.student_id', '=', studentId)
    .where('audit_log.school_id', '=', schoolId)
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute()
}

/** How many reads among `actions` covered one pupil from `from` (an instant) on. */
export async function countReadsOfPupil(
  db: Executor,
  {
    schoolId,
    studentId,
    actions,
    from,
  }: { schoolId: number; studentId: number; actions: readonly string[]; from: string },
): Promise<number> {
  const row = await db
    .selectFrom('audit_log_pupils')
    .innerJoin('audit_log', 'audit_log.id', 'audit_log_pupils.audit_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('audit_log_pupils.student_id', '=', studentId)
    .where('audit_log.school_id', '=', schoolId)
    .where('audit_log.action', 'in', [...actions])
    .where('audit_log.created_at', '>=', from)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
