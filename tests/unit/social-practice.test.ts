import { describe, expect, it } from 'vitest'
import {
  creditedHours,
  entryState,
  hasSocialPractice,
  type PracticeEntry,
  stageOfLevel,
  summarisePractice,
} from '~/domain/social-practice'

let nextActivityId = 1

function entry(values: Partial<PracticeEntry>): PracticeEntry {
  return {
    activityId: nextActivityId++,
    status: 'attended',
    hours: null,
    practiceCategory: 'investigation',
    practiceHours: 4,
    gradeLevel: 7,
    patrioticBase: false,
    ...values,
  }
}

function category(summary: ReturnType<typeof summarisePractice>, name: string) {
  const found = summary?.categories.find((c) => c.category === name)
  if (!found) throw new Error(`no ${name} in the summary`)
  return found
}

describe('credited hours', () => {
  it('takes the recorded hours, else the hours the activity credits', () => {
    expect(creditedHours({ status: 'attended', hours: 2.5, practiceHours: 4 })).toBe(2.5)
    expect(creditedHours({ status: 'attended', hours: null, practiceHours: 4 })).toBe(4)
    expect(creditedHours({ status: 'attended', hours: 0, practiceHours: 4 })).toBe(0)
  })

  it('credits nothing to a pupil who did not attend or is not yet marked', () => {
    expect(creditedHours({ status: 'absent', hours: null, practiceHours: 4 })).toBeNull()
    expect(creditedHours({ status: 'excused', hours: 3, practiceHours: 4 })).toBeNull()
    expect(creditedHours({ status: null, hours: null, practiceHours: 4 })).toBeNull()
  })
})

describe('social-practice totals', () => {
  it('adds attended hours per category and sets them against the junior-stage requirements', () => {
    const summary = summarisePractice('nine_year', [
      entry({ practiceCategory: 'investigation', hours: 6 }),
      entry({ practiceCategory: 'investigation', hours: null, practiceHours: 4 }),
      entry({ practiceCategory: 'career', hours: 8 }),
      entry({ practiceCategory: 'safety', hours: 2.5 }),
      entry({ practiceCategory: 'safety', status: 'absent', hours: null }),
      entry({ practiceCategory: null, hours: 3 }),
    ])
    expect(category(summary, 'investigation')).toEqual({
      category: 'investigation',
      required: 136,
      done: 10,
      remaining: 126,
      percent: 7,
      primaryHours: 0,
    })
    expect(category(summary, 'career')).toMatchObject({ required: 32, done: 8, remaining: 24, percent: 25 })
    expect(category(summary, 'safety')).toMatchObject({
      required: 24,
      done: 2.5,
      remaining: 21.5,
      percent: 10,
    })
    expect(category(summary, 'public_service')).toMatchObject({ required: 80, done: 0, percent: 0 })
    expect(summary?.complete).toBe(false)
  })

  it('caps the percentage at 100 and the remaining hours at 0, and rounds a near miss down', () => {
    const summary = summarisePractice('junior', [
      entry({ practiceCategory: 'safety', hours: 20 }),
      entry({ practiceCategory: 'safety', hours: 20 }),
      entry({ practiceCategory: 'career', hours: 24 }),
      entry({ practiceCategory: 'career', hours: 7.9 }),
    ])
    expect(category(summary, 'safety')).toMatchObject({ done: 40, remaining: 0, percent: 100 })
    expect(category(summary, 'career')).toMatchObject({ done: 31.9, remaining: 0.1, percent: 99 })
  })

  it('keeps totals to one decimal however the tenths add up', () => {
    const summary = summarisePractice('junior', [
      entry({ practiceCategory: 'career', hours: 0.1 }),
      entry({ practiceCategory: 'career', hours: 0.2 }),
    ])
    expect(category(summary, 'career').done).toBe(0.3)
  })

  it('shows hours from primary grades apart and does not count them', () => {
    const summary = summarisePractice('nine_year', [
      entry({ practiceCategory: 'public_service', hours: 3, gradeLevel: 5 }),
      entry({ practiceCategory: 'public_service', hours: 2, gradeLevel: 6 }),
      entry({ practiceCategory: 'investigation', hours: 4, gradeLevel: 1 }),
    ])
    expect(category(summary, 'public_service')).toMatchObject({ done: 2, primaryHours: 3, remaining: 78 })
    expect(category(summary, 'investigation')).toMatchObject({ done: 0, primaryHours: 4 })
    expect(summary?.primaryHours).toBe(7)
    expect(summary?.publicServicePosts).toMatchObject({ count: 1, primaryCount: 1, done: false })
  })

  it('treats grades 6 to 9 as the junior stage', () => {
    expect([1, 5, 6, 9, 10].map(stageOfLevel)).toEqual(['primary', 'primary', 'junior', 'junior', 'other'])
  })

  it('has no social-practice section for kindergartens or senior schools', () => {
    expect(summarisePractice('kindergarten', [entry({})])).toBeNull()
    expect(summarisePractice('senior', [entry({})])).toBeNull()
    expect(hasSocialPractice('primary')).toBe(true)
    expect(hasSocialPractice('junior')).toBe(true)
    expect(hasSocialPractice('nine_year')).toBe(true)
  })

  it('gives a primary school pupil a summary whose hours all wait for the junior stage', () => {
    const summary = summarisePractice('primary', [
      entry({ practiceCategory: 'safety', hours: 2, gradeLevel: 3 }),
    ])
    expect(category(summary, 'safety')).toMatchObject({ done: 0, primaryHours: 2, percent: 0 })
  })
})

