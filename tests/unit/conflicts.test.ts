import { describe, expect, it } from 'vitest'
import {
  type Conflict,
  type ConflictContext,
  conflictKey,
  findAllConflicts,
  findConflicts,
  type PlannedActivity,
} from '~/domain/conflicts'

/** A local Shanghai time ('2026-03-06 09:30') as the ISO UTC string activities store. */
function sh(local: string): string {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()
}

// Grade 5 has classes 51–53, grade 6 has 61–62.
const gradeOfClass = new Map([
  [51, 5],
  [52, 5],
  [53, 5],
  [61, 6],
  [62, 6],
])

const context: ConflictContext = {
  timeZone: 'Asia/Shanghai',
  season: null,
  daysOff: [],
  gradeOfClass,
}

let nextId = 1
function activity(overrides: Partial<PlannedActivity> = {}): PlannedActivity {
  return {
    id: nextId++,
    title: 'Activity',
    // Friday 6 March 2026, 09:30–10:30 in Shanghai
    startsAt: sh('2026-03-06 09:30'),
    endsAt: sh('2026-03-06 10:30'),
    venue: null,
    organiserId: null,
    gradeIds: [],
    classIds: [],
    ...overrides,
  }
}

describe('findConflicts: who is booked twice', () => {
  it('reports one grade clash for two whole-grade activities, not one per class', () => {
    const a = activity({ gradeIds: [5] })
    const b = activity({ title: 'Flag raising', gradeIds: [5, 6], startsAt: sh('2026-03-06 10:00') })
    expect(findConflicts(a, [b], context)).toEqual([
      { kind: 'grade', otherId: b.id, otherTitle: 'Flag raising', gradeId: 5 },
    ])
  })

  it('reports the class when one side books it through its grade', () => {
    const wholeGrade = activity({ gradeIds: [5] })
    const oneClass = activity({ classIds: [52, 61] })
    expect(findConflicts(wholeGrade, [oneClass], context)).toEqual([
      { kind: 'class', otherId: oneClass.id, otherTitle: 'Activity', classId: 52 },
    ])
    expect(findConflicts(oneClass, [wholeGrade], context)).toEqual([
      { kind: 'class', otherId: wholeGrade.id, otherTitle: 'Activity', classId: 52 },
    ])
  })

  it('does not repeat a class already covered by a shared whole grade', () => {
    const a = activity({ gradeIds: [5], classIds: [52] })
    const b = activity({ gradeIds: [5] })
    expect(findConflicts(a, [b], context).map((c) => c.kind)).toEqual(['grade'])
  })

  it('reports a class named on both sides', () => {
    const a = activity({ classIds: [51, 52] })
    const b = activity({ classIds: [52, 53] })
    expect(findConflicts(a, [b], context)).toEqual([
      { kind: 'class', otherId: b.id, otherTitle: 'Activity', classId: 52 },
    ])
  })

  it('lets classes of different grades meet at the same time', () => {
    const a = activity({ classIds: [51] })
    const b = activity({ classIds: [61] })
    const c = activity({ gradeIds: [6] })
    expect(findConflicts(a, [b, c], context)).toEqual([])
  })

  it('does not clash when one activity ends as the next starts', () => {
    const a = activity({ gradeIds: [5], venue: '报告厅', organiserId: 7 })
    const b = activity({
      gradeIds: [5],
      venue: '报告厅',
      organiserId: 7,
      startsAt: sh('2026-03-06 10:30'),
      endsAt: sh('2026-03-06 11:30'),
    })
    expect(findConflicts(a, [b], context)).toEqual([])
    expect(findConflicts(b, [a], context)).toEqual([])
  })

  it('skips the activity itself by id', () => {
    const saved = activity({ gradeIds: [5] })
    const edited = { ...saved, title: 'Edited' }
    expect(findConflicts(edited, [saved], context)).toEqual([])
  })

  it('checks an unsaved activity (id 0) against saved ones', () => {
    const saved = activity({ gradeIds: [5] })
    const draft = activity({ id: 0, gradeIds: [5] })
    expect(findConflicts(draft, [saved], context)).toHaveLength(1)
  })
})

