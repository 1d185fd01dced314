import { TZDate } from '@date-fns/tz'
import { format, parseISO } from 'date-fns'
import { enUS } from 'date-fns/locale/en-US'
import { zhCN } from 'date-fns/locale/zh-CN'
import type { Locale } from '~/domain/locale'
import * as clock from './clock'

/** The only place that formats dates for people to read. */
const DATE_FNS_LOCALES = { zh: zhCN, en: enUS }

const PATTERNS = {
  zh: {
    day: 'yyyy年M月d日',
    dayWithWeekday: 'yyyy年M月d日 EEEE',
    dateTime: 'yyyy年M月d日 HH:mm',
    short: 'M月d日',
    time: 'HH:mm',
  },
  en: {
    day: 'd MMM yyyy',
    dayWithWeekday: 'EEEE d MMM yyyy',
    dateTime: 'd MMM yyyy, HH:mm',
    short: 'd MMM',
    time: 'HH:mm',
  },
} as const

export type DateStyle = keyof (typeof PATTERNS)['zh']

/** A calendar date stored as YYYY-MM-DD: no time zone applies. */
export function formatDay(day: string, locale: Locale, style: DateStyle = 'day'): string {
  return format(parseISO(day), PATTERNS[locale][style], { locale: DATE_FNS_LOCALES[locale] })
}

/** An instant (ISO timestamp), shown in the school's time zone. */
export function formatInstant(
  iso: string,
  locale: Locale,
  timeZone: string,
  style: DateStyle = 'dateTime',
): string {
  return format(new TZDate(iso, timeZone), PATTERNS[locale][style], { locale: DATE_FNS_LOCALES[locale] })
}

/**
 * From one instant to another in the school's time zone: the date once when both fall on the same
 * local day ("2026年3月6日 09:00–10:00", "6 Mar 2026, 09:00–10:00"), else both dates and times.
 */
export function formatInstantRange(
  startIso: string,
  endIso: string,
  locale: Locale,
  timeZone: string,
): string {
  const from = formatInstant(startIso, locale, timeZone, 'dateTime')
  const sameDay = dayIn(new Date(startIso), timeZone) === dayIn(new Date(endIso), timeZone)
  if (sameDay) return `${from}–${formatInstant(endIso, locale, timeZone, 'time')}`
  return `${from} – ${formatInstant(endIso, locale, timeZone, 'dateTime')}`
}

/** A range of calendar days, collapsed when it is one day. */
export function formatDayRange(startsOn: string, endsOn: string, locale: Locale): string {
  if (startsOn === endsOn) return formatDay(startsOn, locale)
  return `${formatDay(startsOn, locale)} – ${formatDay(endsOn, locale)}`
}

/** The date (YYYY-MM-DD) of an instant in the school's time zone. */
function dayIn(instant: Date, timeZone: string): string {
  return format(new TZDate(instant, timeZone), 'yyyy-MM-dd')
}

/** Today's date (YYYY-MM-DD) in the school's time zone. */
export function todayIn(timeZone: string, now: Date = clock.now()): string {
  return dayIn(now, timeZone)
}
