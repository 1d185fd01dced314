import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely'
import { isVisibleToFamilies, PLAN_STATUSES } from '~/domain/approval'
import { photoShownTo } from '~/domain/recap-privacy'
import { creditedHours } from '~/domain/social-practice'
import type { Database } from '../../db/schema'
import { listNotifications } from './notifications.server'
import { listRecapPhotos } from './photos.server'

type Executor = Kysely<Database> | Transaction<Database>

/** A parent's child as the portal needs it: who, and the grade and class recaps and activities aim at. */
export type PortalChild = { id: number; gradeId: number; classId: number }

/** What the portal shows of each child, at most. */
export const PORTAL_LIMITS = {
  upcoming: 5,
  recaps: 3,
  participations: 5,
  awards: 3,
  news: 8,
} as const

const UPCOMING_DAYS = 60
const NEWS_RECAP_DAYS = 14
const DAY_MS = 86_400_000

// Families see activities once published (and after they close): the one rule in ~/domain/approval.
const FAMILY_STATUSES = PLAN_STATUSES.filter(isVisibleToFamilies)

type Audience = { gradeIds: readonly number[]; classIds: readonly number[] }

/** Targets to match: a family's ids, or the column of the child a row is about. */
type Targets = readonly number[] | { column: 'child_class.grade_id' | 'child.class_id' }

/**
 * The SQL form of canReadRecap (~/domain/recap-privacy) for a parent: published, and meant for the
 * public, all parents, one of their children's grades or one of their classes. The school is the caller's.
 */
function recapMeantFor(
  eb: ExpressionBuilder<Database, 'recaps'>,
  { grades, classes }: { grades: Targets; classes: Targets },
) {
  const branches = [eb('recaps.audience', 'in', ['public', 'parents'] as const)]
  if (!Array.isArray(grades) || grades.length) {
    const targets = eb
      .selectFrom('recap_grades')
      .select('recap_grades.recap_id')
      .whereRef('recap_grades.recap_id', '=', 'recaps.id')
    branches.push(
      eb.and([
        eb('recaps.audience', '=', 'grades'),
        eb.exists(
          'column' in grades
            ? targets.where('recap_grades.grade_id', '=', sql.ref<number>(grades.column))
            : targets.where('recap_grades.grade_id', 'in', [...grades]),
        ),
      ]),
    )
  }
  if (!Array.isArray(classes) || classes.length) {
    const targets = eb
      .selectFrom('recap_classes')
      .select('recap_classes.recap_id')
      .whereRef('recap_classes.recap_id', '=', 'recaps.id')
    branches.push(
      eb.and([
        eb('recaps.audience', '=', 'classes'),
        eb.exists(
          'column' in classes
            ? targets.where('recap_classes.class_id', '=', sql.ref<number>(classes.column))
            : targets.where('recap_classes.class_id', 'in', [...classes]),
        ),
      ]),
    )
  }
  return eb.and([eb('recaps.status', '=', 'published'), eb.or(branches)])
}

/**
 * Published recaps meant for this family, newest first: a page of them (asking one more, so the
 * page knows whether another follows), or those published since a moment.
 */
export async function listFamilyRecaps(
  db: Executor,
  {
    schoolId,
    gradeIds,
    classIds,
    since,
    limit,
    offset = 0,
  }: Audience & { schoolId: number; since?: string; limit: number; offset?: number },
) {
  let query = db
    .selectFrom('recaps')
    .select([
      'recaps.id',
      'recaps.title',
      'recaps.audience',
      'recaps.published_at as publishedAt',
      'recaps.cover_photo_id as coverPhotoId',
    ])
    .where('recaps.school_id', '=', schoolId)
    .where((eb) => recapMeantFor(eb, { grades: gradeIds, classes: classIds }))
  if (since) query = query.where('recaps.published_at', '>=', since)
  const rows = await query
    .orderBy('recaps.published_at', 'desc')
    .orderBy('recaps.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt ?? '' }))
}

export type FamilyRecap = Awaited<ReturnType<typeof listFamilyRecaps>>[number]

/**
 * Each (recap, child) pair where the recap concerns that child: all of them for a recap meant for
 * the public or all parents, else the children of its grades or classes.
 */
function recapsOfChildren(db: Executor, { schoolId, childIds }: { schoolId: number; childIds: number[] }) {
  return db
    .selectFrom('recaps')
    .innerJoin('students as child', (join) =>
      join.on('child.id', 'in', childIds).on('child.school_id', '=', schoolId),
    )
    .innerJoin('classes as child_class', 'child_class.id', 'child.class_id')
    .where('recaps.school_id', '=', schoolId)
    .where((eb) =>
      recapMeantFor(eb, {
        grades: { column: 'child_class.grade_id' },
        classes: { column: 'child.class_id' },
      }),
    )
}

/** The latest recaps concerning each child, in one statement. */
async function listLatestRecapsOfChildren(
  db: Executor,
  { schoolId, childIds, perChild }: { schoolId: number; childIds: number[]; perChild: number },
) {
  const ranked = recapsOfChildren(db, { schoolId, childIds }).select((eb) => [
    'child.id as studentId',
    'recaps.id',
    'recaps.title',
    'recaps.published_at as publishedAt',
    'recaps.cover_photo_id as coverPhotoId',
    eb.fn
      .agg<number>('row_number')
      .over((over) =>
        over.partitionBy('child.id').orderBy('recaps.published_at', 'desc').orderBy('recaps.id', 'desc'),
      )
      .as('rank'),
  ])
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .select(['studentId', 'id', 'title', 'publishedAt', 'coverPhotoId'])
    .where('rank', '<=', perChild)
    .orderBy('studentId')
    .orderBy('rank')
    .execute()
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt ?? '' }))
}

