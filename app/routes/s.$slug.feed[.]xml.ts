import type { LoaderFunctionArgs } from '@remix-run/node'
import { Feed } from 'feed'
import { findSchoolBySlug } from '~/models/calendar.server'
import {
  escapeHtml,
  listPublicRecapsForFeed,
  newsCacheHeaders,
  type PublicPhoto,
  type PublicRecap,
} from '~/models/news.server'
import { db } from '~/utils/db.server'
import { feedLanguage } from '~/utils/ics.server'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'
import { setSecurityHeaders } from '~/utils/security-headers.server'

/**
 * A school's public news as Atom 1.0: the latest public recaps, names masked, public photos only.
 * Readers fetch it without cookies, so it speaks Chinese unless the address asks for `?lang=en`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const school = params.slug ? await findSchoolBySlug(db, params.slug) : undefined
  if (!school) notFound()
  const { locale, t } = feedLanguage(request)
  const recaps = await listPublicRecapsForFeed(db, { schoolId: school.id })
  const origin = publicOrigin()
  const home = `${origin}/s/${encodeURIComponent(school.slug)}`
  const lang = locale === 'en' ? '?lang=en' : ''
  const names = { school: school.name }

  const newest = recaps.map(lastChanged).sort((a, b) => b.getTime() - a.getTime())[0]
  const feed = new Feed({
    id: home,
    link: `${home}${lang}`,
    feed: `${home}/feed.xml${lang}`,
    title: xmlSafe(t('news.feed.title', names)),
    description: xmlSafe(t('news.feed.subtitle', names)),
    // An empty feed keeps one date, so its answer stays the same until something is published.
    updated: newest ?? new Date(0),
    author: { name: xmlSafe(school.name), link: home },
    favicon: `${origin}/favicon.svg`,
    generator: 'Siji',
  })
  for (const recap of recaps) {
    const url = `${home}/recaps/${recap.id}`
    // Atom's title and summary are declared HTML: text is escaped once more for them.
    feed.addItem({
      id: url,
      link: `${url}${lang}`,
      title: cdataSafe(escapeHtml(recap.title)),
      description: cdataSafe(escapeHtml(recap.excerpt)),
      content: cdataSafe(entryContent(recap, origin)),
      date: lastChanged(recap),
      published: new Date(recap.publishedAt),
      author: [{ name: xmlSafe(school.name) }],
    })
  }
  return newsFeedResponse(feed.atom1())
}

function newsFeedResponse(xml: string): Response {
  const headers = new Headers({
    'Content-Type': 'application/atom+xml; charset=utf-8',
    ...newsCacheHeaders('feed'),
  })
  // Resource routes skip entry.server, which sets these on pages.
  setSecurityHeaders(headers, null)
  return new Response(xml, { headers })
}

function lastChanged(recap: PublicRecap): Date {
  return new Date(Math.max(Date.parse(recap.updatedAt), Date.parse(recap.publishedAt)))
}

function figure(photo: PublicPhoto, origin: string): string {
  const caption = escapeHtml(photo.caption)
  const img = `<img src="${origin}/photos/${photo.id}/large" width="${photo.width}" height="${photo.height}" alt="${caption}">`
  return `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`
}

/** The entry as a reader shows it: cover, body, the other photos; every address absolute. */
function entryContent(recap: PublicRecap, origin: string): string {
  const body = recap.bodyHtml.replace(/\b(href|src)="\/(?!\/)/g, `$1="${origin}/`)
  const others = recap.photos.filter((photo) => photo.id !== recap.cover?.id)
  return [recap.cover ? figure(recap.cover, origin) : '', body, ...others.map((p) => figure(p, origin))]
    .filter(Boolean)
    .join('\n')
}

/** Without the characters XML 1.0 cannot carry at all: a feed reader would refuse the whole feed. */
function xmlSafe(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  )
}

/**
 * HTML for a CDATA section: the library escapes only the first `]]>`. Our HTML writes `>` in text as
 * `&gt;`, so this changes nothing a reader would see.
 */
function cdataSafe(html: string): string {
  return xmlSafe(html).replaceAll(']]>', ']]&gt;')
}
