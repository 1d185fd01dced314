import type { Kysely, Transaction } from 'kysely'
import { maskPhone } from '~/domain/guardian-phones'
import { canReadRecap, photoShownTo, type RecapReader } from '~/domain/recap-privacy'
import { nowIso } from '~/utils/clock'
import type { CorrectionOutcome, Database } from '../../db/schema'
import { childrenOfGuardian, isGuardianOf } from './family.server'
import { listReviewerIds } from './notifications.server'
import { listRecapPhotos } from './photos.server'
import { getPupilRecord } from './pupil-record.server'

type Executor = Kysely<Database> | Transaction<Database>

type ChildDataInput = {
  schoolId: number
  guardianId: number
  studentId: number
  timeZone: string
  today: string
}

/** Who answered or set something, as the family may know them: themselves, another guardian, staff. */
type Actor = { kind: 'you' } | { kind: 'guardian'; relation: string } | { kind: 'staff'; name: string }

async function listGuardianships(
  db: Executor,
  { schoolId, studentId }: { schoolId: number; studentId: number },
) {
  return db
    .selectFrom('guardianships')
    .innerJoin('users', 'users.id', 'guardianships.guardian_id')
    .select(['users.id', 'users.phone', 'guardianships.relation'])
    .where('guardianships.student_id', '=', studentId)
    .where('users.school_id', '=', schoolId)
    .orderBy('guardianships.id')
    .execute()
}

/** The classes the pupil has been in: today's and those of their participations and awards, with when. */
async function listClassesOfPupil(
  db: Executor,
  { schoolId, studentId, currentClassId }: { schoolId: number; studentId: number; currentClassId: number },
) {
  const [classes, spans] = await Promise.all([
    db
      .selectFrom('classes')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select([
        'classes.id',
        'classes.name',
        'classes.number',
        'classes.archived_at as archivedAt',
        'grades.level as gradeLevel',
      ])
      .where('classes.school_id', '=', schoolId)
      .where((eb) =>
        eb.or([
          eb('classes.id', '=', currentClassId),
          eb(
            'classes.id',
            'in',
            eb.selectFrom('participations').select('class_id').where('student_id', '=', studentId),
          ),
          eb(
            'classes.id',
            'in',
            eb.selectFrom('award_recipients').select('class_id').where('student_id', '=', studentId),
          ),
        ]),
      )
      .orderBy('grades.level')
      .orderBy('classes.id')
      .execute(),
    db
      .selectFrom('participations')
      .innerJoin('activities', 'activities.id', 'participations.activity_id')
      .select((eb) => [
        'participations.class_id as classId',
        eb.fn.min('activities.starts_at').as('firstOn'),
        eb.fn.max('activities.starts_at').as('lastOn'),
      ])
      .where('participations.school_id', '=', schoolId)
      .where('participations.student_id', '=', studentId)
      .groupBy('participations.class_id')
      .execute(),
  ])
  const spanOf = new Map(spans.map((span) => [span.classId, span]))
  return classes.map((c) => ({
    id: c.id,
    name: c.name,
    number: c.number,
    gradeLevel: c.gradeLevel,
    current: c.id === currentClassId,
    archivedAt: c.archivedAt,
    firstActivityAt: spanOf.get(c.id)?.firstOn ?? null,
    lastActivityAt: spanOf.get(c.id)?.lastOn ?? null,
  }))
}

