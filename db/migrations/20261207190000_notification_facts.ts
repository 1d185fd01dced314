import type { Kysely } from 'kysely'

// Frozen: never edit once landed; add a new migration instead.
//
// Inbox messages keep facts, worded in the reader's language when read. Messages stored before
// carried text made for one language; this rewrites the ones whose facts can still be found:
// - consent-requested: a formatted `date` and a translated "no venue" become the activity's
//   `startsAt`, `endsAt` and `venue`, plus the `studentId` the request was for (answering it marks
//   that child's message read);
// - notice-opened: the Chinese `className` becomes the window's `classId`;
// - dispute-raised: gains the `disputeId` it told about (resolving it marks the message read).
// A message whose activity, window or dispute is gone keeps its old params, which stay readable.

type Row = { id: number; user_id: number; entity_id: number; params: string; created_at: string }
type Params = Record<string, string | number>

async function rowsOfKind(db: Kysely<any>, kind: string): Promise<Row[]> {
  return db
    .selectFrom('notifications')
    .select(['id', 'user_id', 'entity_id', 'params', 'created_at'])
    .where('kind', '=', kind)
    .execute()
}

async function save(db: Kysely<any>, id: number, params: Params): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ params: JSON.stringify(params) })
    .where('id', '=', id)
    .execute()
}

async function consentFacts(db: Kysely<any>): Promise<void> {
  for (const row of await rowsOfKind(db, 'consent-requested')) {
    const params = JSON.parse(row.params) as Params
    if ('startsAt' in params) continue
    const activity = await db
      .selectFrom('activities')
      .select(['starts_at', 'ends_at', 'venue'])
      .where('id', '=', row.entity_id)
      .executeTakeFirst()
    if (!activity) continue
    // The guardian's child of that name who was asked about this activity.
    const child = await db
      .selectFrom('consents')
      .innerJoin('students', 'students.id', 'consents.student_id')
      .innerJoin('guardianships', 'guardianships.student_id', 'students.id')
      .select('students.id')
      .where('consents.activity_id', '=', row.entity_id)
      .where('guardianships.guardian_id', '=', row.user_id)
      .where('students.name', '=', String(params.child ?? ''))
      .executeTakeFirst()
    const { date: _date, ...kept } = params
    await save(db, row.id, {
      ...kept,
      ...(child ? { studentId: child.id } : {}),
      startsAt: activity.starts_at,
      endsAt: activity.ends_at,
      venue: activity.venue,
    })
  }
}

async function noticeFacts(db: Kysely<any>): Promise<void> {
  for (const row of await rowsOfKind(db, 'notice-opened')) {
    const params = JSON.parse(row.params) as Params
    if ('classId' in params) continue
    const window = await db
      .selectFrom('notice_windows')
      .select('class_id')
      .where('id', '=', row.entity_id)
      .executeTakeFirst()
    if (!window) continue
    const { className: _className, ...kept } = params
    await save(db, row.id, { ...kept, classId: window.class_id })
  }
}

async function disputeFacts(db: Kysely<any>): Promise<void> {
  for (const row of await rowsOfKind(db, 'dispute-raised')) {
    const params = JSON.parse(row.params) as Params
    if ('disputeId' in params) continue
    // The latest dispute of the window about that child raised by the time the message was sent.
    const dispute = await db
      .selectFrom('notice_disputes')
      .innerJoin('participations', 'participations.id', 'notice_disputes.participation_id')
      .innerJoin('students', 'students.id', 'participations.student_id')
      .select('notice_disputes.id')
      .where('notice_disputes.window_id', '=', row.entity_id)
      .where('students.name', '=', String(params.child ?? ''))
      .where('notice_disputes.created_at', '<=', row.created_at)
      .orderBy('notice_disputes.id', 'desc')
      .executeTakeFirst()
    if (dispute) await save(db, row.id, { ...params, disputeId: dispute.id })
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await consentFacts(db)
  await noticeFacts(db)
  await disputeFacts(db)
}

// Back to the earlier words where they can be had: the class's own name; a consent's date as the
// start instant (the earlier formatting lived in app code a migration may not import).
export async function down(db: Kysely<any>): Promise<void> {
  for (const row of await rowsOfKind(db, 'notice-opened')) {
    const { classId, ...kept } = JSON.parse(row.params) as Params
    if (classId === undefined) continue
    const schoolClass = await db
      .selectFrom('classes')
      .select('name')
      .where('id', '=', Number(classId))
      .executeTakeFirst()
    await save(db, row.id, { ...kept, className: schoolClass?.name ?? '' })
  }
  for (const row of await rowsOfKind(db, 'consent-requested')) {
    const { startsAt, endsAt: _endsAt, studentId: _studentId, ...kept } = JSON.parse(row.params) as Params
    if (startsAt === undefined) continue
    await save(db, row.id, { ...kept, date: String(startsAt) })
  }
}
