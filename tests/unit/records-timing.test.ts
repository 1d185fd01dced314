import { describe, expect, it } from 'vitest'
import { recordsOpen, recordsStage } from '~/domain/approval'
import { recordsAttendance } from '~/domain/participation'

// The activity of the issue: 5 March 2027, 09:00 in Shanghai.
const startsAt = '2027-03-05T01:00:00.000Z'
const at = (iso: string) => new Date(iso)

describe('when records are taken', () => {
  it('opens attendance, hours and awards at the start, not a millisecond before', () => {
    const activity = { status: 'approved' as const, startsAt }
    expect(recordsStage(activity, at('2027-03-05T00:59:59.999Z'))).toBe('planning')
    expect(recordsOpen(activity, at('2027-03-05T00:59:59.999Z'))).toBe(false)
    expect(recordsStage(activity, at('2027-03-05T01:00:00.000Z'))).toBe('open')
    expect(recordsOpen(activity, at('2027-03-05T09:00:00+08:00'))).toBe(true)
    expect(recordsStage(activity, at('2026-12-07T10:00:00+08:00'))).toBe('planning')
  })

  it('stays open for published and closed activities once begun', () => {
    const later = at('2027-04-01T00:00:00Z')
    expect(recordsStage({ status: 'published', startsAt }, later)).toBe('open')
    expect(recordsStage({ status: 'closed', startsAt }, later)).toBe('open')
    expect(recordsStage({ status: 'published', startsAt }, at('2027-01-01T00:00:00Z'))).toBe('planning')
  })

  it('is closed, roles too, until the activity is approved, whatever the date', () => {
    for (const status of ['draft', 'submitted', 'changes_requested'] as const) {
      expect(recordsStage({ status, startsAt }, at('2027-04-01T00:00:00Z'))).toBe('closed')
      expect(recordsStage({ status, startsAt }, at('2026-12-07T00:00:00Z'))).toBe('closed')
    }
  })
})

describe('what a sheet posted before the start may hold', () => {
  const row = (over: Record<string, string>) => ({ studentId: '7', revision: '0', role: 'docent', ...over })

  it('takes roles alone as planned', () => {
    expect(recordsAttendance({ intent: 'save', rows: [row({}), row({ hours: ' ', reason: '' })] })).toBe(
      false,
    )
    expect(recordsAttendance({ intent: 'save' })).toBe(false)
  })

  it('sees attendance, hours, a reason or "all present" as records', () => {
    expect(recordsAttendance({ intent: 'all-present', rows: [row({})] })).toBe(true)
    expect(recordsAttendance({ intent: 'save', rows: [row({}), row({ status: 'attended' })] })).toBe(true)
    expect(recordsAttendance({ intent: 'save', rows: [row({ hours: '3' })] })).toBe(true)
    expect(recordsAttendance({ intent: 'save', rows: [undefined, row({ reason: '病假' })] })).toBe(true)
  })
})
