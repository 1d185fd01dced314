import type { Transaction } from 'kysely'
import { recordAudit } from '~/models/audit.server'
import { ANSWERED_BY, listReviewerIds, markActedOn, notify } from '~/models/notifications.server'
import { recordReview } from '~/models/reviews.server'
import type { Database } from '../../db/schema'
import type { SessionUser } from './auth.server'

/**
 * In the caller's transaction, once an activity has gone (back) to review: the review record, the
 * audit entry (with why, in `detail`) and a message to every reviewer except the person who sent it.
 */
export async function recordActivitySubmitted(
  trx: Transaction<Database>,
  {
    user,
    activityId,
    title,
    detail,
  }: { user: SessionUser; activityId: number; title: string; detail: Record<string, unknown> },
): Promise<void> {
  const { schoolId } = user
  await recordReview(trx, {
    schoolId,
    entity: 'activity',
    entityId: activityId,
    actorId: user.id,
    action: 'submitted',
  })
  await recordAudit(trx, {
    schoolId,
    userId: user.id,
    action: 'activity-submitted',
    entity: 'activity',
    entityId: activityId,
    detail: { title, ...detail },
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
}
