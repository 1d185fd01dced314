import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import type { Kysely } from 'kysely'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { listRecapPhotos } from '~/models/photos.server'
import {
  deletePhotoFiles,
  PHOTO_MAX_BYTES,
  photoDirectory,
  photoFilePath,
  type StoredPhoto,
  storePhoto,
} from '~/utils/photo-files.server'
import { readPhotoUpload } from '~/utils/photo-upload.server'
import { PHOTO_REQUEST_MAX_BYTES } from '~/utils/request-body.server'
import { now } from '../../app/utils/clock'
import type { Database, PhotoConsent, RecapAudience, RecapStatus } from '../../db/schema'
import { createClass, createPhoto, createRandom, createRecap, createStudents } from '../../seeds/factories'
import { BASE_URL, getTestApp } from '../setup/app'

// Photos: the content checks and re-encoding of storePhoto, the multipart reading of
// readPhotoUpload, and who gets which photo from /photos/:id/:size. Every recap, photo and pupil
// here is this file's own (titles 照片测试·…, an archived class 照片测试班).

const JIWANG = 1
const ZAOBEI = 2

function solid(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
}
const jpeg = (width = 64, height = 48) => solid(width, height).jpeg().toBuffer()
const png = (width = 64, height = 48) => solid(width, height).png().toBuffer()
const webp = (width = 64, height = 48) => solid(width, height).webp().toBuffer()

const MARKER = 'window.__xss = true'