/** Which of these children each of these recaps concerns, for a list that says whose it is. */
export async function listChildrenOfRecaps(
  db: Executor,
  { schoolId, childIds, recapIds }: { schoolId: number; childIds: number[]; recapIds: number[] },
): Promise<Map<number, number[]>> {
  const concerned = new Map<number, number[]>()
  if (!childIds.length || !recapIds.length) return concerned
  const rows = await recapsOfChildren(db, { schoolId, childIds })
    .select(['recaps.id as recapId', 'child.id as studentId'])
    .where('recaps.id', 'in', recapIds)
    .execute()
  for (const { recapId, studentId } of rows)
    concerned.set(recapId, [...(concerned.get(recapId) ?? []), studentId])
  return concerned
}

/**
 * The covers parents may see, by recap: a cover is one of the recap's own photos, shown only when
 * every pupil it shows has a photo-use consent for the school (~/domain/recap-privacy).
 */
export async function listCoversShownToParents(
  db: Executor,
  { schoolId, recaps }: { schoolId: number; recaps: readonly { id: number; coverPhotoId: number | null }[] },
): Promise<Map<number, number>> {
  const wanted = recaps.filter((recap) => recap.coverPhotoId !== null)
  const covers = new Map<number, number>()
  if (!wanted.length) return covers
  const coverOf = new Map(wanted.map((recap) => [recap.id, recap.coverPhotoId]))
  const photos = await listRecapPhotos(db, { schoolId, recapIds: [...coverOf.keys()] })
  for (const photo of photos) {
    if (coverOf.get(photo.recapId) === photo.id && photoShownTo(photo, 'parent'))
      covers.set(photo.recapId, photo.id)
  }
  return covers
}

/** Published activities of the next weeks aimed at each child's grade or class, soonest first. */
async function listUpcomingOfChildren(
  db: Executor,
  {
    schoolId,
    childIds,
    now,
    perChild,
  }: { schoolId: number; childIds: number[]; now: Date; perChild: number },
) {
  const ranked = db
    .selectFrom('activities')
    .innerJoin('students as child', (join) =>
      join.on('child.id', 'in', childIds).on('child.school_id', '=', schoolId),
    )
    .innerJoin('classes as child_class', 'child_class.id', 'child.class_id')
    .select((eb) => [
      'child.id as studentId',
      'activities.id',
      'activities.title',
      'activities.starts_at as startsAt',
      'activities.ends_at as endsAt',
      'activities.off_campus as offCampus',
      eb.fn
        .agg<number>('row_number')
        .over((over) => over.partitionBy('child.id').orderBy('activities.starts_at').orderBy('activities.id'))
        .as('rank'),
    ])
    .where('activities.school_id', '=', schoolId)
    .where('activities.status', '=', 'published')
    .where('activities.ends_at', '>', now.toISOString())
    .where('activities.starts_at', '<', new Date(now.getTime() + UPCOMING_DAYS * DAY_MS).toISOString())
    // As the activity page admits a parent: aimed at the child's grade as a whole or at their class.
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('activity_grades')
            .select('activity_grades.activity_id')
            .whereRef('activity_grades.activity_id', '=', 'activities.id')
            .whereRef('activity_grades.grade_id', '=', 'child_class.grade_id'),
        ),
        eb.exists(
          eb
            .selectFrom('activity_classes')
            .select('activity_classes.activity_id')
            .whereRef('activity_classes.activity_id', '=', 'activities.id')
            .whereRef('activity_classes.class_id', '=', 'child.class_id'),
        ),
      ]),
    )
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .select(['studentId', 'id', 'title', 'startsAt', 'endsAt', 'offCampus'])
    .where('rank', '<=', perChild)
    .orderBy('studentId')
    .orderBy('rank')
    .execute()
  return rows.map((row) => ({ ...row, offCampus: row.offCampus === 1 }))
}

