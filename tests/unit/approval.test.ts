import { describe, expect, it } from 'vitest'
import {
  activityStatusOnApproval,
  activityStatusWithSeason,
  allowedDecisions,
  commentRequired,
  isEditable,
  isVisibleToFamilies,
  nextStatus,
  statusAfterEdit,
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
