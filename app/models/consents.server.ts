import type { Kysely, Transaction } from 'kysely'
import {
  type ConcernedPupil,
  type ConsentAnswer,
  currentAnswer,
  invalidatesAnswers,
  isAnswerOpen,
  pupilsNeedingConsent,
  shouldRequestConsents,
} from '~/domain/consent'
import * as clock from '~/utils/clock'
import { chunks } from '../../db/query'
import type { AttendanceStatus, ConsentSource, ConsentStatus, Database, PhotoConsent } from '../../db/schema'
import { withTargets } from './activities.server'
import { recordAudit } from './audit.server'
import { childrenOfGuardian } from './family.server'
import type { NotificationParams } from './notifications.server'

type Executor = Kysely<Database> | Transaction<Database>

type TargetedActivity = { id: number; gradeIds: number[]; classIds: number[] }

export type Pupil = ConcernedPupil & {
  name: string
  studentNumber: string
  className: string
  classNumber: number
  gradeLevel: number
  headTeacherId: number | null
}

const PUPIL_COLUMNS = [
  'students.id',
  'students.name',
  'students.student_number as studentNumber',
  'students.active',
  'students.class_id as classId',
  'classes.name as className',
  'classes.number as classNumber',
  'classes.grade_id as gradeId',
  'grades.level as gradeLevel',
  'classes.head_teacher_id as headTeacherId',
] as const

/**
 * The pupils each activity asks consent for (see pupilsNeedingConsent), for many activities in two
 * queries: the current classes of all their targets, and the pupils on their sheets.
 */
async function listConcernedPupils(
  db: Executor,
  { schoolId, activities }: { schoolId: number; activities: readonly TargetedActivity[] },
): Promise<Map<number, Pupil[]>> {
  const result = new Map<number, Pupil[]>()
  if (activities.length === 0) return result
  const gradeIds = [...new Set(activities.flatMap((a) => a.gradeIds))]
  const classIds = [...new Set(activities.flatMap((a) => a.classIds))]
  const pupils = (executor: Executor) =>
    executor
      .selectFrom('students')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select(PUPIL_COLUMNS)
      .where('students.school_id', '=', schoolId)
  const [roster, sheet] = await Promise.all([
    gradeIds.length || classIds.length
      ? pupils(db)
          .where('classes.archived_at', 'is', null)
          .where((eb) =>
            eb.or([
              ...(gradeIds.length ? [eb('classes.grade_id', 'in', gradeIds)] : []),
              ...(classIds.length ? [eb('classes.id', 'in', classIds)] : []),
            ]),
          )
          .execute()
      : Promise.resolve([]),
    pupils(db)
      .innerJoin('participations', 'participations.student_id', 'students.id')
      .select('participations.activity_id as activityId')
      .where(
        'participations.activity_id',
        'in',
        activities.map((a) => a.id),
      )
      .execute(),
  ])
  for (const activity of activities) {
    const onSheet = sheet.filter((row) => row.activityId === activity.id)
    const candidates = [...roster, ...onSheet].sort(
      (a, b) =>
        a.gradeLevel - b.gradeLevel ||
        a.classNumber - b.classNumber ||
        a.studentNumber.localeCompare(b.studentNumber),
    )
    result.set(
      activity.id,
      pupilsNeedingConsent(activity, candidates, new Set(onSheet.map((row) => row.id))).map(
        ({
          id,
          name,
          studentNumber,
          active,
          classId,
          className,
          classNumber,
          gradeId,
          gradeLevel,
          headTeacherId,
        }) => ({
          id,
          name,
          studentNumber,
          active,
          classId,
          className,
          classNumber,
          gradeId,
          gradeLevel,
          headTeacherId,
        }),
      ),
    )
  }
  return result
}

type RequestedActivity = { id: number; title: string; startsAt: string; endsAt: string; venue: string }

