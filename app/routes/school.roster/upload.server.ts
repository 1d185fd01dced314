import {
  MaxPartSizeExceededError,
  type UploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { ROSTER_REQUEST_MAX_BYTES } from '~/utils/request-body.server'

/** Text fields of the upload form are a word or two. */
const FIELD_MAX = 1000
/**
 * A file over the limit is still read (and dropped) up to this size, so the browser gets the page
 * saying it is too big instead of a connection reset for a request whose body was never read.
 * The HTTP server refuses a larger declared body (413) before reading it.
 */
const DRAIN_MAX = ROSTER_REQUEST_MAX_BYTES

export type RosterUpload = { ok: true; formData: FormData } | { ok: false; reason: 'tooBig' | 'unreadable' }

/**
 * Reads a multipart form with one file kept in memory up to `maxBytes`. Beyond that the rest is
 * read and dropped, and the answer says the file was too big.
 */
export async function readRosterUpload(
  request: Request,
  { maxBytes }: { maxBytes: number },
): Promise<RosterUpload> {
  const declared = Number(request.headers.get('Content-Length'))
  if (declared > DRAIN_MAX) return { ok: false, reason: 'tooBig' }
  let tooBig = false
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const limit = filename === undefined ? FIELD_MAX : maxBytes
    const chunks: Uint8Array<ArrayBuffer>[] = []
    let size = 0
    for await (const chunk of data) {
      size += chunk.byteLength
      if (size > DRAIN_MAX) throw new MaxPartSizeExceededError(name, DRAIN_MAX)
      if (size > limit) tooBig = true
      else chunks.push(new Uint8Array(chunk))
    }
    if (tooBig) return undefined
    if (filename === undefined) return new TextDecoder().decode(Buffer.concat(chunks))
    return new File(chunks, filename, { type: contentType })
  }
  try {
    const formData = await unstable_parseMultipartFormData(request, handler)
    return tooBig ? { ok: false, reason: 'tooBig' } : { ok: true, formData }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: 'tooBig' }
    // Not multipart, a broken body, a client that went away.
    return { ok: false, reason: 'unreadable' }
  }
}
