import { parseWithZod } from '@conform-to/zod/v4'
import type { output } from 'zod'
import {
  cascade,
  DECISION_RECORDS,
  type Decision,
  isEditable,
  isSettled,
  nextStatus,
} from '~/domain/approval'
import { parseId } from '~/domain/schemas'
import { SeasonDecisionSchema } from '~/domain/season-schemas'
import { listActivitiesOfSeason, setSeasonActivitiesStatus } from '~/models/activities.server'
import { requestConsentsFor } from '~/models/consents.server'
import {
  ANSWERED_BY,
  listReviewerIds,
  markActedOn,
  type NotificationKind,
  notify,
} from '~/models/notifications.server'
import { recordReview, snapshotProgramme } from '~/models/reviews.server'
import {
  getSeason,
  type SeasonDetail,
  type SeasonInput,
  setSeasonStatus,
  updateSeason,
} from '~/models/seasons.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { invalidForm, notFound } from '~/utils/responses'
import { auditedWrite, type Executor } from './audited-write.server'

/** The season of the URL in the user's school; another school's or a malformed id is 404. */
export async function requireSeason(
  db: Executor,
  user: SessionUser,
  seasonId: string | undefined,
): Promise<SeasonDetail> {
  const id = parseId(seasonId)
  const season = id ? await getSeason(db, { schoolId: user.schoolId, id }) : undefined
  return season ?? notFound()
}

/** The same, still open to planning: a closed season is history (403). */
export async function requireEditableSeason(
  db: Executor,
  user: SessionUser,
  seasonId: string | undefined,
): Promise<SeasonDetail> {
  const season = await requireSeason(db, user, seasonId)
  if (!isEditable(season.status)) throw new Response('Season closed', { status: 403 })
  return season
}

type Decided = Pick<SeasonDetail, 'id' | 'status' | 'title' | 'ownerId'>

/**
 * One decision on a season, in one transaction (the caller's, if `db` is one): the season's status
 * (only from the status the person saw, so a double click or two admins at once decide once), its
 * activities (the transition's cascade), consent requests for those that become approved or
 * published, the review record with a snapshot of the programme, the inbox messages and the audit
 * entry. Returns whether this call made the change.
 */
export async function decideSeason(
  db: Executor,
  user: SessionUser,
  season: Decided,
  decision: Decision,
  comment = '',
): Promise<boolean> {
  const { schoolId } = user
  const to = nextStatus(season.status, decision, user.role)
  if (!to) return false
  const action = DECISION_RECORDS[decision]
  const fromPerson = decision === 'submit' || decision === 'resubmit'
  return auditedWrite(
    db,
    user,
    async (trx) => {
      const moved = await setSeasonStatus(trx, { schoolId, id: season.id, from: season.status, to })
      if (!moved) return false
      const carried = cascade(decision)
      const activityIds = await setSeasonActivitiesStatus(trx, { schoolId, seasonId: season.id, ...carried })
      // Guardians are asked once the programme is decided; activities without consent are skipped.
      await requestConsentsFor(trx, { schoolId, activityIds: isSettled(carried.to) ? activityIds : [] })
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
      const answered = fromPerson
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
      if (fromPerson) {
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
      return true
    },
    (moved) =>
      moved
        ? {
            action: `season-${action}`,
            entity: 'season',
            entityId: season.id,
            detail: comment ? { from: season.status, to, comment } : { from: season.status, to },
          }
        : null,
  )
}

export type SubmitOutcome = 'submitted' | 'already-submitted' | 'stale'

/**
 * The owner sends the programme for review. A second click finds the first one's work done; a
 * season the person may not submit is 403, one without activities 400.
 */
export async function submitSeason(db: Executor, user: SessionUser, season: Decided): Promise<SubmitOutcome> {
  if (season.status === 'submitted') return 'already-submitted'
  if (!nextStatus(season.status, 'submit', user.role)) throw new Response('Not allowed', { status: 403 })
  const activities = await listActivitiesOfSeason(db, { schoolId: user.schoolId, seasonId: season.id })
  if (activities.length === 0) throw new Response('A season needs an activity', { status: 400 })
  return (await decideSeason(db, user, season, 'submit')) ? 'submitted' : 'stale'
}

/**
 * Saves an edit of a season. Moving a settled season's dates changes what parents were promised: it
 * goes back to review exactly as a submit does (the `resubmit` decision), in the same transaction.
 * Returns whether it went back.
 */
export async function updateSeasonDetails(
  db: Executor,
  user: SessionUser,
  season: SeasonDetail,
  next: SeasonInput,
): Promise<{ backToReview: boolean }> {
  const datesMoved = next.startsOn !== season.startsOn || next.endsOn !== season.endsOn
  // One transaction (an entry of its own is null): the edit's entry first, then the decision's.
  return auditedWrite(
    db,
    user,
    async (trx) => {
      await auditedWrite(
        trx,
        user,
        (trx) => updateSeason(trx, { schoolId: user.schoolId, id: season.id, ...next }),
        {
          action: 'season-updated',
          entity: 'season',
          entityId: season.id,
          detail: { title: next.title, startsOn: next.startsOn, endsOn: next.endsOn },
        },
      )
      const backToReview =
        datesMoved &&
        isSettled(season.status) &&
        (await decideSeason(trx, user, { ...season, title: next.title }, 'resubmit'))
      return { backToReview }
    },
    null,
  )
}

const FLASH: Record<Exclude<Decision, 'submit' | 'resubmit'>, string> = {
  approve: 'seasons.review.approved',
  'request-changes': 'seasons.review.returned',
  publish: 'seasons.decisions.published',
  close: 'seasons.decisions.closed',
  reopen: 'seasons.decisions.reopened',
}

/**
 * An administrator's decision from the `decide` form, already parsed. A decision the season's status
 * no longer allows (someone decided first) says so instead of failing.
 */
export async function answerSeasonDecision(
  db: Executor,
  user: SessionUser,
  season: Decided,
  { decision, comment, from }: output<typeof SeasonDecisionSchema>,
): Promise<Response> {
  const stale = from !== undefined && from !== season.status
  const done = !stale && (await decideSeason(db, user, season, decision, comment))
  return redirectWithFlash(user, `/seasons/${season.id}`, done ? FLASH[decision] : 'seasons.decisions.stale')
}

/** The `decide` form of a page whose action holds no other form (the review page). */
export async function decideOnSeason(db: Executor, user: SessionUser, season: Decided, formData: FormData) {
  const submission = parseWithZod(formData, { schema: SeasonDecisionSchema })
  if (submission.status !== 'success') return invalidForm('decide', submission.reply())
  return answerSeasonDecision(db, user, season, submission.value)
}
