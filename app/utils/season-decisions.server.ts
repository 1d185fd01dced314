import { parseWithZod } from '@conform-to/zod/v4'
import {
  activityStatusWithSeason,
  commentRequired,
  DECISION_RECORDS,
  type Decision,
  isDecision,
  isSettled,
  nextStatus,
  PLAN_STATUSES,
  type PlanStatus,
} from '~/domain/approval'
import { DecisionSchema } from '~/domain/season-schemas'
import { listActivitiesOfSeason, setSeasonActivitiesStatus } from '~/models/activities.server'
import { recordAudit } from '~/models/audit.server'
import { requestConsentsFor } from '~/models/consents.server'
import {
  ANSWERED_BY,
  listReviewerIds,
  markActedOn,
  type NotificationKind,
  notify,
} from '~/models/notifications.server'
import { recordReview, snapshotProgramme } from '~/models/reviews.server'
import { type SeasonDetail, setSeasonStatus } from '~/models/seasons.server'
import { redirectWithFlash, type SessionUser } from './auth.server'
import { db } from './db.server'
import { invalidForm } from './responses'

const FLASH: Record<Decision, string> = {
  submit: 'seasons.submit.done',
  approve: 'seasons.review.approved',
  'request-changes': 'seasons.review.returned',
  publish: 'seasons.decisions.published',
  close: 'seasons.decisions.closed',
  reopen: 'seasons.decisions.reopened',
}

/** Activities move with their season; the statuses each one may be in before the move. */
function activityMoves(seasonStatus: PlanStatus) {
  const moves = new Map<PlanStatus, PlanStatus[]>()
  for (const from of PLAN_STATUSES) {
    const to = activityStatusWithSeason(from, seasonStatus)
    if (to !== from) moves.set(to, [...(moves.get(to) ?? []), from])
  }
  return moves
}

/**
 * One decision on a season, in one transaction: the season's status (only from the status the
 * person saw, so a double click or two admins at once decide once), its activities, consent
 * requests for those that become approved or published, the review record with a snapshot of the
 * programme, the inbox messages and the audit entry.
 */
async function applyDecision(user: SessionUser, season: SeasonDetail, decision: Decision, comment: string) {
  const { schoolId } = user
  const to = nextStatus(season.status, decision, user.role)
  if (!to) return false
  return db.transaction().execute(async (trx) => {
    const moved = await setSeasonStatus(trx, { schoolId, id: season.id, from: season.status, to })
    if (!moved) return false
    const settled: number[] = []
    for (const [activityTo, from] of activityMoves(to)) {
      const moved = await setSeasonActivitiesStatus(trx, {
        schoolId,
        seasonId: season.id,
        from,
        to: activityTo,
      })
      if (isSettled(activityTo)) settled.push(...moved)
    }
    // Guardians are asked once the programme is decided; activities without consent are skipped.
    await requestConsentsFor(trx, { schoolId, activityIds: settled })
    const action = DECISION_RECORDS[decision]
    await recordReview(trx, {
      schoolId,
      entity: 'season',
      entityId: season.id,
      actorId: user.id,
      action,
      comment,
      snapshot: await snapshotProgramme(trx, { schoolId, seasonId: season.id }),
    })
    const kind = `season-${action}` as NotificationKind
    // The decider's "waiting for your decision", or the owner's "returned for changes", is done.
    const answered =
      decision === 'submit'
        ? ANSWERED_BY.resubmission.season
        : decision === 'approve' || decision === 'request-changes'
          ? ANSWERED_BY.decision.season
          : []
    await markActedOn(trx, {
      schoolId,
      userId: user.id,
      entity: 'season',
      entityIds: [season.id],
      kinds: answered,
    })
    if (decision === 'submit') {
      const reviewers = (await listReviewerIds(trx, { schoolId })).filter((id) => id !== user.id)
      await notify(trx, {
        schoolId,
        userIds: reviewers,
        kind,
        entity: 'season',
        entityId: season.id,
        params: { title: season.title },
      })
    } else if (decision !== 'close' && decision !== 'reopen' && season.ownerId !== user.id) {
      await notify(trx, {
        schoolId,
        userIds: [season.ownerId],
        kind,
        entity: 'season',
        entityId: season.id,
        params: { title: season.title, comment },
      })
    }
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: `season-${action}`,
      entity: 'season',
      entityId: season.id,
      detail: comment ? { from: season.status, to, comment } : { from: season.status, to },
    })
    return true
  })
}

export async function submitSeason(user: SessionUser, season: SeasonDetail) {
  // A second click finds the first one's work done.
  if (season.status === 'submitted') return redirectWithFlash(user, `/seasons/${season.id}`, FLASH.submit)
  if (!nextStatus(season.status, 'submit', user.role)) throw new Response('Not allowed', { status: 403 })
  const activities = await listActivitiesOfSeason(db, { schoolId: user.schoolId, seasonId: season.id })
  if (activities.length === 0) throw new Response('A season needs an activity', { status: 400 })
  const done = await applyDecision(user, season, 'submit', '')
  return redirectWithFlash(user, `/seasons/${season.id}`, done ? FLASH.submit : 'seasons.decisions.stale')
}

/**
 * Approve, return, publish, close or reopen. A teacher's attempt is refused (403); a decision the
 * season's status no longer allows (someone decided first) says so instead of failing.
 */
export async function decideOnSeason(user: SessionUser, season: SeasonDetail, formData: FormData) {
  const formId = 'decide'
  const decision = formData.get('decision')
  if (!isDecision(decision) || decision === 'submit') throw new Response('Unknown decision', { status: 400 })
  if (user.role !== 'admin') throw new Response('Only administrators decide', { status: 403 })
  const submission = parseWithZod(formData, { schema: DecisionSchema })
  if (submission.status !== 'success') return invalidForm(formId, submission.reply())
  const { comment } = submission.value
  if (commentRequired(decision) && !comment) {
    return invalidForm(
      formId,
      submission.reply({ fieldErrors: { comment: ['seasons.review.commentRequired'] } }),
    )
  }
  const from = formData.get('from')
  const stale = typeof from === 'string' && from !== season.status
  const done = !stale && (await applyDecision(user, season, decision, comment))
  return redirectWithFlash(user, `/seasons/${season.id}`, done ? FLASH[decision] : 'seasons.decisions.stale')
}
