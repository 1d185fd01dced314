import { type Kysely, sql, type Transaction } from 'kysely'
import {
  type AnonymiseReason,
  anonymisedGuardianName,
  anonymisedPupilName,
  anonymisedStudentNumber,
  photosToDelete,
  pupilsDue,
  purgeCutoffs,
} from '~/domain/retention'
import { todayIn } from '~/utils/dates'
import { chunks } from '../../db/query'
import type { Database } from '../../db/schema'
import { recordAudit } from './audit.server'

/** Why a pupil is anonymised: their retention ran out, or an admin did it at once with a reason. */
export type AnonymiseCause =
  | { by: 'retention'; reason: AnonymiseReason; leftOn: string }
  | { by: 'admin'; userId: number; reason: string }

export type AnonymiseCounts = {
  pupils: number
  guardiansClosed: number
  photoTags: number
  photos: number
}

/**
 * Replaces a pupil's identity for good and unlinks their family, keeping the row, its
 * participations, awards and tallies so every report counts the same. Photo files to delete are
 * returned: the caller removes them once the transaction has committed.
 */
export async function anonymisePupils(
  trx: Transaction<Database>,
  { schoolId, pupils, at }: { schoolId: number; pupils: { id: number; cause: AnonymiseCause }[]; at: string },
): Promise<AnonymiseCounts & { fileKeys: string[] }> {
  const counts = { pupils: 0, guardiansClosed: 0, photoTags: 0, photos: 0, fileKeys: [] as string[] }
  if (pupils.length === 0) return counts
  const ids = pupils.map((p) => p.id)
  const before = await trx
    .selectFrom('students')
    .select(['id', 'name', 'student_number as studentNumber'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .where('anonymised_at', 'is', null)
    .execute()
  const done = new Set(before.map((p) => p.id))

  for (const pupil of before) {
    const name = anonymisedPupilName(pupil.id)
    const studentNumber = anonymisedStudentNumber(pupil.id)
    await trx
      .updateTable('students')
      .set({
        name,
        student_number: studentNumber,
        photo_consent: 'none',
        photo_consent_by: null,
        photo_consent_at: null,
        anonymised_at: at,
      })
      .where('id', '=', pupil.id)
      .execute()
    // Earlier entries quoted the name or number (a renamed pupil's from/to): the JSON strings are replaced whole.
    for (const [from, to] of [
      [pupil.name, name],
      [pupil.studentNumber, studentNumber],
    ] as const) {
      await trx
        .updateTable('audit_log')
        .set({ detail: sql`replace(detail, ${JSON.stringify(from)}, ${JSON.stringify(to)})` })
        .where('school_id', '=', schoolId)
        .where(sql<boolean>`instr(detail, ${JSON.stringify(from)}) > 0`)
        .execute()
    }
    // An inbox message naming the pupil has served its purpose.
    await trx
      .deleteFrom('notifications')
      .where('school_id', '=', schoolId)
      .where(sql<boolean>`instr(params, ${JSON.stringify(pupil.name)}) > 0`)
      .execute()
  }

  const doneIds = [...done]
  if (doneIds.length === 0) return counts
  counts.pupils = doneIds.length

  // The family: links removed; an account left with no child is closed and loses its name and phone.
  const guardians = await trx
    .selectFrom('guardianships')
    .select('guardian_id')
    .distinct()
    .where('student_id', 'in', doneIds)
    .execute()
  await trx.deleteFrom('guardianships').where('student_id', 'in', doneIds).execute()
  for (const { guardian_id: guardianId } of guardians) {
    const closed = await trx
      .updateTable('users')
      .set({ active: 0, phone: '', display_name: anonymisedGuardianName(guardianId) })
      .where('id', '=', guardianId)
      .where('school_id', '=', schoolId)
      .where('role', '=', 'parent')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('guardianships').select('id').where('guardian_id', '=', guardianId))),
      )
      .executeTakeFirst()
    if (Number(closed.numUpdatedRows) > 0) {
      counts.guardiansClosed += 1
      await trx.deleteFrom('sessions').where('user_id', '=', guardianId).execute()
    }
  }

  // Answers and disputes keep their outcome (a report counts them) but lose who wrote what.
  const consentIds = trx.selectFrom('consents').select('id').where('student_id', 'in', doneIds)
  await trx
    .updateTable('consents')
    .set({ guardian_id: null, note: '' })
    .where('student_id', 'in', doneIds)
    .execute()
  await trx
    .updateTable('consent_answers')
    .set({ guardian_id: null, note: '' })
    .where('consent_id', 'in', consentIds)
    .execute()
  await trx
    .updateTable('notice_disputes')
    .set({ guardian_id: null, reason: '', resolution: '' })
    .where('participation_id', 'in', (eb) =>
      eb.selectFrom('participations').select('id').where('student_id', 'in', doneIds),
    )
    .execute()
  await trx
    .updateTable('participations')
    .set({ excuse_reason: '', note: '' })
    .where('student_id', 'in', doneIds)
    .execute()
  // A correction request quotes the family's own words about the child: the words go, the fact stays.
  await trx
    .updateTable('correction_requests')
    .set({ guardian_id: null, message: '', answer: '' })
    .where('student_id', 'in', doneIds)
    .execute()

  // Photos: the tag goes; a photo in which every tagged pupil is now anonymised goes with its files.
  const tagged = await trx
    .selectFrom('photo_pupils as mine')
    .innerJoin('photo_pupils as tag', 'tag.photo_id', 'mine.photo_id')
    .innerJoin('students', 'students.id', 'tag.student_id')
    .select([
      'tag.photo_id as photoId',
      'tag.student_id as studentId',
      'students.anonymised_at as anonymisedAt',
    ])
    .where('mine.student_id', 'in', doneIds)
    .distinct()
    .execute()
  const anonymised = new Set(tagged.filter((t) => t.anonymisedAt !== null).map((t) => t.studentId))
  const untagged = await trx.deleteFrom('photo_pupils').where('student_id', 'in', doneIds).executeTakeFirst()
  counts.photoTags = Number(untagged.numDeletedRows)
  const photoIds = photosToDelete(tagged, anonymised)
  if (photoIds.length) {
    const photos = await trx
      .selectFrom('photos')
      .select('file_key')
      .where('school_id', '=', schoolId)
      .where('id', 'in', photoIds)
      .execute()
    counts.fileKeys = photos.map((p) => p.file_key)
    await trx
      .updateTable('recaps')
      .set({ cover_photo_id: null })
      .where('school_id', '=', schoolId)
      .where('cover_photo_id', 'in', photoIds)
      .execute()
    const deleted = await trx
      .deleteFrom('photos')
      .where('school_id', '=', schoolId)
      .where('id', 'in', photoIds)
      .executeTakeFirst()
    counts.photos = Number(deleted.numDeletedRows)
  }

  for (const pupil of pupils) {
    if (!done.has(pupil.id)) continue
    const { cause } = pupil
    await recordAudit(trx, {
      schoolId,
      userId: cause.by === 'admin' ? cause.userId : null,
      action: 'pupil-anonymised',
      entity: 'student',
      entityId: pupil.id,
      detail:
        cause.by === 'admin'
          ? { by: 'admin', reason: cause.reason }
          : { by: 'retention', reason: cause.reason, leftOn: cause.leftOn },
    })
  }
  return counts
}

