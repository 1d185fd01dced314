import type { Kysely, Transaction } from 'kysely'
import { nowIso } from '~/utils/clock'
import { chunks } from '../../db/query'
import type { Database, PlanStatus, RecapAudience, RecapEventAction, RecapStatus } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/** Activities worth a recap: those the school decided on, whether or not they are over. */
export const RECAPPABLE_ACTIVITY_STATUSES: readonly PlanStatus[] = ['approved', 'published', 'closed']

export type RecapInput = {
  title: string
  body: string
  seasonId: number | null
  audience: RecapAudience
  activityIds: readonly number[]
  gradeIds: readonly number[]
  classIds: readonly number[]
}

/** Replaces a recap's linked activities and audience targets with these. */
async function replaceLinks(db: Executor, recapId: number, input: RecapInput): Promise<void> {
  await db.deleteFrom('recap_activities').where('recap_id', '=', recapId).execute()
  await db.deleteFrom('recap_grades').where('recap_id', '=', recapId).execute()
  await db.deleteFrom('recap_classes').where('recap_id', '=', recapId).execute()
  const activityIds = [...new Set(input.activityIds)]
  const gradeIds = [...new Set(input.gradeIds)]
  const classIds = [...new Set(input.classIds)]
  if (activityIds.length) {
    await db
      .insertInto('recap_activities')
      .values(activityIds.map((activityId) => ({ recap_id: recapId, activity_id: activityId })))
      .execute()
  }
  if (gradeIds.length) {
    await db
      .insertInto('recap_grades')
      .values(gradeIds.map((gradeId) => ({ recap_id: recapId, grade_id: gradeId })))
      .execute()
  }
  if (classIds.length) {
    await db
      .insertInto('recap_classes')
      .values(classIds.map((classId) => ({ recap_id: recapId, class_id: classId })))
      .execute()
  }
}

