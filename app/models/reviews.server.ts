import type { Kysely, Transaction } from 'kysely'
import type { ProgrammeSnapshot } from '~/domain/programme-diff'
import { nowIso } from '~/utils/clock'
import type { Database, ReviewAction, ReviewEntity } from '../../db/schema'
import { type ActivitySummary, listActivitiesOfSeason } from './activities.server'
import { listRecapsInReview } from './recaps.server'
import { getSeason, listStrands, type SeasonDetail, type StrandRow } from './seasons.server'

type Executor = Kysely<Database> | Transaction<Database>

export async function recordReview(
  db: Executor,
  entry: {
    schoolId: number
    entity: ReviewEntity
    entityId: number
    actorId: number
    action: ReviewAction
    comment?: string
    snapshot?: ProgrammeSnapshot
  },
): Promise<void> {
  await db
    .insertInto('reviews')
    .values({
      school_id: entry.schoolId,
      entity: entry.entity,
      entity_id: entry.entityId,
      actor_id: entry.actorId,
      action: entry.action,
      comment: entry.comment ?? '',
      snapshot: entry.snapshot ? JSON.stringify(entry.snapshot) : null,
      created_at: nowIso(),
    })
    .execute()
}

/** Oldest first: the history reads as a story. */
export async function listReviews(
  db: Executor,
  { schoolId, entity, entityId }: { schoolId: number; entity: ReviewEntity; entityId: number },
) {
  return db
    .selectFrom('reviews')
    .innerJoin('users as actor', 'actor.id', 'reviews.actor_id')
    .select([
      'reviews.id',
      'reviews.action',
      'reviews.comment',
      'reviews.created_at as createdAt',
      'actor.display_name as actorName',
      'actor.role as actorRole',
    ])
    .where('reviews.school_id', '=', schoolId)
    .where('reviews.entity', '=', entity)
    .where('reviews.entity_id', '=', entityId)
    .orderBy('reviews.id')
    .execute()
}

/** The programme as the reviewer last decided on it (approved or returned), if ever. */
export async function lastDecidedSnapshot(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
): Promise<string | null> {
  const row = await db
    .selectFrom('reviews')
    .select('snapshot')
    .where('school_id', '=', schoolId)
    .where('entity', '=', 'season')
    .where('entity_id', '=', seasonId)
    .where('action', 'in', ['approved', 'changes_requested'])
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.snapshot ?? null
}

/** One activity as a decision records it. */
export function activitySnapshot(
  a: Pick<
    ActivitySummary,
    | 'id'
    | 'title'
    | 'kind'
    | 'strandId'
    | 'startsAt'
    | 'endsAt'
    | 'venue'
    | 'offCampus'
    | 'needsConsent'
    | 'gradeIds'
    | 'classIds'
  >,
): ProgrammeSnapshot['activities'][number] {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    strandId: a.strandId,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    venue: a.venue,
    offCampus: a.offCampus === 1,
    needsConsent: a.needsConsent === 1,
    gradeIds: a.gradeIds,
    classIds: a.classIds,
  }
}

/** The season, its strands and activities as plain data, to store beside a decision. */
export async function snapshotProgramme(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
): Promise<ProgrammeSnapshot> {
  const [season, strands, activities] = await Promise.all([
    getSeason(db, { schoolId, id: seasonId }),
    listStrands(db, { schoolId, seasonId }),
    listActivitiesOfSeason(db, { schoolId, seasonId }),
  ])
  if (!season) throw new Error(`Season ${seasonId} not found in school ${schoolId}`)
  return programmeSnapshot({ season, strands, activities })
}

/** The snapshot of a programme already loaded (the review page has it from its overview). */
export function programmeSnapshot({
  season,
  strands,
  activities,
}: {
  season: SeasonDetail
  strands: StrandRow[]
  activities: ActivitySummary[]
}): ProgrammeSnapshot {
  return {
    season: {
      title: season.title,
      slogan: season.slogan,
      description: season.description,
      startsOn: season.startsOn,
      endsOn: season.endsOn,
    },
    strands: strands.map(({ id, title, slogan, gradeIds }) => ({ id, title, slogan, gradeIds })),
    activities: activities.map(activitySnapshot),
  }
}

/**
 * What waits for an admin: submitted seasons, single activities sent back after approval, and
 * recaps waiting to be published.
 */
export async function listReviewQueue(db: Executor, { schoolId }: { schoolId: number }) {
  const [seasons, activities, recaps] = await Promise.all([
    db
      .selectFrom('seasons')
      .innerJoin('users as owner', 'owner.id', 'seasons.owner_id')
      .select((eb) => [
        'seasons.id',
        'seasons.title',
        'seasons.starts_on as startsOn',
        'seasons.ends_on as endsOn',
        'seasons.updated_at as updatedAt',
        'owner.display_name as ownerName',
        eb
          .selectFrom('activities')
          .whereRef('activities.season_id', '=', 'seasons.id')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .as('activityCount'),
      ])
      .where('seasons.school_id', '=', schoolId)
      .where('seasons.status', '=', 'submitted')
      .orderBy('seasons.updated_at')
      .execute(),
    db
      .selectFrom('activities')
      .innerJoin('seasons', 'seasons.id', 'activities.season_id')
      .select([
        'activities.id',
        'activities.title',
        'activities.starts_at as startsAt',
        'activities.ends_at as endsAt',
        'activities.updated_at as updatedAt',
        'seasons.id as seasonId',
        'seasons.title as seasonTitle',
      ])
      .where('activities.school_id', '=', schoolId)
      .where('activities.status', '=', 'submitted')
      .where('seasons.status', 'in', ['approved', 'published'])
      .orderBy('activities.updated_at')
      .execute(),
    listRecapsInReview(db, { schoolId }),
  ])
  return { seasons, activities, recaps }
}
