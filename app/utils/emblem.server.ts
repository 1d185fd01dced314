import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { emblemSvg, schoolShortName } from '~/domain/emblem'
import { EMBLEM_PIXELS, emblemFilePath } from './photo-files.server'

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

type EmblemOwner = { slug: string; emblemKey: string | null }

/** The emblem as PNG (share cards); an uploaded one's key in the query busts caches when it changes. */
export function emblemPngPath(school: EmblemOwner): string {
  const path = `/s/${encodeURIComponent(school.slug)}/emblem.png`
  return school.emblemKey ? `${path}?v=${school.emblemKey}` : path
}

/** Where a page finds the school's emblem: the uploaded PNG, or the seal as SVG (sharp in any size). */
export function emblemPath(school: EmblemOwner): string {
  return school.emblemKey ? emblemPngPath(school) : `/s/${encodeURIComponent(school.slug)}/emblem.svg`
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
