import { describe, expect, it } from 'vitest'
import {
  anonymiseOn,
  type DepartedPupil,
  mayAnonymiseNow,
  photosToDelete,
  pupilsDue,
  purgeCutoffs,
  RETENTION,
} from '~/domain/retention'

const left = (p: Partial<DepartedPupil> & { id: number }): DepartedPupil => ({
  active: 0,
  graduatedOn: null,
  leftOn: null,
  anonymisedAt: null,
  ...p,
})

describe('departed pupils', () => {
  it('keeps a record three years from the day the pupil left', () => {
    expect(RETENTION.departedPupilYears).toBe(3)
    expect(anonymiseOn('2023-09-01')).toBe('2026-09-01')
    // 29 February has no anniversary in a common year: the day before.
    expect(anonymiseOn('2024-02-29')).toBe('2027-02-28')
  })

  it('is due on exactly the third anniversary, not a day before', () => {
    const pupils = [left({ id: 1, graduatedOn: '2023-09-01' }), left({ id: 2, leftOn: '2023-12-08' })]
    expect(pupilsDue(pupils, '2026-08-31')).toEqual([])
    expect(pupilsDue(pupils, '2026-09-01')).toEqual([{ id: 1, reason: 'graduated', leftOn: '2023-09-01' }])
    expect(pupilsDue(pupils, '2026-12-07').map((p) => p.id)).toEqual([1])
    expect(pupilsDue(pupils, '2026-12-08')).toEqual([
      { id: 1, reason: 'graduated', leftOn: '2023-09-01' },
      { id: 2, reason: 'left', leftOn: '2023-12-08' },
    ])
  })

  it('never touches pupils in school, already anonymised, or with no leaving day', () => {
    const pupils = [
      left({ id: 1, active: 1, graduatedOn: '2020-09-01' }),
      left({ id: 2, graduatedOn: '2020-09-01', anonymisedAt: '2025-01-01T00:00:00.000Z' }),
      left({ id: 3 }),
    ]
    expect(pupilsDue(pupils, '2030-01-01')).toEqual([])
  })

  it('offers anonymising at once only for a pupil who has left', () => {
    expect(mayAnonymiseNow(left({ id: 1, leftOn: '2026-12-07' }))).toBe(true)
    expect(mayAnonymiseNow(left({ id: 1, graduatedOn: '2026-09-01' }))).toBe(true)
    expect(mayAnonymiseNow(left({ id: 1, active: 1 }))).toBe(false)
    expect(mayAnonymiseNow(left({ id: 1, leftOn: '2026-12-07', anonymisedAt: '2026-12-07T00:00:00Z' }))).toBe(
      false,
    )
  })
})

describe('purging', () => {
  const now = new Date('2026-12-07T02:00:00.000Z')

  it('purges sessions and throttle rows after 30 days, audit after 3 years, notifications after 1', () => {
    expect(purgeCutoffs(now)).toEqual({
      sessions: '2026-11-07T02:00:00.000Z',
      signInThrottle: '2026-11-07T02:00:00.000Z',
      audit: '2023-12-07T02:00:00.000Z',
      notifications: '2025-12-07T02:00:00.000Z',
    })
    // A row is purged when written before the cutoff: 30 days and a millisecond, not exactly 30 days.
    const { sessions } = purgeCutoffs(now)
    expect('2026-11-07T01:59:59.999Z' < sessions).toBe(true)
    expect('2026-11-07T02:00:00.000Z' < sessions).toBe(false)
  })
})

describe('photos of anonymised pupils', () => {
  it('deletes a photo only when every pupil tagged in it is anonymised', () => {
    const tags = [
      { photoId: 10, studentId: 1 },
      { photoId: 11, studentId: 1 },
      { photoId: 11, studentId: 2 },
      { photoId: 12, studentId: 1 },
      { photoId: 12, studentId: 3 },
    ]
    expect(photosToDelete(tags, new Set([1]))).toEqual([10])
    expect(photosToDelete(tags, new Set([1, 3]))).toEqual([10, 12])
  })
})
