import { type UploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { PHOTO_FIELD, PHOTO_MAX_BYTES, type PhotoErrorKey } from './photo-files.server'
import { PHOTO_REQUEST_MAX_BYTES } from './request-body.server'

/*
 * Reading a photo upload from a request: the one part of the photo handling that needs Remix
 * (its multipart parser). The files themselves are utils/photo-files.server.
 */

export type PhotoUpload = {
  /** The form's other fields (the photo is not among them) */
  formData: FormData
  upload: { bytes: Uint8Array; name: string } | null
  uploadError: PhotoErrorKey | null
}

class RequestTooLarge extends Error {}

/** The request body, cut off with an error once it passes the cap. */
function cappedBody(body: ReadableStream<Uint8Array>, cap: number): ReadableStream<Uint8Array> {
  let seen = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen > cap) controller.error(new RequestTooLarge())
        else controller.enqueue(chunk)
      },
    }),
  )
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of data) {
    // Read and dropped: the parser only reaches the next field past this one.
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

/**
 * Reads a form with a photo in the field `photo`. The photo is buffered up to PHOTO_MAX_BYTES and
 * no further: a larger one gives uploadError 'photos.errors.tooLarge' while the other fields still
 * arrive. A request over PHOTO_REQUEST_MAX_BYTES (by its Content-Length, or counted as it comes)
 * is read no further than that, so only the fields before the photo arrive: put the file input
 * last in the form. No file chosen gives upload null; an empty file gives 'photos.errors.empty'.
 * A form sent without multipart (no file input) is read as usual.
 */
export async function readPhotoUpload(request: Request): Promise<PhotoUpload> {
  const contentType = request.headers.get('Content-Type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
    return { formData: await request.formData(), upload: null, uploadError: null }
  }
  const declared = Number(request.headers.get('Content-Length'))
  let uploadError: PhotoErrorKey | null =
    Number.isFinite(declared) && declared > PHOTO_REQUEST_MAX_BYTES ? 'photos.errors.tooLarge' : null
  let upload: PhotoUpload['upload'] = null
  let photoSeen = false
  // Kept here rather than taken from the parser's result, so a cut-off body keeps what arrived.
  const formData = new FormData()

  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      const chunks: Uint8Array[] = []
      let length = 0
      for await (const chunk of part.data) {
        chunks.push(chunk)
        length += chunk.byteLength
      }
      const value = new TextDecoder().decode(concat(chunks, length))
      formData.append(part.name, value)
      return value
    }
    if (part.name !== PHOTO_FIELD || photoSeen) {
      await drain(part.data)
      return undefined
    }
    photoSeen = true
    const chunks: Uint8Array[] = []
    let length = 0
    for await (const chunk of part.data) {
      length += chunk.byteLength
      if (length > PHOTO_MAX_BYTES) chunks.length = 0
      else chunks.push(chunk)
    }
    if (length > PHOTO_MAX_BYTES) uploadError = 'photos.errors.tooLarge'
    else if (length === 0) uploadError = part.filename === '' ? uploadError : 'photos.errors.empty'
    else upload = { bytes: concat(chunks, length), name: part.filename }
    return undefined
  }

  const capped = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: cappedBody(request.body, PHOTO_REQUEST_MAX_BYTES),
    duplex: 'half',
  } as RequestInit)
  try {
    await unstable_parseMultipartFormData(capped, handler)
  } catch (error) {
    if (!(error instanceof RequestTooLarge || uploadError === 'photos.errors.tooLarge')) {
      throw new Response('Bad form data', { status: 400 })
    }
    uploadError = 'photos.errors.tooLarge'
    upload = null
  }
  if (uploadError) upload = null
  return { formData, upload, uploadError }
}
