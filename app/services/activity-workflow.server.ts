import type { activityInputOf } from '~/domain/activity-schemas'
import {
  activityStatusOnApproval,
  canResubmitActivity,
  DECISION_RECORDS,
  isDecidedAlone,
  isEditable,
  nextStatus,
  statusAfterEdit,
} from '~/domain/approval'
import { parseId } from '~/domain/schemas'
import {
  type ActivityDetail,
  getActivity,
  reassignAutomaticTasks,
  setActivityStatus,
  updateActivity,
} from '~/models/activities.server'
import { requestConsents, resetConsentsAfterMove } from '~/models/consents.server'
import { ANSWERED_BY, listReviewerIds, markActedOn, notify } from '~/models/notifications.server'
import { recordReview } from '~/models/reviews.server'
import type { SeasonDetail } from '~/models/seasons.server'
import type { SessionUser } from '~/utils/auth.server'
import { notFound } from '~/utils/responses'
import { auditedWrite, type Executor } from './audited-write.server'

/** The activity of the URL in the user's school; another school's or a malformed id is 404. */
export async function requireActivity(
  db: Executor,
  user: SessionUser,
  activityId: string | undefined,
): Promise<ActivityDetail> {
  const id = parseId(activityId)
  const activity = id ? await getActivity(db, { schoolId: user.schoolId, id }) : undefined
  return activity ?? notFound()
}

/**
 * An activity has gone (back) to review, in the caller's transaction: the review record, the audit
 * entry (with why, in `detail`) and a message to every reviewer except the person who sent it.
 */
export async function recordActivitySubmitted(
  db: Executor,
  {
    user,
    activityId,
    title,
    detail,
  }: { user: SessionUser; activityId: number; title: string; detail: Record<string, unknown> },
): Promise<void> {
  const { schoolId } = user
  await auditedWrite(
    db,
    user,
    async (trx) => {
      await recordReview(trx, {
        schoolId,
        entity: 'activity',
        entityId: activityId,
        actorId: user.id,
        action: 'submitted',
      })
      // Sending it back answers the sender's "returned for changes".
      await markActedOn(trx, {
        schoolId,
        userId: user.id,
        entity: 'activity',
        entityIds: [activityId],
        kinds: ANSWERED_BY.resubmission.activity,
      })
      const reviewers = await listReviewerIds(trx, { schoolId })
      await notify(trx, {
        schoolId,
        userIds: reviewers.filter((id) => id !== user.id),
        kind: 'activity-submitted',
        entity: 'activity',
        entityId: activityId,
        params: { title },
      })
    },
    { action: 'activity-submitted', entity: 'activity', entityId: activityId, detail: { title, ...detail } },
  )
}

/**
 * A returned (or never submitted) activity of a decided season goes back to review on its own.
 * A second click finds the first one's work done; one not open to submission is 403.
 */
export async function submitActivity(
  db: Executor,
  user: SessionUser,
  activity: ActivityDetail,
  season: Pick<SeasonDetail, 'status'>,
): Promise<'submitted' | 'already-decided'> {
  if (activity.status === 'submitted') return 'submitted'
  if (!isEditable(season.status) || !canResubmitActivity(activity.status, season.status, user.role)) {
    throw new Response('Not open to submission', { status: 403 })
  }
  const submitted = await db.transaction().execute(async (trx) => {
    const moved = await setActivityStatus(trx, {
      schoolId: user.schoolId,
      id: activity.id,
      from: activity.status,
      to: 'submitted',
    })
    if (moved) {
      await recordActivitySubmitted(trx, {
        user,
        activityId: activity.id,
        title: activity.title,
        detail: { from: activity.status },
      })
    }
    return moved
  })
  return submitted ? 'submitted' : 'already-decided'
}

/**
 * An administrator approves or returns a single activity sent for review after its season was
 * decided. From `submitted` only: a second click, or a second admin, finds nothing to move.
 * Returns whether this call decided.
 */
export async function decideActivity(
  db: Executor,
  user: SessionUser,
  activity: ActivityDetail,
  season: Pick<SeasonDetail, 'status' | 'ownerId'>,
  { decision, comment }: { decision: 'approve' | 'request-changes'; comment: string },
): Promise<boolean> {
  const { schoolId } = user
  if (!isDecidedAlone(season.status)) throw new Response('Decided with its season', { status: 403 })
  const to =
    decision === 'approve'
      ? activityStatusOnApproval(season.status)
      : nextStatus('submitted', 'request-changes', user.role)
  if (to === null) return false
  const action = DECISION_RECORDS[decision]
  return auditedWrite(
    db,
    user,
    async (trx) => {
      const moved = await setActivityStatus(trx, { schoolId, id: activity.id, from: 'submitted', to })
      if (!moved) return false
      await recordReview(trx, {
        schoolId,
        entity: 'activity',
        entityId: activity.id,
        actorId: user.id,
        action,
        comment,
      })
      await markActedOn(trx, {
        schoolId,
        userId: user.id,
        entity: 'activity',
        entityIds: [activity.id],
        kinds: ANSWERED_BY.decision.activity,
      })
      // Approved on its own (added or changed after its season): guardians are asked now.
      if (action === 'approved') await requestConsents(trx, { schoolId, activityId: activity.id })
      const recipients = [activity.organiserId, season.ownerId].filter(
        (id): id is number => id !== null && id !== user.id,
      )
      await notify(trx, {
        schoolId,
        userIds: recipients,
        kind: action === 'approved' ? 'activity-approved' : 'activity-changes_requested',
        entity: 'activity',
        entityId: activity.id,
        params: { title: activity.title, comment },
      })
      return true
    },
    (moved) =>
      moved
        ? {
            action: `activity-${action}`,
            entity: 'activity',
            entityId: activity.id,
            detail: { title: activity.title, from: 'submitted', to, comment },
          }
        : null,
  )
}

/**
 * Saves an edit of an activity in one transaction. An approved or published activity whose date,
 * grades or venue moved goes back to review (the `resubmit` transition) and says so as a submit
 * does; a new day, time or place voids the guardians' answers, so they are asked again.
 * Returns whether it went back to review.
 */
export async function updateActivityDetails(
  db: Executor,
  user: SessionUser,
  activity: ActivityDetail,
  input: ReturnType<typeof activityInputOf>,
): Promise<{ sentBack: boolean }> {
  const { schoolId } = user
  const status = statusAfterEdit(activity.status, activity, input)
  const sentBack = status === 'submitted' && activity.status !== 'submitted'
  // One transaction (an entry of its own is null): the edit's entry first, then the submission's.
  await auditedWrite(
    db,
    user,
    async (trx) => {
      await auditedWrite(
        trx,
        user,
        async (trx) => {
          await updateActivity(trx, { schoolId, id: activity.id, status, input })
          await reassignAutomaticTasks(trx, {
            schoolId,
            activityId: activity.id,
            from: activity.organiserId,
            to: input.organiserId,
          })
          await resetConsentsAfterMove(trx, {
            schoolId,
            userId: user.id,
            activityId: activity.id,
            before: activity,
            after: input,
          })
        },
        {
          action: 'activity-updated',
          entity: 'activity',
          entityId: activity.id,
          detail: { title: input.title, startsAt: input.startsAt, status },
        },
      )
      if (!sentBack) return
      await recordActivitySubmitted(trx, {
        user,
        activityId: activity.id,
        title: input.title,
        detail: { from: activity.status, reason: 'reviewed-fields-changed' },
      })
    },
    null,
  )
  return { sentBack }
}
