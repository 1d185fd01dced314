/**
 * Photo and emblem files: where they live, their keys and sizes, checking and re-encoding them
 * with sharp, deleting them. No Remix here, so db/retain.ts (a CLI) can delete files without
 * pulling in the web framework; reading an upload from a request is utils/photo-upload.server.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp, { type OutputInfo } from 'sharp'
import { databasePathFromEnv } from '../../db/client'

const MiB = 1024 * 1024

/**
 * The largest photo accepted, 8 MiB: a phone's full-size JPEG fits, and the stored copies are
 * re-encoded far smaller anyway. Documented in the README; the form says it (photos.limits).
 */
export const PHOTO_MAX_BYTES = 8 * MiB

/**
 * The largest image decoded, 40 megapixels (a 48 MP phone shoots 12 MP by default). A few KB of
 * PNG can claim 100,000 × 100,000 pixels; it is refused from its header, before decoding.
 */
export const PHOTO_MAX_PIXELS = 40_000_000

/** The long side of the large copy and the width of the small one. */
export const PHOTO_LARGE_SIZE = 1600
export const PHOTO_SMALL_WIDTH = 480

/** The multipart field the photo arrives in. */
export const PHOTO_FIELD = 'photo'

export type PhotoErrorKey =
  | 'photos.errors.empty'
  | 'photos.errors.tooLarge'
  | 'photos.errors.notImage'
  | 'photos.errors.damaged'
  | 'photos.errors.tooManyPixels'

export type PhotoSize = 'large' | 'small'

export const PHOTO_SIZES: readonly PhotoSize[] = ['large', 'small']

export function isPhotoSize(value: unknown): value is PhotoSize {
  return value === 'large' || value === 'small'
}

/** process.env.PHOTO_DIR, else `photos` beside the database file. */
export function photoDirectory(): string {
  return process.env.PHOTO_DIR || join(dirname(databasePathFromEnv()), 'photos')
}

const FILE_KEY = /^[0-9a-f]{32}$/

export function isPhotoFileKey(value: string): boolean {
  return FILE_KEY.test(value)
}

/** Where one size of a stored photo lives; the key is checked so no path can be smuggled in. */
export function photoFilePath(fileKey: string, size: PhotoSize): string {
  if (!isPhotoFileKey(fileKey)) throw new Error('Not a photo file key')
  return join(photoDirectory(), size === 'large' ? `${fileKey}.jpg` : `${fileKey}-small.jpg`)
}

type ImageFormat = 'jpeg' | 'png' | 'webp'

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)
}

const ASCII = (text: string) => [...text].map((c) => c.charCodeAt(0))

/**
 * The format the bytes really are, by their magic numbers, whatever the file was called. Only
 * these three ever reach sharp: it would happily read SVG (and so fetch or script), GIF, TIFF…
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, ASCII('RIFF')) && startsWith(bytes, ASCII('WEBP'), 8)) return 'webp'
  return null
}

export type StoredPhoto = { ok: true; fileKey: string; width: number; height: number; bytes: number }
export type PhotoRefused = { ok: false; error: PhotoErrorKey }

function decoder(bytes: Uint8Array) {
  // Truncated or corrupt data fails instead of being half-decoded; the pixel limit refuses bombs.
  return sharp(bytes, { failOn: 'truncated', limitInputPixels: PHOTO_MAX_PIXELS }).timeout({ seconds: 30 })
}

function refusal(error: unknown): PhotoErrorKey {
  const message = error instanceof Error ? error.message : String(error)
  return /pixel limit/i.test(message) ? 'photos.errors.tooManyPixels' : 'photos.errors.damaged'
}

/**
 * Checks an uploaded photo by its content and stores it re-encoded: two JPEGs (large: inside
 * 1600 × 1600, never enlarged; small: 480 wide), turned upright by their EXIF orientation, with no
 * metadata at all (sharp writes none unless asked: no GPS, no camera, no comments). Anything
 * appended to the file or hidden in its metadata is left behind, because only pixels are kept.
 */
