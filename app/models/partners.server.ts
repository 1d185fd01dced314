import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/** Active partners to choose from on an activity form. */
export async function listPartnerOptions(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('partners')
    .select(['id', 'name', 'category', 'patriotic_base as patrioticBase'])
    .where('school_id', '=', schoolId)
    .where('active', '=', 1)
    .orderBy('name')
    .execute()
}