describe('findConflicts: venues and organisers', () => {
  it.each([
    [' 报告厅 ', '报告厅'],
    ['Hall A', 'hall a'],
    ['Hall Ａ', 'hall a'],
    ['Ｈａｌｌ　A', 'HALL A'],
    ['Room 3', 'Room ３'],
    ['Hall  A', 'HallA'],
  ])('treats %j and %j as the same venue', (mine, theirs) => {
    const a = activity({ venue: mine })
    const b = activity({ venue: theirs })
    expect(findConflicts(a, [b], context)).toEqual([
      { kind: 'venue', otherId: b.id, otherTitle: 'Activity', venue: mine.trim() },
    ])
  })

  it('never clashes on an empty or different venue', () => {
    expect(findConflicts(activity({ venue: '' }), [activity({ venue: '' })], context)).toEqual([])
    expect(findConflicts(activity({ venue: '  ' }), [activity({ venue: ' ' })], context)).toEqual([])
    expect(findConflicts(activity({ venue: null }), [activity({ venue: null })], context)).toEqual([])
    expect(findConflicts(activity({ venue: '操场' }), [activity({ venue: '报告厅' })], context)).toEqual([])
  })

  it('reports an organiser booked twice', () => {
    const a = activity({ organiserId: 7 })
    const b = activity({ organiserId: 7, title: 'Parents meeting' })
    const c = activity({ organiserId: 8 })
    expect(findConflicts(a, [b, c], context)).toEqual([
      { kind: 'organiser', otherId: b.id, otherTitle: 'Parents meeting', organiserId: 7 },
    ])
    expect(findConflicts(activity(), [activity()], context)).toEqual([])
  })
})

describe('findConflicts: calendar', () => {
  const season = { startsOn: '2026-03-02', endsOn: '2026-03-13' }
  const inSeason = { ...context, season }

  it('warns when an activity starts before or ends after its season', () => {
    const before = activity({ startsAt: sh('2026-03-01 23:00'), endsAt: sh('2026-03-02 08:00') })
    const after = activity({ startsAt: sh('2026-03-13 20:00'), endsAt: sh('2026-03-14 09:00') })
    expect(findConflicts(before, [], inSeason)).toContainEqual({ kind: 'outside-season' })
    expect(findConflicts(after, [], inSeason)).toContainEqual({ kind: 'outside-season' })
  })

  it('counts season days inclusively in the school time zone', () => {
    // 07:00 on 2 March in Shanghai is still 1 March in UTC.
    const firstMorning = activity({ startsAt: sh('2026-03-02 07:00'), endsAt: sh('2026-03-02 08:00') })
    const lastEvening = activity({ startsAt: sh('2026-03-13 22:00'), endsAt: sh('2026-03-14 00:00') })
    expect(findConflicts(firstMorning, [], inSeason)).toEqual([])
    expect(findConflicts(lastEvening, [], inSeason)).toEqual([])
    expect(findConflicts(activity(), [], { ...context, season: null })).toEqual([])
  })

  it('warns about a Saturday', () => {
    const saturday = activity({ startsAt: sh('2026-03-07 09:00'), endsAt: sh('2026-03-07 11:00') })
    expect(findConflicts(saturday, [], context)).toEqual([{ kind: 'weekend', day: '2026-03-07' }])
  })

  it('uses the local day, not the UTC one', () => {
    // Friday 18:00–20:00 in Shanghai is 10:00–12:00 UTC: a school evening, no warning.
    const evening = activity({ startsAt: '2026-03-06T10:00:00.000Z', endsAt: '2026-03-06T12:00:00.000Z' })
    expect(findConflicts(evening, [], context)).toEqual([])
    // 07:00 Saturday in Shanghai is still Friday 23:00 in UTC.
    const earlySaturday = activity({
      startsAt: '2026-03-06T23:00:00.000Z',
      endsAt: '2026-03-07T01:00:00.000Z',
    })
    expect(findConflicts(earlySaturday, [], context)).toEqual([{ kind: 'weekend', day: '2026-03-07' }])
    // 06:00 Monday in Shanghai is still Sunday in UTC.
    const earlyMonday = activity({ startsAt: '2026-03-08T22:00:00.000Z', endsAt: '2026-03-08T23:00:00.000Z' })
    expect(findConflicts(earlyMonday, [], context)).toEqual([])
  })

  it('follows an activity across local midnight', () => {
    // Friday 22:00 to Saturday 01:00 in Shanghai (14:00–17:00 UTC, all on Friday in UTC).
    const lateNight = activity({ startsAt: '2026-03-06T14:00:00.000Z', endsAt: '2026-03-06T17:00:00.000Z' })
    expect(findConflicts(lateNight, [], context)).toEqual([{ kind: 'weekend', day: '2026-03-07' }])
  })

  it('does not put an activity ending at local midnight on the next day', () => {
    const untilMidnight = activity({ startsAt: sh('2026-03-06 20:00'), endsAt: sh('2026-03-07 00:00') })
    expect(findConflicts(untilMidnight, [], context)).toEqual([])
    expect(
      findConflicts(untilMidnight, [], { ...context, season: { ...season, endsOn: '2026-03-06' } }),
    ).toEqual([])
  })

  it('does not warn on a make-up working day (调休上班), though it is a Saturday', () => {
    const daysOff = [{ name: '国庆调休上班', kind: 'workday', startsOn: '2026-03-07', endsOn: '2026-03-07' }]
    const saturday = activity({ startsAt: sh('2026-03-07 09:00'), endsAt: sh('2026-03-07 10:00') })
    expect(findConflicts(saturday, [], { ...context, daysOff })).toEqual([])
    const sunday = activity({ startsAt: sh('2026-03-08 09:00'), endsAt: sh('2026-03-08 10:00') })
    expect(findConflicts(sunday, [], { ...context, daysOff })).toEqual([
      { kind: 'weekend', day: '2026-03-08' },
    ])
  })

  it('warns about a day off, once per day, in preference to the weekend', () => {
    const daysOff = [
      { name: '清明节', startsOn: '2026-04-04', endsOn: '2026-04-06' },
      { name: '劳动节', startsOn: '2026-05-01', endsOn: '2026-05-05' },
    ]
    const withDaysOff = { ...context, daysOff }
    const labourDay = activity({ startsAt: sh('2026-05-01 09:00'), endsAt: sh('2026-05-01 11:00') })
    expect(findConflicts(labourDay, [], withDaysOff)).toEqual([
      { kind: 'day-off', day: '2026-05-01', name: '劳动节' },
    ])
    // Friday 3 April to Tuesday 7 April: 4–6 April are off (4 and 5 are also a weekend).
    const trip = activity({ startsAt: sh('2026-04-03 08:00'), endsAt: sh('2026-04-07 17:00') })
    expect(findConflicts(trip, [], withDaysOff)).toEqual([
      { kind: 'day-off', day: '2026-04-04', name: '清明节' },
      { kind: 'day-off', day: '2026-04-05', name: '清明节' },
      { kind: 'day-off', day: '2026-04-06', name: '清明节' },
    ])
  })

  it('reports at most the first 7 days of a long activity', () => {
    const month = activity({ startsAt: sh('2026-03-02 08:00'), endsAt: sh('2026-03-31 17:00') })
    expect(findConflicts(month, [], context)).toEqual(
      ['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15', '2026-03-21', '2026-03-22', '2026-03-28'].map(
        (day) => ({ kind: 'weekend', day }),
      ),
    )
  })
})

