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

/** What a person asks for; the review log records the outcome (`submitted`, `approved`, …). */
export type Decision = 'submit' | 'approve' | 'request-changes' | 'publish' | 'close' | 'reopen'

const TRANSITIONS: Record<Decision, { from: readonly PlanStatus[]; to: PlanStatus; roles: readonly Role[] }> =
  {
    submit: { from: ['draft', 'changes_requested'], to: 'submitted', roles: ['admin', 'teacher'] },
    approve: { from: ['submitted'], to: 'approved', roles: ['admin'] },
    'request-changes': { from: ['submitted'], to: 'changes_requested', roles: ['admin'] },
    publish: { from: ['approved'], to: 'published', roles: ['admin'] },
    close: { from: ['published'], to: 'closed', roles: ['admin'] },
    reopen: { from: ['closed'], to: 'published', roles: ['admin'] },
  }

export const DECISION_RECORDS: Record<Decision, ReviewAction> = {
  submit: 'submitted',
  approve: 'approved',
  'request-changes': 'changes_requested',
  publish: 'published',
  close: 'closed',
  reopen: 'reopened',
}

export function isDecision(value: unknown): value is Decision {
  return typeof value === 'string' && value in TRANSITIONS
}

/** The status after a decision, or null when the decision does not apply to this status or role. */
export function nextStatus(status: PlanStatus, decision: Decision, role: Role): PlanStatus | null {
  const rule = TRANSITIONS[decision]
  return rule.from.includes(status) && rule.roles.includes(role) ? rule.to : null
}

export function allowedDecisions(status: PlanStatus, role: Role): Decision[] {
  return (Object.keys(TRANSITIONS) as Decision[]).filter((decision) => nextStatus(status, decision, role))
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
  return status === 'approved' || status === 'published'
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
  return isSettled(status) && reviewedChanges(before, after).length ? 'submitted' : status
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
 * When a season moves, its activities move with it. Activities that were sent back for review on
 * their own keep waiting unless the whole season is decided.
 */
export function activityStatusWithSeason(activityStatus: PlanStatus, seasonStatus: PlanStatus): PlanStatus {
  switch (seasonStatus) {
    case 'submitted':
      return activityStatus === 'draft' || activityStatus === 'changes_requested'
        ? 'submitted'
        : activityStatus
    case 'approved':
    case 'changes_requested':
      return activityStatus === 'submitted' ? seasonStatus : activityStatus
    case 'published':
      // Publishing an approved season, or reopening a closed one.
      return activityStatus === 'approved' || activityStatus === 'closed' ? 'published' : activityStatus
    case 'closed':
      return 'closed'
    default:
      return activityStatus
  }
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