/**
 * Consent requests still waiting for an answer, as /family/consents lists them (and the badge counts
 * them): the activity still needs consent and has not begun.
 */
async function listPendingConsentsOfChildren(
  db: Executor,
  { schoolId, childIds, now }: { schoolId: number; childIds: number[]; now: Date },
) {
  return db
    .selectFrom('consents')
    .innerJoin('activities', 'activities.id', 'consents.activity_id')
    .select([
      'consents.id',
      'consents.student_id as studentId',
      'activities.title',
      'activities.starts_at as startsAt',
      'activities.consent_due_on as consentDueOn',
    ])
    .where('consents.school_id', '=', schoolId)
    .where('consents.student_id', 'in', childIds)
    .where('consents.status', '=', 'requested')
    .where('activities.needs_consent', '=', 1)
    .where('activities.starts_at', '>', now.toISOString())
    .orderBy('activities.starts_at')
    .orderBy('consents.id')
    .execute()
}

/** Each child's latest entries on activities that have begun, with the hours credited. */
async function listRecentParticipationsOfChildren(
  db: Executor,
  {
    schoolId,
    childIds,
    now,
    perChild,
  }: { schoolId: number; childIds: number[]; now: Date; perChild: number },
) {
  const ranked = db
    .selectFrom('participations')
    .innerJoin('activities', 'activities.id', 'participations.activity_id')
    .select((eb) => [
      'participations.student_id as studentId',
      'participations.id',
      'participations.status',
      'participations.role',
      'participations.hours',
      'activities.practice_hours as practiceHours',
      'activities.title',
      'activities.starts_at as startsAt',
      eb.fn
        .agg<number>('row_number')
        .over((over) =>
          over
            .partitionBy('participations.student_id')
            .orderBy('activities.starts_at', 'desc')
            .orderBy('participations.id', 'desc'),
        )
        .as('rank'),
    ])
    .where('participations.school_id', '=', schoolId)
    .where('participations.student_id', 'in', childIds)
    .where('activities.starts_at', '<=', now.toISOString())
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .select(['studentId', 'id', 'status', 'role', 'hours', 'practiceHours', 'title', 'startsAt'])
    .where('rank', '<=', perChild)
    .orderBy('studentId')
    .orderBy('rank')
    .execute()
  return rows.map(({ hours, practiceHours, ...row }) => ({
    ...row,
    hours: creditedHours({ status: row.status, hours, practiceHours }),
  }))
}

/**
 * Each child's latest awards a family may read (given by today, of an activity families see): their
 * own or their team's, and class awards of the class they took part with — or of their current
 * class when they were not on the sheet — as the pupil record counts them (award-records.server).
 */
async function listRecentAwardsOfChildren(
  db: Executor,
  {
    schoolId,
    childIds,
    today,
    perChild,
  }: { schoolId: number; childIds: number[]; today: string; perChild: number },
) {
  const ranked = db
    .selectFrom('awards as w')
    .innerJoin('activities as a', 'a.id', 'w.activity_id')
    .innerJoin('students as child', (join) =>
      join.on('child.id', 'in', childIds).on('child.school_id', '=', schoolId),
    )
    .select((eb) => [
      'child.id as studentId',
      'w.id',
      'w.title',
      'w.level',
      'w.awarded_on as awardedOn',
      'a.title as activityTitle',
      eb.fn
        .agg<number>('row_number')
        .over((over) =>
          over
            .partitionBy('child.id')
            .orderBy('w.awarded_on', 'desc')
            .orderBy('a.id', 'desc')
            .orderBy('w.position'),
        )
        .as('rank'),
    ])
    .where('w.school_id', '=', schoolId)
    .where('a.school_id', '=', schoolId)
    .where('w.awarded_on', '<=', today)
    .where('a.status', 'in', FAMILY_STATUSES)
    .where((eb) => {
      const onSheet = eb
        .selectFrom('participations as p')
        .select('p.id')
        .whereRef('p.activity_id', '=', 'w.activity_id')
        .whereRef('p.student_id', '=', 'child.id')
      return eb.or([
        eb.exists(
          eb
            .selectFrom('award_recipients as r')
            .select('r.award_id')
            .whereRef('r.award_id', '=', 'w.id')
            .whereRef('r.student_id', '=', 'child.id'),
        ),
        eb.and([
          eb('w.recipient_kind', '=', 'class'),
          eb.or([
            eb.exists(onSheet.whereRef('p.class_id', '=', 'w.class_id')),
            eb.and([eb('w.class_id', '=', eb.ref('child.class_id')), eb.not(eb.exists(onSheet))]),
          ]),
        ]),
      ])
    })
  return db
    .selectFrom(ranked.as('ranked'))
    .select(['studentId', 'id', 'title', 'level', 'awardedOn', 'activityTitle'])
    .where('rank', '<=', perChild)
    .orderBy('studentId')
    .orderBy('rank')
    .execute()
}

