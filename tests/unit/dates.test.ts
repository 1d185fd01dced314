import { describe, expect, it } from 'vitest'
import { formatDay, formatDayRange, formatInstant, formatInstantRange, todayIn } from '~/utils/dates'

describe('dates', () => {
  it('formats a school day in Chinese and English', () => {
    expect(formatDay('2026-04-05', 'zh')).toBe('2026年4月5日')
    expect(formatDay('2026-04-05', 'en')).toBe('5 Apr 2026')
    expect(formatDay('2026-04-05', 'zh', 'dayWithWeekday')).toBe('2026年4月5日 星期日')
  })

  it('shows an instant in the school time zone', () => {
    // 23:30 UTC on 31 March is already 1 April in Shanghai.
    expect(formatInstant('2026-03-31T23:30:00.000Z', 'zh', 'Asia/Shanghai')).toBe('2026年4月1日 07:30')
    expect(formatInstant('2026-03-31T23:30:00.000Z', 'en', 'Asia/Shanghai')).toBe('1 Apr 2026, 07:30')
  })

  it('collapses a one-day range', () => {
    expect(formatDayRange('2026-05-01', '2026-05-01', 'en')).toBe('1 May 2026')
    expect(formatDayRange('2026-05-01', '2026-05-05', 'zh')).toBe('2026年5月1日 – 2026年5月5日')
  })

  it('writes the date of a same-day time range once', () => {
    // 01:00–02:00 UTC is 09:00–10:00 in Shanghai.
    const [start, end] = ['2026-03-06T01:00:00.000Z', '2026-03-06T02:00:00.000Z']
    expect(formatInstantRange(start, end, 'zh', 'Asia/Shanghai')).toBe('2026年3月6日 09:00–10:00')
    expect(formatInstantRange(start, end, 'en', 'Asia/Shanghai')).toBe('6 Mar 2026, 09:00–10:00')
  })

  it('judges the same day by the school time zone, not UTC', () => {
    // Different UTC days, one Shanghai day.
    expect(
      formatInstantRange('2026-03-05T23:30:00.000Z', '2026-03-06T01:00:00.000Z', 'en', 'Asia/Shanghai'),
    ).toBe('6 Mar 2026, 07:30–09:00')
    // One UTC day, running past midnight in Shanghai.
    expect(
      formatInstantRange('2026-03-06T14:00:00.000Z', '2026-03-06T17:00:00.000Z', 'zh', 'Asia/Shanghai'),
    ).toBe('2026年3月6日 22:00 – 2026年3月7日 01:00')
  })

  it('writes both dates of a range over several days', () => {
    expect(
      formatInstantRange('2026-04-20T00:30:00.000Z', '2026-04-22T08:00:00.000Z', 'en', 'Asia/Shanghai'),
    ).toBe('20 Apr 2026, 08:30 – 22 Apr 2026, 16:00')
  })

  it("knows today's date in Shanghai when it is still yesterday in UTC", () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-03-04T17:00:00Z'))).toBe('2026-03-05')
  })
})
