import { isStandardLevel, levelsOf, type StandardLevel } from '~/domain/award-levels'
import { type AwardContext, heldAwardsOf } from '~/domain/awards'
import { parseId } from '~/domain/schemas'
import { awards as enAwards } from '~/locales/en/awards'
import { awards as zhAwards } from '~/locales/zh/awards'
import {
  getAwardActivity,
  listAwardParticipants,
  listClassesById,
  listHeldAwards,
} from '~/models/awards.server'
import type { SessionUser } from './auth.server'
import { db } from './db.server'
import { notFound } from './responses'

/** The activity of the URL in the user's school, for its awards; another school's or a bad id is 404. */
export async function requireAwardActivity(user: SessionUser, activityId: string | undefined) {
  const id = parseId(activityId)
  const activity = id ? await getAwardActivity(db, { schoolId: user.schoolId, id }) : undefined
  return activity ?? notFound()
}

/**
 * Who and what an award of the activity may name: its participants (attended), the classes of its
 * targets and of its participants, its levels and its academic year.
 */
export async function loadAwardContext(
  user: SessionUser,
  activity: Awaited<ReturnType<typeof requireAwardActivity>>,
) {
  const [participants, heldRows] = await Promise.all([
    listAwardParticipants(db, { schoolId: user.schoolId, activityId: activity.id }),
    listHeldAwards(db, { schoolId: user.schoolId, activityId: activity.id }),
  ])
  const classIds = [...new Set([...activity.classIds, ...participants.map((p) => p.classId)])]
  const classes = await listClassesById(db, { schoolId: user.schoolId, ids: classIds })
  const context: AwardContext = {
    levels: levelsOf(activity.awardLevels),
    participantIds: new Set(participants.map((p) => p.studentId)),
    classIds: new Set(classes.map((c) => c.id)),
    year: { startsOn: activity.yearStartsOn, endsOn: activity.yearEndsOn },
    held: heldAwardsOf(heldRows),
  }
  return { participants, classes, context }
}

/** Every name a standard level has in the catalogues (一等奖, "First prize"), to its key. */
export const STANDARD_LEVEL_LABELS: ReadonlyMap<string, StandardLevel> = new Map(
  [zhAwards.levels, enAwards.levels].flatMap((names) =>
    Object.entries(names).flatMap(([key, label]) => (isStandardLevel(key) ? [[label, key] as const] : [])),
  ),
)