/** The child's tagged photos in recaps this guardian may read, and whether consent lets them see each. */
async function listTaggedPhotos(
  db: Executor,
  { schoolId, guardianId, studentId }: { schoolId: number; guardianId: number; studentId: number },
) {
  const tagged = await db
    .selectFrom('photo_pupils')
    .innerJoin('photos', 'photos.id', 'photo_pupils.photo_id')
    .innerJoin('recaps', 'recaps.id', 'photos.recap_id')
    .select([
      'photos.id',
      'photos.file_key as fileKey',
      'photos.created_at as createdAt',
      'recaps.id as recapId',
      'recaps.title as recapTitle',
      'recaps.status',
      'recaps.audience',
      'recaps.author_id as authorId',
    ])
    .where('photo_pupils.student_id', '=', studentId)
    .where('photos.school_id', '=', schoolId)
    .where('recaps.school_id', '=', schoolId)
    .orderBy('photos.created_at')
    .orderBy('photos.id')
    .execute()
  if (tagged.length === 0) return []
  const recapIds = [...new Set(tagged.map((row) => row.recapId))]
  const [children, grades, classes, photos] = await Promise.all([
    childrenOfGuardian(db, { schoolId, guardianId })
      .select(['classes.id as classId', 'grades.id as gradeId'])
      .execute(),
    db
      .selectFrom('recap_grades')
      .select(['recap_id', 'grade_id'])
      .where('recap_id', 'in', recapIds)
      .execute(),
    db
      .selectFrom('recap_classes')
      .select(['recap_id', 'class_id'])
      .where('recap_id', 'in', recapIds)
      .execute(),
    listRecapPhotos(db, { schoolId, recapIds }),
  ])
  // The same reader the photo route makes of a parent, so the copy holds what the portal shows.
  const reader: RecapReader = {
    kind: 'parent',
    gradeIds: children.map((c) => c.gradeId),
    classIds: children.map((c) => c.classId),
  }
  const photoById = new Map(photos.map((photo) => [photo.id, photo]))
  return tagged.flatMap((row) => {
    const recap = {
      status: row.status,
      audience: row.audience,
      authorId: row.authorId,
      gradeIds: grades.filter((g) => g.recap_id === row.recapId).map((g) => g.grade_id),
      classIds: classes.filter((c) => c.recap_id === row.recapId).map((c) => c.class_id),
    }
    const photo = photoById.get(row.id)
    if (!photo || !canReadRecap(recap, reader)) return []
    return [
      {
        id: row.id,
        fileKey: row.fileKey,
        recapId: row.recapId,
        recapTitle: row.recapTitle,
        caption: photo.caption,
        createdAt: row.createdAt,
        /** Whether every pupil it shows consents to parents seeing it: only those are served and copied */
        shown: photoShownTo(photo, 'parent'),
      },
    ]
  })
}

/**
 * Everything Siji holds about a guardian's child and about the guardian, as plain rows, for the
 * family's copy (page and ZIP alike). Undefined unless the guardian is the child's in this school.
 * Other guardians appear only by relation and masked phone: their own data is theirs to ask for.
 */
