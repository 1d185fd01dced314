import type { Kysely, Transaction } from 'kysely'
import { maskPupilNames, photoShownTo, pupilNamesIn } from '~/domain/recap-privacy'
import { listRecapPhotos } from '~/models/photos.server'
import { renderMarkdown } from '~/utils/markdown.server'
import { PHOTO_SMALL_WIDTH } from '~/utils/photo-files.server'
import type { Database } from '../../db/schema'

type Executor = Kysely<Database> | Transaction<Database>

/**
 * A school's public news: published recaps meant for the public, and nothing else, with every pupil
 * named by surname only and only the photos the public may see. Each function runs a fixed number of
 * statements, however many recaps, photos and pupils there are.
 */

export const NEWS_PER_PAGE = 10
export const FEED_ENTRIES = 20
const EXCERPT_CHARACTERS = 80

/** A photo as the public sees it: its caption already masked. */
export type PublicPhoto = { id: number; caption: string; width: number; height: number }

export type PublicRecapSummary = {
  id: number
  title: string
  excerpt: string
  publishedAt: string
  cover: PublicPhoto | null
}

/** The strand a recap tells of (its first linked activity's), for its card's colour. */
export type RecapStrand = { title: string; position: number }

export type PublicRecap = PublicRecapSummary & {
  updatedAt: string
  bodyHtml: string
  seasonTitle: string | null
  /** Every photo the public may see, in the author's order; the cover among them. */
  photos: PublicPhoto[]
}

type RecapRow = {
  id: number
  title: string
  body: string
  coverPhotoId: number | null
  publishedAt: string | null
  updatedAt: string
  seasonTitle?: string | null
}

function publicRecaps(db: Executor, schoolId: number) {
  return db
    .selectFrom('recaps')
    .select([
      'recaps.id',
      'recaps.title',
      'recaps.body',
      'recaps.cover_photo_id as coverPhotoId',
      'recaps.published_at as publishedAt',
      'recaps.updated_at as updatedAt',
    ])
    .where('recaps.school_id', '=', schoolId)
    .where('recaps.status', '=', 'published')
    .where('recaps.audience', '=', 'public')
}

/** One page of the public list, newest first; `hasNext` says whether an older page exists. */
export async function listPublicRecapPage(
  db: Executor,
  { schoolId, page, perPage = NEWS_PER_PAGE }: { schoolId: number; page: number; perPage?: number },
): Promise<{ recaps: (PublicRecapSummary & { strand: RecapStrand | null })[]; hasNext: boolean }> {
  // One row more than the page tells whether another page follows, without counting them all.
  const rows = await publicRecaps(db, schoolId)
    .orderBy('recaps.published_at', 'desc')
    .orderBy('recaps.id', 'desc')
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute()
  const shown = rows.slice(0, perPage)
  const [recaps, strands] = await Promise.all([
    toPublicRecaps(db, schoolId, shown),
    listRecapStrands(db, { schoolId, recapIds: shown.map((row) => row.id) }),
  ])
  return {
    recaps: recaps.map(({ id, title, excerpt, publishedAt, cover }) => ({
      id,
      title,
      excerpt,
      publishedAt,
      cover,
      strand: strands.get(id) ?? null,
    })),
    hasNext: rows.length > perPage,
  }
}

