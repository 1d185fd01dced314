import { TZDate } from '@date-fns/tz'
import { format, parseISO } from 'date-fns'
import { enUS } from 'date-fns/locale/en-US'
import { zhCN } from 'date-fns/locale/zh-CN'
import type { Locale } from '~/domain/locale'

/** The only place that formats dates for people to read. */
const DATE_FNS_LOCALES = { zh: zhCN, en: enUS }

const PATTERNS = {
  zh: {
    day: 'yyyy年M月d日',
    dayWithWeekday: 'yyyy年M月d日 EEEE',
    dateTime: 'yyyy年M月d日 HH:mm',
    short: 'M月d日',
  },
  en: { day: 'd MMM yyyy', dayWithWeekday: 'EEEE d MMM yyyy', dateTime: 'd MMM yyyy, HH:mm', short: 'd MMM' },
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

/** A range of calendar days, collapsed when it is one day. */
export function formatDayRange(startsOn: string, endsOn: string, locale: Locale): string {
  if (startsOn === endsOn) return formatDay(startsOn, locale)
  return `${formatDay(startsOn, locale)} – ${formatDay(endsOn, locale)}`
}

/** Today's date (YYYY-MM-DD) in the school's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return format(new TZDate(now, timeZone), 'yyyy-MM-dd')
}
