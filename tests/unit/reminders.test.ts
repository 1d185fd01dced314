import { describe, expect, it } from 'vitest'
import { groupReach, isReachable, isReminderOpen, mayRemind, planReminder } from '~/domain/reminders'

const activity = { organiserId: 10, staffIds: [11] }

describe('mayRemind', () => {
  it('lets admins, the organiser and the staff remind the whole activity or any class', () => {
    for (const user of [
      { id: 1, role: 'admin' as const },
      { id: 10, role: 'teacher' as const },
      { id: 11, role: 'teacher' as const },
    ]) {
      expect(mayRemind(user, activity, { classId: null, headTeacherId: null })).toBe(true)
      expect(mayRemind(user, activity, { classId: 5, headTeacherId: 99 })).toBe(true)
    }
  })

  it('lets a head teacher remind their own class only', () => {
    const head = { id: 20, role: 'teacher' as const }
    expect(mayRemind(head, activity, { classId: 5, headTeacherId: 20 })).toBe(true)
    expect(mayRemind(head, activity, { classId: 6, headTeacherId: 21 })).toBe(false)
    expect(mayRemind(head, activity, { classId: null, headTeacherId: null })).toBe(false)
  })

  it('never lets a parent remind', () => {
    expect(mayRemind({ id: 10, role: 'parent' }, activity, { classId: 5, headTeacherId: 10 })).toBe(false)
  })
})

describe('isReminderOpen', () => {
  const now = new Date('2026-12-07T02:00:00Z')
  const base = { needsConsent: 1 as const, status: 'approved' as const, startsAt: '2026-12-17T05:30:00Z' }
  it('is open once requests are out and until the activity starts', () => {
    expect(isReminderOpen(base, now)).toBe(true)
    expect(isReminderOpen({ ...base, status: 'submitted' }, now)).toBe(false)
    expect(isReminderOpen({ ...base, startsAt: '2026-12-07T01:59:00Z' }, now)).toBe(false)
    expect(isReminderOpen({ ...base, needsConsent: 0 }, now)).toBe(false)
  })
})

describe('planReminder', () => {
  const sent = (classId: number | null, id = 1) => ({ id, classId })

  it('reminds the class asked for, or every class for the whole activity, on a quiet day', () => {
    expect(planReminder(2, [1, 2, 3], [])).toEqual({ classIds: [2] })
    expect(planReminder(null, [1, 2, 3], [])).toEqual({ classIds: [1, 2, 3] })
  })

  it('refuses a class reminded today, naming the earlier reminder', () => {
    expect(planReminder(2, [1, 2, 3], [sent(2, 7)])).toEqual({ already: sent(2, 7) })
  })

  it('refuses everything after a whole-activity reminder the same day', () => {
    expect(planReminder(3, [1, 2, 3], [sent(null, 8)])).toEqual({ already: sent(null, 8) })
    expect(planReminder(null, [1, 2, 3], [sent(null, 8)])).toEqual({ already: sent(null, 8) })
  })

  it('sends the whole-activity reminder only to classes nobody reminded today', () => {
    expect(planReminder(null, [1, 2, 3], [sent(2)])).toEqual({ classIds: [1, 3] })
    expect(planReminder(null, [1, 2], [sent(1, 1), sent(2, 2)])).toEqual({ already: sent(2, 2) })
  })
})

describe('isReachable', () => {
  it('needs an active parent account', () => {
    expect(isReachable([])).toBe(false)
    expect(isReachable([{ role: 'parent', active: 0 }])).toBe(false)
    expect(isReachable([{ role: 'teacher', active: 1 }])).toBe(false)
    expect(
      isReachable([
        { role: 'parent', active: 0 },
        { role: 'parent', active: 1 },
      ]),
    ).toBe(true)
  })
})

describe('groupReach', () => {
  it('counts pupils and names those only paper reaches, per class and in total', () => {
    const pupils = [
      { id: 1, classId: 20 },
      { id: 2, classId: 10 },
      { id: 3, classId: 20 },
      { id: 4, classId: 10 },
    ]
    expect(groupReach(pupils, new Set([1, 3, 4]))).toEqual({
      classes: [
        { classId: 20, pupils: 2, paper: [pupils[0], pupils[2]] },
        { classId: 10, pupils: 2, paper: [pupils[3]] },
      ],
      total: { pupils: 4, paper: 3 },
    })
  })
})