/** A new draft's row with its links; the service adds its history and audit rows. */
export async function insertRecap(
  db: Executor,
  { schoolId, authorId, input }: { schoolId: number; authorId: number; input: RecapInput },
): Promise<number> {
  const createdAt = nowIso()
  const { id } = await db
    .insertInto('recaps')
    .values({
      school_id: schoolId,
      season_id: input.seasonId,
      title: input.title,
      body: input.body,
      audience: input.audience,
      author_id: authorId,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await replaceLinks(db, id, input)
  return id
}

/** One row of a recap's history. */
export async function insertRecapEvent(
  db: Executor,
  event: { schoolId: number; recapId: number; actorId: number; action: RecapEventAction; comment?: string },
): Promise<void> {
  await db
    .insertInto('recap_events')
    .values({
      school_id: event.schoolId,
      recap_id: event.recapId,
      actor_id: event.actorId,
      action: event.action,
      ...(event.comment === undefined ? {} : { comment: event.comment }),
      created_at: nowIso(),
    })
    .execute()
}

/**
 * Saves an edit: text, season, activities and audience targets together (call inside a
 * transaction). Only a recap still in `statuses` is changed, so an edit racing a publication
 * changes nothing; answers whether it saved.
 */
export async function updateRecap(
  db: Executor,
  {
    schoolId,
    id,
    input,
    statuses,
  }: { schoolId: number; id: number; input: RecapInput; statuses: readonly RecapStatus[] },
): Promise<boolean> {
  const result = await db
    .updateTable('recaps')
    .set({
      title: input.title,
      body: input.body,
      season_id: input.seasonId,
      audience: input.audience,
      updated_at: nowIso(),
    })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('status', 'in', [...statuses])
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return false
  await replaceLinks(db, id, input)
  return true
}

/** One recap of the school with what its pages show around the text; undefined when not of this school. */
export async function getRecap(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  const recap = await db
    .selectFrom('recaps')
    .leftJoin('users as author', 'author.id', 'recaps.author_id')
    .leftJoin('users as reviewer', 'reviewer.id', 'recaps.reviewer_id')
    .leftJoin('seasons', 'seasons.id', 'recaps.season_id')
    .select([
      'recaps.id',
      'recaps.title',
      'recaps.body',
      'recaps.status',
      'recaps.audience',
      'recaps.author_id as authorId',
      'author.display_name as authorName',
      'reviewer.display_name as reviewerName',
      'recaps.season_id as seasonId',
      'seasons.title as seasonTitle',
      'seasons.academic_year_id as academicYearId',
      'recaps.cover_photo_id as coverPhotoId',
      'recaps.published_at as publishedAt',
      'recaps.created_at as createdAt',
      'recaps.updated_at as updatedAt',
    ])
    .where('recaps.school_id', '=', schoolId)
    .where('recaps.id', '=', id)
    .executeTakeFirst()
  if (!recap) return undefined
  const [activities, grades, classes] = await Promise.all([
    db
      .selectFrom('recap_activities')
      .innerJoin('activities', 'activities.id', 'recap_activities.activity_id')
      .select(['activities.id', 'activities.title', 'activities.starts_at as startsAt'])
      .where('recap_activities.recap_id', '=', id)
      .where('activities.school_id', '=', schoolId)
      .orderBy('activities.starts_at')
      .execute(),
    db
      .selectFrom('recap_grades')
      .innerJoin('grades', 'grades.id', 'recap_grades.grade_id')
      .select(['grades.id', 'grades.level', 'grades.name'])
      .where('recap_grades.recap_id', '=', id)
      .orderBy('grades.level')
      .execute(),
    db
      .selectFrom('recap_classes')
      .innerJoin('classes', 'classes.id', 'recap_classes.class_id')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select(['classes.id', 'classes.number', 'classes.name', 'grades.level as gradeLevel'])
      .where('recap_classes.recap_id', '=', id)
      .orderBy('grades.level')
      .orderBy('classes.number')
      .execute(),
  ])
  return {
    ...recap,
    activities,
    grades,
    classes,
    activityIds: activities.map((a) => a.id),
    gradeIds: grades.map((g) => g.id),
    classIds: classes.map((c) => c.id),
  }
}

export type RecapDetail = NonNullable<Awaited<ReturnType<typeof getRecap>>>

export type RecapListFilter = {
  status?: RecapStatus
  authorId?: number
  seasonId?: number
}

/** Rows the list shows at most; older ones are reached through the filters. */
export const RECAP_LIST_LIMIT = 200

/**
 * Recaps a staff member may see, newest change first: their own in any state, everyone's published
 * ones, and for admins those waiting for review (as canReadRecap rules for staff).
 */
export async function listRecaps(
  db: Executor,
  {
    schoolId,
    viewer,
    filter,
  }: { schoolId: number; viewer: { userId: number; isAdmin: boolean }; filter: RecapListFilter },
) {
  let query = db
    .selectFrom('recaps')
    .leftJoin('users as author', 'author.id', 'recaps.author_id')
    .leftJoin('seasons', 'seasons.id', 'recaps.season_id')
    .select([
      'recaps.id',
      'recaps.title',
      'recaps.status',
      'recaps.audience',
      'recaps.author_id as authorId',
      'author.display_name as authorName',
      'seasons.title as seasonTitle',
      'recaps.published_at as publishedAt',
      'recaps.updated_at as updatedAt',
    ])
    .where('recaps.school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        eb('recaps.author_id', '=', viewer.userId),
        eb('recaps.status', '=', 'published'),
        ...(viewer.isAdmin ? [eb('recaps.status', '=', 'in_review')] : []),
      ]),
    )
  if (filter.status) query = query.where('recaps.status', '=', filter.status)
  if (filter.authorId) query = query.where('recaps.author_id', '=', filter.authorId)
  if (filter.seasonId) query = query.where('recaps.season_id', '=', filter.seasonId)
  const rows = await query
    .orderBy('recaps.updated_at', 'desc')
    .orderBy('recaps.id', 'desc')
    .limit(RECAP_LIST_LIMIT + 1)
    .execute()
  const shown = rows.slice(0, RECAP_LIST_LIMIT)
  const targets = await listAudienceTargets(db, {
    recapIds: shown.filter((r) => r.audience === 'grades' || r.audience === 'classes').map((r) => r.id),
  })
  return {
    recaps: shown.map((row) => ({ ...row, targets: targets.get(row.id) ?? [] })),
    truncated: rows.length > RECAP_LIST_LIMIT,
  }
}

