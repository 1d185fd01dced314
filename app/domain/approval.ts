import type { PlanStatus, ReviewAction, Role } from './vocabulary'

export type { PlanStatus, ReviewAction }

/**
 * The approval lifecycle of seasons and activities:
 * draft → submitted → approved | changes_requested → published → closed.
 */
export const PLAN_STATUSES: readonly PlanStatus[] = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'published',
  'closed',
]

/**
 * What a person asks for, and `resubmit`: the system's decision when an edit moves a settled
 * programme (approved or published) in time, targets or place, so it goes back to review. The
 * review log records the outcome (`submitted`, `approved`, …).
 */
export type Decision = 'submit' | 'approve' | 'request-changes' | 'publish' | 'close' | 'reopen' | 'resubmit'

type Transition = {
  from: readonly PlanStatus[]
  to: PlanStatus
  /** Who may ask for it; for a system decision, who may make the edit that causes it. */
  roles: readonly Role[]
  /** What the review log and the audit log record. */
  record: ReviewAction
  /** A season's activities in these statuses move with it to `to`. */
  carries: readonly PlanStatus[]
  /** Made by the system as a consequence of an edit, never offered as a button or accepted from a form. */
  system?: true
}

const TRANSITIONS: Record<Decision, Transition> = {
  submit: {
    from: ['draft', 'changes_requested'],
    to: 'submitted',
    roles: ['admin', 'teacher'],
    record: 'submitted',
    carries: ['draft', 'changes_requested'],
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    roles: ['admin'],
    record: 'approved',
    carries: ['submitted'],
  },
  'request-changes': {
    from: ['submitted'],
    to: 'changes_requested',
    roles: ['admin'],
    record: 'changes_requested',
    carries: ['submitted'],
  },
  publish: {
    from: ['approved'],
    to: 'published',
    roles: ['admin'],
    record: 'published',
    carries: ['approved'],
  },
  close: {
    from: ['published'],
    to: 'closed',
    roles: ['admin'],
    record: 'closed',
    carries: ['draft', 'submitted', 'changes_requested', 'approved', 'published'],
  },
  reopen: { from: ['closed'], to: 'published', roles: ['admin'], record: 'reopened', carries: ['closed'] },
  // The whole programme is looked at again, so its settled activities go back with it.
  resubmit: {
    from: ['approved', 'published'],
    to: 'submitted',
    roles: ['admin', 'teacher'],
    record: 'submitted',
    carries: ['draft', 'changes_requested', 'approved', 'published'],
    system: true,
  },
}

const DECISIONS = Object.keys(TRANSITIONS) as Decision[]

export const DECISION_RECORDS = Object.fromEntries(
  DECISIONS.map((decision) => [decision, TRANSITIONS[decision].record]),
) as Record<Decision, ReviewAction>

/** A decision a person may ask for in a form; the system's own decisions are not among them. */
export function isDecision(value: unknown): value is Decision {
  return (
    typeof value === 'string' && Object.hasOwn(TRANSITIONS, value) && !TRANSITIONS[value as Decision].system
  )
}

/** The status after a decision, or null when the decision does not apply to this status or role. */
export function nextStatus(status: PlanStatus, decision: Decision, role: Role): PlanStatus | null {
  const rule = TRANSITIONS[decision]
  return rule.from.includes(status) && rule.roles.includes(role) ? rule.to : null
}

export function allowedDecisions(status: PlanStatus, role: Role): Decision[] {
  return DECISIONS.filter((decision) => !TRANSITIONS[decision].system && nextStatus(status, decision, role))
}

/** A comment is what a teacher needs to act on a return, so returning without one is refused. */
export function commentRequired(decision: Decision): boolean {
  return decision === 'request-changes'
}

/** Closed programmes are history; everything else may still be edited. */
export function isEditable(status: PlanStatus): boolean {
  return status !== 'closed'
}

/** Approved or published: a change to when, who or where needs the reviewer's eye again. */
export function isSettled(status: PlanStatus): boolean {
  return TRANSITIONS.resubmit.from.includes(status)
}

/** The status a settled programme takes when an edit sends it back to review (`resubmit`), else null. */
export function statusAfterSettledEdit(status: PlanStatus): PlanStatus | null {
  const rule = TRANSITIONS.resubmit
  return rule.from.includes(status) ? rule.to : null
}

