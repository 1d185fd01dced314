import { isStandardLevel, levelsOf, type StandardLevel } from '~/domain/award-levels'
import {
  type AwardContext,
  heldAwardsOf,
  type MoveDirection,
  moveInOrder,
  type NewAwardInput,
  presentingOrder,
} from '~/domain/awards'
import { parseId } from '~/domain/schemas'
import { awards as enAwards } from '~/locales/en/awards'
import { awards as zhAwards } from '~/locales/zh/awards'
import {
  deleteAward,
  getAwardActivity,
  insertAwards,
  listAwardOrder,
  listAwardParticipants,
  listClassesById,
  listHeldAwards,
  type NewAward,
  setAwardLevels,
  setAwardOrder,
  updateAward,
} from '~/models/awards.server'
import type { SessionUser } from '~/utils/auth.server'
import { notFound } from '~/utils/responses'
import { type Actor, auditedWrite, type Executor } from './audited-write.server'

/*
 * The awards of an activity: the guard that finds the activity in the user's school, who and what an
 * award may name, and the audited writes of the awards page (enter, edit, delete, reorder, levels).
 */

export type AwardActivity = Awaited<ReturnType<typeof getAwardActivity>> & {}
export type AwardSetting = Awaited<ReturnType<typeof loadAwardContext>>

/** The activity of the URL in the user's school, for its awards; another school's or a bad id is 404. */
export async function requireAwardActivity(db: Executor, user: SessionUser, activityId: string | undefined) {
  const id = parseId(activityId)
  const activity = id ? await getAwardActivity(db, { schoolId: user.schoolId, id }) : undefined
  return activity ?? notFound()
}

/**
 * Who and what an award of the activity may name: its participants (attended), the classes of its
 * targets and of its participants, its levels and its academic year.
 */
export async function loadAwardContext(db: Executor, user: SessionUser, activity: AwardActivity) {
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

/** The awards a valid form asks for, with each pupil's class as the participation recorded it. */
function newAwardsOf(input: NewAwardInput, setting: AwardSetting): NewAward[] {
  const classOf = new Map(setting.participants.map((p) => [p.studentId, p.classId]))
  const recipient = (studentId: number) => ({ studentId, classId: classOf.get(studentId) as number })
  const base = {
    title: input.title,
    scope: input.scope,
    presenterName: input.presenterName,
    presenterTitle: input.presenterTitle,
    awardedOn: input.awardedOn,
  }
  switch (input.intent) {
    case 'results':
      return presentingOrder(
        input.rows.flatMap((row) =>
          row?.level
            ? [
                {
                  ...base,
                  level: row.level,
                  citation: row.citation,
                  recipientKind: 'pupil' as const,
                  classId: null,
                  teamName: '',
                  recipients: [recipient(row.studentId)],
                },
              ]
            : [],
        ),
        setting.context.levels,
      )
    case 'team':
      return [
        {
          ...base,
          level: input.level,
          citation: input.citation,
          recipientKind: 'team',
          classId: null,
          teamName: input.teamName,
          recipients: [...new Set(input.studentIds)].map(recipient),
        },
      ]
    case 'class':
      return [
        {
          ...base,
          level: input.level,
          citation: input.citation,
          recipientKind: 'class',
          classId: input.classId,
          teamName: '',
          recipients: [],
        },
      ]
  }
}

/** Stores the awards a results, team or class form asks for; returns how many. */
export async function enterAwards(
  db: Executor,
  actor: Actor,
  { activityId, input, setting }: { activityId: number; input: NewAwardInput; setting: AwardSetting },
) {
  const awards = newAwardsOf(input, setting)
  await auditedWrite(
    db,
    actor,
    (trx) => insertAwards(trx, { schoolId: actor.schoolId, activityId, createdBy: actor.id, awards }),
    (ids) => ({
      action: 'awards-entered',
      entity: 'activity',
      entityId: activityId,
      detail: { awards: ids, kind: input.intent },
    }),
  )
  return awards.length
}

export async function editAward(
  db: Executor,
  actor: Actor,
  {
    activityId,
    award,
    values,
  }: {
    activityId: number
    award: { id: number; title: string; level: string }
    values: Parameters<typeof updateAward>[1]['values']
  },
) {
  await auditedWrite(
    db,
    actor,
    (trx) => updateAward(trx, { schoolId: actor.schoolId, activityId, id: award.id, values }),
    {
      action: 'award-updated',
      entity: 'award',
      entityId: award.id,
      detail: {
        before: { title: award.title, level: award.level },
        after: { title: values.title, level: values.level },
      },
    },
  )
}

/** False when the award is not one of the activity's (nothing written, nothing recorded). */
export async function removeAward(
  db: Executor,
  actor: Actor,
  { activityId, id }: { activityId: number; id: number },
) {
  return auditedWrite(
    db,
    actor,
    (trx) => deleteAward(trx, { schoolId: actor.schoolId, activityId, id }),
    (deleted) =>
      deleted ? { action: 'award-deleted', entity: 'award', entityId: id, detail: { activityId } } : null,
  )
}

/**
 * Moves an award one place in the presenting order; false when it is not one of the activity's.
 * Already first or last: nothing to do, as a second click on a stale page would find. Not audited:
 * the order is how the ceremony reads, not a record.
 */
export async function moveAward(
  db: Executor,
  actor: Actor,
  { activityId, id, direction }: { activityId: number; id: number; direction: MoveDirection },
) {
  const { schoolId } = actor
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      const ids = await listAwardOrder(trx, { schoolId, activityId })
      if (!ids.includes(id)) return false
      const order = moveInOrder(ids, id, direction)
      if (order) await setAwardOrder(trx, { schoolId, activityId, ids: order })
      return true
    },
    null,
  )
}

/** The activity's own levels (null: the standard ones). */
export async function saveAwardLevels(
  db: Executor,
  actor: Actor,
  { activityId, levels }: { activityId: number; levels: string[] | null },
) {
  await auditedWrite(
    db,
    actor,
    (trx) => setAwardLevels(trx, { schoolId: actor.schoolId, activityId, levels }),
    {
      action: 'award-levels-set',
      entity: 'activity',
      entityId: activityId,
      detail: { levels },
    },
  )
}