/** A JPEG with a comment segment (COM, FF FE) carrying text, right after the start marker. */
function withJpegComment(image: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'latin1')
  const length = Buffer.alloc(2)
  length.writeUInt16BE(body.length + 2)
  return Buffer.concat([image.subarray(0, 2), Buffer.from([0xff, 0xfe]), length, body, image.subarray(2)])
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** A few hundred bytes of PNG that claim 100,000 × 100,000 pixels: a decompression bomb. */
function pngBomb(): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(100_000, 0)
  header.writeUInt32BE(100_000, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

async function stored(bytes: Uint8Array): Promise<StoredPhoto> {
  const result = await storePhoto(bytes)
  if (!result.ok) throw new Error(`Expected the photo to be stored, got ${result.error}`)
  return result
}

describe('storePhoto', () => {
  beforeAll(async () => {
    await getTestApp()
  })

  it.each([
    ['JPEG', jpeg],
    ['PNG', png],
    ['WebP', webp],
  ])('stores a %s as two JPEGs with a server-made name', async (_, make) => {
    const result = await stored(await make())
    expect(result.fileKey).toMatch(/^[0-9a-f]{32}$/)
    expect(result).toMatchObject({ width: 64, height: 48 })
    const large = await readFile(photoFilePath(result.fileKey, 'large'))
    expect(result.bytes).toBe(large.byteLength)
    expect(readdirSync(photoDirectory())).toEqual(
      expect.arrayContaining([`${result.fileKey}.jpg`, `${result.fileKey}-small.jpg`]),
    )
    for (const size of ['large', 'small'] as const) {
      const meta = await sharp(await readFile(photoFilePath(result.fileKey, size))).metadata()
      expect(meta.format).toBe('jpeg')
    }
  })

  it('fits the large copy inside 1600 × 1600 and makes the small one 480 wide', async () => {
    const result = await stored(await jpeg(3200, 2400))
    expect(result).toMatchObject({ width: 1600, height: 1200 })
    const small = await sharp(await readFile(photoFilePath(result.fileKey, 'small'))).metadata()
    expect([small.width, small.height]).toEqual([480, 360])
  })

  it('never enlarges a small photo', async () => {
    const result = await stored(await png(300, 200))
    expect(result).toMatchObject({ width: 300, height: 200 })
    const small = await sharp(await readFile(photoFilePath(result.fileKey, 'small'))).metadata()
    expect([small.width, small.height]).toEqual([300, 200])
  })

  it('turns a photo upright by its EXIF orientation', async () => {
    // Stored landscape, with orientation 6 (rotate 90° clockwise to view): it is a portrait photo
    const sideways = await solid(200, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    expect((await sharp(sideways).metadata()).orientation).toBe(6)
    const result = await stored(sideways)
    expect(result).toMatchObject({ width: 100, height: 200 })
    expect(
      (await sharp(await readFile(photoFilePath(result.fileKey, 'large'))).metadata()).orientation,
    ).toBeUndefined()
  })

  it('strips EXIF with GPS, comments and everything else from both sizes', async () => {
    const located = await solid(120, 90)
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneMaker', ImageDescription: `<script>${MARKER}</script>` },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '31/1 13/1 5/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '121/1 28/1 0/1',
        },
      })
      .toBuffer()
    const upload = withJpegComment(located, `<script>${MARKER}</script>`)
    // The upload really carries them: GPS in its EXIF, script in a comment and in the EXIF
    const input = await sharp(upload).metadata()
    expect(input.exif?.includes('PhoneMaker')).toBe(true)
    // The GPS IFD pointer, tag 0x8825, in the EXIF's little-endian (II) byte order
    expect(input.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true)
    expect(upload.includes(`<script>${MARKER}`)).toBe(true)
    const result = await stored(upload)
    for (const size of ['large', 'small'] as const) {
      const bytes = await readFile(photoFilePath(result.fileKey, size))
      const meta = await sharp(bytes).metadata()
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(meta.iptc).toBeUndefined()
      expect(meta.comments).toBeUndefined()
      expect(bytes.includes('PhoneMaker')).toBe(false)
      expect(bytes.includes('<script')).toBe(false)
      expect(bytes.includes(MARKER)).toBe(false)
    }
  })

  it('accepts a polyglot but keeps only its pixels', async () => {
    const appended = `<html><body><script>${MARKER}</script></body></html>`
    const polyglot = Buffer.concat([await jpeg(), Buffer.from(appended)])
    const result = await stored(polyglot)
    for (const size of ['large', 'small'] as const) {
      const bytes = await readFile(photoFilePath(result.fileKey, size))
      expect(bytes.includes('<script')).toBe(false)
      expect(bytes.includes('<html')).toBe(false)
      expect(bytes.includes(MARKER)).toBe(false)
    }
  })

  it.each([
    ['a zero-byte file', () => new Uint8Array(0), 'photos.errors.empty'],
    [
      'a file over the limit',
      () => {
        const bytes = new Uint8Array(PHOTO_MAX_BYTES + 1)
        bytes.set([0xff, 0xd8, 0xff])
        return bytes
      },
      'photos.errors.tooLarge',
    ],
    [
      'an SVG',
      () =>
        Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" onload="${MARKER}"><rect width="9" height="9"/></svg>`,
        ),
      'photos.errors.notImage',
    ],
    [
      'an SVG with an XML declaration',
      () =>
        Buffer.from(
          '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
        ),
      'photos.errors.notImage',
    ],
    [
      'an HTML page named .jpg',
      () => Buffer.from(`<!doctype html><script>${MARKER}</script>`),
      'photos.errors.notImage',
    ],
    ['a text file', () => Buffer.from('合影.jpg'), 'photos.errors.notImage'],
    ['a GIF', () => solid(20, 20).gif().toBuffer(), 'photos.errors.notImage'],
    ['a TIFF', () => solid(20, 20).tiff().toBuffer(), 'photos.errors.notImage'],
    ['a truncated JPEG', async () => (await jpeg(400, 300)).subarray(0, 600), 'photos.errors.damaged'],
    [
      'a truncated PNG',
      async () => (await solid(400, 300).png({ compressionLevel: 0 }).toBuffer()).subarray(0, 2000),
      'photos.errors.damaged',
    ],
    ['a truncated WebP', async () => (await webp(400, 300)).subarray(0, 60), 'photos.errors.damaged'],
    [
      'JPEG magic bytes then noise',
      () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]),
      'photos.errors.damaged',
    ],
    ['a decompression bomb', () => pngBomb(), 'photos.errors.tooManyPixels'],
  ])('refuses %s', async (_, make, error) => {
    const before = existsSync(photoDirectory()) ? readdirSync(photoDirectory()).length : 0
    expect(await storePhoto(await make())).toEqual({ ok: false, error })
    expect(existsSync(photoDirectory()) ? readdirSync(photoDirectory()).length : 0).toBe(before)
  })

  it('deletes both stored sizes', async () => {
    const result = await stored(await jpeg())
    await deletePhotoFiles(result.fileKey)
    expect(existsSync(photoFilePath(result.fileKey, 'large'))).toBe(false)
    expect(existsSync(photoFilePath(result.fileKey, 'small'))).toBe(false)
    // A key that is not ours names no file
    await expect(deletePhotoFiles('../siji')).resolves.toBeUndefined()
  })
})

