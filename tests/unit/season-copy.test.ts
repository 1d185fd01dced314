import { addYears, differenceInCalendarDays, getDay, parseISO } from 'date-fns'
import { describe, expect, it } from 'vitest'
import {
  copiedSeasonTitle,
  copyTitle,
  observanceOn,
  shiftActivityDay,
  shiftDay,
  shiftInstant,
  yearsBetween,
} from '~/domain/season-copy'

function weekday(day: string): number {
  return getDay(parseISO(day))
}

describe('shiftDay', () => {
  it('moves to the same weekday nearest the anniversary', () => {
    // Jiwang: Friday 6 March 2026 → Friday 5 March 2027 (6 March 2027 is a Saturday).
    expect(shiftDay('2026-03-06', 1)).toBe('2027-03-05')
    expect(shiftDay('2025-09-01', 1)).toBe('2026-08-31')
    expect(shiftDay('2025-12-31', 1)).toBe('2026-12-30')
  })

  it('may cross into the previous calendar year near 1 January', () => {
    // 1 Jan 2027 is a Friday; the Thursday before it is nearest.
    expect(shiftDay('2026-01-01', 1)).toBe('2026-12-31')
  })

  it('treats 28 February as the anniversary of 29 February in a common year', () => {
    // 29 Feb 2024 is a Thursday; 28 Feb 2025 a Friday.
    expect(shiftDay('2024-02-29', 1)).toBe('2025-02-27')
    // 29 Feb 2028 exists (a Tuesday), so the Thursday after it.
    expect(shiftDay('2024-02-29', 4)).toBe('2028-03-02')
  })

  it('goes backwards and leaves a day alone for zero years', () => {
    expect(shiftDay('2027-03-05', -1)).toBe('2026-03-06')
    expect(shiftDay('2026-03-06', 0)).toBe('2026-03-06')
  })

  it('keeps the weekday and stays within 3 days of the anniversary, every day of 2024–2026', () => {
    const wrong: string[] = []
    for (let i = 0; i < 3 * 366; i++) {
      const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)
      for (const years of [1, 2, 3]) {
        const shifted = shiftDay(day, years)
        const gap = differenceInCalendarDays(parseISO(shifted), addYears(parseISO(day), years))
        if (weekday(shifted) !== weekday(day) || Math.abs(gap) > 3)
          wrong.push(`${day} +${years} → ${shifted}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('rejects a malformed day or a fraction of a year', () => {
    expect(() => shiftDay('2026-3-6', 1)).toThrow(RangeError)
    expect(() => shiftDay('2026-03-06', 0.5)).toThrow(RangeError)
  })
})

describe('shiftActivityDay', () => {
  it('moves like shiftDay without an observance', () => {
    expect(shiftActivityDay('2026-03-06', 1, null)).toBe('2027-03-05')
  })

  it('stays 2 days before 妇女节, whatever the weekday', () => {
    expect(shiftActivityDay('2026-03-06', 1, 'womens-day')).toBe('2027-03-06')
  })

  it('follows 清明 as it moves between 4 and 5 April', () => {
    expect(shiftActivityDay('2026-04-05', 1, 'qingming')).toBe('2027-04-05')
    expect(shiftActivityDay('2025-04-04', 1, 'qingming')).toBe('2026-04-05')
    // 2 days before 清明 2026 (5 April) → 2 days before 清明 2028 (4 April).
    expect(shiftActivityDay('2026-04-03', 2, 'qingming')).toBe('2028-04-02')
  })

  it('follows 重阳 across the lunar calendar', () => {
    expect(shiftActivityDay('2025-10-29', 1, 'chongyang')).toBe('2026-10-18')
    expect(shiftActivityDay('2025-10-28', 1, 'chongyang')).toBe('2026-10-17')
  })
})

describe('shiftInstant', () => {
  it('keeps 09:00 Asia/Shanghai on the shifted day', () => {
    expect(shiftInstant('2026-03-06T01:00:00.000Z', 'Asia/Shanghai', 1, null)).toBe(
      '2027-03-05T01:00:00.000Z',
    )
    expect(shiftInstant('2026-03-06T01:00:00.000Z', 'Asia/Shanghai', 1, 'womens-day')).toBe(
      '2027-03-06T01:00:00.000Z',
    )
    expect(shiftInstant('2026-04-05T01:00:00.000Z', 'Asia/Shanghai', 1, 'qingming')).toBe(
      '2027-04-05T01:00:00.000Z',
    )
  })

  it('takes the day in the school time zone, not in UTC', () => {
    // 07:30 on Friday 6 March in Shanghai is still Thursday in UTC.
    expect(shiftInstant('2026-03-05T23:30:00.000Z', 'Asia/Shanghai', 1, null)).toBe(
      '2027-03-04T23:30:00.000Z',
    )
  })

  it('keeps the wall-clock time when daylight saving differs between the two days', () => {
    // 09:00 EDT on Tue 10 March 2026 → 09:00 EST on Tue 9 March 2027 (DST starts 14 March 2027).
    expect(shiftInstant('2026-03-10T13:00:00.000Z', 'America/New_York', 1, null)).toBe(
      '2027-03-09T14:00:00.000Z',
    )
  })

  it('rejects an invalid instant', () => {
    expect(() => shiftInstant('not a date', 'Asia/Shanghai', 1, null)).toThrow(RangeError)
  })
})

describe('yearsBetween', () => {
  it('counts whole years between academic-year starts', () => {
    expect(yearsBetween('2025-09-01', '2026-09-01')).toBe(1)
    expect(yearsBetween('2025-09-01', '2026-08-31')).toBe(1)
    expect(yearsBetween('2025-09-01', '2027-08-30')).toBe(2)
    expect(yearsBetween('2025-09-01', '2025-09-01')).toBe(0)
    expect(yearsBetween('2026-09-01', '2025-09-01')).toBe(-1)
  })
})

describe('observanceOn', () => {
  it('finds the observance on a day, or null', () => {
    expect(observanceOn('2026-03-08')).toBe('womens-day')
    expect(observanceOn('2026-04-05')).toBe('qingming')
    expect(observanceOn('2025-10-29')).toBe('chongyang')
    expect(observanceOn('2026-04-04')).toBeNull()
    expect(observanceOn('2026-03-06')).toBeNull()
  })

  it('prefers 国庆 when 重阳 falls on 1 October', () => {
    expect(observanceOn('2033-10-01')).toBe('national-day')
  })
})

describe('copyTitle', () => {
  it('appends the year, or replaces the year a title already ends with', () => {
    expect(copyTitle('春·播感恩季', 2028)).toBe('春·播感恩季（2028）')
    expect(copyTitle('春·播感恩季（2027）', 2028)).toBe('春·播感恩季（2028）')
    expect(copyTitle('Spring season (2027)', 2028)).toBe('Spring season（2028）')
    // A year inside the title is part of its name, not the copy's year.
    expect(copyTitle('2027 国家安全教育周', 2028)).toBe('2027 国家安全教育周（2028）')
  })
})

describe('copiedSeasonTitle', () => {
  it('names the spring a spring season lands in', () => {
    const spring = { title: '春·播感恩季（2027）', startsOn: '2027-03-01', yearStartsOn: '2026-09-01' }
    expect(copiedSeasonTitle(spring, '2027-09-01')).toBe('春·播感恩季（2028）')
    expect(copiedSeasonTitle({ ...spring, title: '春·播感恩季' }, '2027-09-01')).toBe('春·播感恩季（2028）')
  })

  it('names the autumn an autumn season starts in', () => {
    const autumn = { title: '秋·启航季', startsOn: '2026-09-14', yearStartsOn: '2026-09-01' }
    expect(copiedSeasonTitle(autumn, '2027-09-01')).toBe('秋·启航季（2027）')
    // Two years on, from a title that already carries its year.
    expect(copiedSeasonTitle({ ...autumn, title: '秋·启航季（2026）' }, '2028-09-01')).toBe(
      '秋·启航季（2028）',
    )
  })
})