/** Each recap's strand: that of its earliest linked activity with one. One statement. */
async function listRecapStrands(
  db: Executor,
  { schoolId, recapIds }: { schoolId: number; recapIds: readonly number[] },
): Promise<Map<number, RecapStrand>> {
  if (recapIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('recap_activities')
    .innerJoin('activities', 'activities.id', 'recap_activities.activity_id')
    .innerJoin('strands', 'strands.id', 'activities.strand_id')
    .select(['recap_activities.recap_id as recapId', 'strands.title', 'strands.position'])
    .where('recap_activities.recap_id', 'in', recapIds)
    .where('activities.school_id', '=', schoolId)
    .where('strands.school_id', '=', schoolId)
    .orderBy('activities.starts_at')
    .orderBy('activities.id')
    .execute()
  const strands = new Map<number, RecapStrand>()
  for (const row of rows) {
    if (!strands.has(row.recapId)) strands.set(row.recapId, { title: row.title, position: row.position })
  }
  return strands
}

/**
 * The season the public page leads with: the school's published one running today, else the one
 * that started most recently, else null. Its title and slogan are the school's own programme text.
 */
export async function findCurrentPublicSeason(
  db: Executor,
  { schoolId, today }: { schoolId: number; today: string },
): Promise<{ title: string; slogan: string } | null> {
  const row = await db
    .selectFrom('seasons')
    .select(['title', 'slogan'])
    .where('school_id', '=', schoolId)
    .where('status', '=', 'published')
    .where('starts_on', '<=', today)
    .orderBy((eb) => eb.case().when('ends_on', '>=', today).then(0).else(1).end())
    .orderBy('starts_on', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ?? null
}

/** The newest public recaps in full, for the Atom feed. */
export async function listPublicRecapsForFeed(
  db: Executor,
  { schoolId, limit = FEED_ENTRIES }: { schoolId: number; limit?: number },
): Promise<PublicRecap[]> {
  const rows = await publicRecaps(db, schoolId)
    .orderBy('recaps.published_at', 'desc')
    .orderBy('recaps.id', 'desc')
    .limit(limit)
    .execute()
  return toPublicRecaps(db, schoolId, rows)
}

/** One public recap of the school, or null when it is not public (or not this school's). */
export async function findPublicRecap(
  db: Executor,
  { schoolId, recapId }: { schoolId: number; recapId: number },
): Promise<PublicRecap | null> {
  const row = await publicRecaps(db, schoolId)
    .leftJoin('seasons', (join) =>
      join.onRef('seasons.id', '=', 'recaps.season_id').on('seasons.school_id', '=', schoolId),
    )
    .select('seasons.title as seasonTitle')
    .where('recaps.id', '=', recapId)
    .executeTakeFirst()
  if (!row) return null
  const [recap] = await toPublicRecaps(db, schoolId, [row])
  return recap ?? null
}

/** Every pupil's name the school has ever had (left or graduated ones too): all are masked. */
async function listPupilNames(db: Executor, schoolId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('students')
    .select('name')
    .distinct()
    .where('school_id', '=', schoolId)
    .execute()
  return rows.map((row) => row.name)
}

/** Masks names, drops what the public may not see, renders the masked Markdown: two more statements. */
async function toPublicRecaps(
  db: Executor,
  schoolId: number,
  rows: readonly RecapRow[],
): Promise<PublicRecap[]> {
  if (rows.length === 0) return []
  const [names, photos] = await Promise.all([
    listPupilNames(db, schoolId),
    listRecapPhotos(db, { schoolId, recapIds: rows.map((row) => row.id) }),
  ])
  const texts = [
    ...rows.flatMap((row) => [row.title, row.body, row.seasonTitle ?? '']),
    ...photos.map((photo) => photo.caption),
  ].join('\n')
  const named = pupilNamesIn(texts, names)
  const mask = (text: string) => (named.length ? maskPupilNames(text, named) : text)

  const shownByRecap = new Map<number, PublicPhoto[]>()
  for (const photo of photos) {
    if (!photoShownTo(photo, 'public')) continue
    const shown = shownByRecap.get(photo.recapId) ?? []
    shown.push({ id: photo.id, caption: mask(photo.caption), width: photo.width, height: photo.height })
    shownByRecap.set(photo.recapId, shown)
  }

  return rows.map((row) => {
    const shown = shownByRecap.get(row.id) ?? []
    const bodyHtml = publicBodyHtml(mask(row.body), names, named)
    return {
      id: row.id,
      title: mask(row.title),
      excerpt: excerptOf(plainTextOf(bodyHtml)),
      publishedAt: row.publishedAt ?? row.updatedAt,
      updatedAt: row.updatedAt,
      seasonTitle: row.seasonTitle ? mask(row.seasonTitle) : null,
      bodyHtml,
      cover: shown.find((photo) => photo.id === row.coverPhotoId) ?? null,
      photos: shown,
    }
  })
}

/**
 * The body is masked as Markdown, before rendering. Should the rendering still show a name (split by
 * emphasis, **张**思远, or written as character references), the public gets the masked plain text.
 */
function publicBodyHtml(maskedMarkdown: string, names: readonly string[], named: readonly string[]): string {
  const html = renderMarkdown(maskedMarkdown)
  const text = plainTextOf(html)
  const leaked = pupilNamesIn(text, names).filter((name) => [...name].length >= 2)
  if (leaked.length === 0) return html
  return `<p>${escapeHtml(maskPupilNames(text, [...named, ...leaked]))}</p>`
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text for HTML (and for the feed's HTML fields). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? entity
    const point =
      code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1))
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : entity
  })
}

/** The words of safe, rendered HTML: tags dropped (blocks end with a space), entities decoded. */
export function plainTextOf(html: string): string {
  const text = html
    .replace(/<(?:br|\/p|\/li|\/h[1-6]|\/blockquote|\/pre|\/td|\/th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
  return decodeEntities(text).replace(/\s+/g, ' ').trim()
}

/** About 80 characters (CJK or not), cut with an ellipsis. */
export function excerptOf(text: string, characters = EXCERPT_CHARACTERS): string {
  const chars = Array.from(text)
  if (chars.length <= characters) return text
  return `${chars.slice(0, characters).join('').trimEnd()}…`
}

/** The small rendering's size (480 px wide, never enlarged), in the photo's proportions. */
export function smallSize(photo: PublicPhoto): { width: number; height: number } {
  const width = Math.min(PHOTO_SMALL_WIDTH, photo.width)
  return { width, height: Math.max(1, Math.round((photo.height * width) / photo.width)) }
}

/**
 * Caching of every public news answer, in one place. A signed-in visitor's page carries their name in
 * the header, so only an anonymous one may sit in a shared cache; pages vary with the language.
 */
export function newsCacheHeaders(kind: 'page' | 'feed', signedIn = false): Record<string, string> {
  if (kind === 'feed') return { 'Cache-Control': 'public, max-age=60' }
  return {
    'Cache-Control': signedIn ? 'private, no-store' : 'public, max-age=60',
    Vary: 'Cookie, Accept-Language',
  }
}