/** The target grades and classes of these recaps, for labels: two statements per 500 recaps. */
async function listAudienceTargets(db: Executor, { recapIds }: { recapIds: readonly number[] }) {
  const targets = new Map<
    number,
    (
      | { kind: 'grade'; level: number; name: string }
      | { kind: 'class'; gradeLevel: number; number: number; name: string }
    )[]
  >()
  for (const part of chunks(recapIds)) {
    const [grades, classes] = await Promise.all([
      db
        .selectFrom('recap_grades')
        .innerJoin('grades', 'grades.id', 'recap_grades.grade_id')
        .select(['recap_grades.recap_id as recapId', 'grades.level', 'grades.name'])
        .where('recap_grades.recap_id', 'in', part)
        .orderBy('grades.level')
        .execute(),
      db
        .selectFrom('recap_classes')
        .innerJoin('classes', 'classes.id', 'recap_classes.class_id')
        .innerJoin('grades', 'grades.id', 'classes.grade_id')
        .select([
          'recap_classes.recap_id as recapId',
          'grades.level as gradeLevel',
          'classes.number',
          'classes.name',
        ])
        .where('recap_classes.recap_id', 'in', part)
        .orderBy('grades.level')
        .orderBy('classes.number')
        .execute(),
    ])
    for (const { recapId, ...grade } of grades) {
      targets.set(recapId, [...(targets.get(recapId) ?? []), { kind: 'grade', ...grade }])
    }
    for (const { recapId, ...schoolClass } of classes) {
      targets.set(recapId, [...(targets.get(recapId) ?? []), { kind: 'class', ...schoolClass }])
    }
  }
  return targets
}

/** Recaps waiting for an admin's decision, oldest first: the review queue. */
export async function listRecapsInReview(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('recaps')
    .leftJoin('users as author', 'author.id', 'recaps.author_id')
    .select([
      'recaps.id',
      'recaps.title',
      'recaps.audience',
      'recaps.updated_at as updatedAt',
      'author.display_name as authorName',
    ])
    .where('recaps.school_id', '=', schoolId)
    .where('recaps.status', '=', 'in_review')
    .orderBy('recaps.updated_at')
    .orderBy('recaps.id')
    .execute()
}

/** The recap's history, oldest first: the story of its review. */
export async function listRecapEvents(
  db: Executor,
  { schoolId, recapId }: { schoolId: number; recapId: number },
) {
  return db
    .selectFrom('recap_events')
    .leftJoin('users as actor', 'actor.id', 'recap_events.actor_id')
    .select([
      'recap_events.id',
      'recap_events.action',
      'recap_events.comment',
      'recap_events.created_at as createdAt',
      'actor.display_name as actorName',
    ])
    .where('recap_events.school_id', '=', schoolId)
    .where('recap_events.recap_id', '=', recapId)
    .orderBy('recap_events.id')
    .execute()
}

/**
 * Moves a recap's status, only from `from` (a guarded UPDATE, so of two admins clicking at once only
 * one publishes); a decision names its reviewer, publishing stamps the time, unpublishing clears it.
 * Answers false, having changed nothing, when the recap had already moved on.
 */
