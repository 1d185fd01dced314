import type { Kysely, Transaction } from 'kysely'
import { type Conflict, findAllConflicts, type PlannedActivity } from '~/domain/conflicts'
import { coverageMatrix } from '~/domain/coverage'
import { observancesBetween } from '~/domain/observances'
import { instantRangeOfDays } from '~/domain/school-time'
import type { Database } from '../../db/schema'
import {
  listActivitiesBetween,
  listActivitiesOfSeason,
  listOpenTasksOfSeason,
  listPartnersOfSeason,
} from './activities.server'
import { listReviews } from './reviews.server'
import { listClassOptions, listDaysOff, listGrades } from './school.server'
import { getSeason, listStrands } from './seasons.server'
import { listTeachers } from './users.server'

type Executor = Kysely<Database> | Transaction<Database>

function planned(activity: {
  id: number
  title: string
  startsAt: string
  endsAt: string
  venue: string
  organiserId: number | null
  gradeIds: number[]
  classIds: number[]
}): PlannedActivity {
  const { id, title, startsAt, endsAt, venue, organiserId, gradeIds, classIds } = activity
  return { id, title, startsAt, endsAt, venue, organiserId, gradeIds, classIds }
}

/**
 * Everything the season page and its review show, in a fixed number of queries whatever the
 * season's size: programme, coverage, clashes (also with other seasons' activities), observances,
 * open tasks, partners and review history.
 */
export async function loadSeasonOverview(
  db: Executor,
  { schoolId, seasonId, timeZone }: { schoolId: number; seasonId: number; timeZone: string },
) {
  const season = await getSeason(db, { schoolId, id: seasonId })
  if (!season) return undefined
  const window = instantRangeOfDays(season.startsOn, season.endsOn, timeZone)
  const [strands, activities, grades, classes, staff, daysOff, tasks, partners, reviews, neighbours] =
    await Promise.all([
      listStrands(db, { schoolId, seasonId }),
      listActivitiesOfSeason(db, { schoolId, seasonId }),
      listGrades(db, { schoolId }),
      listClassOptions(db, { schoolId }),
      listTeachers(db, { schoolId }),
      listDaysOff(db, { schoolId }),
      listOpenTasksOfSeason(db, { schoolId, seasonId }),
      listPartnersOfSeason(db, { schoolId, seasonId }),
      listReviews(db, { schoolId, entity: 'season', entityId: seasonId }),
      listActivitiesBetween(db, { schoolId, from: window.from, to: window.to }),
    ])
  const gradeOfClass = new Map(classes.map((c) => [c.id, c.gradeId]))
  const own = new Set(activities.map((a) => a.id))
  // Activities of the season that fall outside its window still count, so join both sets.
  const everything = [...activities, ...neighbours.filter((a) => !own.has(a.id))].map(planned)
  const found = findAllConflicts(everything, {
    timeZone,
    season: { startsOn: season.startsOn, endsOn: season.endsOn },
    daysOff,
    gradeOfClass,
  })
  const conflicts: { activityId: number; conflicts: Conflict[] }[] = []
  for (const activity of activities) {
    const list = found.get(activity.id)
    // Calendar warnings of other seasons' activities are theirs, not this season's.
    if (list?.length) conflicts.push({ activityId: activity.id, conflicts: list })
  }
  const coverage = coverageMatrix(
    strands,
    grades.map((g) => g.id),
    activities,
    gradeOfClass,
  )
  const tied = new Map<string, number>()
  for (const activity of activities) {
    if (activity.observance) tied.set(activity.observance, (tied.get(activity.observance) ?? 0) + 1)
  }
  const observances = observancesBetween(season.startsOn, season.endsOn).map((o) => ({
    ...o,
    activityCount: tied.get(o.key) ?? 0,
  }))
  return {
    season,
    strands,
    activities,
    grades,
    classes,
    staff: staff.map((person) => ({ id: person.id, name: person.displayName })),
    coverage,
    conflicts,
    observances,
    tasks,
    partners,
    reviews,
  }
}

export type SeasonOverview = NonNullable<Awaited<ReturnType<typeof loadSeasonOverview>>>