export async function storePhoto(bytes: Uint8Array): Promise<StoredPhoto | PhotoRefused> {
  if (bytes.byteLength === 0) return { ok: false, error: 'photos.errors.empty' }
  if (bytes.byteLength > PHOTO_MAX_BYTES) return { ok: false, error: 'photos.errors.tooLarge' }
  const format = sniffImageFormat(bytes)
  if (format === null) return { ok: false, error: 'photos.errors.notImage' }

  let large: { data: Buffer; info: OutputInfo }
  let small: Buffer
  try {
    const metadata = await decoder(bytes).metadata()
    // The header must agree with the magic bytes: a PNG inside a "JPEG" is not what it claims.
    if (metadata.format !== format) return { ok: false, error: 'photos.errors.notImage' }
    if (!metadata.width || !metadata.height) return { ok: false, error: 'photos.errors.damaged' }
    if (metadata.width * metadata.height > PHOTO_MAX_PIXELS)
      return { ok: false, error: 'photos.errors.tooManyPixels' }
    const upright = decoder(bytes).rotate().flatten({ background: '#ffffff' })
    const jpeg = { quality: 80, mozjpeg: true } as const
    ;[large, small] = await Promise.all([
      upright
        .clone()
        .resize({
          width: PHOTO_LARGE_SIZE,
          height: PHOTO_LARGE_SIZE,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .jpeg(jpeg)
        .toBuffer({ resolveWithObject: true }),
      upright.clone().resize({ width: PHOTO_SMALL_WIDTH, withoutEnlargement: true }).jpeg(jpeg).toBuffer(),
    ])
  } catch (error) {
    return { ok: false, error: refusal(error) }
  }

  const fileKey = randomBytes(16).toString('hex')
  await mkdir(photoDirectory(), { recursive: true })
  try {
    await writeFile(photoFilePath(fileKey, 'large'), large.data, { flag: 'wx' })
    await writeFile(photoFilePath(fileKey, 'small'), small, { flag: 'wx' })
  } catch (error) {
    await deletePhotoFiles(fileKey)
    throw error
  }
  return {
    ok: true,
    fileKey,
    width: large.info.width,
    height: large.info.height,
    bytes: large.data.byteLength,
  }
}

/** The side of a stored emblem (square, the picture contained on a transparent ground). */
export const EMBLEM_PIXELS = 600

/** Where a school's uploaded emblem lives, beside the photos; the key is checked like a photo's. */
export function emblemFilePath(fileKey: string): string {
  if (!isPhotoFileKey(fileKey)) throw new Error('Not an emblem file key')
  return join(photoDirectory(), `${fileKey}-emblem.png`)
}

/**
 * Checks an uploaded emblem as a photo is checked (by content: JPEG, PNG or WebP only, so never an
 * SVG that could script) and stores it re-encoded as a 600 × 600 PNG, transparency kept, no metadata.
 */
export async function storeEmblem(bytes: Uint8Array): Promise<{ ok: true; fileKey: string } | PhotoRefused> {
  if (bytes.byteLength === 0) return { ok: false, error: 'photos.errors.empty' }
  if (bytes.byteLength > PHOTO_MAX_BYTES) return { ok: false, error: 'photos.errors.tooLarge' }
  const format = sniffImageFormat(bytes)
  if (format === null) return { ok: false, error: 'photos.errors.notImage' }
  let png: Buffer
  try {
    const metadata = await decoder(bytes).metadata()
    if (metadata.format !== format) return { ok: false, error: 'photos.errors.notImage' }
    if (!metadata.width || !metadata.height) return { ok: false, error: 'photos.errors.damaged' }
    png = await decoder(bytes)
      .rotate()
      .resize({
        width: EMBLEM_PIXELS,
        height: EMBLEM_PIXELS,
        fit: 'contain',
        background: { r: 0, g: 0, b: 0, alpha: 0 },
      })
      .png()
      .toBuffer()
  } catch (error) {
    return { ok: false, error: refusal(error) }
  }
  const fileKey = randomBytes(16).toString('hex')
  await mkdir(photoDirectory(), { recursive: true })
  await writeFile(emblemFilePath(fileKey), png, { flag: 'wx' })
  return { ok: true, fileKey }
}

/** Removes a replaced emblem's file; a missing one is no error. */
export async function deleteEmblemFile(fileKey: string): Promise<void> {
  if (isPhotoFileKey(fileKey)) await rm(emblemFilePath(fileKey), { force: true })
}

/** Removes both stored sizes; a missing file is no error (the row may outlive a failed write). */
export async function deletePhotoFiles(fileKey: string): Promise<void> {
  if (!isPhotoFileKey(fileKey)) return
  await Promise.all(PHOTO_SIZES.map((size) => rm(photoFilePath(fileKey, size), { force: true })))
}
