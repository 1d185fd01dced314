import type { Kysely, Transaction } from 'kysely'
import { now, nowIso } from '~/utils/clock'
import type { Database, PlanStatus } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

export type SeasonInput = {
  academicYearId: number
  title: string
  slogan: string
  description: string
  startsOn: string
  endsOn: string
  ownerId: number
}

/** The academic years that have seasons, for the year /seasons opens on. */
export async function listYearIdsWithSeasons(db: Executor, { schoolId }: { schoolId: number }) {
  const rows = await db
    .selectFrom('seasons')
    .select('academic_year_id as yearId')
    .distinct()
    .where('school_id', '=', schoolId)
    .execute()
  return new Set(rows.map((row) => row.yearId))
}

export async function listSeasons(
  db: Executor,
  { schoolId, academicYearId, status }: { schoolId: number; academicYearId?: number; status?: PlanStatus },
) {
  let query = db
    .selectFrom('seasons')
    .innerJoin('users as owner', 'owner.id', 'seasons.owner_id')
    .innerJoin('academic_years', 'academic_years.id', 'seasons.academic_year_id')
    .select((eb) => [
      'seasons.id',
      'seasons.title',
      'seasons.slogan',
      'seasons.starts_on as startsOn',
      'seasons.ends_on as endsOn',
      'seasons.status',
      'seasons.academic_year_id as academicYearId',
      'academic_years.name as yearName',
      'owner.display_name as ownerName',
      eb
        .selectFrom('activities')
        .whereRef('activities.season_id', '=', 'seasons.id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('activityCount'),
      eb
        .selectFrom('strands')
        .whereRef('strands.season_id', '=', 'seasons.id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('strandCount'),
    ])
    .where('seasons.school_id', '=', schoolId)
  if (academicYearId) query = query.where('seasons.academic_year_id', '=', academicYearId)
  if (status) query = query.where('seasons.status', '=', status)
  return query.orderBy('seasons.starts_on').orderBy('seasons.id').execute()
}

export async function getSeason(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('seasons')
    .innerJoin('users as owner', 'owner.id', 'seasons.owner_id')
    .innerJoin('academic_years', 'academic_years.id', 'seasons.academic_year_id')
    .select([
      'seasons.id',
      'seasons.title',
      'seasons.slogan',
      'seasons.description',
      'seasons.starts_on as startsOn',
      'seasons.ends_on as endsOn',
      'seasons.status',
      'seasons.owner_id as ownerId',
      'seasons.copied_from_id as copiedFromId',
      'seasons.academic_year_id as academicYearId',
      'seasons.updated_at as updatedAt',
      'academic_years.name as yearName',
      'academic_years.starts_on as yearStartsOn',
      'academic_years.ends_on as yearEndsOn',
      'owner.display_name as ownerName',
    ])
    .where('seasons.school_id', '=', schoolId)
    .where('seasons.id', '=', id)
    .executeTakeFirst()
}

export type SeasonDetail = NonNullable<Awaited<ReturnType<typeof getSeason>>>

/** The same title in the same year is almost always a double-clicked submit or a forgotten copy. */
export async function isSeasonTitleTaken(
  db: Executor,
  {
    schoolId,
    academicYearId,
    title,
    exceptId,
  }: { schoolId: number; academicYearId: number; title: string; exceptId?: number },
): Promise<boolean> {
  let query = db
    .selectFrom('seasons')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('academic_year_id', '=', academicYearId)
    .where('title', '=', title)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return Boolean(await query.executeTakeFirst())
}

const DOUBLE_SUBMIT_WINDOW_MS = 2 * 60_000

/**
 * A season this user created moments ago with the same title (and start, or source of a copy):
 * the first of a double click.
 */
export async function findJustCreatedSeason(
  db: Executor,
  {
    schoolId,
    ownerId,
    title,
    startsOn,
    copiedFromId,
  }: { schoolId: number; ownerId: number; title: string; startsOn?: string; copiedFromId?: number },
) {
  const since = new Date(now().getTime() - DOUBLE_SUBMIT_WINDOW_MS).toISOString()
  let query = db
    .selectFrom('seasons')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('owner_id', '=', ownerId)
    .where('title', '=', title)
    .where('created_at', '>=', since)
  if (startsOn) query = query.where('starts_on', '=', startsOn)
  if (copiedFromId) query = query.where('copied_from_id', '=', copiedFromId)
  return query.executeTakeFirst()
}

function seasonColumns(season: SeasonInput) {
  return {
    academic_year_id: season.academicYearId,
    title: season.title,
    slogan: season.slogan,
    description: season.description,
    starts_on: season.startsOn,
    ends_on: season.endsOn,
    owner_id: season.ownerId,
  } as const
}

export async function insertSeason(
  db: Executor,
  { schoolId, copiedFromId, ...season }: SeasonInput & { schoolId: number; copiedFromId?: number },
): Promise<number> {
  const row = await db
    .insertInto('seasons')
    .values({
      school_id: schoolId,
      ...seasonColumns(season),
      copied_from_id: copiedFromId ?? null,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateSeason(
  db: Executor,
  { schoolId, id, ...season }: SeasonInput & { schoolId: number; id: number },
): Promise<void> {
  await db
    .updateTable('seasons')
    .set({ ...seasonColumns(season), updated_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

/**
 * Moves a season to a new status, only from the status the caller saw: two admins deciding at
 * once cannot both win. Returns whether this call made the change.
 */
export async function setSeasonStatus(
  db: Executor,
  { schoolId, id, from, to }: { schoolId: number; id: number; from: PlanStatus; to: PlanStatus },
): Promise<boolean> {
  const result = await db
    .updateTable('seasons')
    .set({ status: to, updated_at: nowIso() })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function listStrands(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
) {
  const [strands, grades] = await Promise.all([
    db
      .selectFrom('strands')
      .select(['id', 'title', 'slogan', 'position'])
      .where('school_id', '=', schoolId)
      .where('season_id', '=', seasonId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('strand_grades')
      .innerJoin('strands', 'strands.id', 'strand_grades.strand_id')
      .innerJoin('grades', 'grades.id', 'strand_grades.grade_id')
      .select(['strand_grades.strand_id as strandId', 'strand_grades.grade_id as gradeId'])
      .where('strands.school_id', '=', schoolId)
      .where('strands.season_id', '=', seasonId)
      .orderBy('grades.level')
      .execute(),
  ])
  return strands.map((strand) => ({
    ...strand,
    gradeIds: grades.filter((g) => g.strandId === strand.id).map((g) => g.gradeId),
  }))
}

export type StrandRow = Awaited<ReturnType<typeof listStrands>>[number]

export async function getStrand(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('strands')
    .select(['id', 'season_id as seasonId', 'title', 'slogan', 'position'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export type StrandInput = { title: string; slogan: string; gradeIds: number[] }

async function setStrandGrades(db: Executor, strandId: number, gradeIds: number[]) {
  await db.deleteFrom('strand_grades').where('strand_id', '=', strandId).execute()
  if (gradeIds.length) {
    await db
      .insertInto('strand_grades')
      // A forged form may name a grade twice; the table holds it once.
      .values([...new Set(gradeIds)].map((gradeId) => ({ strand_id: strandId, grade_id: gradeId })))
      .execute()
  }
}

export async function insertStrand(
  db: Executor,
  {
    schoolId,
    seasonId,
    strand,
    position,
  }: { schoolId: number; seasonId: number; strand: StrandInput; position?: number },
): Promise<number> {
  const last = await db
    .selectFrom('strands')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('season_id', '=', seasonId)
    .executeTakeFirst()
  const row = await db
    .insertInto('strands')
    .values({
      school_id: schoolId,
      season_id: seasonId,
      title: strand.title,
      slogan: strand.slogan,
      position: position ?? (last?.max ?? 0) + 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await setStrandGrades(db, row.id, strand.gradeIds)
  return row.id
}

export async function updateStrand(
  db: Executor,
  { schoolId, id, strand }: { schoolId: number; id: number; strand: StrandInput & { position: number } },
): Promise<void> {
  await db
    .updateTable('strands')
    .set({ title: strand.title, slogan: strand.slogan, position: strand.position })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
  await setStrandGrades(db, id, strand.gradeIds)
}

/** Its activities stay in the season, without a strand. */
export async function deleteStrand(
  db: Executor,
  { schoolId, id }: { schoolId: number; id: number },
): Promise<void> {
  await db.deleteFrom('strands').where('school_id', '=', schoolId).where('id', '=', id).execute()
}

/** Seasons whose dates overlap a range: the observance and calendar pages show them as context. */
export async function listSeasonsBetween(
  db: Executor,
  { schoolId, from, to }: { schoolId: number; from: string; to: string },
) {
  return db
    .selectFrom('seasons')
    .select(['id', 'title', 'status', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .orderBy('starts_on')
    .execute()
}
