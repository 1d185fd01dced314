import {
  nextRecapStatus,
  type RecapActor,
  type RecapState,
  type RecapStep,
  recapStepRecipients,
  STEP_EVENTS,
} from '~/domain/recap-lifecycle'
import { ANSWERED_BY, listReviewerIds, markActedOn, notify } from '~/models/notifications.server'
import { insertRecap, insertRecapEvent, moveRecapStatus, type RecapInput } from '~/models/recaps.server'
import { type Actor, auditedWrite, type Executor } from './audited-write.server'

/** A new draft with its links, its `created` history row and its audit row, in one transaction. */
export async function createRecap(db: Executor, actor: Actor, input: RecapInput): Promise<number> {
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      const id = await insertRecap(trx, { schoolId: actor.schoolId, authorId: actor.id, input })
      await insertRecapEvent(trx, {
        schoolId: actor.schoolId,
        recapId: id,
        actorId: actor.id,
        action: 'created',
      })
      return id
    },
    (id) => ({
      action: 'recap-created',
      entity: 'recap',
      entityId: id,
      detail: { title: input.title, audience: input.audience, activityIds: input.activityIds },
    }),
  )
}

/**
 * One review step (submit, publish, return, unpublish) in one transaction: the status moves as the
 * lifecycle allows, then the history row, the audit row and the notifications. Answers false, having
 * written nothing, when the step does not apply or the recap had already moved on (a second click,
 * or a second admin).
 */
export async function takeRecapStep(
  db: Executor,
  actor: Actor & { role: RecapActor['role'] },
  {
    recap,
    step,
    comment,
  }: { recap: RecapState & { id: number; title: string }; step: RecapStep; comment: string },
): Promise<boolean> {
  const to = nextRecapStatus(recap, step, { userId: actor.id, role: actor.role })
  if (to === null) return false
  const { schoolId } = actor
  const event = STEP_EVENTS[step]
  const from = recap.status
  return auditedWrite(
    db,
    actor,
    async (trx) => {
      const moved = await moveRecapStatus(trx, {
        schoolId,
        recapId: recap.id,
        from,
        to,
        event,
        actorId: actor.id,
      })
      if (!moved) return false
      await insertRecapEvent(trx, { schoolId, recapId: recap.id, actorId: actor.id, action: event, comment })
      // Deciding answers the decider's "waiting for you"; resubmitting, the author's "returned".
      const decided = event === 'published' || event === 'returned'
      const answered = decided
        ? ANSWERED_BY.decision.recap
        : event === 'submitted'
          ? ANSWERED_BY.resubmission.recap
          : []
      await markActedOn(trx, {
        schoolId,
        userId: actor.id,
        entity: 'recap',
        entityIds: [recap.id],
        kinds: answered,
      })
      if (event !== 'unpublished') {
        const adminIds = event === 'submitted' ? await listReviewerIds(trx, { schoolId }) : []
        await notify(trx, {
          schoolId,
          userIds: recapStepRecipients(step, { authorId: recap.authorId, adminIds, actorId: actor.id }),
          kind: `recap-${event}`,
          entity: 'recap',
          entityId: recap.id,
          params: { title: recap.title, comment },
        })
      }
      return true
    },
    (moved) =>
      moved
        ? {
            action: `recap-${event}`,
            entity: 'recap',
            entityId: recap.id,
            detail: { title: recap.title, from, to, ...(comment ? { comment } : {}) },
          }
        : null,
  )
}
