import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServerBuild } from '@remix-run/node'

const KiB = 1024
const MiB = 1024 * KiB

/** A photo post: the photo (8 MiB at most) plus the form's other fields. Documented in the README. */
export const PHOTO_REQUEST_MAX_BYTES = 10 * MiB
/**
 * A roster upload is read (and dropped past 2 MiB) up to this size, so a too-big file gets the
 * page saying so instead of a bare refusal; past it the server refuses the request unread.
 */
export const ROSTER_REQUEST_MAX_BYTES = 32 * MiB
/** Every other form: a few fields of text, the longest a recap's Markdown body. */
export const FORM_MAX_BYTES = 1 * MiB
/** A body that stops arriving for this long is given up (a client declaring bytes it never sends). */
export const BODY_IDLE_MS = 10_000

const LIMITS: [RegExp, number][] = [
  [/^\/recaps\/[^/]+\/edit\/?$/, PHOTO_REQUEST_MAX_BYTES],
  [/^\/school\/roster\/?$/, ROSTER_REQUEST_MAX_BYTES],
]

/** The most bytes a request body to this URL may have. */
export function bodyLimitFor(url: string): number {
  const path = url.split('?')[0] ?? ''
  return LIMITS.find(([pattern]) => pattern.test(path))?.[1] ?? FORM_MAX_BYTES
}

/** A host name, IPv4 or bracketed IPv6 address, with an optional port: what Remix can build a URL from. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/**
 * Answers, before anything reads the body, a request that cannot be served: a Host (or forwarded
 * host) the URL parser would throw on, or a declared body over the route's limit. True when it did.
 */
export function refuseUnreadable(req: IncomingMessage, res: ServerResponse): boolean {
  const hosts = [req.headers.host, req.headers['x-forwarded-host']].filter((h) => h !== undefined)
  const badHost = hosts.some((h) => typeof h !== 'string' || !HOST.test(h.split(',')[0]?.trim() ?? ''))
  const declared = Number(req.headers['content-length'] ?? 0)
  const status = badHost ? 400 : declared > bodyLimitFor(req.url ?? '/') ? 413 : 0
  if (!status) return false
  // The body is never read: the connection closes after the answer rather than draining it.
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
  res.end(status === 400 ? 'Bad request\n' : 'Request body too large\n')
  return true
}

class BodyRefused extends Error {
  constructor(readonly status: 408 | 413) {
    super(status === 413 ? 'Request body too large' : 'Request body timed out')
  }
}

/**
 * Counts a body as it streams in (a chunked body declares no length) and watches for a body that
 * stops arriving. Either ends the read with an error that `guardFormData` turns into 413 or 408.
 * Must be attached just before Remix reads `req`, in the same tick, so no chunk is missed.
 */
export function watchBody(req: IncomingMessage, res: ServerResponse, idleMs = BODY_IDLE_MS): void {
  if (req.method === 'GET' || req.method === 'HEAD') return
  if (!req.headers['transfer-encoding'] && !Number(req.headers['content-length'])) return
  const limit = bodyLimitFor(req.url ?? '/')
  let seen = 0
  let timer: NodeJS.Timeout | undefined
  const stop = () => {
    clearTimeout(timer)
    req.off('data', count)
  }
  const refuse = (status: 408 | 413) => {
    stop()
    res.setHeader('Connection', 'close')
    // Remix's reader listens for errors while it reads; once it has stopped, nobody awaits the rest.
    if (!res.headersSent && req.listenerCount('error') > 0) req.emit('error', new BodyRefused(status))
    else req.destroy()
  }
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => refuse(408), idleMs)
  }
  function count(chunk: Buffer) {
    seen += chunk.byteLength
    if (seen > limit) refuse(413)
    else arm()
  }
  req.on('data', count)
  req.once('end', stop)
  req.once('close', stop)
  res.once('finish', stop)
  arm()
}

function refusal(error: unknown): Response {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof BodyRefused) return new Response(e.message, { status: e.status })
  }
  return new Response('Bad form data', { status: 400 })
}

/**
 * Every action reads its form with request.formData(), which throws on a JSON, plain-text or
 * broken multipart body: here, in one place, that becomes 400 (or 413/408 from watchBody)
 * instead of a 500.
 */
export function guardFormData(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const action = route.module.action
      if (!action) return [id, route]
      const guarded: typeof action = (args) => {
        const read = args.request.formData.bind(args.request)
        args.request.formData = () => read().catch((error: unknown) => Promise.reject(refusal(error)))
        return action(args)
      }
      return [id, { ...route, module: { ...route.module, action: guarded } }]
    }),
  )
  return { ...build, routes }
}
