/** Observances (纪念日) are computed from the year, never typed in. Dates are YYYY-MM-DD strings. */
import { I18n, Lunar } from 'lunar-typescript'
import { isValidDay } from './school-calendar'

export const OBSERVANCE_KEYS = [
  'lei-feng-day',
  'womens-day',
  'tree-planting-day',
  'qingming',
  'national-security-education-day',
  'youth-day',
  'childrens-day',
  'party-founding-day',
  'army-day',
  'teachers-day',
  'national-day',
  'chongyang',
  'constitution-day',
  'nanjing-memorial-day',
] as const

export type ObservanceKey = (typeof OBSERVANCE_KEYS)[number]
export type Observance = { key: ObservanceKey; date: string }

type MovableKey = 'qingming' | 'chongyang'

const FIXED_DATES: Record<Exclude<ObservanceKey, MovableKey>, string> = {
  'lei-feng-day': '03-05',
  'womens-day': '03-08',
  'tree-planting-day': '03-12',
  'national-security-education-day': '04-15',
  'youth-day': '05-04',
  'childrens-day': '06-01',
  'party-founding-day': '07-01',
  'army-day': '08-01',
  'teachers-day': '09-10',
  'national-day': '10-01',
  'constitution-day': '12-04',
  'nanjing-memorial-day': '12-13',
}

const byYear = new Map<number, Observance[]>()

export function isObservanceKey(value: unknown): value is ObservanceKey {
  return typeof value === 'string' && (OBSERVANCE_KEYS as readonly string[]).includes(value)
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Invalid year: ${year}`)
}

function pad(year: number): string {
  return String(year).padStart(4, '0')
}

function movableDate(key: MovableKey, year: number): string {
  if (key === 'chongyang') return Lunar.fromYmd(year, 9, 9).getSolar().toYmd()
  // The table's keys follow the library's global language, so ask it for the current name of 清明.
  return Lunar.fromYmd(year, 1, 1).getJieQiTable()[I18n.getMessage('jq.qingMing')]!.toYmd()
}

export function observanceDate(key: ObservanceKey, year: number): string {
  checkYear(year)
  if (key === 'qingming' || key === 'chongyang') return movableDate(key, year)
  return `${pad(year)}-${FIXED_DATES[key]}`
}

export function observancesInYear(year: number): Observance[] {
  checkYear(year)
  let list = byYear.get(year)
  if (!list) {
    // Stable sort: two observances on one day (重阳 and 国庆 in 2033) stay in key order.
    list = OBSERVANCE_KEYS.map((key) => ({ key, date: observanceDate(key, year) })).sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    )
    byYear.set(year, list)
  }
  return list.map((o) => ({ ...o }))
}

export function observancesBetween(startsOn: string, endsOn: string): Observance[] {
  if (!isValidDay(startsOn) || !isValidDay(endsOn))
    throw new RangeError(`Invalid day: ${startsOn}, ${endsOn}`)
  const out: Observance[] = []
  for (let year = Number(startsOn.slice(0, 4)); year <= Number(endsOn.slice(0, 4)); year++) {
    for (const o of observancesInYear(year)) if (o.date >= startsOn && o.date <= endsOn) out.push(o)
  }
  return out
}
