import type { Locale } from '~/domain/locale'
import type { getCurrentNotice } from '~/models/privacy-notices.server'
import { formatInstant } from './dates'
import { renderMarkdown } from './markdown.server'

export type NoticeForReader = { version: number; published: string; html: string; contact: string }

/** A notice as a page shows it: the reader's language, rendered, its date in the school's time zone. */
export function noticeForReader(
  notice: Awaited<ReturnType<typeof getCurrentNotice>>,
  { locale, timeZone }: { locale: Locale; timeZone: string },
): NoticeForReader {
  return {
    version: notice.version,
    published: formatInstant(notice.publishedAt, locale, timeZone, 'day'),
    html: renderMarkdown(locale === 'en' ? notice.bodyEn : notice.bodyZh),
    contact: notice.contact,
  }
}