/**
 * One inbox message per guardian and child: "please answer for 张思远: title (date, place)", stored
 * as facts and worded in the reader's language when read. Guardians without an active account in the school hear nothing here; the
 * class teacher collects a paper slip.
 */
async function notifyGuardians(
  db: Executor,
  {
    schoolId,
    requests,
  }: {
    schoolId: number
    requests: readonly { activity: RequestedActivity; studentId: number }[]
  },
): Promise<number> {
  const studentIds = [...new Set(requests.map((r) => r.studentId))]
  if (studentIds.length === 0) return 0
  const guardians = (
    await Promise.all(
      chunks(studentIds).map((ids) =>
        db
          .selectFrom('guardianships')
          .innerJoin('users', 'users.id', 'guardianships.guardian_id')
          .innerJoin('students', 'students.id', 'guardianships.student_id')
          .select([
            'guardianships.student_id as studentId',
            'guardianships.guardian_id as guardianId',
            'students.name as child',
          ])
          .where('guardianships.student_id', 'in', ids)
          .where('students.school_id', '=', schoolId)
          .where('users.school_id', '=', schoolId)
          .where('users.role', '=', 'parent')
          .where('users.active', '=', 1)
          .execute(),
      ),
    )
  ).flat()
  const byStudent = new Map<number, typeof guardians>()
  for (const row of guardians) byStudent.set(row.studentId, [...(byStudent.get(row.studentId) ?? []), row])
  const createdAt = clock.nowIso()
  const messages = requests.flatMap(({ activity, studentId }) =>
    (byStudent.get(studentId) ?? []).map((guardian) => ({
      school_id: schoolId,
      user_id: guardian.guardianId,
      kind: 'consent-requested',
      entity: 'consent',
      entity_id: activity.id,
      params: JSON.stringify({
        studentId,
        child: guardian.child,
        title: activity.title,
        startsAt: activity.startsAt,
        endsAt: activity.endsAt,
        venue: activity.venue,
      } satisfies NotificationParams),
      created_at: createdAt,
    })),
  )
  for (const part of chunks(messages)) await db.insertInto('notifications').values(part).execute()
  return messages.length
}

/**
 * Asks consent for every concerned pupil of these activities who has not been asked yet, and tells
 * each of their guardians once. Idempotent: an existing request (answered or not) is left alone, so
 * approving, then publishing, then pressing "send" again adds only pupils who joined since. Run it in
 * the transaction of the decision that approves or publishes the activities.
 */
export async function requestConsentsFor(
  db: Executor,
  {
    schoolId,
    activityIds,
    now = clock.now(),
  }: { schoolId: number; activityIds: readonly number[]; now?: Date },
): Promise<{ created: number; notified: number }> {
  if (activityIds.length === 0) return { created: 0, notified: 0 }
  const rows = await db
    .selectFrom('activities')
    .select([
      'id',
      'title',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'venue',
      'status',
      'needs_consent as needsConsent',
    ])
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...activityIds])
    .execute()
  const due = await withTargets(
    db,
    rows.filter((activity) => shouldRequestConsents(activity, now)),
  )
  if (due.length === 0) return { created: 0, notified: 0 }
  const concerned = await listConcernedPupils(db, { schoolId, activities: due })
  const requestedAt = now.toISOString()
  const values = due.flatMap((activity) =>
    (concerned.get(activity.id) ?? []).map((pupil) => ({
      school_id: schoolId,
      activity_id: activity.id,
      student_id: pupil.id,
      requested_at: requestedAt,
    })),
  )
  const created: { activity_id: number; student_id: number }[] = []
  for (const part of chunks(values)) {
    created.push(
      ...(await db
        .insertInto('consents')
        .values(part)
        .onConflict((oc) => oc.columns(['activity_id', 'student_id']).doNothing())
        .returning(['activity_id', 'student_id'])
        .execute()),
    )
  }
  const byId = new Map(due.map((activity) => [activity.id, activity]))
  const notified = await notifyGuardians(db, {
    schoolId,
    requests: created.map((row) => ({ activity: byId.get(row.activity_id)!, studentId: row.student_id })),
  })
  return { created: created.length, notified }
}

