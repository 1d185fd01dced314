import { createHash, randomBytes } from 'node:crypto'
import { TZDate } from '@date-fns/tz'
import type { TFunction } from 'i18next'
import ical, { escape as escapeText, ICalEventStatus } from 'ical-generator'
import { addDays } from '~/domain/calendar-grid'
import { asLocale, type Locale } from '~/domain/locale'
import { instantRangeOfDays } from '~/domain/school-time'
import * as clock from '~/utils/clock'
import { todayIn } from './dates'
import { createI18n } from './i18n'
import { setSecurityHeaders } from './security-headers.server'

const translators = { zh: createI18n('zh').t, en: createI18n('en').t }

/**
 * A feed speaks the language its address asks for (`?lang=en`), else Chinese: calendar apps send
 * neither the reader's cookie nor a useful Accept-Language, and one address must always read the same.
 */
export function feedLanguage(request: Request): { locale: Locale; t: TFunction } {
  const locale = asLocale(new URL(request.url).searchParams.get('lang')) ?? 'zh'
  return { locale, t: translators[locale] }
}

/** A private feed's address carries a 32-byte random token; only its SHA-256 is stored. */
export function createFeedToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashFeedToken(token) }
}

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/

/** The token of `<token>.ics`, or null when the file name cannot be one. */
export function tokenOfFeedFile(file: string | undefined): string | null {
  return FEED_FILE.exec(file ?? '')?.[1] ?? null
}

/** Feeds cover the recent past and the year ahead: enough for a phone, small enough to refresh often. */
export function feedWindow(timeZone: string, now = clock.now()): { from: string; to: string } {
  const today = todayIn(timeZone, now)
  return instantRangeOfDays(addDays(today, -60), addDays(today, 365), timeZone)
}

function utcOffsetOf(timeZone: string, month: number): number {
  return -new TZDate(2026, month, 1, timeZone).getTimezoneOffset()
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`
}

/**
 * A VTIMEZONE for a zone without daylight saving time (Asia/Shanghai: +0800 all year), or null for a
 * zone with it: its events are then written in UTC, which every client reads correctly.
 */
export function fixedVtimezone(timeZone: string): string | null {
  const offset = utcOffsetOf(timeZone, 0)
  if (offset !== utcOffsetOf(timeZone, 6)) return null
  const name = timeZone === 'Asia/Shanghai' ? ['TZNAME:CST'] : []
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    `X-LIC-LOCATION:${timeZone}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${formatOffset(offset)}`,
    `TZOFFSETTO:${formatOffset(offset)}`,
    ...name,
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n')
}

export type FeedActivity = {
  id: number
  title: string
  startsAt: string
  endsAt: string
  venue: string
  description: string
  offCampus: 0 | 1
  needsConsent: 0 | 1
  createdAt: string
  updatedAt: string
}

export type FeedInput = {
  name: string
  description: string
  slug: string
  origin: string
  timeZone: string
  t: TFunction
  activities: readonly (FeedActivity & { summary?: string })[]
}

/** The iCalendar text (RFC 5545) of a feed: one VEVENT per activity, with a UID that never changes. */
export function buildFeed(input: FeedInput): string {
  const { t, origin, slug, timeZone } = input
  const vtimezone = fixedVtimezone(timeZone)
  const calendar = ical({
    prodId: { company: 'Siji', product: 'Siji', language: 'ZH' },
    // Calendar names are not escaped by the library; a school or grade name must not add lines.
    name: escapeText(input.name, false),
    description: escapeText(input.description, false),
    ttl: 60 * 60,
    // No calendar-wide zone: the library would then write DTSTAMP in local time, which RFC 5545 forbids.
    timezone: vtimezone ? { name: null, generator: () => vtimezone } : null,
    x: vtimezone ? { 'X-WR-TIMEZONE': timeZone } : {},
  })
  for (const activity of input.activities) {
    const url = `${origin}/activities/${activity.id}`
    const notes = [
      activity.description.trim(),
      activity.offCampus ? t('calendar.ics.offCampus') : '',
      activity.needsConsent ? t('calendar.ics.needsConsent') : '',
      t('calendar.ics.details', { url }),
    ].filter(Boolean)
    calendar.createEvent({
      id: `activity-${activity.id}@${slug}.siji`,
      // A TZDate is written as wall time in the event's zone, whatever the server's own zone is.
      start: new TZDate(activity.startsAt, timeZone),
      end: new TZDate(activity.endsAt, timeZone),
      timezone: vtimezone ? timeZone : null,
      stamp: new Date(activity.updatedAt),
      created: new Date(activity.createdAt),
      lastModified: new Date(activity.updatedAt),
      summary: activity.summary ?? activity.title,
      location: activity.venue || null,
      description: notes.join('\n\n'),
      url,
      status: ICalEventStatus.CONFIRMED,
    })
  }
  return calendar.toString()
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

/** A feed answer with an ETag, so calendar apps polling every few minutes mostly get a 304. */
export function feedResponse(request: Request, body: string, cacheControl: string): Response {
  const etag = etagOf(body)
  const headers = new Headers({
    'Content-Type': 'text/calendar; charset=utf-8',
    'Cache-Control': cacheControl,
    ETag: etag,
  })
  // Resource routes skip entry.server, which sets these on pages.
  setSecurityHeaders(headers, null)
  const asked = request.headers.get('If-None-Match')
  const matches = asked?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
  if (matches) return new Response(null, { status: 304, headers })
  return new Response(body, { headers })
}
