import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

export async function insertSession(
  db: Kysely<Database>,
  session: { id: string; userId: number; now: string; expiresAt: string; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      user_agent: session.userAgent,
      flash: null,
    })
    .execute()
}

/** The session with the user and school it belongs to, in one query. */
export async function findSessionWithUser(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('schools', 'schools.id', 'users.school_id')
    .select([
      'sessions.id as sessionId',
      'sessions.created_at as createdAt',
      'sessions.last_seen_at as lastSeenAt',
      'sessions.expires_at as expiresAt',
      'sessions.flash as flash',
      'users.id as id',
      'users.role as role',
      'users.username as username',
      'users.display_name as displayName',
      'users.active as active',
      'users.must_change_password as mustChangePassword',
      'schools.id as schoolId',
      'schools.slug as schoolSlug',
      'schools.name as schoolName',
      'schools.kind as schoolKind',
      'schools.time_zone as timeZone',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
}

export async function touchSession(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute()
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

export async function deleteSessionsOfUser(
  db: Kysely<Database>,
  { userId, exceptId }: { userId: number; exceptId?: string },
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptId) query = query.where('id', '!=', exceptId)
  await query.execute()
}

export async function setSessionFlash(db: Kysely<Database>, id: string, flash: string | null): Promise<void> {
  await db.updateTable('sessions').set({ flash }).where('id', '=', id).execute()
}