/** A multipart request as a browser sends it, with the fields in this order. */
function multipart(
  fields: [string, string | Blob, string?][],
  headers: Record<string, string> = {},
): Request {
  const formData = new FormData()
  for (const [name, value, fileName] of fields) {
    if (typeof value === 'string') formData.append(name, value)
    else formData.append(name, value, fileName)
  }
  return new Request(`${BASE_URL}/recaps/1/edit`, { method: 'POST', body: formData, headers })
}

describe('readPhotoUpload', () => {
  it('reads the photo and the other fields', async () => {
    const image = await jpeg()
    const { formData, upload, uploadError } = await readPhotoUpload(
      multipart([
        ['intent', 'add-photo'],
        ['photo', new Blob([image], { type: 'image/jpeg' }), 'IMG_0001.jpg'],
        ['caption', '志愿者在社区服务中心'],
      ]),
    )
    expect(uploadError).toBeNull()
    expect(upload?.name).toBe('IMG_0001.jpg')
    expect(Buffer.from(upload?.bytes ?? []).equals(image)).toBe(true)
    expect(formData.get('intent')).toBe('add-photo')
    expect(formData.get('caption')).toBe('志愿者在社区服务中心')
    expect(formData.get('photo')).toBeNull()
    expect(await storePhoto(upload?.bytes ?? new Uint8Array())).toMatchObject({ ok: true })
  })

  it('gives no upload when no file was chosen', async () => {
    const result = await readPhotoUpload(
      multipart([
        ['caption', '没有照片'],
        ['photo', new Blob([], { type: 'application/octet-stream' }), ''],
      ]),
    )
    expect(result).toMatchObject({ upload: null, uploadError: null })
    expect(result.formData.get('caption')).toBe('没有照片')
  })

  it('reports an empty file', async () => {
    const result = await readPhotoUpload(multipart([['photo', new Blob([]), 'empty.jpg']]))
    expect(result).toMatchObject({ upload: null, uploadError: 'photos.errors.empty' })
  })

  it('reports a photo over the limit while the fields after it still arrive', async () => {
    const result = await readPhotoUpload(
      multipart([
        ['intent', 'add-photo'],
        ['photo', new Blob([new Uint8Array(PHOTO_MAX_BYTES + 1)]), 'big.jpg'],
        ['caption', '大照片'],
      ]),
    )
    expect(result).toMatchObject({ upload: null, uploadError: 'photos.errors.tooLarge' })
    expect(result.formData.get('intent')).toBe('add-photo')
    expect(result.formData.get('caption')).toBe('大照片')
  })

  it('reads no further than the request cap, keeping the fields before the photo', async () => {
    const result = await readPhotoUpload(
      multipart([
        ['intent', 'add-photo'],
        ['caption', '太大了'],
        ['photo', new Blob([new Uint8Array(PHOTO_REQUEST_MAX_BYTES + 1024)]), 'huge.jpg'],
        ['after', 'lost'],
      ]),
    )
    expect(result).toMatchObject({ upload: null, uploadError: 'photos.errors.tooLarge' })
    expect(result.formData.get('caption')).toBe('太大了')
    expect(result.formData.get('after')).toBeNull()
  })

  it('believes a Content-Length over the cap', async () => {
    const result = await readPhotoUpload(
      multipart([['photo', new Blob([await jpeg()]), 'a.jpg']], {
        'Content-Length': String(PHOTO_REQUEST_MAX_BYTES + 1),
      }),
    )
    expect(result).toMatchObject({ upload: null, uploadError: 'photos.errors.tooLarge' })
  })

  it('reads a form sent without a file input', async () => {
    const request = new Request(`${BASE_URL}/recaps/1/edit`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'save', title: '标题' }),
    })
    const result = await readPhotoUpload(request)
    expect(result).toMatchObject({ upload: null, uploadError: null })
    expect(result.formData.get('title')).toBe('标题')
  })

  it('answers 400 to a broken multipart body', async () => {
    const request = new Request(`${BASE_URL}/recaps/1/edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunfinished',
    })
    await expect(readPhotoUpload(request)).rejects.toMatchObject({ status: 400 })
  })
})

describe('GET /photos/:photoId/:size', () => {
  type App = Awaited<ReturnType<typeof getTestApp>>
  let app: App
  let db: Kysely<Database>
  const cookies: Record<string, string> = {}
  const ids: Record<string, number> = {}

  async function userId(username: string): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
    return row.id
  }

  async function gradeId(schoolId: number, level: number): Promise<number> {
    const row = await db
      .selectFrom('grades')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('level', '=', level)
      .executeTakeFirstOrThrow()
    return row.id
  }

  async function classOf(studentName: string): Promise<{ classId: number; gradeId: number }> {
    return db
      .selectFrom('students')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .select(['classes.id as classId', 'classes.grade_id as gradeId'])
      .where('students.school_id', '=', JIWANG)
      .where('students.name', '=', studentName)
      .executeTakeFirstOrThrow()
  }

  async function recap(
    name: string,
    input: {
      schoolId?: number
      status?: RecapStatus
      audience?: RecapAudience
      authorId: number
      gradeIds?: number[]
      classIds?: number[]
    },
  ) {
    ids[name] = await createRecap(db, {
      schoolId: input.schoolId ?? JIWANG,
      title: `照片测试·${name}`,
      status: input.status ?? 'published',
      audience: input.audience ?? 'public',
      authorId: input.authorId,
      gradeIds: input.gradeIds,
      classIds: input.classIds,
    })
    return ids[name] as number
  }

  async function photo(
    name: string,
    recapName: string,
    {
      pupilIds,
      schoolId = JIWANG,
      file = true,
      position = 1,
    }: { pupilIds?: number[]; schoolId?: number; file?: boolean; position?: number } = {},
  ) {
    const image = file ? await stored(await jpeg(2000, 1000)) : null
    ids[name] = await createPhoto(db, {
      schoolId,
      recapId: ids[recapName] as number,
      fileKey: image?.fileKey ?? 'f'.repeat(32),
      width: image?.width ?? 10,
      height: image?.height ?? 10,
      bytes: image?.bytes ?? 10,
      pupilIds,
      position,
    })
  }

  function get(name: string, who: string, size = 'large', headers: Record<string, string> = {}) {
    return app.request(`/photos/${ids[name]}/${size}`, { cookie: cookies[who], headers })
  }

  beforeAll(async () => {
    app = await getTestApp()
    db = app.db
    for (const who of ['jw-admin', 'jw-teacher', 'jw-parent', 'zb-parent', 'zb-admin']) {
      cookies[who] = await app.signIn(who)
    }
    const teacher = await userId('jw-teacher')
    const admin = await userId('jw-admin')
    const zbAdmin = await userId('zb-admin')

    // Pupils of this file, in a class archived at once so it shows up in no other page
    const grade4 = await gradeId(JIWANG, 4)
    const klass = await createClass(db, { schoolId: JIWANG, gradeId: grade4, number: 97, name: '照片测试班' })
    await db
      .updateTable('classes')
      .set({ archived_at: now().toISOString() })
      .where('id', '=', klass.id)
      .execute()
    const consents: PhotoConsent[] = ['public', 'school', 'none']
    const pupils = await createStudents(db, {
      schoolId: JIWANG,
      classId: klass.id,
      count: 3,
      startNumber: 1,
      numberPrefix: 'PHOTO-TEST-',
      random: createRandom(61),
      names: ['照公开', '照校内', '照不用'],
    })
    for (const [i, pupil] of pupils.entries()) {
      await db
        .updateTable('students')
        .set({ photo_consent: consents[i] as PhotoConsent, active: 0 })
        .where('id', '=', pupil.id)
        .execute()
    }
    const [publicPupil, schoolPupil, nonePupil] = pupils.map((p) => p.id)

    const { classId: class52, gradeId: grade5 } = await classOf('张思远')
    const grade3 = await gradeId(JIWANG, 3)
    const class51 = await db
      .selectFrom('classes')
      .select('id')
      .where('grade_id', '=', grade5)
      .where('id', '!=', class52)
      .where('archived_at', 'is', null)
      .executeTakeFirstOrThrow()

    await recap('public', { authorId: teacher })
    // Made out of order: positions decide the order of listRecapPhotos
    await photo('schoolPupil', 'public', {
      pupilIds: [schoolPupil as number, publicPupil as number],
      position: 3,
    })
    await photo('noPupils', 'public', { position: 1 })
    await photo('publicPupil', 'public', { pupilIds: [publicPupil as number], position: 2 })
    await photo('nonePupil', 'public', { pupilIds: [nonePupil as number], position: 4 })
    await photo('unnamed', 'public', { position: 5 })
    await db
      .updateTable('photos')
      .set({ shows_pupils: 1 })
      .where('id', '=', ids.unnamed as number)
      .execute()
    await photo('missingFile', 'public', { file: false, position: 6 })

    await recap('parents', { audience: 'parents', authorId: teacher })
    await photo('parentsPhoto', 'parents')
    await recap('grade5', { audience: 'grades', gradeIds: [grade5], authorId: teacher })
    await photo('grade5Photo', 'grade5')
    await recap('grade3', { audience: 'grades', gradeIds: [grade3], authorId: teacher })
    await photo('grade3Photo', 'grade3')
    await recap('class52', { audience: 'classes', classIds: [class52], authorId: teacher })
    await photo('class52Photo', 'class52')
    await recap('class51', { audience: 'classes', classIds: [class51.id], authorId: teacher })
    await photo('class51Photo', 'class51')
    await recap('staff', { audience: 'staff', authorId: teacher })
    await photo('staffPhoto', 'staff')
    await recap('teacherDraft', { status: 'draft', authorId: teacher })
    await photo('teacherDraftPhoto', 'teacherDraft')
    await recap('inReview', { status: 'in_review', authorId: teacher })
    await photo('inReviewPhoto', 'inReview')
    await recap('adminDraft', { status: 'draft', authorId: admin })
    await photo('adminDraftPhoto', 'adminDraft')
    await recap('zaobeiParents', { schoolId: ZAOBEI, audience: 'parents', authorId: zbAdmin })
    await photo('zaobeiPhoto', 'zaobeiParents', { schoolId: ZAOBEI })
    await recap('zaobeiPublic', { schoolId: ZAOBEI, audience: 'public', authorId: zbAdmin })
    await photo('zaobeiPublicPhoto', 'zaobeiPublic', { schoolId: ZAOBEI })
  })

  // photo → who gets it (200); everyone else in WHO gets 404
  const WHO = ['anon', 'jw-parent', 'zb-parent', 'jw-teacher', 'jw-admin'] as const
  const ACCESS: Record<string, (typeof WHO)[number][]> = {
    noPupils: ['anon', 'jw-parent', 'zb-parent', 'jw-teacher', 'jw-admin'],
    publicPupil: ['anon', 'jw-parent', 'zb-parent', 'jw-teacher', 'jw-admin'],
    schoolPupil: ['jw-parent', 'jw-teacher', 'jw-admin'],
    nonePupil: ['jw-teacher', 'jw-admin'],
    unnamed: ['jw-teacher', 'jw-admin'],
    missingFile: [],
    parentsPhoto: ['jw-parent', 'jw-teacher', 'jw-admin'],
    grade5Photo: ['jw-parent', 'jw-teacher', 'jw-admin'],
    grade3Photo: ['jw-teacher', 'jw-admin'],
    class52Photo: ['jw-parent', 'jw-teacher', 'jw-admin'],
    class51Photo: ['jw-teacher', 'jw-admin'],
    staffPhoto: ['jw-teacher', 'jw-admin'],
    teacherDraftPhoto: ['jw-teacher'],
    inReviewPhoto: ['jw-teacher', 'jw-admin'],
    adminDraftPhoto: ['jw-admin'],
    zaobeiPhoto: ['zb-parent'],
    zaobeiPublicPhoto: ['anon', 'jw-parent', 'zb-parent', 'jw-teacher', 'jw-admin'],
  }

  for (const [name, allowed] of Object.entries(ACCESS)) {
    it.each(WHO.map((who) => [who]))(`${name}: %s`, async (who) => {
      const response = await get(name, who)
      expect(response.status).toBe(allowed.includes(who) ? 200 : 404)
      if (response.status === 200) {
        expect(response.headers.get('Content-Type')).toBe('image/jpeg')
        expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
        expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'")
        expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe('jpeg')
      }
    })
  }

  it('serves the two sizes', async () => {
    const large = await get('noPupils', 'anon', 'large')
    const small = await get('noPupils', 'anon', 'small')
    expect((await sharp(Buffer.from(await large.arrayBuffer())).metadata()).width).toBe(1600)
    expect((await sharp(Buffer.from(await small.arrayBuffer())).metadata()).width).toBe(480)
    expect(large.headers.get('ETag')).not.toBe(small.headers.get('ETag'))
  })

  it.each(['medium', 'LARGE', 'large.jpg', '..'])('answers 404 to the size %j', async (size) => {
    expect((await get('noPupils', 'jw-admin', size)).status).toBe(404)
  })

  it.each(['0', '-1', 'abc', '1e3', '99999999'])('answers 404 to the photo id %j', async (id) => {
    const response = await app.request(`/photos/${id}/large`, { cookie: cookies['jw-admin'] })
    expect(response.status).toBe(404)
  })

  it('lets the public cache only what the public may see', async () => {
    expect((await get('noPupils', 'anon')).headers.get('Cache-Control')).toBe('public, max-age=300')
    // The same public photo read by staff is still public
    expect((await get('noPupils', 'jw-admin')).headers.get('Cache-Control')).toBe('public, max-age=300')
    expect((await get('schoolPupil', 'jw-parent')).headers.get('Cache-Control')).toBe('private, no-store')
    expect((await get('parentsPhoto', 'jw-parent')).headers.get('Cache-Control')).toBe('private, no-store')
    expect((await get('staffPhoto', 'jw-teacher')).headers.get('Cache-Control')).toBe('private, no-store')
  })

  it('answers 304 to a matching If-None-Match, only to a reader allowed to see it', async () => {
    const first = await get('parentsPhoto', 'jw-parent')
    const etag = first.headers.get('ETag') ?? ''
    expect(etag).toMatch(/^"[0-9a-f]{32}-large"$/)
    const again = await get('parentsPhoto', 'jw-parent', 'large', { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(
      (await get('parentsPhoto', 'jw-parent', 'large', { 'If-None-Match': `W/${etag}, "x"` })).status,
    ).toBe(304)
    expect((await get('parentsPhoto', 'jw-parent', 'large', { 'If-None-Match': '"other"' })).status).toBe(200)
    expect((await get('parentsPhoto', 'anon', 'large', { 'If-None-Match': etag })).status).toBe(404)
  })

  it("lists recaps' photos with their pupils and consents, in two statements", async () => {
    let statements = 0
    const counted = db.withPlugin({
      transformQuery: (args) => {
        statements++
        return args.node
      },
      transformResult: async (args) => args.result,
    })
    const recapIds = [ids.parents, ids.public, ids.zaobeiParents, ids.grade5] as number[]
    const photos = await listRecapPhotos(counted, { schoolId: JIWANG, recapIds })
    expect(statements).toBe(2)
    // By recap (made in this order), then position; another school's recap brings nothing
    expect(photos.map((p) => p.id)).toEqual([
      ids.noPupils,
      ids.publicPupil,
      ids.schoolPupil,
      ids.nonePupil,
      ids.unnamed,
      ids.missingFile,
      ids.parentsPhoto,
      ids.grade5Photo,
    ])
    const byId = new Map(photos.map((p) => [p.id, p]))
    expect(byId.get(ids.schoolPupil as number)).toMatchObject({
      recapId: ids.public,
      showsPupils: true,
      position: 3,
      width: 1600,
      height: 800,
      pupils: [
        { name: '照公开', photoConsent: 'public' },
        { name: '照校内', photoConsent: 'school' },
      ],
    })
    expect(byId.get(ids.noPupils as number)).toMatchObject({ showsPupils: false, pupils: [], caption: '' })
    expect(byId.get(ids.unnamed as number)).toMatchObject({ showsPupils: true, pupils: [] })
    expect(await listRecapPhotos(counted, { schoolId: ZAOBEI, recapIds: [ids.public as number] })).toEqual([])
    statements = 0
    expect(await listRecapPhotos(counted, { schoolId: JIWANG, recapIds: [] })).toEqual([])
    expect(statements).toBe(0)
  })

  it('follows a change of consent at once', async () => {
    const pupil = await db
      .selectFrom('photo_pupils')
      .select('student_id')
      .where('photo_id', '=', ids.nonePupil as number)
      .executeTakeFirstOrThrow()
    await db
      .updateTable('students')
      .set({ photo_consent: 'public' })
      .where('id', '=', pupil.student_id)
      .execute()
    try {
      expect((await get('nonePupil', 'anon')).status).toBe(200)
    } finally {
      await db
        .updateTable('students')
        .set({ photo_consent: 'none' })
        .where('id', '=', pupil.student_id)
        .execute()
    }
    expect((await get('nonePupil', 'anon')).status).toBe(404)
  })
})
