import { describe, expect, it } from 'vitest'
import { compareLevels, isAwardVisibleToFamilies, tallyAwards } from '~/domain/award-records'
import { countScale } from '~/domain/charts'

describe('compareLevels', () => {
  it('puts the standard levels in their order, then a contest’s own labels alphabetically', () => {
    const levels = ['最具感染力奖', 'merit', 'first', '最佳风采奖', 'special', 'third', 'second']
    expect([...levels].sort((a, b) => compareLevels(a, b))).toEqual([
      'special',
      'first',
      'second',
      'third',
      'merit',
      '最佳风采奖',
      '最具感染力奖',
    ])
  })

  it('orders custom labels in the reader’s language', () => {
    expect(['Best voice', 'Audience prize'].sort((a, b) => compareLevels(a, b, 'en'))).toEqual([
      'Audience prize',
      'Best voice',
    ])
  })
})

describe('isAwardVisibleToFamilies', () => {
  it('shows an award once given, for an activity families may see', () => {
    expect(
      isAwardVisibleToFamilies({ awardedOn: '2026-04-10', activityStatus: 'published' }, '2026-04-10'),
    ).toBe(true)
    expect(
      isAwardVisibleToFamilies({ awardedOn: '2026-04-01', activityStatus: 'closed' }, '2026-04-10'),
    ).toBe(true)
  })

  it('hides an award prepared for a ceremony still to come, or of an activity families cannot see', () => {
    expect(
      isAwardVisibleToFamilies({ awardedOn: '2026-04-11', activityStatus: 'published' }, '2026-04-10'),
    ).toBe(false)
    expect(
      isAwardVisibleToFamilies({ awardedOn: '2026-04-01', activityStatus: 'approved' }, '2026-04-10'),
    ).toBe(false)
    expect(isAwardVisibleToFamilies({ awardedOn: '2026-04-01', activityStatus: 'draft' }, '2026-04-10')).toBe(
      false,
    )
  })
})

describe('tallyAwards', () => {
  it('counts a class award once and names no pupil; a pupil in two awards once', () => {
    expect(
      tallyAwards([
        { recipientKind: 'class', recipients: [] },
        { recipientKind: 'pupil', recipients: [{ studentId: 1 }] },
        { recipientKind: 'team', recipients: [{ studentId: 1 }, { studentId: 2 }, { studentId: 3 }] },
      ]),
    ).toEqual({ awards: 3, classAwards: 1, pupilAwards: 2, pupils: 3 })
  })

  it('is all zeros for no awards', () => {
    expect(tallyAwards([])).toEqual({ awards: 0, classAwards: 0, pupilAwards: 0, pupils: 0 })
  })
})

describe('countScale', () => {
  it('has whole ticks for a few awards', () => {
    expect(countScale(1).ticks).toEqual([0, 1, 2, 3, 4])
    expect(countScale(0).ticks).toEqual([0, 1, 2, 3, 4])
  })

  it('steps by 2 rather than 2.5 up to ten', () => {
    expect(countScale(9).ticks).toEqual([0, 2, 4, 6, 8, 10])
    expect(countScale(40).ticks.every(Number.isInteger)).toBe(true)
  })
})