export type SchoolRetention = {
  schoolId: number
  slug: string
  /** The pupils anonymised (or who would be), by id, with why */
  pupils: { id: number; reason: AnonymiseReason; leftOn: string }[]
  counts: AnonymiseCounts & { sessions: number; audit: number; notifications: number }
}

export type RetentionReport = {
  dryRun: boolean
  schools: SchoolRetention[]
  signInThrottle: number
}

/** Thrown inside a dry run's transaction so everything it did is rolled back. */
class DryRun extends Error {
  constructor(readonly result: unknown) {
    super('dry run')
  }
}

async function retainSchool(
  trx: Transaction<Database>,
  school: { id: number; slug: string; time_zone: string },
  now: Date,
): Promise<SchoolRetention & { fileKeys: string[] }> {
  const cutoffs = purgeCutoffs(now)
  const candidates = await trx
    .selectFrom('students')
    .select([
      'id',
      'active',
      'graduated_on as graduatedOn',
      'left_on as leftOn',
      'anonymised_at as anonymisedAt',
    ])
    .where('school_id', '=', school.id)
    .where('active', '=', 0)
    .where('anonymised_at', 'is', null)
    .execute()
  const due = pupilsDue(candidates, todayIn(school.time_zone, now))
  // Purged before the new entries are written, which are dated now.
  const audit = await trx
    .deleteFrom('audit_log')
    .where('school_id', '=', school.id)
    .where('created_at', '<', cutoffs.audit)
    .executeTakeFirst()
  const notifications = await trx
    .deleteFrom('notifications')
    .where('school_id', '=', school.id)
    .where('created_at', '<', cutoffs.notifications)
    .executeTakeFirst()
  const sessions = await trx
    .deleteFrom('sessions')
    .where('last_seen_at', '<', cutoffs.sessions)
    .where('user_id', 'in', (eb) =>
      eb.selectFrom('users').select('users.id').where('users.school_id', '=', school.id),
    )
    .executeTakeFirst()
  const { fileKeys, ...anonymised } = await anonymisePupils(trx, {
    schoolId: school.id,
    pupils: due.map((p) => ({ id: p.id, cause: { by: 'retention', reason: p.reason, leftOn: p.leftOn } })),
    at: now.toISOString(),
  })
  return {
    schoolId: school.id,
    slug: school.slug,
    pupils: due,
    counts: {
      ...anonymised,
      sessions: Number(sessions.numDeletedRows),
      audit: Number(audit.numDeletedRows),
      notifications: Number(notifications.numDeletedRows),
    },
    fileKeys,
  }
}

