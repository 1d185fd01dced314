import { describe, expect, it } from 'vitest'
import {
  activityStatusOnApproval,
  activityStatusWithSeason,
  allowedDecisions,
  cascade,
  commentRequired,
  DECISION_RECORDS,
  isDecision,
  isEditable,
  isVisibleToFamilies,
  nextStatus,
  statusAfterEdit,
  statusAfterSettledEdit,
  statusOfNewActivity,
} from '~/domain/approval'

const approvedActivity = {
  startsAt: '2026-03-05T05:30:00.000Z',
  endsAt: '2026-03-05T07:30:00.000Z',
  venue: '银杏社区',
  gradeIds: [5],
  classIds: [],
}

describe('the approval lifecycle', () => {
  it('walks draft → submitted → changes requested → submitted → approved → published → closed', () => {
    expect(nextStatus('draft', 'submit', 'teacher')).toBe('submitted')
    expect(nextStatus('submitted', 'request-changes', 'admin')).toBe('changes_requested')
    expect(nextStatus('changes_requested', 'submit', 'teacher')).toBe('submitted')
    expect(nextStatus('submitted', 'approve', 'admin')).toBe('approved')
    expect(nextStatus('approved', 'publish', 'admin')).toBe('published')
    expect(nextStatus('published', 'close', 'admin')).toBe('closed')
    expect(nextStatus('closed', 'reopen', 'admin')).toBe('published')
  })

  it('lets only admins decide, and parents do nothing', () => {
    expect(nextStatus('submitted', 'approve', 'teacher')).toBeNull()
    expect(nextStatus('approved', 'publish', 'teacher')).toBeNull()
    expect(nextStatus('draft', 'submit', 'parent')).toBeNull()
    expect(allowedDecisions('submitted', 'teacher')).toEqual([])
    expect(allowedDecisions('submitted', 'admin')).toEqual(['approve', 'request-changes'])
  })

  it('refuses decisions that do not fit the status', () => {
    expect(nextStatus('draft', 'approve', 'admin')).toBeNull()
    expect(nextStatus('submitted', 'submit', 'teacher')).toBeNull()
    expect(nextStatus('published', 'approve', 'admin')).toBeNull()
    expect(nextStatus('draft', 'publish', 'admin')).toBeNull()
  })

  it('requires a comment only to return', () => {
    expect(commentRequired('request-changes')).toBe(true)
    expect(commentRequired('approve')).toBe(false)
  })

  it('keeps closed programmes as history and shows families only what is published', () => {
    expect(isEditable('closed')).toBe(false)
    expect(isEditable('approved')).toBe(true)
    expect(isVisibleToFamilies('published')).toBe(true)
    expect(isVisibleToFamilies('closed')).toBe(true)
    expect(isVisibleToFamilies('approved')).toBe(false)
    expect(isVisibleToFamilies('submitted')).toBe(false)
  })
})

describe('activities in the lifecycle', () => {
  it('sends an approved or published activity back to review when its date, grades or venue change', () => {
    const later = {
      ...approvedActivity,
      startsAt: '2026-03-06T05:30:00.000Z',
      endsAt: '2026-03-06T07:30:00.000Z',
    }
    expect(statusAfterEdit('approved', approvedActivity, later)).toBe('submitted')
    expect(statusAfterEdit('published', approvedActivity, { ...approvedActivity, gradeIds: [5, 6] })).toBe(
      'submitted',
    )
    expect(statusAfterEdit('published', approvedActivity, { ...approvedActivity, classIds: [52] })).toBe(
      'submitted',
    )
    expect(statusAfterEdit('approved', approvedActivity, { ...approvedActivity, venue: '纪王敬老院' })).toBe(
      'submitted',
    )
  })

  it('keeps the status for other edits, for a trimmed venue and for grades in another order', () => {
    expect(statusAfterEdit('published', approvedActivity, { ...approvedActivity, venue: ' 银杏社区 ' })).toBe(
      'published',
    )
    const two = { ...approvedActivity, gradeIds: [2, 7] }
    expect(statusAfterEdit('approved', two, { ...two, gradeIds: [7, 2] })).toBe('approved')
    expect(statusAfterEdit('draft', approvedActivity, { ...approvedActivity, venue: '别处' })).toBe('draft')
  })

  it('starts a new activity as a draft while the season is planned, and under review once it is approved', () => {
    expect(statusOfNewActivity('draft')).toBe('draft')
    expect(statusOfNewActivity('changes_requested')).toBe('draft')
    expect(statusOfNewActivity('approved')).toBe('submitted')
    expect(statusOfNewActivity('published')).toBe('submitted')
  })

  it('moves activities with their season, leaving one sent back on its own waiting', () => {
    expect(activityStatusWithSeason('draft', 'submitted')).toBe('submitted')
    expect(activityStatusWithSeason('changes_requested', 'submitted')).toBe('submitted')
    expect(activityStatusWithSeason('submitted', 'approved')).toBe('approved')
    expect(activityStatusWithSeason('submitted', 'changes_requested')).toBe('changes_requested')
    expect(activityStatusWithSeason('approved', 'published')).toBe('published')
    expect(activityStatusWithSeason('submitted', 'published')).toBe('submitted')
    expect(activityStatusWithSeason('published', 'closed')).toBe('closed')
    expect(activityStatusWithSeason('closed', 'published')).toBe('published')
    expect(activityStatusOnApproval('published')).toBe('published')
    expect(activityStatusOnApproval('approved')).toBe('approved')
  })
})

describe('back to review after a settled edit (resubmit)', () => {
  it('moves an approved or published programme to submitted, recorded as submitted', () => {
    expect(nextStatus('approved', 'resubmit', 'teacher')).toBe('submitted')
    expect(nextStatus('published', 'resubmit', 'admin')).toBe('submitted')
    expect(statusAfterSettledEdit('approved')).toBe('submitted')
    expect(statusAfterSettledEdit('published')).toBe('submitted')
    expect(DECISION_RECORDS.resubmit).toBe('submitted')
  })

  it('does not apply to a programme that is not settled', () => {
    for (const status of ['draft', 'submitted', 'changes_requested', 'closed'] as const) {
      expect(nextStatus(status, 'resubmit', 'admin')).toBeNull()
      expect(statusAfterSettledEdit(status)).toBeNull()
    }
    expect(nextStatus('approved', 'resubmit', 'parent')).toBeNull()
  })

  it('is the system’s decision: never offered, never accepted from a form', () => {
    expect(allowedDecisions('approved', 'admin')).toEqual(['publish'])
    expect(allowedDecisions('published', 'admin')).toEqual(['close'])
    expect(isDecision('resubmit')).toBe(false)
    expect(isDecision('approve')).toBe(true)
  })

  it('takes the season’s settled activities back to review with it, but not closed ones', () => {
    const { from, to } = cascade('resubmit')
    expect(to).toBe('submitted')
    expect([...from].sort()).toEqual(['approved', 'changes_requested', 'draft', 'published'])
    // A person's submit leaves approved activities alone.
    expect(cascade('submit').from).not.toContain('approved')
  })
})