export async function collectChildData(db: Executor, input: ChildDataInput) {
  const { schoolId, guardianId, studentId, timeZone, today } = input
  if (!(await isGuardianOf(db, { schoolId, guardianId, studentId }))) return undefined
  const record = await getPupilRecord(db, { schoolId, studentId, audience: 'family', timeZone, today })
  if (!record) return undefined
  const { pupil } = record
  const [
    school,
    guardians,
    classes,
    consents,
    answers,
    photoHistory,
    photos,
    disputes,
    guardian,
    sessions,
    corrections,
  ] = await Promise.all([
    db.selectFrom('schools').select(['name']).where('id', '=', schoolId).executeTakeFirstOrThrow(),
    listGuardianships(db, { schoolId, studentId }),
    listClassesOfPupil(db, { schoolId, studentId, currentClassId: pupil.classId }),
    db
      .selectFrom('consents')
      .innerJoin('activities', 'activities.id', 'consents.activity_id')
      .select([
        'consents.id',
        'consents.status',
        'consents.source',
        'consents.note',
        'consents.requested_at as requestedAt',
        'consents.answered_at as answeredAt',
        'activities.id as activityId',
        'activities.title as activityTitle',
        'activities.starts_at as activityStartsAt',
      ])
      .where('consents.school_id', '=', schoolId)
      .where('consents.student_id', '=', studentId)
      .orderBy('activities.starts_at', 'desc')
      .orderBy('consents.id')
      .execute(),
    db
      .selectFrom('consent_answers as h')
      .innerJoin('consents', 'consents.id', 'h.consent_id')
      .leftJoin('users as recorder', 'recorder.id', 'h.recorded_by')
      .select([
        'h.id',
        'h.consent_id as consentId',
        'h.source',
        'h.status',
        'h.photo_consent as photoConsent',
        'h.note',
        'h.guardian_id as guardianId',
        'recorder.display_name as recorderName',
        'h.answered_at as answeredAt',
        'h.withdrawn_at as withdrawnAt',
      ])
      .where('h.school_id', '=', schoolId)
      .where('consents.student_id', '=', studentId)
      .orderBy('h.answered_at')
      .orderBy('h.id')
      .execute(),
    // Each change of the photo-use choice was audited when it was made (family.consents).
    db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.user_id')
      .select([
        'audit_log.id',
        'audit_log.detail',
        'audit_log.created_at as createdAt',
        'audit_log.user_id as userId',
        'users.role',
        'users.display_name as userName',
      ])
      .where('audit_log.school_id', '=', schoolId)
      .where('audit_log.action', '=', 'photo-consent-set')
      .where('audit_log.entity', '=', 'student')
      .where('audit_log.entity_id', '=', studentId)
      .orderBy('audit_log.id')
      .execute(),
    listTaggedPhotos(db, { schoolId, guardianId, studentId }),
    db
      .selectFrom('notice_disputes')
      .innerJoin('participations', 'participations.id', 'notice_disputes.participation_id')
      .innerJoin('activities', 'activities.id', 'participations.activity_id')
      .innerJoin('notice_windows', 'notice_windows.id', 'notice_disputes.window_id')
      .select([
        'notice_disputes.id',
        'notice_disputes.reason',
        'notice_disputes.status',
        'notice_disputes.resolution',
        'notice_disputes.guardian_id as guardianId',
        'notice_disputes.created_at as createdAt',
        'notice_disputes.resolved_at as resolvedAt',
        'activities.title as activityTitle',
        'notice_windows.opens_on as windowOpensOn',
        'notice_windows.closes_on as windowClosesOn',
      ])
      .where('notice_disputes.school_id', '=', schoolId)
      .where('participations.student_id', '=', studentId)
      .orderBy('notice_disputes.id')
      .execute(),
    db
      .selectFrom('users')
      .select([
        'id',
        'display_name as displayName',
        'username',
        'phone',
        'locale',
        'created_at as createdAt',
        'password_changed_at as passwordChangedAt',
      ])
      .where('school_id', '=', schoolId)
      .where('id', '=', guardianId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sessions')
      .select((eb) => [eb.fn.countAll<number>().as('active'), eb.fn.max('created_at').as('lastSignInAt')])
      .where('user_id', '=', guardianId)
      .where('expires_at', '>', nowIso())
      .executeTakeFirstOrThrow(),
    listCorrectionRequests(db, { schoolId, studentId, guardianId }),
  ])
  const relationOf = new Map(guardians.map((g) => [g.id, g.relation]))
  const actor = (userId: number | null, staffName: string | null): Actor | null => {
    if (userId === guardianId) return { kind: 'you' }
    if (userId !== null && relationOf.has(userId))
      return { kind: 'guardian', relation: relationOf.get(userId) ?? '' }
    return staffName ? { kind: 'staff', name: staffName } : null
  }
  const entries = record.periods.flatMap((period) =>
    period.entries.map((entry) => ({ ...entry, yearName: period.yearName, termName: period.termName })),
  )
  return {
    school: { name: school.name },
    child: {
      id: pupil.id,
      name: pupil.name,
      studentNumber: pupil.studentNumber,
      classId: pupil.classId,
      className: pupil.className,
      classNumber: pupil.classNumber,
      gradeLevel: pupil.gradeLevel,
      schoolKind: pupil.schoolKind,
      active: pupil.active === 1,
      graduatedOn: pupil.graduatedOn,
      photoConsent: pupil.photoConsent,
      relation: relationOf.get(guardianId) ?? '',
    },
    photoConsentHistory: [
      ...photoHistory.map((row) => {
        const detail = row.detail ? (JSON.parse(row.detail) as { from?: string; to?: string }) : {}
        return {
          at: row.createdAt,
          from: detail.from ?? null,
          to: detail.to ?? null,
          source: 'online' as const,
          by: actor(row.userId, row.role === 'parent' ? null : row.userName),
        }
      }),
      ...answers
        .filter((answer) => answer.photoConsent !== null)
        .map((answer) => ({
          at: answer.answeredAt,
          from: null,
          to: answer.photoConsent,
          source: answer.source,
          by: actor(answer.guardianId ?? null, answer.recorderName),
        })),
    ].sort((a, b) => a.at.localeCompare(b.at)),
    classes,
    participation: entries.map((entry) => ({
      id: entry.id,
      activityId: entry.activityId,
      activityTitle: entry.title,
      seasonTitle: entry.seasonTitle,
      startsAt: entry.startsAt,
      yearName: entry.yearName,
      termName: entry.termName,
      classNumber: entry.classNumber,
      className: entry.className,
      gradeLevel: entry.gradeLevel,
      status: entry.status,
      role: entry.role,
      hours: entry.hours,
      practiceCategory: entry.practiceCategory,
    })),
    practice: record.practice,
    awards: record.awards.map((award) => ({
      id: award.id,
      title: award.title,
      level: award.level,
      scope: award.scope,
      recipientKind: award.recipientKind,
      teamName: award.teamName,
      awardedOn: award.awardedOn,
      activityId: award.activityId,
      activityTitle: award.activityTitle,
      citation: award.citation,
    })),
    consents: consents.map((consent) => ({
      ...consent,
      answers: answers
        .filter((answer) => answer.consentId === consent.id)
        .map((answer) => ({
          id: answer.id,
          source: answer.source,
          status: answer.status,
          photoConsent: answer.photoConsent,
          note: answer.note,
          answeredAt: answer.answeredAt,
          withdrawnAt: answer.withdrawnAt,
          by: actor(answer.guardianId, answer.recorderName),
        })),
    })),
    photos,
    notices: entries
      // Entries a 公示 has covered: on notice, locked after it, or disputed.
      .filter((entry) => entry.state !== 'recorded')
      .map((entry) => ({ participationId: entry.id, activityTitle: entry.title, state: entry.state })),
    disputes: disputes.map(({ guardianId: raisedBy, ...dispute }) => ({
      ...dispute,
      by: actor(raisedBy, null),
    })),
    guardian: {
      displayName: guardian.displayName,
      username: guardian.username,
      phone: guardian.phone,
      locale: guardian.locale,
      createdAt: guardian.createdAt,
      passwordChangedAt: guardian.passwordChangedAt,
      activeSessions: Number(sessions.active),
      lastSignInAt: sessions.lastSignInAt ?? null,
    },
    linkedAccounts: guardians
      .filter((g) => g.id !== guardianId)
      .map((g) => ({ relation: g.relation, phone: maskPhone(g.phone) })),
    corrections,
  }
}

export type ChildData = NonNullable<Awaited<ReturnType<typeof collectChildData>>>
export type DataActor = Actor

/** This guardian's correction requests about the child, newest first, with their answers. */
export async function listCorrectionRequests(
  db: Executor,
  { schoolId, studentId, guardianId }: { schoolId: number; studentId: number; guardianId: number },
) {
  return db
    .selectFrom('correction_requests')
    .leftJoin('users as answerer', 'answerer.id', 'correction_requests.answered_by')
    .select([
      'correction_requests.id',
      'correction_requests.section',
      'correction_requests.message',
      'correction_requests.status',
      'correction_requests.outcome',
      'correction_requests.answer',
      'correction_requests.created_at as createdAt',
      'correction_requests.answered_at as answeredAt',
      'answerer.display_name as answeredBy',
    ])
    .where('correction_requests.school_id', '=', schoolId)
    .where('correction_requests.student_id', '=', studentId)
    .where('correction_requests.guardian_id', '=', guardianId)
    .orderBy('correction_requests.id', 'desc')
    .execute()
}

/** Who answers a correction about this pupil: the class's head teacher, else the school's admins. */
export async function listCorrectionAnswerers(
  db: Executor,
  { schoolId, studentId }: { schoolId: number; studentId: number },
): Promise<number[]> {
  const head = await db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('users', 'users.id', 'classes.head_teacher_id')
    .select('users.id')
    .where('students.school_id', '=', schoolId)
    .where('students.id', '=', studentId)
    .where('users.active', '=', 1)
    .executeTakeFirst()
  return head ? [head.id] : listReviewerIds(db, { schoolId })
}

export async function insertCorrectionRequest(
  db: Executor,
  input: { schoolId: number; studentId: number; guardianId: number; section: string; message: string },
): Promise<number> {
  const { id } = await db
    .insertInto('correction_requests')
    .values({
      school_id: input.schoolId,
      student_id: input.studentId,
      guardian_id: input.guardianId,
      section: input.section,
      message: input.message,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** One request with its pupil and class's head teacher, for the page that answers it. */
export async function getCorrectionRequest(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('correction_requests as r')
    .innerJoin('students', 'students.id', 'r.student_id')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('users as guardian', 'guardian.id', 'r.guardian_id')
    .leftJoin('guardianships', (join) =>
      join
        .onRef('guardianships.guardian_id', '=', 'r.guardian_id')
        .onRef('guardianships.student_id', '=', 'r.student_id'),
    )
    .leftJoin('users as answerer', 'answerer.id', 'r.answered_by')
    .select([
      'r.id',
      'r.section',
      'r.message',
      'r.status',
      'r.outcome',
      'r.answer',
      'r.created_at as createdAt',
      'r.answered_at as answeredAt',
      'r.guardian_id as guardianId',
      'answerer.display_name as answeredBy',
      'guardian.display_name as guardianName',
      'guardianships.relation',
      'students.id as studentId',
      'students.name as studentName',
      'classes.id as classId',
      'classes.name as className',
      'classes.number as classNumber',
      'classes.head_teacher_id as headTeacherId',
      'grades.level as gradeLevel',
    ])
    .where('r.school_id', '=', schoolId)
    .where('r.id', '=', id)
    .executeTakeFirst()
}

/** Records the answer once: false when someone answered first. */
export async function answerCorrectionRequest(
  db: Executor,
  {
    schoolId,
    id,
    outcome,
    answer,
    by,
  }: { schoolId: number; id: number; outcome: CorrectionOutcome; answer: string; by: number },
): Promise<boolean> {
  const result = await db
    .updateTable('correction_requests')
    .set({ status: 'answered', outcome, answer, answered_by: by, answered_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