/**
 * Applies the documented retention (app/domain/retention.ts) at `now`: one transaction per school,
 * the sign-in throttle (which belongs to no school) in its own. A dry run does the same work and
 * rolls it back, so its counts are exactly what a real run would do. Files of deleted photos are
 * removed by `deleteFiles` after each school's commit.
 */
export async function applyRetention(
  db: Kysely<Database>,
  {
    now,
    dryRun,
    schoolId,
    deleteFiles,
  }: { now: Date; dryRun: boolean; schoolId?: number; deleteFiles?: (fileKey: string) => Promise<void> },
): Promise<RetentionReport> {
  let query = db.selectFrom('schools').select(['id', 'slug', 'time_zone']).orderBy('id')
  if (schoolId !== undefined) query = query.where('id', '=', schoolId)
  const schools = await query.execute()
  const report: RetentionReport = { dryRun, schools: [], signInThrottle: 0 }
  for (const school of schools) {
    const outcome = await inTransaction(db, dryRun, (trx) => retainSchool(trx, school, now))
    const { fileKeys, ...result } = outcome
    report.schools.push(result)
    if (!dryRun && deleteFiles) for (const part of chunks(fileKeys)) await Promise.all(part.map(deleteFiles))
  }
  if (schoolId === undefined) {
    report.signInThrottle = await inTransaction(db, dryRun, async (trx) => {
      const purged = await trx
        .deleteFrom('sign_in_throttle')
        .where('first_failure_at', '<', purgeCutoffs(now).signInThrottle)
        .executeTakeFirst()
      return Number(purged.numDeletedRows)
    })
  }
  return report
}

async function inTransaction<T>(
  db: Kysely<Database>,
  dryRun: boolean,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await work(trx)
      if (dryRun) throw new DryRun(result)
      return result
    })
  } catch (error) {
    if (error instanceof DryRun) return error.result as T
    throw error
  }
}

/** One line of counts per school and kind, for the daily job's log and `npm run db:retain`. */
export function describeRetention(report: RetentionReport): string[] {
  const lines = report.schools.map((s) => {
    const c = s.counts
    const ids = s.pupils.length ? ` (ids ${s.pupils.map((p) => p.id).join(', ')})` : ''
    return `${s.slug}: pupils anonymised ${c.pupils}${ids}, guardian accounts closed ${c.guardiansClosed}, photo tags removed ${c.photoTags}, photos deleted ${c.photos}, sessions purged ${c.sessions}, audit entries purged ${c.audit}, notifications purged ${c.notifications}`
  })
  lines.push(`sign-in throttle rows purged ${report.signInThrottle}`)
  return lines.map((line) => (report.dryRun ? `[dry run] would: ${line}` : line))
}