export function requestConsents(
  db: Executor,
  { schoolId, activityId, now }: { schoolId: number; activityId: number; now?: Date },
) {
  return requestConsentsFor(db, { schoolId, activityIds: [activityId], now })
}

type WhenAndWhere = { startsAt: string; endsAt: string; venue: string }

/**
 * After an edit that moved an activity's day, time or place (see invalidatesAnswers): every answer
 * goes back to "requested" and each guardian is asked again with the new details. Run it in the
 * edit's transaction, after the activity row has been updated. Returns how many answers were voided.
 */
export async function resetConsentsAfterMove(
  db: Executor,
  {
    schoolId,
    userId,
    activityId,
    before,
    after,
    now = clock.now(),
  }: {
    schoolId: number
    userId: number
    activityId: number
    before: WhenAndWhere
    after: WhenAndWhere
    now?: Date
  },
): Promise<number> {
  if (!invalidatesAnswers(before, after)) return 0
  const activity = await db
    .selectFrom('activities')
    .select([
      'id',
      'title',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'venue',
      'needs_consent as needsConsent',
    ])
    .where('school_id', '=', schoolId)
    .where('id', '=', activityId)
    .executeTakeFirst()
  if (!activity) return 0
  const existing = await db
    .selectFrom('consents')
    .select(['student_id as studentId', 'status'])
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .execute()
  if (existing.length === 0) return 0
  const voided = existing.filter((row) => row.status !== 'requested').length
  // The answers stay in the history, voided: they agreed to another day or place.
  await db
    .updateTable('consent_answers')
    .set({ withdrawn_at: now.toISOString(), withdrawn_by: userId })
    .where('school_id', '=', schoolId)
    .where('withdrawn_at', 'is', null)
    .where('consent_id', 'in', (eb) =>
      eb
        .selectFrom('consents')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('activity_id', '=', activityId),
    )
    .execute()
  await db
    .updateTable('consents')
    .set({
      status: 'requested',
      guardian_id: null,
      recorded_by: null,
      source: null,
      note: '',
      answered_at: null,
      requested_at: now.toISOString(),
    })
    .where('school_id', '=', schoolId)
    .where('activity_id', '=', activityId)
    .execute()
  // Asked again only while there is something to answer: consent still needed, the activity ahead.
  if (activity.needsConsent && isAnswerOpen(activity.startsAt, now)) {
    await notifyGuardians(db, {
      schoolId,
      requests: existing.map((row) => ({ activity, studentId: row.studentId })),
    })
  }
  await recordAudit(db, {
    schoolId,
    userId,
    action: 'consents-reset',
    entity: 'activity',
    entityId: activityId,
    detail: {
      pupils: existing.length,
      voided,
      before: { startsAt: before.startsAt, endsAt: before.endsAt, venue: before.venue },
      after: { startsAt: after.startsAt, endsAt: after.endsAt, venue: after.venue },
    },
  })
  return voided
}

/**
 * Requests for a guardian's own children, never anyone else's, for activities that (still) need
 * consent, with the activity joined: callers add the columns they show.
 */
function familyConsents(db: Executor, { schoolId, guardianId }: { schoolId: number; guardianId: number }) {
  return db
    .selectFrom('consents')
    .innerJoin('guardianships', (join) =>
      join
        .onRef('guardianships.student_id', '=', 'consents.student_id')
        .on('guardianships.guardian_id', '=', guardianId),
    )
    .innerJoin('activities', 'activities.id', 'consents.activity_id')
    .where('consents.school_id', '=', schoolId)
    .where('activities.needs_consent', '=', 1)
}

