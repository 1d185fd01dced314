import { type Kysely, sql, type Transaction } from 'kysely'
import { nowIso } from '~/utils/clock'
import { containsPattern } from '../../db/query'
import type { Database, Role } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export async function findUserForSignIn(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'school_id as schoolId', 'active', 'password_hash as passwordHash'])
    .where('username', '=', username)
    .executeTakeFirst()
}

/**
 * The active accounts a phone signs in to: one per school at most (unique index), several when the
 * same parent has children in several schools; only `schoolSlug`'s when the sign-in page names one.
 */
export async function findUsersByPhoneForSignIn(
  db: Executor,
  { phone, schoolSlug }: { phone: string; schoolSlug?: string },
) {
  let query = db
    .selectFrom('users')
    .innerJoin('schools', 'schools.id', 'users.school_id')
    .select([
      'users.id',
      'users.school_id as schoolId',
      'users.password_hash as passwordHash',
      'schools.slug as schoolSlug',
      'schools.name as schoolName',
    ])
    .where('users.phone', '=', phone)
    .where('users.active', '=', 1)
  if (schoolSlug) query = query.where('schools.slug', '=', schoolSlug)
  return query.orderBy('schools.name').execute()
}

/** Accounts offered after a phone sign-in matched several schools, with their schools. */
export async function listSignInChoices(db: Executor, ids: readonly number[]) {
  if (!ids.length) return []
  return db
    .selectFrom('users')
    .innerJoin('schools', 'schools.id', 'users.school_id')
    .select([
      'users.id',
      'users.school_id as schoolId',
      'schools.slug as schoolSlug',
      'schools.name as schoolName',
    ])
    .where('users.id', 'in', ids)
    .where('users.active', '=', 1)
    .orderBy('schools.name')
    .execute()
}

export async function isUsernameTaken(db: Executor, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()
  return !!row
}

export type AccountFilter = { schoolId: number; role?: Role; search?: string }

function filteredAccounts(db: Executor, { schoolId, role, search }: AccountFilter) {
  let query = db.selectFrom('users').where('school_id', '=', schoolId)
  if (role) query = query.where('role', '=', role)
  if (search) {
    const pattern = containsPattern(search.toLowerCase())
    query = query.where(
      (eb) =>
        sql<boolean>`(lower(${eb.ref('username')}) like ${pattern} escape '\\' or ${eb.ref('display_name')} like ${pattern} escape '\\')`,
    )
  }
  return query
}

/** Admins, then teachers, then parents (the order a school thinks of them in), at most `limit`. */
export async function listAccounts(db: Executor, filter: AccountFilter & { limit: number }) {
  return filteredAccounts(db, filter)
    .select([
      'id',
      'username',
      'display_name as displayName',
      'role',
      'active',
      'must_change_password as mustChangePassword',
    ])
    .orderBy((eb) => eb.case('role').when('admin').then(0).when('teacher').then(1).else(2).end())
    .orderBy('username')
    .limit(filter.limit)
    .execute()
}

export async function countAccounts(db: Executor, filter: AccountFilter): Promise<number> {
  const row = await filteredAccounts(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countAccountsByRole(db: Executor, { schoolId }: { schoolId: number }) {
  const rows = await db
    .selectFrom('users')
    .select(['role', (eb) => eb.fn.countAll<number>().as('count')])
    .where('school_id', '=', schoolId)
    .where('active', '=', 1)
    .groupBy('role')
    .execute()
  const counts: Record<Role, number> = { admin: 0, teacher: 0, parent: 0 }
  for (const row of rows) counts[row.role] = Number(row.count)
  return counts
}

export async function getAccount(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name as displayName', 'role', 'active'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * The school's active staff. `label` is the name to pick them by: several may share a display name
 * (叶老师), and only those get their username beside it (叶老师（jw-t-0301）).
 */
export async function listTeachers(db: Executor, { schoolId }: { schoolId: number }) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name as displayName', 'username'])
    .where('school_id', '=', schoolId)
    .where('role', 'in', ['teacher', 'admin'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('username')
    .execute()
  const named = new Map<string, number>()
  for (const row of rows) named.set(row.displayName, (named.get(row.displayName) ?? 0) + 1)
  return rows.map(({ id, displayName, username }) => ({
    id,
    displayName,
    label: (named.get(displayName) ?? 0) > 1 ? `${displayName}（${username}）` : displayName,
  }))
}

export async function insertAccount(
  db: Executor,
  account: {
    schoolId: number
    role: Role
    username: string
    displayName: string
    passwordHash: string
    mustChangePassword: boolean
  },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      school_id: account.schoolId,
      role: account.role,
      username: account.username,
      display_name: account.displayName,
      password_hash: account.passwordHash,
      must_change_password: account.mustChangePassword ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function setAccountActive(
  db: Executor,
  { schoolId, id, active }: { schoolId: number; id: number; active: boolean },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ active: active ? 1 : 0 })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

/** A new password; `mustChangePassword` when an admin set it, so its owner replaces it at sign-in. */
export async function setPassword(
  db: Executor,
  {
    schoolId,
    id,
    passwordHash,
    mustChangePassword,
  }: { schoolId: number; id: number; passwordHash: string; mustChangePassword: boolean },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChangePassword ? 1 : 0,
      password_changed_at: nowIso(),
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

export async function getPasswordHash(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst()
  return row?.password_hash ?? null
}
