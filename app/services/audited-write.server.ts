import type { Kysely, Transaction } from 'kysely'
import { type AuditEntry, recordAudit } from '~/models/audit.server'
import type { Database } from '../../db/schema'

export type Executor = Kysely<Database> | Transaction<Database>

/** Who acts, and in which school: every audited write names both. */
export type Actor = { schoolId: number; id: number }

/** The entry's own part; the actor adds who and where. */
export type AuditNote = Omit<AuditEntry, 'schoolId' | 'userId'> | null

/**
 * Runs `write` and records its audit entry in one transaction, so a change is never stored without
 * its entry (or the other way round). The entry may depend on what the write returned; null records
 * nothing (a repeated click that changed nothing). Inside a caller's transaction it joins it.
 */
export async function auditedWrite<T>(
  db: Executor,
  actor: Actor,
  write: (trx: Transaction<Database>) => Promise<T>,
  entry: AuditNote | ((result: T) => AuditNote),
): Promise<T> {
  const run = async (trx: Transaction<Database>) => {
    const result = await write(trx)
    const audit = typeof entry === 'function' ? entry(result) : entry
    if (audit) await recordAudit(trx, { ...audit, schoolId: actor.schoolId, userId: actor.id })
    return result
  }
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run)
}
