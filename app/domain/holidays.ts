/**
 * The national public holidays (法定节假日) that fall in an academic year, as a proposal an admin
 * edits: the State Council announces the exact breaks and make-up working days (调休) each year,
 * so Siji proposes the statutory days with the weekend next to them and leaves 调休 to the admin.
 * Server-only through app/utils/observances.server.ts (lunar-typescript is large).
 */
import { TZDate } from '@date-fns/tz'
import { addDays, format, getDay } from 'date-fns'
import { Lunar } from 'lunar-typescript'
import { observanceDate } from './observances'
import type { DayRange } from './school-calendar'

export const HOLIDAY_KEYS = [
  'new-year',
  'spring-festival',
  'qingming',
  'labour-day',
  'dragon-boat',
  'mid-autumn',
  'national-day',
] as const

export type HolidayKey = (typeof HOLIDAY_KEYS)[number]
export type ProposedHoliday = DayRange & { key: HolidayKey }

const DAY_FORMAT = 'yyyy-MM-dd'

function toDate(day: string): TZDate {
  return new TZDate(day, 'UTC')
}

function plusDays(day: string, days: number): string {
  return format(addDays(toDate(day), days), DAY_FORMAT)
}

/** A one-day holiday with the weekend beside it: Fri → Fri–Sun, Sat/Sun → Sat–Mon, Mon → Sat–Mon. */
function withAdjacentWeekend(day: string): DayRange {
  switch (getDay(toDate(day))) {
    case 5:
      return { startsOn: day, endsOn: plusDays(day, 2) }
    case 6:
      return { startsOn: day, endsOn: plusDays(day, 2) }
    case 0:
      return { startsOn: plusDays(day, -1), endsOn: plusDays(day, 1) }
    case 1:
      return { startsOn: plusDays(day, -2), endsOn: day }
    default:
      return { startsOn: day, endsOn: day }
  }
}

function lunarToSolar(year: number, month: number, day: number): string {
  return Lunar.fromYmd(year, month, day).getSolar().toYmd()
}

function holidaysOfCalendarYear(year: number): ProposedHoliday[] {
  const springFestival = lunarToSolar(year, 1, 1)
  const y = String(year).padStart(4, '0')
  return [
    { key: 'new-year', ...withAdjacentWeekend(`${y}-01-01`) },
    // 除夕 to 初六: the statutory days plus the usual 调休 week.
    { key: 'spring-festival', startsOn: plusDays(springFestival, -1), endsOn: plusDays(springFestival, 6) },
    { key: 'qingming', ...withAdjacentWeekend(observanceDate('qingming', year)) },
    { key: 'labour-day', startsOn: `${y}-05-01`, endsOn: `${y}-05-05` },
    { key: 'dragon-boat', ...withAdjacentWeekend(lunarToSolar(year, 5, 5)) },
    { key: 'mid-autumn', ...withAdjacentWeekend(lunarToSolar(year, 8, 15)) },
    { key: 'national-day', startsOn: `${y}-10-01`, endsOn: `${y}-10-07` },
  ]
}

/**
 * The holidays whose first day falls within the academic year, in date order. When 中秋 falls inside
 * the 国庆 week (as in 2028-10-03) it is folded into it.
 */
export function proposeHolidays(year: DayRange): ProposedHoliday[] {
  const first = Number(year.startsOn.slice(0, 4))
  const last = Number(year.endsOn.slice(0, 4))
  const out: ProposedHoliday[] = []
  for (let calendarYear = first; calendarYear <= last; calendarYear++) {
    for (const holiday of holidaysOfCalendarYear(calendarYear)) {
      if (holiday.startsOn < year.startsOn || holiday.startsOn > year.endsOn) continue
      out.push({ ...holiday, endsOn: [holiday.endsOn, year.endsOn].sort()[0] ?? holiday.endsOn })
    }
  }
  const merged = out.filter(
    (h) =>
      h.key !== 'mid-autumn' ||
      !out.some((o) => o.key === 'national-day' && o.startsOn <= h.startsOn && h.startsOn <= o.endsOn),
  )
  return merged.sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0))
}
