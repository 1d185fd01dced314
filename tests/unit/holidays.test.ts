import { getDay, parseISO } from 'date-fns'
import { describe, expect, it } from 'vitest'
import { proposeHolidays } from '~/domain/holidays'

const weekday = (day: string) => getDay(parseISO(day))

describe('proposeHolidays', () => {
  it('proposes the national holidays of the 2027-2028 school year in date order', () => {
    expect(proposeHolidays({ startsOn: '2027-09-01', endsOn: '2028-08-31' })).toEqual([
      // 中秋 2027 is Wednesday 15 September: a single day.
      { key: 'mid-autumn', startsOn: '2027-09-15', endsOn: '2027-09-15' },
      { key: 'national-day', startsOn: '2027-10-01', endsOn: '2027-10-07' },
      // 1 January 2028 is a Saturday: Saturday to Monday.
      { key: 'new-year', startsOn: '2028-01-01', endsOn: '2028-01-03' },
      // 春节 2028 is 26 January: 除夕 to 初六.
      { key: 'spring-festival', startsOn: '2028-01-25', endsOn: '2028-02-01' },
      // 清明 2028 is the solar term on Tuesday 4 April.
      { key: 'qingming', startsOn: '2028-04-04', endsOn: '2028-04-04' },
      { key: 'labour-day', startsOn: '2028-05-01', endsOn: '2028-05-05' },
      // 端午 2028 is Sunday 28 May: Saturday to Monday.
      { key: 'dragon-boat', startsOn: '2028-05-27', endsOn: '2028-05-29' },
    ])
  })

  it('folds 中秋 into the 国庆 week when it falls inside it (3 October 2028)', () => {
    const keys = proposeHolidays({ startsOn: '2028-09-01', endsOn: '2029-08-31' }).map((h) => h.key)
    expect(keys).not.toContain('mid-autumn')
    expect(keys[0]).toBe('national-day')
  })

  it('takes the weekend beside a one-day holiday on a Friday, Saturday, Sunday or Monday', () => {
    const all = proposeHolidays({ startsOn: '2020-09-01', endsOn: '2035-08-31' })
    for (const h of all.filter((x) => x.key === 'qingming' || x.key === 'dragon-boat')) {
      const first = weekday(h.startsOn)
      if (h.startsOn === h.endsOn) expect([2, 3, 4]).toContain(first)
      else expect([5, 6]).toContain(first)
    }
    // 清明 2026 is Sunday 5 April: Saturday 4 to Monday 6.
    expect(all.find((h) => h.key === 'qingming' && h.startsOn.startsWith('2026'))).toEqual({
      key: 'qingming',
      startsOn: '2026-04-04',
      endsOn: '2026-04-06',
    })
  })

  it('keeps only holidays starting inside the year and cuts one that runs past its end', () => {
    const short = proposeHolidays({ startsOn: '2027-09-20', endsOn: '2027-10-03' })
    expect(short).toEqual([{ key: 'national-day', startsOn: '2027-10-01', endsOn: '2027-10-03' }])
  })
})
