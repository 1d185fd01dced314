import { addDays, format, parseISO } from 'date-fns'
import type { Kysely, Transaction } from 'kysely'
import { type Conflict, findConflicts, type PlannedActivity } from '~/domain/conflicts'
import { instantRangeOfDays, localDay } from '~/domain/school-time'
import type { Database } from '../../db/schema'
import { listActivitiesBetween } from './activities.server'
import { listPartnerOptions } from './partners.server'
import { listClassOptions, listDaysOff, listGrades } from './school.server'
import { listStrands } from './seasons.server'
import { listTeachers } from './users.server'

type Executor = Kysely<Database> | Transaction<Database>

/** Everything the activity form offers to choose from, and what the action checks choices against. */
export async function listActivityFormOptions(
  db: Executor,
  { schoolId, seasonId }: { schoolId: number; seasonId: number },
) {
  const [strands, grades, classes, staff, partners] = await Promise.all([
    listStrands(db, { schoolId, seasonId }),
    listGrades(db, { schoolId }),
    listClassOptions(db, { schoolId }),
    listTeachers(db, { schoolId }),
    listPartnerOptions(db, { schoolId }),
  ])
  return {
    strands: strands.map(({ id, title, gradeIds }) => ({ id, title, gradeIds })),
    grades,
    classes,
    staff,
    partners: partners.map(({ id, name, category }) => ({ id, name, category })),
  }
}

export type ActivityFormOptions = Awaited<ReturnType<typeof listActivityFormOptions>>

function shiftDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd')
}

/**
 * Warnings for one activity against every other activity of the school around its days (a day
 * either side), its season's dates, the school's days off and weekends. Returns the names of the
 * organisers of the activities it clashes with, for the warning text.
 */
export async function findActivityConflicts(
  db: Executor,
  {
    schoolId,
    timeZone,
    activity,
    season,
  }: {
    schoolId: number
    timeZone: string
    activity: PlannedActivity
    season: { startsOn: string; endsOn: string }
  },
): Promise<{ conflicts: Conflict[]; organisers: Record<number, string> }> {
  const window = instantRangeOfDays(
    shiftDay(localDay(activity.startsAt, timeZone), -1),
    shiftDay(localDay(activity.endsAt, timeZone), 1),
    timeZone,
  )
  const [others, daysOff, classes] = await Promise.all([
    listActivitiesBetween(db, { schoolId, ...window }),
    listDaysOff(db, { schoolId }),
    listClassOptions(db, { schoolId }),
  ])
  const conflicts = findConflicts(activity, others, {
    timeZone,
    season,
    daysOff,
    gradeOfClass: new Map(classes.map((c) => [c.id, c.gradeId])),
  })
  const organisers: Record<number, string> = {}
  for (const other of others) {
    if (other.organiserId !== null && other.organiserName) organisers[other.organiserId] = other.organiserName
  }
  return { conflicts, organisers }
}
