import { readFile } from 'node:fs/promises'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { canReadRecap, photoShownTo, type RecapReader } from '~/domain/recap-privacy'
import { childrenOfGuardian } from '~/models/family.server'
import { getPhotoForServing } from '~/models/photos.server'
import { getSessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { isPhotoSize, photoFilePath } from '~/utils/photo-files.server'
import { notFound } from '~/utils/responses'

/** Who reads, for this school: signed-in users of another school read as the public. */
async function readerFor(request: Request, schoolId: number): Promise<RecapReader> {
  const user = await getSessionUser(request)
  if (!user || user.schoolId !== schoolId) return { kind: 'public' }
  if (user.role !== 'parent') return { kind: 'staff', userId: user.id, isAdmin: user.role === 'admin' }
  const children = await childrenOfGuardian(db, { schoolId, guardianId: user.id })
    .select(['classes.id as classId', 'grades.id as gradeId'])
    .execute()
  return {
    kind: 'parent',
    gradeIds: children.map((c) => c.gradeId),
    classIds: children.map((c) => c.classId),
  }
}

async function readPhotoFile(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * /photos/:photoId/(large|small): a recap's photo, only for a reader who may read the recap and see
 * the photo (consent of the pupils it shows). Anything else is 404, never 403, so nobody learns
 * that a photo exists. Bytes are always our own re-encoded JPEG, served so no browser sniffs them
 * as anything else.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const size = params.size
  const photoId = Number(params.photoId)
  if (!isPhotoSize(size) || !/^[1-9]\d{0,15}$/.test(params.photoId ?? '')) notFound()
  const found = await getPhotoForServing(db, photoId)
  if (!found) notFound()
  const privacy = { showsPupils: found.photo.showsPupils, pupils: found.pupils }
  const reader = await readerFor(request, found.photo.schoolId)
  if (!canReadRecap(found.recap, reader) || !photoShownTo(privacy, reader.kind)) notFound()

  const isPublic = canReadRecap(found.recap, { kind: 'public' }) && photoShownTo(privacy, 'public')
  const etag = `"${found.photo.fileKey}-${size}"`
  const headers = new Headers({
    'Content-Type': 'image/jpeg',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'",
    'Cache-Control': isPublic ? 'public, max-age=300' : 'private, no-store',
    ETag: etag,
  })
  const ifNoneMatch = request.headers.get('If-None-Match') ?? ''
  if (ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return new Response(null, { status: 304, headers })
  }
  const file = await readPhotoFile(photoFilePath(found.photo.fileKey, size))
  if (!file) notFound()
  headers.set('Content-Length', String(file.byteLength))
  return new Response(new Uint8Array(file), { status: 200, headers })
}
