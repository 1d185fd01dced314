import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { emblemSvg, schoolShortName } from '~/domain/emblem'
import { EMBLEM_PIXELS, emblemFilePath } from './photos.server'

type EmblemSchool = { name: string; district: string; emblemKey: string | null }

/** The generated seal of a school, as an SVG document. */
export function generatedEmblemSvg(school: EmblemSchool): string {
  return emblemSvg({ name: school.name, shortName: schoolShortName(school.name, school.district) })
}

/**
 * The emblem as a 600 × 600 PNG, for share cards (og:image) that do not take SVG: the uploaded one,
 * else the generated seal rasterised. Only our own SVG ever reaches sharp's SVG reader.
 */
export async function emblemPng(school: EmblemSchool): Promise<Buffer> {
  if (school.emblemKey) {
    try {
      return await readFile(emblemFilePath(school.emblemKey))
    } catch (error) {
      // A lost file falls back to the seal rather than a broken share card.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  return sharp(Buffer.from(generatedEmblemSvg(school)), { density: (72 * EMBLEM_PIXELS) / 200 })
    .resize(EMBLEM_PIXELS, EMBLEM_PIXELS)
    .png()
    .toBuffer()
}

export { EMBLEM_PIXELS }

/** Where a page finds the school's emblem: the uploaded PNG (its key busts caches) or the seal. */
export function emblemPath(school: { slug: string; emblemKey: string | null }): string {
  const base = `/s/${encodeURIComponent(school.slug)}`
  return school.emblemKey ? `${base}/emblem.png?v=${school.emblemKey}` : `${base}/emblem.svg`
}

/** Headers of an emblem answer: public (the emblem is), never sniffed, no scripts even in SVG. */
export function emblemHeaders(contentType: string, etag: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Cache-Control': 'public, max-age=300',
    ETag: etag,
  })
}
