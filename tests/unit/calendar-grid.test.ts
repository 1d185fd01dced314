import { describe, expect, it } from 'vitest'
import {
  addDays,
  agendaDays,
  calendarDays,
  dayOrDefault,
  isoWeekday,
  localDaysOf,
  monthGrid,
  periodOf,
  placeActivities,
  placeRanges,
  shiftPeriod,
  weekRange,
} from '~/domain/calendar-grid'

const SHANGHAI = 'Asia/Shanghai'

describe('monthGrid', () => {
  it('covers March 2026 in whole weeks from Monday 23 February to Sunday 5 April', () => {
    const grid = monthGrid('2026-03-17')
    expect(grid.first).toBe('2026-02-23')
    expect(grid.last).toBe('2026-04-05')
    expect(grid.weeks).toHaveLength(6)
    expect(grid.weeks.every((week) => week.length === 7)).toBe(true)
    expect(grid.weeks.flat().map((d) => isoWeekday(d.date))).toEqual(
      Array.from({ length: 6 }, () => [1, 2, 3, 4, 5, 6, 7]).flat(),
    )
  })

  it('flags the days outside the month', () => {
    const days = monthGrid('2026-03-01').weeks.flat()
    expect(days.filter((d) => d.inMonth)).toHaveLength(31)
    expect(days[0]).toEqual({ date: '2026-02-23', inMonth: false })
    expect(days.find((d) => d.date === '2026-03-01')).toEqual({ date: '2026-03-01', inMonth: true })
    expect(days.at(-1)).toEqual({ date: '2026-04-05', inMonth: false })
  })

  it('needs only four weeks for a February that starts on a Monday', () => {
    const grid = monthGrid('2027-02-10')
    expect(grid.first).toBe('2027-02-01')
    expect(grid.last).toBe('2027-02-28')
    expect(grid.weeks).toHaveLength(4)
  })

  it('handles leap years and year ends', () => {
    expect(
      monthGrid('2028-02-01')
        .weeks.flat()
        .filter((d) => d.inMonth),
    ).toHaveLength(29)
    const december = monthGrid('2026-12-31')
    expect(december.first).toBe('2026-11-30')
    expect(december.last).toBe('2027-01-03')
  })
})

describe('weeks and periods', () => {
  it('gives Monday to Sunday of the week of a day', () => {
    expect(weekRange('2026-03-05')).toEqual({
      first: '2026-03-02',
      last: '2026-03-08',
      days: [
        '2026-03-02',
        '2026-03-03',
        '2026-03-04',
        '2026-03-05',
        '2026-03-06',
        '2026-03-07',
        '2026-03-08',
      ],
    })
    expect(weekRange('2026-03-08').first).toBe('2026-03-02')
    expect(weekRange('2026-03-09').first).toBe('2026-03-09')
  })

  it('moves a week by seven days and a month to the first of the next or previous month', () => {
    expect(shiftPeriod('2026-03-05', 'week', 1)).toBe('2026-03-12')
    expect(shiftPeriod('2026-03-05', 'week', -1)).toBe('2026-02-26')
    expect(shiftPeriod('2026-03-31', 'month', 1)).toBe('2026-04-01')
    expect(shiftPeriod('2026-03-31', 'month', -1)).toBe('2026-02-01')
    expect(shiftPeriod('2026-12-15', 'month', 1)).toBe('2027-01-01')
    expect(shiftPeriod('2026-01-15', 'month', -1)).toBe('2025-12-01')
  })

  it('names the period a view shows', () => {
    expect(periodOf('2026-02-14', 'month')).toEqual({ first: '2026-02-01', last: '2026-02-28' })
    expect(periodOf('2026-02-14', 'week')).toEqual({ first: '2026-02-09', last: '2026-02-15' })
  })

  it('keeps a real date from the URL and falls back otherwise', () => {
    expect(dayOrDefault('2026-03-05', '2026-01-01')).toBe('2026-03-05')
    expect(dayOrDefault('2026-02-30', '2026-01-01')).toBe('2026-01-01')
    expect(dayOrDefault('march', '2026-01-01')).toBe('2026-01-01')
    expect(dayOrDefault(null, '2026-01-01')).toBe('2026-01-01')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
  })
})

