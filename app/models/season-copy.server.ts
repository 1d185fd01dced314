import type { Kysely, Transaction } from 'kysely'
import { isObservanceKey } from '~/domain/observances'
import { shiftDay, shiftInstant, yearsBetween } from '~/domain/season-copy'
import type { Database } from '../../db/schema'
import { insertActivity, insertTasks, listActivitiesOfSeason } from './activities.server'
import { getSeason, insertSeason, insertStrand, listStrands } from './seasons.server'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * Copies a season into another academic year as a draft: strands with their grades, activities with
 * their targets, staff, partners and checklist (undone). Days move to the same week and weekday;
 * activities tied to an observance keep their distance from it. Run it inside a transaction.
 */
export async function copySeason(
  db: Executor,
  {
    schoolId,
    seasonId,
    target,
    title,
    ownerId,
    timeZone,
  }: {
    schoolId: number
    seasonId: number
    target: { id: number; startsOn: string }
    title: string
    ownerId: number
    timeZone: string
  },
): Promise<number> {
  const source = await getSeason(db, { schoolId, id: seasonId })
  if (!source) throw new Error(`Season ${seasonId} not found in school ${schoolId}`)
  const years = yearsBetween(source.yearStartsOn, target.startsOn)
  const copyId = await insertSeason(db, {
    schoolId,
    copiedFromId: source.id,
    academicYearId: target.id,
    title,
    slogan: source.slogan,
    description: source.description,
    startsOn: shiftDay(source.startsOn, years),
    endsOn: shiftDay(source.endsOn, years),
    ownerId,
  })
  const strandIds = new Map<number, number>()
  for (const strand of await listStrands(db, { schoolId, seasonId })) {
    const id = await insertStrand(db, {
      schoolId,
      seasonId: copyId,
      position: strand.position,
      strand: { title: strand.title, slogan: strand.slogan, gradeIds: strand.gradeIds },
    })
    strandIds.set(strand.id, id)
  }
  const activities = await listActivitiesOfSeason(db, { schoolId, seasonId })
  const links = await linksOfSeason(db, { schoolId, seasonId })
  for (const activity of activities) {
    const observance = isObservanceKey(activity.observance) ? activity.observance : null
    const extra = links.details.get(activity.id)
    const id = await insertActivity(db, {
      schoolId,
      createdBy: ownerId,
      status: 'draft',
      input: {
        seasonId: copyId,
        strandId: activity.strandId ? (strandIds.get(activity.strandId) ?? null) : null,
        title: activity.title,
        kind: activity.kind,
        lesson: activity.lesson,
        startsAt: shiftInstant(activity.startsAt, timeZone, years, observance),
        endsAt: shiftInstant(activity.endsAt, timeZone, years, observance),
        venue: activity.venue,
        offCampus: activity.offCampus === 1,
        needsConsent: activity.needsConsent === 1,
        organiserId: activity.organiserId,
        capacity: extra?.capacity ?? null,
        description: extra?.description ?? '',
        transport: extra?.transport ?? '',
        contactPhone: extra?.contactPhone ?? '',
        consentDueOn: extra?.consentDueOn ? shiftDay(extra.consentDueOn, years) : null,
        practiceCategory: activity.practiceCategory,
        practiceHours: activity.practiceHours,
        observance,
        gradeIds: activity.gradeIds,
        classIds: activity.classIds,
        staffIds: links.staff.filter((row) => row.activityId === activity.id).map((row) => row.userId),
        partners: links.partners.filter((row) => row.activityId === activity.id),
      },
    })
    await insertTasks(db, {
      schoolId,
      activityId: id,
      tasks: links.tasks
        .filter((task) => task.activityId === activity.id)
        .map((task) => ({
          title: task.title,
          ownerId: task.ownerId,
          dueOn: task.dueOn ? shiftDay(task.dueOn, years) : null,
          automatic: task.automatic === 1,
        })),
    })
  }
  return copyId
}

/** What a copy needs beyond the activity summaries, for the whole season in one query per table. */
async function linksOfSeason(db: Executor, { schoolId, seasonId }: { schoolId: number; seasonId: number }) {
  const ofSeason = (eb: Kysely<Database>) =>
    eb
      .selectFrom('activities')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('season_id', '=', seasonId)
  const [details, staff, partners, tasks] = await Promise.all([
    db
      .selectFrom('activities')
      .select([
        'id',
        'capacity',
        'description',
        'transport',
        'contact_phone as contactPhone',
        'consent_due_on as consentDueOn',
      ])
      .where('school_id', '=', schoolId)
      .where('season_id', '=', seasonId)
      .execute(),
    db
      .selectFrom('activity_staff')
      .select(['activity_id as activityId', 'user_id as userId'])
      .where('activity_id', 'in', ofSeason(db))
      .execute(),
    db
      .selectFrom('activity_partners')
      .select(['activity_id as activityId', 'partner_id as partnerId', 'role'])
      .where('activity_id', 'in', ofSeason(db))
      .execute(),
    db
      .selectFrom('activity_tasks')
      .select(['activity_id as activityId', 'title', 'owner_id as ownerId', 'due_on as dueOn', 'automatic'])
      .where('activity_id', 'in', ofSeason(db))
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ])
  return { details: new Map(details.map((row) => [row.id, row])), staff, partners, tasks }
}

/** The seasons of a year that are copies, with what they were copied from: a copy is made once. */
export async function listCopiesInYear(
  db: Executor,
  { schoolId, academicYearId }: { schoolId: number; academicYearId: number },
) {
  const rows = await db
    .selectFrom('seasons')
    .select(['id', 'title', 'status', 'copied_from_id as copiedFromId'])
    .where('school_id', '=', schoolId)
    .where('academic_year_id', '=', academicYearId)
    .where('copied_from_id', 'is not', null)
    .orderBy('starts_on')
    .execute()
  return rows.map((row) => ({ ...row, copiedFromId: row.copiedFromId as number }))
}