/** One request as its guardian sees it; undefined unless this guardian is a guardian of that child. */
export async function getConsentForGuardian(
  db: Executor,
  { schoolId, guardianId, consentId }: { schoolId: number; guardianId: number; consentId: number },
) {
  return familyConsents(db, { schoolId, guardianId })
    .innerJoin('students', 'students.id', 'consents.student_id')
    .select([
      'consents.id',
      'consents.status',
      'consents.note',
      'consents.student_id as studentId',
      'consents.activity_id as activityId',
      'students.name as childName',
      'activities.title',
      'activities.starts_at as startsAt',
    ])
    .where('consents.id', '=', consentId)
    .where('students.school_id', '=', schoolId)
    .executeTakeFirst()
}

export async function saveConsentAnswer(
  db: Executor,
  {
    schoolId,
    consentId,
    guardianId,
    answer,
    note,
    now = clock.now(),
  }: {
    schoolId: number
    consentId: number
    guardianId: number
    answer: ConsentAnswer
    note: string
    now?: Date
  },
): Promise<void> {
  const answeredAt = now.toISOString()
  await db
    .insertInto('consent_answers')
    .values({
      school_id: schoolId,
      consent_id: consentId,
      source: 'online',
      status: answer,
      guardian_id: guardianId,
      note,
      answered_at: answeredAt,
    })
    .execute()
  await db
    .updateTable('consents')
    .set({
      status: answer,
      source: 'online',
      guardian_id: guardianId,
      recorded_by: null,
      note,
      answered_at: answeredAt,
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', consentId)
    .execute()
}

/**
 * A request as staff handle it for paper slips: one pupil of one activity, with the head teacher
 * of the pupil's class (who may record it). Undefined when the pupil was never asked or is in
 * another school.
 */
export async function getConsentForStaff(
  db: Executor,
  { schoolId, activityId, studentId }: { schoolId: number; activityId: number; studentId: number },
) {
  return db
    .selectFrom('consents')
    .innerJoin('students', 'students.id', 'consents.student_id')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .select([
      'consents.id',
      'consents.status',
      'consents.source',
      'consents.student_id as studentId',
      'students.class_id as classId',
      'students.name',
      'classes.head_teacher_id as headTeacherId',
    ])
    .where('consents.school_id', '=', schoolId)
    .where('students.school_id', '=', schoolId)
    .where('consents.activity_id', '=', activityId)
    .where('consents.student_id', '=', studentId)
    .executeTakeFirst()
}

/**
 * A returned paper slip, recorded by staff: it becomes the current answer (the most recent wins),
 * and a photo-use choice written on it becomes the pupil's, as if the guardian had chosen online.
 */
export async function recordPaperAnswer(
  db: Executor,
  {
    schoolId,
    consentId,
    studentId,
    recorderId,
    answer,
    photoConsent,
    now = clock.now(),
  }: {
    schoolId: number
    consentId: number
    studentId: number
    recorderId: number
    answer: ConsentAnswer
    photoConsent?: PhotoConsent
    now?: Date
  },
): Promise<void> {
  const answeredAt = now.toISOString()
  await db
    .insertInto('consent_answers')
    .values({
      school_id: schoolId,
      consent_id: consentId,
      source: 'paper',
      status: answer,
      photo_consent: photoConsent ?? null,
      recorded_by: recorderId,
      answered_at: answeredAt,
    })
    .execute()
  await db
    .updateTable('consents')
    .set({
      status: answer,
      source: 'paper',
      guardian_id: null,
      recorded_by: recorderId,
      note: '',
      answered_at: answeredAt,
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', consentId)
    .execute()
  if (photoConsent) {
    await setPhotoConsent(db, { schoolId, studentId, setBy: recorderId, value: photoConsent, now })
  }
}

/**
 * Clears a mistaken paper record: every paper answer of the request is withdrawn (kept in the
 * history), and the current answer falls back to the latest online one, or to none.
 */
export async function clearPaperAnswers(
  db: Executor,
  {
    schoolId,
    consentId,
    userId,
    now = clock.now(),
  }: { schoolId: number; consentId: number; userId: number; now?: Date },
): Promise<number> {
  const withdrawn = await db
    .updateTable('consent_answers')
    .set({ withdrawn_at: now.toISOString(), withdrawn_by: userId })
    .where('school_id', '=', schoolId)
    .where('consent_id', '=', consentId)
    .where('source', '=', 'paper')
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  const answers = await db
    .selectFrom('consent_answers')
    .select([
      'id',
      'source',
      'status',
      'guardian_id as guardianId',
      'recorded_by as recordedBy',
      'note',
      'answered_at as answeredAt',
      'withdrawn_at as withdrawnAt',
    ])
    .where('school_id', '=', schoolId)
    .where('consent_id', '=', consentId)
    .execute()
  const current = currentAnswer(answers)
  await db
    .updateTable('consents')
    .set(
      current
        ? {
            status: current.status,
            source: current.source,
            guardian_id: current.guardianId,
            recorded_by: current.recordedBy,
            note: current.note,
            answered_at: current.answeredAt,
          }
        : {
            status: 'requested',
            source: null,
            guardian_id: null,
            recorded_by: null,
            note: '',
            answered_at: null,
          },
    )
    .where('school_id', '=', schoolId)
    .where('id', '=', consentId)
    .execute()
  return Number(withdrawn.numUpdatedRows)
}

/** A guardian's own children with their photo-use preference and who set it. */
export async function listChildrenForConsents(
  db: Executor,
  { schoolId, guardianId }: { schoolId: number; guardianId: number },
) {
  return childrenOfGuardian(db, { schoolId, guardianId })
    .leftJoin('users as setter', 'setter.id', 'students.photo_consent_by')
    .select([
      'students.id',
      'students.name',
      'students.photo_consent as photoConsent',
      'students.photo_consent_at as photoConsentAt',
      'setter.display_name as photoConsentBy',
      'classes.name as className',
      'classes.number as classNumber',
      'grades.level as gradeLevel',
    ])
    .execute()
}

/**
 * Every request for a guardian's children, soonest activity first, with what a guardian needs to
 * decide: when, where, how they travel, whom to call, by when to answer, and who answered.
 */
export async function listFamilyConsents(
  db: Executor,
  { schoolId, guardianId }: { schoolId: number; guardianId: number },
) {
  return familyConsents(db, { schoolId, guardianId })
    .leftJoin('users as organiser', 'organiser.id', 'activities.organiser_id')
    .leftJoin('users as answerer', 'answerer.id', 'consents.guardian_id')
    .select([
      'consents.id',
      'consents.student_id as studentId',
      'consents.status',
      'consents.note',
      'consents.answered_at as answeredAt',
      'answerer.display_name as answeredBy',
      'activities.id as activityId',
      'activities.title',
      'activities.status as activityStatus',
      'activities.starts_at as startsAt',
      'activities.ends_at as endsAt',
      'activities.venue',
      'activities.transport',
      'activities.contact_phone as contactPhone',
      'activities.consent_due_on as consentDueOn',
      'organiser.display_name as organiserName',
      'organiser.phone as organiserPhone',
    ])
    .orderBy('activities.starts_at')
    .orderBy('consents.id')
    .execute()
}

export async function getPhotoConsent(
  db: Executor,
  { schoolId, studentId }: { schoolId: number; studentId: number },
): Promise<PhotoConsent | undefined> {
  const row = await db
    .selectFrom('students')
    .select('photo_consent')
    .where('school_id', '=', schoolId)
    .where('id', '=', studentId)
    .executeTakeFirst()
  return row?.photo_consent
}

/** A pupil's photo-use choice, set by a guardian online or by the staff member recording a slip. */
export async function setPhotoConsent(
  db: Executor,
  {
    schoolId,
    studentId,
    setBy,
    value,
    now = clock.now(),
  }: { schoolId: number; studentId: number; setBy: number; value: PhotoConsent; now?: Date },
): Promise<void> {
  await db
    .updateTable('students')
    .set({ photo_consent: value, photo_consent_by: setBy, photo_consent_at: now.toISOString() })
    .where('school_id', '=', schoolId)
    .where('id', '=', studentId)
    .execute()
}

export type ConsentHistoryEntry = {
  id: number
  source: ConsentSource
  status: ConsentAnswer
  photoConsent: PhotoConsent | null
  answeredAt: string
  withdrawnAt: string | null
  /** The guardian online, the staff member for paper */
  byName: string | null
}

export type ConsentSheetRow = Omit<Pupil, 'active' | 'gradeId'> & {
  consent: {
    status: ConsentStatus
    source: ConsentSource | null
    answeredAt: string | null
    note: string
    guardianName: string | null
    relation: string | null
    recorderName: string | null
    /** Every answer, oldest first */
    history: ConsentHistoryEntry[]
  } | null
  attendance: AttendanceStatus | null
}

/**
 * The staff view of one activity: each concerned pupil with their request (or none yet), who
 * answered and how they are related to the child, and whether the pupil was marked present.
 */
export async function listConsentSheet(
  db: Executor,
  { schoolId, activity }: { schoolId: number; activity: TargetedActivity },
): Promise<ConsentSheetRow[]> {
  const [concerned, consents, attendance, answers] = await Promise.all([
    listConcernedPupils(db, { schoolId, activities: [activity] }),
    db
      .selectFrom('consents')
      .leftJoin('users as guardian', 'guardian.id', 'consents.guardian_id')
      .leftJoin('users as recorder', 'recorder.id', 'consents.recorded_by')
      .leftJoin('guardianships', (join) =>
        join
          .onRef('guardianships.guardian_id', '=', 'consents.guardian_id')
          .onRef('guardianships.student_id', '=', 'consents.student_id'),
      )
      .select([
        'consents.student_id as studentId',
        'consents.id',
        'consents.status',
        'consents.source',
        'consents.answered_at as answeredAt',
        'consents.note',
        'guardian.display_name as guardianName',
        'guardianships.relation',
        'recorder.display_name as recorderName',
      ])
      .where('consents.school_id', '=', schoolId)
      .where('consents.activity_id', '=', activity.id)
      .execute(),
    db
      .selectFrom('participations')
      .select(['student_id as studentId', 'status'])
      .where('school_id', '=', schoolId)
      .where('activity_id', '=', activity.id)
      .execute(),
    db
      .selectFrom('consent_answers as h')
      .innerJoin('consents', 'consents.id', 'h.consent_id')
      .leftJoin('users as by', (join) =>
        join.on((eb) => eb('by.id', '=', eb.fn.coalesce('h.guardian_id', 'h.recorded_by'))),
      )
      .select([
        'h.id',
        'h.consent_id as consentId',
        'h.source',
        'h.status',
        'h.photo_consent as photoConsent',
        'h.answered_at as answeredAt',
        'h.withdrawn_at as withdrawnAt',
        'by.display_name as byName',
      ])
      .where('h.school_id', '=', schoolId)
      .where('consents.activity_id', '=', activity.id)
      .orderBy('h.answered_at')
      .orderBy('h.id')
      .execute(),
  ])
  const historyOf = new Map<number, ConsentHistoryEntry[]>()
  for (const { consentId, ...entry } of answers) {
    historyOf.set(consentId, [...(historyOf.get(consentId) ?? []), entry])
  }
  const consentOf = new Map(
    consents.map(({ studentId, id, ...consent }) => [
      studentId,
      { ...consent, history: historyOf.get(id) ?? [] },
    ]),
  )
  const attendanceOf = new Map(attendance.map((row) => [row.studentId, row.status]))
  return (concerned.get(activity.id) ?? []).map(({ active: _active, gradeId: _gradeId, ...pupil }) => ({
    ...pupil,
    consent: consentOf.get(pupil.id) ?? null,
    attendance: attendanceOf.get(pupil.id) ?? null,
  }))
}