/**
 * How a season's decision carries its activities: those in `from` move to `to`, the season's new
 * status. Activities sent back for review on their own keep waiting unless the whole season is decided.
 */
export function cascade(decision: Decision): { from: readonly PlanStatus[]; to: PlanStatus } {
  const { carries, to } = TRANSITIONS[decision]
  return { from: carries, to }
}

export type ReviewedFields = {
  startsAt: string
  endsAt: string
  venue: string
  gradeIds: readonly number[]
  classIds: readonly number[]
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  const set = new Set(a)
  return b.every((id) => set.has(id))
}

/** Which reviewed fields an edit changes: date, grades and classes, or venue. */
export function reviewedChanges(
  before: ReviewedFields,
  after: ReviewedFields,
): ('time' | 'targets' | 'venue')[] {
  const changes: ('time' | 'targets' | 'venue')[] = []
  if (before.startsAt !== after.startsAt || before.endsAt !== after.endsAt) changes.push('time')
  if (!sameSet(before.gradeIds, after.gradeIds) || !sameSet(before.classIds, after.classIds))
    changes.push('targets')
  if (before.venue.trim() !== after.venue.trim()) changes.push('venue')
  return changes
}

/**
 * The status of an activity after an edit. An approved or published activity whose date, grades or
 * venue moved goes back to review; anything else keeps its status.
 */
export function statusAfterEdit(
  status: PlanStatus,
  before: ReviewedFields,
  after: ReviewedFields,
): PlanStatus {
  return reviewedChanges(before, after).length ? (statusAfterSettledEdit(status) ?? status) : status
}

/**
 * The status of a new activity in a season: it follows a season still being planned, and needs a
 * review of its own once the season has been approved.
 */
export function statusOfNewActivity(seasonStatus: PlanStatus): PlanStatus {
  if (seasonStatus === 'draft' || seasonStatus === 'changes_requested') return 'draft'
  return 'submitted'
}

/**
 * An activity's status once its season reached `seasonStatus` by a person's decision (publishing
 * and reopening both lead to `published`).
 */
export function activityStatusWithSeason(activityStatus: PlanStatus, seasonStatus: PlanStatus): PlanStatus {
  const carried = DECISIONS.some((decision) => {
    const rule = TRANSITIONS[decision]
    return !rule.system && rule.to === seasonStatus && rule.carries.includes(activityStatus)
  })
  return carried ? seasonStatus : activityStatus
}

/** A single activity is decided on its own only once its season has been approved. */
export function isDecidedAlone(seasonStatus: PlanStatus): boolean {
  return seasonStatus === 'approved' || seasonStatus === 'published'
}

/** Returned (or never submitted) activities of a decided season go back to review one by one. */
export function canResubmitActivity(
  activityStatus: PlanStatus,
  seasonStatus: PlanStatus,
  role: Role,
): boolean {
  return isDecidedAlone(seasonStatus) && nextStatus(activityStatus, 'submit', role) !== null
}

/** After an admin approves a single activity sent back for review, it rejoins its season's state. */
export function activityStatusOnApproval(seasonStatus: PlanStatus): PlanStatus {
  return seasonStatus === 'published' || seasonStatus === 'closed' ? 'published' : 'approved'
}

/** Parents see only what has been published. */
export function isVisibleToFamilies(status: PlanStatus): boolean {
  return status === 'published' || status === 'closed'
}

/** Attendance and awards are recorded once an activity is approved, and may still be corrected after it closed. */
export function isRecordable(status: PlanStatus): boolean {
  return status === 'approved' || status === 'published' || status === 'closed'
}

/**
 * Where an activity's records stand: closed until it is approved; then, until it starts, only roles
 * may be planned (choosing the speakers a week ahead); attendance, hours and awards open once it has
 * started, since a record of what has not happened cannot be true.
 */
export type RecordsStage = 'closed' | 'planning' | 'open'

export function recordsStage(activity: { status: PlanStatus; startsAt: string }, now: Date): RecordsStage {
  if (!isRecordable(activity.status)) return 'closed'
  return Date.parse(activity.startsAt) <= now.getTime() ? 'open' : 'planning'
}

/** Attendance, hours and awards may be recorded now. */
export function recordsOpen(activity: { status: PlanStatus; startsAt: string }, now: Date): boolean {
  return recordsStage(activity, now) === 'open'
}
