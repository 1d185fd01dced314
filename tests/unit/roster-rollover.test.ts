import { describe, expect, it } from 'vitest'
import {
  followingYear,
  isEarlyRollover,
  planClassMoves,
  type RolloverClass,
  rosterYear,
} from '~/domain/roster-rollover'

const Y2025 = { id: 1, name: '2025-2026', startsOn: '2025-09-01', endsOn: '2026-08-31' }
const Y2026 = { id: 2, name: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-08-31' }
// Typed in with a summer gap before it, as some schools do.
const Y2027 = { id: 3, name: '2027-2028', startsOn: '2027-09-10', endsOn: '2028-07-10' }
const YEARS = [Y2027, Y2025, Y2026]

describe('rosterYear', () => {
  it('is the year today falls in before any rollover', () => {
    expect(rosterYear(YEARS, { today: '2026-11-28', lastRolloverYearId: null })).toBe(Y2026)
  })

  it('is the year the last rollover went into, whatever today is', () => {
    expect(rosterYear(YEARS, { today: '2027-08-20', lastRolloverYearId: 3 })).toBe(Y2027)
  })

  it('between years, is the latest year begun', () => {
    expect(rosterYear(YEARS, { today: '2027-09-05', lastRolloverYearId: null })).toBe(Y2026)
  })

  it('before every year, is the first; with no years, nothing', () => {
    expect(rosterYear(YEARS, { today: '2020-01-01', lastRolloverYearId: null })).toBe(Y2025)
    expect(rosterYear([], { today: '2026-11-28', lastRolloverYearId: null })).toBeUndefined()
  })
})

describe('followingYear', () => {
  it('is the next year to start', () => {
    expect(followingYear(YEARS, Y2025)).toBe(Y2026)
    expect(followingYear(YEARS, Y2026)).toBe(Y2027)
    expect(followingYear(YEARS, Y2027)).toBeUndefined()
  })
})

describe('isEarlyRollover', () => {
  it('warns when the next year is more than a term away, not in the summer holiday', () => {
    expect(isEarlyRollover(Y2026, '2025-11-28')).toBe(true)
    expect(isEarlyRollover(Y2026, '2026-05-31')).toBe(true)
    expect(isEarlyRollover(Y2026, '2026-06-01')).toBe(false)
    expect(isEarlyRollover(Y2026, '2026-07-15')).toBe(false)
  })
})

function schoolClass(id: number, gradeLevel: number, number: number, pupils = 30): RolloverClass {
  return { id, name: `${gradeLevel}(${number})`, gradeLevel, number, headTeacherId: 100 + id, pupils }
}

describe('planClassMoves', () => {
  const nineYear = Array.from({ length: 9 }, (_, i) => ({ id: 200 + i + 1, level: i + 1 }))

  it('moves every class up a grade with the same number, and graduates the top grade', () => {
    const plan = planClassMoves('nine_year', nineYear, [
      schoolClass(1, 1, 2),
      schoolClass(2, 5, 2),
      schoolClass(3, 9, 1),
      schoolClass(4, 9, 2),
    ])
    expect(plan.moves).toEqual([
      { from: schoolClass(1, 1, 2), toGradeId: 202, toLevel: 2, toName: '二(2)班' },
      { from: schoolClass(2, 5, 2), toGradeId: 206, toLevel: 6, toName: '六(2)班' },
    ])
    expect(plan.graduating.map((c) => c.id)).toEqual([3, 4])
    expect(plan.missingLevels).toEqual([])
  })

  it('names kindergarten classes the kindergarten way', () => {
    const grades = [
      { id: 1, level: 1 },
      { id: 2, level: 2 },
      { id: 3, level: 3 },
    ]
    const plan = planClassMoves('kindergarten', grades, [schoolClass(1, 1, 4), schoolClass(2, 3, 4)])
    expect(plan.moves.map((m) => m.toName)).toEqual(['中四班'])
    expect(plan.graduating.map((c) => c.id)).toEqual([2])
  })

  it('names a grade a class cannot move into because the school has not created it', () => {
    const grades = nineYear.filter((g) => g.level !== 6)
    const plan = planClassMoves('nine_year', grades, [
      schoolClass(1, 5, 1),
      schoolClass(2, 5, 2),
      schoolClass(3, 4, 1),
    ])
    expect(plan.missingLevels).toEqual([6])
    expect(plan.moves.map((m) => m.from.id)).toEqual([3])
  })
})
