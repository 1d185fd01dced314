import { describe, expect, it } from 'vitest'
import {
  anchorSpringYear,
  demoCalendar,
  nextSchoolWeeks,
  type SchoolDays,
  schoolDayAhead,
} from '../../seeds/demo-calendar'

const at = (day: string) => demoCalendar(new Date(`${day}T10:00:00+08:00`))
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay()

describe('the anchor spring', () => {
  it('is this year’s from 1 May on, else last year’s', () => {
    expect(anchorSpringYear('2026-12-07')).toBe(2026)
    expect(anchorSpringYear('2027-02-20')).toBe(2026)
    expect(anchorSpringYear('2027-04-30')).toBe(2026)
    expect(anchorSpringYear('2027-05-01')).toBe(2027)
    expect(anchorSpringYear('2027-10-20')).toBe(2027)
    expect(anchorSpringYear('2026-01-15')).toBe(2025)
  })

  it('moves the literals by the years from spring 2026, reading the day in Shanghai', () => {
    expect(at('2026-12-07').years).toBe(0)
    expect(at('2027-03-10').years).toBe(0)
    expect(at('2027-08-10').years).toBe(1)
    expect(at('2028-06-01').years).toBe(2)
    expect(at('2026-01-15').years).toBe(-1)
    // 30 April 23:30 in Shanghai is still April there, though 1 May has begun nowhere else yet.
    expect(demoCalendar(new Date('2027-04-30T23:30:00+08:00')).springYear).toBe(2026)
    expect(demoCalendar(new Date('2027-04-30T16:30:00Z')).springYear).toBe(2027)
  })
})

describe('moving a day', () => {
  it('keeps every date as it is at the pinned date', () => {
    const calendar = at('2026-12-07')
    expect(calendar.day('2026-03-04')).toBe('2026-03-04')
    expect(calendar.day('2026-03-31', 'qingming')).toBe('2026-03-31')
    expect(calendar.instant('2026-02-12T02:10:00.000Z')).toBe('2026-02-12T02:10:00.000Z')
    expect(calendar.yearName('2025-2026')).toBe('2025-2026')
    expect(calendar.year(2027)).toBe(2027)
    expect(calendar.fromToday(-13, '11:15')).toBe('2026-11-24T03:15:00.000Z')
  })

  it('keeps the weekday of a day not tied to an observance', () => {
    for (const [today, expected] of [
      ['2027-08-10', '2027-03-03'],
      ['2028-06-01', '2028-03-01'],
      ['2026-01-15', '2025-03-05'],
    ] as const) {
      const moved = at(today).day('2026-03-04')
      expect(moved).toBe(expected)
      expect(weekday(moved)).toBe(weekday('2026-03-04'))
    }
  })

  it('keeps a 3·8-tied day two days before 妇女节, whatever the weekday', () => {
    expect(at('2027-08-10').day('2026-03-06', 'womens-day')).toBe('2027-03-06')
    expect(at('2028-06-01').day('2026-03-06', 'womens-day')).toBe('2028-03-06')
    expect(at('2027-08-10').day('2026-03-05', 'lei-feng-day')).toBe('2027-03-05')
  })

  it('moves a 清明-tied day with 清明 (5 April 2026 and 2027, 4 April 2028)', () => {
    expect(at('2027-08-10').day('2026-03-31', 'qingming')).toBe('2027-03-31')
    expect(at('2028-06-01').day('2026-03-31', 'qingming')).toBe('2028-03-30')
    expect(at('2028-06-01').day('2026-04-02', 'qingming')).toBe('2028-04-01')
  })

  it('keeps the wall-clock time of an instant and names years after the move', () => {
    const calendar = at('2027-08-10')
    // 13:00 in Shanghai on Friday 2026-03-06 → 13:00 on Friday 2027-03-05.
    expect(calendar.instant('2026-03-06T05:00:00.000Z')).toBe('2027-03-05T05:00:00.000Z')
    expect(calendar.instant('2026-03-06T05:00:00.000Z', 'womens-day')).toBe('2027-03-06T05:00:00.000Z')
    expect(calendar.yearName('2025-2026')).toBe('2026-2027')
    expect(calendar.year(2027)).toBe(2028)
    expect(calendar.fromToday(-2, '16:00')).toBe('2027-08-08T08:00:00.000Z')
  })
})

const SCHOOL: SchoolDays = {
  terms: [
    { startsOn: '2026-09-01', endsOn: '2027-01-22' },
    { startsOn: '2027-02-22', endsOn: '2027-07-02' },
  ],
  daysOff: [
    { startsOn: '2026-10-01', endsOn: '2026-10-07' },
    { startsOn: '2027-01-01', endsOn: '2027-01-03' },
    { startsOn: '2027-01-11', endsOn: '2027-01-15' },
  ],
}

describe('the school weeks ahead', () => {
  it('starts with this week, its first school day even when already past', () => {
    expect(nextSchoolWeeks('2026-12-09', SCHOOL, 3)).toEqual([
      { first: '2026-12-07', last: '2026-12-11' },
      { first: '2026-12-14', last: '2026-12-18' },
      { first: '2026-12-21', last: '2026-12-25' },
    ])
  })

  it('skips a week whose school days are over, and days off', () => {
    // On Friday this week still counts (its class meeting may lie ahead); on Saturday it does not.
    expect(nextSchoolWeeks('2026-12-11', SCHOOL, 1)).toEqual([{ first: '2026-12-07', last: '2026-12-11' }])
    expect(nextSchoolWeeks('2026-12-12', SCHOOL, 2)).toEqual([
      { first: '2026-12-14', last: '2026-12-18' },
      { first: '2026-12-21', last: '2026-12-25' },
    ])
    // 国庆 takes Monday to Wednesday: that week's school days are Thursday and Friday.
    expect(nextSchoolWeeks('2026-10-06', SCHOOL, 1)).toEqual([{ first: '2026-10-08', last: '2026-10-09' }])
    // The exam week is no school week for the demo.
    expect(nextSchoolWeeks('2027-01-09', SCHOOL, 1)).toEqual([{ first: '2027-01-18', last: '2027-01-22' }])
  })

  it('goes on into the next term at the end of one and in the holidays', () => {
    expect(nextSchoolWeeks('2027-01-20', SCHOOL, 3)).toEqual([
      { first: '2027-01-18', last: '2027-01-22' },
      { first: '2027-02-22', last: '2027-02-26' },
      { first: '2027-03-01', last: '2027-03-05' },
    ])
    expect(nextSchoolWeeks('2027-02-10', SCHOOL, 1)).toEqual([{ first: '2027-02-22', last: '2027-02-26' }])
    expect(nextSchoolWeeks('2027-07-03', SCHOOL, 1)).toEqual([])
  })
})

describe('a school day about two weeks ahead', () => {
  it('is the first school day ten days on or later', () => {
    expect(schoolDayAhead('2026-12-07', SCHOOL, 10, 21)).toBe('2026-12-17')
    // Ten days on is a Saturday: the Monday after.
    expect(schoolDayAhead('2026-12-09', SCHOOL, 10, 21)).toBe('2026-12-21')
  })

  it('comes before the term ends rather than weeks later, when the term ends first', () => {
    expect(schoolDayAhead('2027-01-19', SCHOOL, 10, 21)).toBe('2027-01-22')
  })

  it('opens the next term when no school day is left in this one', () => {
    expect(schoolDayAhead('2027-01-30', SCHOOL, 10, 21)).toBe('2027-02-22')
    expect(() => schoolDayAhead('2027-07-02', SCHOOL, 10, 21)).toThrow(/no school day/)
  })
})
