import { describe, expect, it } from 'vitest'
import {
  isObservanceKey,
  OBSERVANCE_KEYS,
  observanceDate,
  observancesBetween,
  observancesInYear,
} from '~/domain/observances'
import { isValidDay } from '~/domain/school-calendar'
import { observances as enNames } from '~/locales/en/observances'
import { observances as zhNames } from '~/locales/zh/observances'

describe('observancesInYear', () => {
  it('dates every observance of 2026, in calendar order', () => {
    expect(observancesInYear(2026)).toEqual([
      { key: 'lei-feng-day', date: '2026-03-05' },
      { key: 'womens-day', date: '2026-03-08' },
      { key: 'tree-planting-day', date: '2026-03-12' },
      { key: 'qingming', date: '2026-04-05' },
      { key: 'national-security-education-day', date: '2026-04-15' },
      { key: 'youth-day', date: '2026-05-04' },
      { key: 'childrens-day', date: '2026-06-01' },
      { key: 'party-founding-day', date: '2026-07-01' },
      { key: 'army-day', date: '2026-08-01' },
      { key: 'teachers-day', date: '2026-09-10' },
      { key: 'national-day', date: '2026-10-01' },
      { key: 'chongyang', date: '2026-10-18' },
      { key: 'constitution-day', date: '2026-12-04' },
      { key: 'nanjing-memorial-day', date: '2026-12-13' },
    ])
  })

  it('keeps 国庆 before 重阳 when they fall on the same day (2033)', () => {
    const october = observancesInYear(2033).filter((o) => o.date === '2033-10-01')
    expect(october.map((o) => o.key)).toEqual(['national-day', 'chongyang'])
  })

  it('gives every key once, on a real day of that year, for 1950–2100', () => {
    for (let year = 1950; year <= 2100; year++) {
      const list = observancesInYear(year)
      expect(list.map((o) => o.key).sort()).toEqual([...OBSERVANCE_KEYS].sort())
      for (const o of list) {
        expect(isValidDay(o.date)).toBe(true)
        expect(o.date.slice(0, 4)).toBe(String(year))
      }
      const dates = list.map((o) => o.date)
      expect(dates).toEqual([...dates].sort())
      expect(observanceDate('qingming', year) >= `${year}-04-04`).toBe(true)
      expect(observanceDate('qingming', year) <= `${year}-04-06`).toBe(true)
      expect(observanceDate('chongyang', year) >= `${year}-10-01`).toBe(true)
      expect(observanceDate('chongyang', year) <= `${year}-11-01`).toBe(true)
    }
  })

  it('is not changed by a caller mutating an earlier result', () => {
    const first = observancesInYear(2027)
    first[0]!.date = '1900-01-01'
    first.pop()
    expect(observancesInYear(2027)).toHaveLength(OBSERVANCE_KEYS.length)
    expect(observancesInYear(2027)[0]).toEqual({ key: 'lei-feng-day', date: '2027-03-05' })
  })

  it('rejects a year that is not a whole number', () => {
    expect(() => observancesInYear(2026.5)).toThrow(RangeError)
    expect(() => observanceDate('qingming', Number.NaN)).toThrow(RangeError)
  })
})

describe('observanceDate', () => {
  it('puts 清明 on the day of the solar term in China time', () => {
    expect(observanceDate('qingming', 2008)).toBe('2008-04-04')
    expect(observanceDate('qingming', 2019)).toBe('2019-04-05')
    expect(observanceDate('qingming', 2020)).toBe('2020-04-04')
    expect(observanceDate('qingming', 2023)).toBe('2023-04-05')
    expect(observanceDate('qingming', 2025)).toBe('2025-04-04')
    expect(observanceDate('qingming', 2026)).toBe('2026-04-05')
    expect(observanceDate('qingming', 2027)).toBe('2027-04-05')
    expect(observanceDate('qingming', 2028)).toBe('2028-04-04')
  })

  it('puts 重阳 on the 9th day of the 9th lunar month', () => {
    expect(observanceDate('chongyang', 2023)).toBe('2023-10-23')
    expect(observanceDate('chongyang', 2024)).toBe('2024-10-11')
    expect(observanceDate('chongyang', 2025)).toBe('2025-10-29')
    expect(observanceDate('chongyang', 2026)).toBe('2026-10-18')
    expect(observanceDate('chongyang', 2027)).toBe('2027-10-08')
  })

  it('keeps fixed observances on their day, 29 February years included', () => {
    expect(observanceDate('womens-day', 2028)).toBe('2028-03-08')
    expect(observanceDate('nanjing-memorial-day', 2031)).toBe('2031-12-13')
  })
})

describe('observancesBetween', () => {
  it('spans a year boundary, both ends included', () => {
    expect(observancesBetween('2025-12-04', '2026-03-08')).toEqual([
      { key: 'constitution-day', date: '2025-12-04' },
      { key: 'nanjing-memorial-day', date: '2025-12-13' },
      { key: 'lei-feng-day', date: '2026-03-05' },
      { key: 'womens-day', date: '2026-03-08' },
    ])
  })

  it('covers a whole academic year in date order', () => {
    const list = observancesBetween('2025-09-01', '2026-08-31')
    expect(list.map((o) => o.key)).toEqual([
      'teachers-day',
      'national-day',
      'chongyang',
      'constitution-day',
      'nanjing-memorial-day',
      'lei-feng-day',
      'womens-day',
      'tree-planting-day',
      'qingming',
      'national-security-education-day',
      'youth-day',
      'childrens-day',
      'party-founding-day',
      'army-day',
    ])
    expect(list.find((o) => o.key === 'chongyang')?.date).toBe('2025-10-29')
    expect(list.find((o) => o.key === 'qingming')?.date).toBe('2026-04-05')
  })

  it('returns nothing for a range without observances or a reversed range', () => {
    expect(observancesBetween('2026-01-01', '2026-03-04')).toEqual([])
    expect(observancesBetween('2026-12-31', '2026-01-01')).toEqual([])
  })

  it('rejects malformed days', () => {
    expect(() => observancesBetween('2026-02-30', '2026-03-08')).toThrow(RangeError)
  })
})

describe('isObservanceKey', () => {
  it('accepts only the known keys', () => {
    expect(isObservanceKey('qingming')).toBe(true)
    expect(isObservanceKey('nanjing-memorial-day')).toBe(true)
    expect(isObservanceKey('Qingming')).toBe(false)
    expect(isObservanceKey('spring-festival')).toBe(false)
    expect(isObservanceKey(42)).toBe(false)
    expect(isObservanceKey(null)).toBe(false)
  })
})

describe('observance names', () => {
  it('names every key in both languages, and nothing else', () => {
    expect(Object.keys(zhNames).sort()).toEqual([...OBSERVANCE_KEYS].sort())
    expect(Object.keys(enNames).sort()).toEqual([...OBSERVANCE_KEYS].sort())
  })
})