describe('milestones', () => {
  it('counts a patriotic-education base visited in the junior stage', () => {
    const none = summarisePractice('junior', [entry({ patrioticBase: false })])
    expect(none?.patrioticBase).toEqual({ required: 1, count: 0, primaryCount: 0, done: false })
    const absent = summarisePractice('junior', [entry({ patrioticBase: true, status: 'absent' })])
    expect(absent?.patrioticBase.done).toBe(false)
    // Any attended activity with a patriotic-base partner counts, whatever its category.
    const visited = summarisePractice('junior', [entry({ patrioticBase: true, practiceCategory: null })])
    expect(visited?.patrioticBase).toMatchObject({ count: 1, done: true })
  })

  it('needs three distinct public-service activities attended', () => {
    const post = (activityId: number, status: PracticeEntry['status'] = 'attended') =>
      entry({ activityId, status, practiceCategory: 'public_service', hours: 2 })
    const two = summarisePractice('junior', [post(901), post(902), post(903, 'excused')])
    expect(two?.publicServicePosts).toMatchObject({ required: 3, count: 2, done: false })
    const three = summarisePractice('junior', [post(901), post(902), post(904)])
    expect(three?.publicServicePosts).toMatchObject({ count: 3, done: true })
  })

  it('is complete only when every category and both milestones are met', () => {
    const hours = [
      ...Array.from({ length: 6 }, () => entry({ practiceCategory: 'investigation', hours: 24 })),
      entry({ practiceCategory: 'career', hours: 24 }),
      entry({ practiceCategory: 'career', hours: 8 }),
      entry({ practiceCategory: 'safety', hours: 24 }),
    ]
    const posts = [24, 24, 32].map((h) => entry({ practiceCategory: 'public_service', hours: h }))
    const base = entry({ practiceCategory: null, patrioticBase: true })
    expect(summarisePractice('junior', [...hours, ...posts, base])?.complete).toBe(true)
    expect(summarisePractice('junior', [...hours, ...posts])?.complete).toBe(false)
    // All 80 hours of public service, but in two posts only.
    const twoPosts = [entry({ practiceCategory: 'public_service', hours: 24 }), posts[2]!, posts[2]!]
    expect(summarisePractice('junior', [...hours, ...twoPosts, base])?.complete).toBe(false)
    expect(summarisePractice('junior', [...hours.slice(1), ...posts, base])?.complete).toBe(false)
  })
})

describe('entry state in the notice period', () => {
  const window = { opensOn: '2026-12-01', closesOn: '2026-12-07' }

  it('is recorded without a window or before it opens, on notice while open, locked after', () => {
    expect(entryState({ window: null, openDispute: false }, '2026-12-03')).toBe('recorded')
    expect(entryState({ window, openDispute: false }, '2026-11-30')).toBe('recorded')
    expect(entryState({ window, openDispute: false }, '2026-12-07')).toBe('on_notice')
    expect(entryState({ window, openDispute: false }, '2026-12-08')).toBe('locked')
  })

  it('is disputed while an objection is open, even once the window has closed', () => {
    expect(entryState({ window, openDispute: true }, '2026-12-03')).toBe('disputed')
    expect(entryState({ window, openDispute: true }, '2026-12-20')).toBe('disputed')
  })
})