describe('placing activities', () => {
  it('puts an evening activity at 20:00 in Shanghai on its local day, not the UTC one', () => {
    // 20:00 on 5 March in Shanghai is 12:00 UTC; 01:00 on 6 March is still 5 March in UTC.
    const evening = { id: 1, startsAt: '2026-03-05T12:00:00.000Z', endsAt: '2026-03-05T13:30:00.000Z' }
    const early = { id: 2, startsAt: '2026-03-05T17:00:00.000Z', endsAt: '2026-03-05T18:00:00.000Z' }
    const placed = placeActivities([evening, early], ['2026-03-05', '2026-03-06'], SHANGHAI)
    expect(placed.get('2026-03-05')).toEqual([
      { activity: evening, part: 'single', startTime: '20:00', endTime: '21:30' },
    ])
    expect(placed.get('2026-03-06')).toEqual([
      { activity: early, part: 'single', startTime: '01:00', endTime: '02:00' },
    ])
  })

  it('places a multi-day activity on each day it spans', () => {
    const tour = { id: 3, startsAt: '2026-04-01T00:30:00.000Z', endsAt: '2026-04-03T08:00:00.000Z' }
    const days = ['2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04']
    const placed = placeActivities([tour], days, SHANGHAI)
    expect(placed.get('2026-03-31')).toEqual([])
    expect(placed.get('2026-04-01')?.map((p) => p.part)).toEqual(['first'])
    expect(placed.get('2026-04-02')?.map((p) => p.part)).toEqual(['middle'])
    expect(placed.get('2026-04-03')?.map((p) => p.part)).toEqual(['last'])
    expect(placed.get('2026-04-03')?.[0]).toMatchObject({ startTime: '08:30', endTime: '16:00' })
    expect(placed.get('2026-04-04')).toEqual([])
  })

  it('does not carry an activity ending at local midnight into the next day', () => {
    const late = { startsAt: '2026-03-05T12:00:00.000Z', endsAt: '2026-03-05T16:00:00.000Z' }
    expect(localDaysOf(late, SHANGHAI)).toEqual({ first: '2026-03-05', last: '2026-03-05' })
  })

  it('places days off on every day of their range', () => {
    const qingming = { name: '清明节', startsOn: '2026-04-04', endsOn: '2026-04-06' }
    const placed = placeRanges([qingming], ['2026-04-03', '2026-04-04', '2026-04-06', '2026-04-07'])
    expect([...placed].map(([day, list]) => [day, list.length])).toEqual([
      ['2026-04-03', 0],
      ['2026-04-04', 1],
      ['2026-04-06', 1],
      ['2026-04-07', 0],
    ])
  })
})

describe('calendarDays', () => {
  it('gathers observances, days off and activities by day, and marks today and weekends', () => {
    const days = monthGrid('2026-03-01').weeks.flat()
    const activity = { id: 9, startsAt: '2026-03-05T01:00:00.000Z', endsAt: '2026-03-05T02:00:00.000Z' }
    const result = calendarDays({
      days,
      today: '2026-03-05',
      timeZone: SHANGHAI,
      activities: [activity],
      observances: [{ key: 'lei-feng-day', date: '2026-03-05' }],
      daysOff: [{ name: '清明节', startsOn: '2026-04-04', endsOn: '2026-04-06' }],
    })
    expect(result).toHaveLength(42)
    const leiFeng = result.find((d) => d.date === '2026-03-05')
    expect(leiFeng).toMatchObject({ isToday: true, isWeekend: false, inMonth: true })
    expect(leiFeng?.observances).toEqual([{ key: 'lei-feng-day', date: '2026-03-05' }])
    expect(leiFeng?.activities[0]).toMatchObject({ activity, startTime: '09:00', endTime: '10:00' })
    const april4 = result.find((d) => d.date === '2026-04-04')
    expect(april4).toMatchObject({ inMonth: false, isToday: false, isWeekend: true })
    expect(april4?.daysOff.map((d) => d.name)).toEqual(['清明节'])
    expect(result.filter((d) => d.isToday)).toHaveLength(1)
  })
})

describe('agendaDays', () => {
  it('orders activities and tasks by day, with overdue and undated tasks apart', () => {
    const ongoing = { id: 1, startsAt: '2026-03-04T01:00:00.000Z', endsAt: '2026-03-06T08:00:00.000Z' }
    const evening = { id: 2, startsAt: '2026-03-09T12:00:00.000Z', endsAt: '2026-03-09T13:00:00.000Z' }
    const tasks = [
      { id: 10, dueOn: '2026-03-09' },
      { id: 11, dueOn: null },
      { id: 12, dueOn: '2026-03-03' },
      { id: 13, dueOn: '2026-03-01' },
      { id: 14, dueOn: '2026-03-07' },
    ]
    const agenda = agendaDays({
      activities: [ongoing, evening],
      tasks,
      today: '2026-03-05',
      timeZone: SHANGHAI,
    })
    expect(agenda.overdue.map((t) => t.id)).toEqual([13, 12])
    expect(agenda.undated.map((t) => t.id)).toEqual([11])
    expect(agenda.days.map((d) => [d.date, d.activities.map((a) => a.id), d.tasks.map((t) => t.id)])).toEqual(
      [
        ['2026-03-05', [1], []],
        ['2026-03-07', [], [14]],
        ['2026-03-09', [2], [10]],
      ],
    )
  })
})