export async function moveRecapStatus(
  db: Executor,
  move: {
    schoolId: number
    recapId: number
    from: RecapStatus
    to: RecapStatus
    event: Exclude<RecapEventAction, 'created'>
    actorId: number
  },
): Promise<boolean> {
  const at = nowIso()
  const decided = move.event === 'published' || move.event === 'returned'
  const result = await db
    .updateTable('recaps')
    .set({
      status: move.to,
      updated_at: at,
      ...(move.to === 'published' ? { published_at: at } : {}),
      ...(move.event === 'unpublished' ? { published_at: null } : {}),
      ...(decided ? { reviewer_id: move.actorId } : {}),
    })
    .where('school_id', '=', move.schoolId)
    .where('id', '=', move.recapId)
    .where('status', '=', move.from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/* Photos: the rows. The files are written before and deleted after, by utils/photo-files.server. */

export async function countPhotos(
  db: Executor,
  { schoolId, recapId }: { schoolId: number; recapId: number },
) {
  const row = await db
    .selectFrom('photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('recap_id', '=', recapId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A photo of this recap (its id from a form), or undefined. */
export async function getPhoto(
  db: Executor,
  { schoolId, recapId, id }: { schoolId: number; recapId: number; id: number },
) {
  return db
    .selectFrom('photos')
    .select(['id', 'caption', 'file_key as fileKey', 'shows_pupils as showsPupils', 'position'])
    .where('school_id', '=', schoolId)
    .where('recap_id', '=', recapId)
    .where('id', '=', id)
    .executeTakeFirst()
}

async function replacePhotoPupils(db: Executor, photoId: number, pupilIds: readonly number[]) {
  await db.deleteFrom('photo_pupils').where('photo_id', '=', photoId).execute()
  const unique = [...new Set(pupilIds)]
  for (const part of chunks(unique)) {
    await db
      .insertInto('photo_pupils')
      .values(part.map((studentId) => ({ photo_id: photoId, student_id: studentId })))
      .execute()
  }
}

/** A stored photo's row, last in the recap, with the pupils it shows; call inside a transaction. */
export async function insertPhoto(
  db: Executor,
  photo: {
    schoolId: number
    recapId: number
    fileKey: string
    width: number
    height: number
    bytes: number
    caption: string
    pupilIds: readonly number[]
    showsPupils: boolean
    createdBy: number
  },
): Promise<number> {
  const last = await db
    .selectFrom('photos')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('school_id', '=', photo.schoolId)
    .where('recap_id', '=', photo.recapId)
    .executeTakeFirst()
  const { id } = await db
    .insertInto('photos')
    .values({
      school_id: photo.schoolId,
      recap_id: photo.recapId,
      file_key: photo.fileKey,
      width: photo.width,
      height: photo.height,
      bytes: photo.bytes,
      caption: photo.caption,
      shows_pupils: photo.showsPupils ? 1 : 0,
      position: Number(last?.position ?? 0) + 1,
      created_by: photo.createdBy,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await replacePhotoPupils(db, id, photo.pupilIds)
  return id
}

export async function updatePhoto(
  db: Executor,
  photo: {
    schoolId: number
    recapId: number
    id: number
    caption: string
    showsPupils: boolean
    pupilIds: readonly number[]
  },
): Promise<void> {
  await db
    .updateTable('photos')
    .set({ caption: photo.caption, shows_pupils: photo.showsPupils ? 1 : 0 })
    .where('school_id', '=', photo.schoolId)
    .where('recap_id', '=', photo.recapId)
    .where('id', '=', photo.id)
    .execute()
  await replacePhotoPupils(db, photo.id, photo.pupilIds)
}

/** Moves a photo one place up or down by swapping positions with its neighbour; false at either end. */
export async function movePhoto(
  db: Executor,
  {
    schoolId,
    recapId,
    id,
    direction,
  }: { schoolId: number; recapId: number; id: number; direction: 'up' | 'down' },
): Promise<boolean> {
  const photos = await db
    .selectFrom('photos')
    .select(['id', 'position'])
    .where('school_id', '=', schoolId)
    .where('recap_id', '=', recapId)
    .orderBy('position')
    .orderBy('id')
    .execute()
  const index = photos.findIndex((photo) => photo.id === id)
  const photo = photos[index]
  const neighbour = photos[direction === 'up' ? index - 1 : index + 1]
  if (!photo || !neighbour) return false
  // Equal positions (never written by this model) still end up in distinct places.
  const [to, from] =
    photo.position === neighbour.position
      ? direction === 'up'
        ? [photo.position, photo.position + 1]
        : [photo.position + 1, photo.position]
      : [neighbour.position, photo.position]
  await db.updateTable('photos').set({ position: to }).where('id', '=', photo.id).execute()
  await db.updateTable('photos').set({ position: from }).where('id', '=', neighbour.id).execute()
  return true
}

/** Deletes a photo's row (its pupils go with it) and, if it was the cover, the cover. */
export async function deletePhoto(
  db: Executor,
  { schoolId, recapId, id }: { schoolId: number; recapId: number; id: number },
): Promise<void> {
  await db
    .updateTable('recaps')
    .set({ cover_photo_id: null })
    .where('school_id', '=', schoolId)
    .where('id', '=', recapId)
    .where('cover_photo_id', '=', id)
    .execute()
  await db
    .deleteFrom('photos')
    .where('school_id', '=', schoolId)
    .where('recap_id', '=', recapId)
    .where('id', '=', id)
    .execute()
}

/** The recap's cover: one of its own photos, or none. */
export async function setCover(
  db: Executor,
  { schoolId, recapId, photoId }: { schoolId: number; recapId: number; photoId: number | null },
): Promise<void> {
  await db
    .updateTable('recaps')
    .set({ cover_photo_id: photoId, updated_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('id', '=', recapId)
    .execute()
}

/** Marks a recap as changed (a photo added or edited), so lists order it by its last change. */
export async function touchRecap(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  await db
    .updateTable('recaps')
    .set({ updated_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

/* What the forms offer. */

/** The school's seasons, newest first, with their academic year. */
export async function listSeasonOptions(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('seasons')
    .innerJoin('academic_years', 'academic_years.id', 'seasons.academic_year_id')
    .select([
      'seasons.id',
      'seasons.title',
      'seasons.academic_year_id as academicYearId',
      'academic_years.name as yearName',
    ])
    .where('seasons.school_id', '=', schoolId)
    .orderBy('seasons.starts_on', 'desc')
    .orderBy('seasons.id', 'desc')
    .execute()
}

/** The academic year of the school's latest decided activity that has begun: where recaps are written. */
export async function latestRecappableYearId(
  db: Executor,
  { schoolId, before }: { schoolId: number; before: string },
): Promise<number | null> {
  const row = await db
    .selectFrom('activities')
    .innerJoin('seasons', 'seasons.id', 'activities.season_id')
    .select('seasons.academic_year_id as academicYearId')
    .where('activities.school_id', '=', schoolId)
    .where('activities.status', 'in', [...RECAPPABLE_ACTIVITY_STATUSES])
    .where('activities.starts_at', '<=', before)
    .orderBy('activities.starts_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.academicYearId ?? null
}

/**
 * Activities a recap may link, grouped later by season and strand: the decided activities of one
 * academic year, and those already linked (kept, so a save never drops them silently).
 */
export async function listActivityOptions(
  db: Executor,
  {
    schoolId,
    academicYearId,
    includeIds,
  }: { schoolId: number; academicYearId: number | null; includeIds: readonly number[] },
) {
  return db
    .selectFrom('activities')
    .innerJoin('seasons', 'seasons.id', 'activities.season_id')
    .leftJoin('strands', 'strands.id', 'activities.strand_id')
    .select([
      'activities.id',
      'activities.title',
      'activities.starts_at as startsAt',
      'seasons.id as seasonId',
      'seasons.title as seasonTitle',
      'strands.id as strandId',
      'strands.title as strandTitle',
    ])
    .where('activities.school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('seasons.academic_year_id', '=', academicYearId ?? -1),
          eb('activities.status', 'in', [...RECAPPABLE_ACTIVITY_STATUSES]),
        ]),
        ...(includeIds.length ? [eb('activities.id', 'in', [...includeIds])] : []),
      ]),
    )
    .orderBy('seasons.starts_on', 'desc')
    .orderBy('seasons.id', 'desc')
    .orderBy('strands.position')
    .orderBy('activities.starts_at')
    .orderBy('activities.id')
    .execute()
}

/** Current classes, and any archived class a recap already targets. */
export async function listAudienceClasses(
  db: Executor,
  { schoolId, includeIds }: { schoolId: number; includeIds: readonly number[] },
) {
  return db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'classes.id',
      'classes.number',
      'classes.name',
      'grades.id as gradeId',
      'grades.level as gradeLevel',
    ])
    .where('classes.school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        eb('classes.archived_at', 'is', null),
        ...(includeIds.length ? [eb('classes.id', 'in', [...includeIds])] : []),
      ]),
    )
    .orderBy('grades.level')
    .orderBy('classes.number')
    .execute()
}

/**
 * Pupils a photo may name: those who took part in the linked activities (not marked absent or
 * excused), with the class they were in, and any pupil a photo already names. One statement each.
 */
export async function listPupilChoices(
  db: Executor,
  {
    schoolId,
    activityIds,
    includeIds,
  }: { schoolId: number; activityIds: readonly number[]; includeIds: readonly number[] },
) {
  const [attendees, named] = await Promise.all([
    activityIds.length
      ? db
          .selectFrom('participations')
          .innerJoin('students', 'students.id', 'participations.student_id')
          .innerJoin('classes', 'classes.id', 'participations.class_id')
          .innerJoin('grades', 'grades.id', 'classes.grade_id')
          .select([
            'students.id',
            'students.name',
            'students.student_number as studentNumber',
            'classes.id as classId',
            'classes.number as classNumber',
            'classes.name as className',
            'grades.level as gradeLevel',
          ])
          .where('participations.school_id', '=', schoolId)
          .where('participations.activity_id', 'in', [...activityIds])
          .where((eb) =>
            eb.or([eb('participations.status', 'is', null), eb('participations.status', '=', 'attended')]),
          )
          .execute()
      : [],
    includeIds.length
      ? db
          .selectFrom('students')
          .innerJoin('classes', 'classes.id', 'students.class_id')
          .innerJoin('grades', 'grades.id', 'classes.grade_id')
          .select([
            'students.id',
            'students.name',
            'students.student_number as studentNumber',
            'classes.id as classId',
            'classes.number as classNumber',
            'classes.name as className',
            'grades.level as gradeLevel',
          ])
          .where('students.school_id', '=', schoolId)
          .where('students.id', 'in', [...includeIds])
          .execute()
      : [],
  ])
  // A pupil who took part in two linked activities, or is already named, is offered once.
  const byId = new Map<number, (typeof attendees)[number]>()
  for (const pupil of [...attendees, ...named]) if (!byId.has(pupil.id)) byId.set(pupil.id, pupil)
  return [...byId.values()].sort(
    (a, b) =>
      a.gradeLevel - b.gradeLevel ||
      a.classNumber - b.classNumber ||
      a.studentNumber.localeCompare(b.studentNumber) ||
      a.id - b.id,
  )
}

export type PupilChoice = Awaited<ReturnType<typeof listPupilChoices>>[number]

/** The pupils named on the recap's photos, so the picker keeps offering them. */
export async function listNamedPupilIds(
  db: Executor,
  { schoolId, recapId }: { schoolId: number; recapId: number },
) {
  const rows = await db
    .selectFrom('photo_pupils')
    .innerJoin('photos', 'photos.id', 'photo_pupils.photo_id')
    .select('photo_pupils.student_id as studentId')
    .distinct()
    .where('photos.school_id', '=', schoolId)
    .where('photos.recap_id', '=', recapId)
    .execute()
  return rows.map((row) => row.studentId)
}

/** Which of these ids are activities of the school worth a recap, or already linked (`alsoAllowed`). */
export async function findRecappableActivityIds(
  db: Executor,
  {
    schoolId,
    ids,
    alsoAllowed,
  }: { schoolId: number; ids: readonly number[]; alsoAllowed: readonly number[] },
): Promise<number[]> {
  const kept = new Set(alsoAllowed)
  const asked = [...new Set(ids)].filter((id) => !kept.has(id))
  const found: number[] = [...kept]
  for (const part of chunks(asked)) {
    const rows = await db
      .selectFrom('activities')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('id', 'in', part)
      .where('status', 'in', [...RECAPPABLE_ACTIVITY_STATUSES])
      .execute()
    found.push(...rows.map((row) => row.id))
  }
  return found
}

/** A recap's status as stored now: the check an edit makes inside its transaction. */
export async function getRecapStatus(
  db: Executor,
  { schoolId, id }: { schoolId: number; id: number },
): Promise<RecapStatus | undefined> {
  const row = await db
    .selectFrom('recaps')
    .select('status')
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.status
}

/** The seasons these activities of the school belong to, each once. */
export async function listSeasonIdsOfActivities(
  db: Executor,
  { schoolId, activityIds }: { schoolId: number; activityIds: readonly number[] },
): Promise<number[]> {
  if (activityIds.length === 0) return []
  const rows = await db
    .selectFrom('activities')
    .select('season_id as seasonId')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...activityIds])
    .execute()
  return rows.map((row) => row.seasonId)
}