describe('findConflicts: order', () => {
  it('lists time clashes by the other activity start, then season, then days', () => {
    const mine = activity({
      gradeIds: [5],
      venue: '报告厅',
      organiserId: 7,
      startsAt: sh('2026-03-07 09:00'),
      endsAt: sh('2026-03-07 12:00'),
    })
    const later = activity({
      gradeIds: [5],
      organiserId: 7,
      startsAt: sh('2026-03-07 11:00'),
      endsAt: sh('2026-03-07 12:00'),
    })
    const earlier = activity({
      venue: '报告厅',
      classIds: [51],
      startsAt: sh('2026-03-07 08:00'),
      endsAt: sh('2026-03-07 10:00'),
    })
    const result = findConflicts(mine, [later, earlier], {
      ...context,
      season: { startsOn: '2026-03-01', endsOn: '2026-03-06' },
    })
    expect(result.map(conflictKey)).toEqual([
      `class:${earlier.id}:51`,
      `venue:${earlier.id}`,
      `grade:${later.id}:5`,
      `organiser:${later.id}:7`,
      'outside-season',
      'weekend:2026-03-07',
    ])
  })
})

describe('findAllConflicts', () => {
  it('reports both sides of a clash and leaves out activities without conflicts', () => {
    const a = activity({ title: 'A', gradeIds: [5] })
    const b = activity({ title: 'B', classIds: [52] })
    const c = activity({ title: 'C', gradeIds: [6] })
    const all = findAllConflicts([a, b, c], context)
    expect([...all.keys()].sort()).toEqual([a.id, b.id].sort())
    expect(all.get(a.id)).toEqual([{ kind: 'class', otherId: b.id, otherTitle: 'B', classId: 52 }])
    expect(all.get(b.id)).toEqual([{ kind: 'class', otherId: a.id, otherTitle: 'A', classId: 52 }])
  })

  it('includes calendar warnings for activities without clashes', () => {
    const saturday = activity({ startsAt: sh('2026-03-07 09:00'), endsAt: sh('2026-03-07 10:00') })
    expect(findAllConflicts([saturday], context)).toEqual(
      new Map([[saturday.id, [{ kind: 'weekend', day: '2026-03-07' }]]]),
    )
  })

  it('finds a long activity clashing with one that starts much later', () => {
    const week = activity({ gradeIds: [5], startsAt: sh('2026-03-02 08:00'), endsAt: sh('2026-03-06 17:00') })
    const short = Array.from({ length: 5 }, (_, i) =>
      activity({
        classIds: [61],
        startsAt: sh(`2026-03-0${i + 2} 12:00`),
        endsAt: sh(`2026-03-0${i + 2} 13:00`),
      }),
    )
    const last = activity({
      classIds: [53],
      startsAt: sh('2026-03-06 16:00'),
      endsAt: sh('2026-03-06 18:00'),
    })
    const all = findAllConflicts([last, ...short, week], context)
    expect(all.get(week.id)).toEqual([
      { kind: 'class', otherId: last.id, otherTitle: 'Activity', classId: 53 },
    ])
  })

  it('agrees with findConflicts on a generated set of 200 activities', () => {
    const random = mulberry32(20260306)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    const venues = ['报告厅', ' 报告厅', '操场', 'Hall A', 'hall  a', 'Ｈａｌｌ Ａ', '', null]
    const classes = [...gradeOfClass.keys()]
    const activities = Array.from({ length: 200 }, (_, i): PlannedActivity => {
      const day = 2 + Math.floor(random() * 14) // 2–15 March
      const startMinutes = 7 * 60 + Math.floor(random() * 56) * 15 // 07:00–20:45
      const duration = 15 * (1 + Math.floor(random() * 16)) // up to 4 h, may cross midnight
      const start =
        Date.parse(`2026-03-${String(day).padStart(2, '0')}T00:00:00+08:00`) + startMinutes * 60_000
      return {
        id: i + 1,
        title: `Activity ${i + 1}`,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + duration * 60_000).toISOString(),
        venue: pick(venues),
        organiserId: random() < 0.3 ? null : 1 + Math.floor(random() * 6),
        gradeIds: random() < 0.4 ? [pick([5, 6])] : [],
        classIds: random() < 0.6 ? [pick(classes), pick(classes)] : [],
      }
    })
    const ctx: ConflictContext = {
      ...context,
      season: { startsOn: '2026-03-03', endsOn: '2026-03-13' },
      daysOff: [{ name: 'Sports day', startsOn: '2026-03-10', endsOn: '2026-03-11' }],
    }
    const expected = new Map<number, Conflict[]>()
    for (const a of activities) {
      const conflicts = findConflicts(a, activities, ctx)
      if (conflicts.length > 0) expected.set(a.id, conflicts)
    }
    const actual = findAllConflicts(activities, ctx)
    expect([...actual.keys()].sort((x, y) => x - y)).toEqual([...expected.keys()].sort((x, y) => x - y))
    for (const [id, conflicts] of expected) expect(actual.get(id), `activity ${id}`).toEqual(conflicts)

    // The set is dense enough to exercise every kind of clash.
    const kinds = new Set([...actual.values()].flat().map((c) => c.kind))
    expect([...kinds].sort()).toEqual(
      ['class', 'day-off', 'grade', 'organiser', 'outside-season', 'venue', 'weekend'].sort(),
    )
    // Every clash is seen from both sides.
    for (const [id, conflicts] of actual) {
      for (const c of conflicts) {
        if ('otherId' in c) {
          expect(actual.get(c.otherId)?.some((back) => 'otherId' in back && back.otherId === id)).toBe(true)
        }
      }
    }
  })
})

describe('conflictKey', () => {
  it('is unique within the conflicts of one activity', () => {
    const mine = activity({ gradeIds: [5], classIds: [61], venue: 'Hall A', organiserId: 3 })
    const others = [
      activity({ gradeIds: [5, 6], venue: 'hall a', organiserId: 3 }),
      activity({ classIds: [61, 62], venue: 'HALL A' }),
    ]
    const conflicts = findConflicts(mine, others, context)
    expect(conflicts.length).toBeGreaterThan(4)
    expect(new Set(conflicts.map(conflictKey)).size).toBe(conflicts.length)
  })
})

/** A tiny seeded generator so the generated set is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
