import type { Kysely, Transaction } from 'kysely'
import { isObservanceKey } from '~/domain/observances'
import { shiftDay, shiftInstant, yearsBetween } from '~/domain/season-copy'
import type { Database } from '../../db/schema'
import {
  getActivity,
  insertActivity,
  insertTasks,
  listActivitiesOfSeason,
  listTasks,
} from './activities.server'
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
  for (const summary of await listActivitiesOfSeason(db, { schoolId, seasonId })) {
    const activity = await getActivity(db, { schoolId, id: summary.id })
    if (!activity) continue
    const observance = isObservanceKey(activity.observance) ? activity.observance : null
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
        capacity: activity.capacity,
        description: activity.description,
        practiceCategory: activity.practiceCategory,
        practiceHours: activity.practiceHours,
        observance,
        gradeIds: activity.gradeIds,
        classIds: activity.classIds,
        staffIds: activity.staff.map((person) => person.id),
        partners: activity.partners.map((partner) => ({ partnerId: partner.id, role: partner.role })),
      },
    })
    const tasks = await listTasks(db, { schoolId, activityId: activity.id })
    await insertTasks(db, {
      schoolId,
      activityId: id,
      tasks: tasks.map((task) => ({
        title: task.title,
        ownerId: task.ownerId,
        dueOn: task.dueOn ? shiftDay(task.dueOn, years) : null,
      })),
    })
  }
  return copyId
}
