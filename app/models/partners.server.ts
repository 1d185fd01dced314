import { type Kysely, sql, type Transaction } from 'kysely'
import { containsPattern } from '../../db/query'
import type { Database, PartnerCategory } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/** Active partners to choose from on an activity form. */
export async function listPartnerOptions(db: Executor, { schoolId }: { schoolId: number }) {
  return db
    .selectFrom('partners')
    .select(['id', 'name', 'category', 'patriotic_base as patrioticBase'])
    .where('school_id', '=', schoolId)
    .where('active', '=', 1)
    .orderBy('name')
    .execute()
}

export type PartnerFilter = {
  schoolId: number
  category?: PartnerCategory
  patrioticOnly?: boolean
  search?: string
  includeInactive?: boolean
}

/**
 * The talent pool with how often each partner took part and when last, in one query. A school's
 * pool holds tens of partners, not thousands, so the list is not paged.
 */
export async function listPartners(
  db: Executor,
  { schoolId, category, patrioticOnly, search, includeInactive }: PartnerFilter,
) {
  let query = db
    .selectFrom('partners')
    .leftJoin('activity_partners', 'activity_partners.partner_id', 'partners.id')
    .leftJoin('activities', (join) =>
      join
        .onRef('activities.id', '=', 'activity_partners.activity_id')
        .onRef('activities.school_id', '=', 'partners.school_id'),
    )
    .select((eb) => [
      'partners.id',
      'partners.name',
      'partners.category',
      'partners.offers',
      'partners.patriotic_base as patrioticBase',
      'partners.contact_name as contactName',
      'partners.contact_phone as contactPhone',
      'partners.active',
      eb.fn.count<number>('activities.id').as('activityCount'),
      eb.fn.max('activities.starts_at').as('lastActivityAt'),
    ])
    .where('partners.school_id', '=', schoolId)
  if (!includeInactive) query = query.where('partners.active', '=', 1)
  if (category) query = query.where('partners.category', '=', category)
  if (patrioticOnly) query = query.where('partners.patriotic_base', '=', 1)
  if (search) {
    const pattern = containsPattern(search.toLowerCase())
    query = query.where(
      (eb) =>
        sql<boolean>`(lower(${eb.ref('partners.name')}) like ${pattern} escape '\\' or lower(${eb.ref('partners.offers')}) like ${pattern} escape '\\')`,
    )
  }
  const rows = await query
    .groupBy('partners.id')
    .orderBy('partners.active', 'desc')
    .orderBy('partners.name')
    .execute()
  return rows.map((row) => ({ ...row, activityCount: Number(row.activityCount) }))
}

export type PartnerSummary = Awaited<ReturnType<typeof listPartners>>[number]

export async function getPartner(db: Executor, { schoolId, id }: { schoolId: number; id: number }) {
  return db
    .selectFrom('partners')
    .select([
      'id',
      'name',
      'category',
      'offers',
      'patriotic_base as patrioticBase',
      'contact_name as contactName',
      'contact_phone as contactPhone',
      'notes',
      'active',
    ])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export type PartnerDetail = NonNullable<Awaited<ReturnType<typeof getPartner>>>

/** Names are unique within a school (a UNIQUE constraint backs this up against races). */
export async function findPartnerByName(
  db: Executor,
  { schoolId, name, exceptId }: { schoolId: number; name: string; exceptId?: number },
) {
  let query = db
    .selectFrom('partners')
    .select(['id', 'name'])
    .where('school_id', '=', schoolId)
    .where('name', '=', name)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return query.executeTakeFirst()
}

export type PartnerFields = {
  name: string
  category: PartnerCategory
  offers: string
  patrioticBase: boolean
  contactName: string
  contactPhone: string
  notes: string
}

function partnerColumns(partner: PartnerFields) {
  return {
    name: partner.name,
    category: partner.category,
    offers: partner.offers,
    patriotic_base: partner.patrioticBase ? 1 : 0,
    contact_name: partner.contactName,
    contact_phone: partner.contactPhone,
    notes: partner.notes,
  } as const
}

export async function insertPartner(
  db: Executor,
  { schoolId, ...partner }: PartnerFields & { schoolId: number },
): Promise<number> {
  const row = await db
    .insertInto('partners')
    .values({ school_id: schoolId, ...partnerColumns(partner) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updatePartner(
  db: Executor,
  { schoolId, id, ...partner }: PartnerFields & { schoolId: number; id: number },
): Promise<void> {
  await db
    .updateTable('partners')
    .set(partnerColumns(partner))
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

/** Inactive partners stay on the activities they served but are no longer offered for new ones. */
export async function setPartnerActive(
  db: Executor,
  { schoolId, id, active }: { schoolId: number; id: number; active: boolean },
): Promise<void> {
  await db
    .updateTable('partners')
    .set({ active: active ? 1 : 0 })
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .execute()
}

/** The activities a partner took part in, newest first, with their season. */
export async function listActivitiesOfPartner(
  db: Executor,
  { schoolId, partnerId }: { schoolId: number; partnerId: number },
) {
  return db
    .selectFrom('activity_partners')
    .innerJoin('activities', 'activities.id', 'activity_partners.activity_id')
    .innerJoin('seasons', 'seasons.id', 'activities.season_id')
    .select([
      'activities.id',
      'activities.title',
      'activities.starts_at as startsAt',
      'activities.status',
      'activity_partners.role',
      'seasons.id as seasonId',
      'seasons.title as seasonTitle',
    ])
    .where('activity_partners.partner_id', '=', partnerId)
    .where('activities.school_id', '=', schoolId)
    .where('seasons.school_id', '=', schoolId)
    .orderBy('activities.starts_at', 'desc')
    .orderBy('activities.id', 'desc')
    .execute()
}
