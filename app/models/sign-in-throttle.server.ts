import type { Kysely } from 'kysely'
import { type ThrottleState, windowStartBefore } from '~/domain/sign-in-throttle'
import type { Database } from '../../db/schema'

export async function getThrottle(db: Kysely<Database>, key: string): Promise<ThrottleState | null> {
  const row = await db
    .selectFrom('sign_in_throttle')
    .select(['failures', 'first_failure_at', 'locked_until'])
    .where('username_key', '=', key)
    .executeTakeFirst()
  if (!row) return null
  return {
    failures: row.failures,
    firstFailureAt: new Date(row.first_failure_at),
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
  }
}

export async function saveThrottle(db: Kysely<Database>, key: string, state: ThrottleState): Promise<void> {
  const values = {
    failures: state.failures,
    first_failure_at: state.firstFailureAt.toISOString(),
    locked_until: state.lockedUntil?.toISOString() ?? null,
  }
  await db
    .insertInto('sign_in_throttle')
    .values({ username_key: key, ...values })
    .onConflict((oc) => oc.column('username_key').doUpdateSet(values))
    .execute()
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('username_key', '=', key).execute()
}

/**
 * Deletes the states that no longer count, so the table holds at most the clients of the last
 * window, each with a bounded number of rows (the per-client ceiling stops new ones).
 */
export async function pruneThrottles(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .deleteFrom('sign_in_throttle')
    .where('first_failure_at', '<', windowStartBefore(now).toISOString())
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .execute()
}