function byStudent<T extends { studentId: number }>(rows: readonly T[]) {
  const grouped = new Map<number, Omit<T, 'studentId'>[]>()
  for (const { studentId, ...row } of rows) grouped.set(studentId, [...(grouped.get(studentId) ?? []), row])
  return grouped
}

/**
 * What the portal shows of each child — upcoming activities, consent requests waiting, recaps,
 * recent participation and awards — and the family's news: unread messages and recaps of the last
 * two weeks. A constant number of statements, however many children.
 */
export async function loadFamilyPortal(
  db: Executor,
  {
    schoolId,
    guardianId,
    children,
    now,
    today,
  }: { schoolId: number; guardianId: number; children: readonly PortalChild[]; now: Date; today: string },
) {
  const childIds = children.map((child) => child.id)
  const audience = {
    gradeIds: [...new Set(children.map((child) => child.gradeId))],
    classIds: [...new Set(children.map((child) => child.classId))],
  }
  const perChild = childIds.length
    ? await Promise.all([
        listUpcomingOfChildren(db, { schoolId, childIds, now, perChild: PORTAL_LIMITS.upcoming }),
        listPendingConsentsOfChildren(db, { schoolId, childIds, now }),
        listLatestRecapsOfChildren(db, { schoolId, childIds, perChild: PORTAL_LIMITS.recaps }),
        listRecentParticipationsOfChildren(db, {
          schoolId,
          childIds,
          now,
          perChild: PORTAL_LIMITS.participations,
        }),
        listRecentAwardsOfChildren(db, { schoolId, childIds, today, perChild: PORTAL_LIMITS.awards }),
      ])
    : null
  const [messages, recentRecaps] = await Promise.all([
    listNotifications(db, { schoolId, userId: guardianId, limit: PORTAL_LIMITS.news }),
    listFamilyRecaps(db, {
      schoolId,
      ...audience,
      since: new Date(now.getTime() - NEWS_RECAP_DAYS * DAY_MS).toISOString(),
      limit: PORTAL_LIMITS.news,
    }),
  ])
  const [upcoming, consents, recaps, participations, awards] = perChild ?? [[], [], [], [], []]
  const covers = await listCoversShownToParents(db, { schoolId, recaps: [...recaps, ...recentRecaps] })
  return {
    children: {
      upcoming: byStudent(upcoming),
      consents: byStudent(consents),
      recaps: byStudent(recaps.map((recap) => ({ ...recap, coverId: covers.get(recap.id) ?? null }))),
      participations: byStudent(participations),
      awards: byStudent(awards),
    },
    news: familyNews(messages, recentRecaps, covers),
  }
}

type Message = Awaited<ReturnType<typeof listNotifications>>[number]

export type NewsItem =
  | { type: 'message'; at: string; message: Omit<Message, 'readAt'> }
  | { type: 'recap'; at: string; recap: { id: number; title: string; coverId: number | null } }

/**
 * Unread messages and recently published recaps, newest first. A recap a message already announces
 * is listed once, as that message.
 */
function familyNews(
  messages: readonly Message[],
  recaps: readonly FamilyRecap[],
  covers: ReadonlyMap<number, number>,
): NewsItem[] {
  const unread = messages.filter((message) => !message.readAt)
  const announced = new Set(unread.filter((m) => m.entity === 'recap').map((m) => m.entityId))
  const items: NewsItem[] = [
    ...unread.map(({ readAt: _, ...message }) => ({
      type: 'message' as const,
      at: message.createdAt,
      message,
    })),
    ...recaps
      .filter((recap) => !announced.has(recap.id))
      .map((recap) => ({
        type: 'recap' as const,
        at: recap.publishedAt,
        recap: { id: recap.id, title: recap.title, coverId: covers.get(recap.id) ?? null },
      })),
  ]
  return items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, PORTAL_LIMITS.news)
}
