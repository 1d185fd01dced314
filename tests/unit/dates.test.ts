import { describe, expect, it } from 'vitest'
import { formatDay, formatDayRange, formatInstant, todayIn } from '~/utils/dates'

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

  it("knows today's date in Shanghai when it is still yesterday in UTC", () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-03-04T17:00:00Z'))).toBe('2026-03-05')
  })
})
