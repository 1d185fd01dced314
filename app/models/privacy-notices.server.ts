import type { Kysely, Transaction } from 'kysely'
import { defaultPrivacyNotice } from '~/domain/privacy-notice'
import { nowIso } from '~/utils/clock'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

const NOTICE_COLUMNS = [
  'privacy_notices.id as id',
  'privacy_notices.version as version',
  'privacy_notices.body_zh as bodyZh',
  'privacy_notices.body_en as bodyEn',
  'privacy_notices.contact as contact',
  'privacy_notices.published_at as publishedAt',
] as const

function latest(db: Executor, schoolId: number) {
  return db
    .selectFrom('privacy_notices')
    .where('privacy_notices.school_id', '=', schoolId)
    .orderBy('privacy_notices.version', 'desc')
    .limit(1)
}

/**
 * Gives a school without a notice the default text as version 1 (schools created before notices
 * existed, and new ones): every school has a notice to show and to acknowledge. Safe to race.
 */
async function ensureNotice(db: Executor, schoolId: number): Promise<void> {
  const school = await db
    .selectFrom('schools')
    .select('name')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow()
  const notice = defaultPrivacyNotice(school.name)
  await db
    .insertInto('privacy_notices')
    .values({
      school_id: schoolId,
      version: 1,
      body_zh: notice.bodyZh,
      body_en: notice.bodyEn,
      contact: notice.contact,
      published_at: nowIso(),
      published_by: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** The school's current (newest) notice. */
export async function getCurrentNotice(db: Executor, { schoolId }: { schoolId: number }) {
  const found = await latest(db, schoolId).select(NOTICE_COLUMNS).executeTakeFirst()
  if (found) return found
  await ensureNotice(db, schoolId)
  return latest(db, schoolId).select(NOTICE_COLUMNS).executeTakeFirstOrThrow()
}

/** The current notice's id and version, and whether this user has acknowledged it: one query. */
export async function findNoticeDue(
  db: Executor,
  { schoolId, userId }: { schoolId: number; userId: number },
) {
  const query = () =>
    latest(db, schoolId)
      .leftJoin('privacy_acknowledgements as ack', (join) =>
        join.onRef('ack.notice_id', '=', 'privacy_notices.id').on('ack.user_id', '=', userId),
      )
      .select(['privacy_notices.id as id', 'privacy_notices.version as version', 'ack.user_id as ackUserId'])
      .executeTakeFirst()
  let row = await query()
  if (!row) {
    await ensureNotice(db, schoolId)
    row = await query()
  }
  return row ? { id: row.id, version: row.version, acknowledged: row.ackUserId !== null } : null
}

/** Records the acknowledgement once; a second submit of the same version changes nothing. */
export async function acknowledgeNotice(
  db: Executor,
  { userId, noticeId, clientAddress }: { userId: number; noticeId: number; clientAddress: string },
): Promise<void> {
  await db
    .insertInto('privacy_acknowledgements')
    .values({
      user_id: userId,
      notice_id: noticeId,
      acknowledged_at: nowIso(),
      client_address: clientAddress,
    })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** Publishes the next version; the number is taken inside the caller's transaction. */
export async function publishNotice(
  trx: Executor,
  {
    schoolId,
    userId,
    bodyZh,
    bodyEn,
    contact,
  }: { schoolId: number; userId: number; bodyZh: string; bodyEn: string; contact: string },
): Promise<{ id: number; version: number }> {
  const current = await getCurrentNotice(trx, { schoolId })
  return trx
    .insertInto('privacy_notices')
    .values({
      school_id: schoolId,
      version: current.version + 1,
      body_zh: bodyZh,
      body_en: bodyEn,
      contact,
      published_at: nowIso(),
      published_by: userId,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow()
}

/** Guardians of the school (active accounts) and how many acknowledged this notice. */
export async function countAcknowledgements(
  db: Executor,
  { schoolId, noticeId }: { schoolId: number; noticeId: number },
): Promise<{ guardians: number; acknowledged: number }> {
  const row = await db
    .selectFrom('users')
    .leftJoin('privacy_acknowledgements as ack', (join) =>
      join.onRef('ack.user_id', '=', 'users.id').on('ack.notice_id', '=', noticeId),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('guardians'),
      eb.fn.count<number>('ack.user_id').as('acknowledged'),
    ])
    .where('users.school_id', '=', schoolId)
    .where('users.role', '=', 'parent')
    .where('users.active', '=', 1)
    .executeTakeFirstOrThrow()
  return { guardians: Number(row.guardians), acknowledged: Number(row.acknowledged) }
}

/** Every school, for a visitor who has not said which school's notice they want. */
export async function listSchoolsForNotice(db: Executor) {
  return db.selectFrom('schools').select(['name', 'slug']).orderBy('id').execute()
}
