import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express'
import { readDataVersion } from '../../db/data-version'
import { resolveLocale } from './i18n.server'

/**
 * Pages that many read and few change: a school's public news and a parent's own pages. Staff
 * pages are not cached: they change with every save and are read by few.
 */
const CACHEABLE = [
  /^\/s\/[a-z0-9-]+$/,
  /^\/s\/[a-z0-9-]+\/recaps\/\d+$/,
  /^\/s\/[a-z0-9-]+\/feed\.xml$/,
  /^\/family$/,
  /^\/family\/recaps$/,
]

/** Even without a write, a page is rendered again after this long: "upcoming" moves with the clock. */
const MAX_AGE_MS = 60_000
const MAX_BYTES = 64 * 1024 * 1024
/** Where the nonce stood in a stored header; replaced by the reader's own nonce when sent. */
const NONCE_SLOT = '\u0000nonce\u0000'
/** Headers Remix sets that are the cache's own business or belong to one response only. */
const NOT_STORED = new Set([
  'set-cookie',
  'date',
  'content-length',
  'etag',
  'transfer-encoding',
  'connection',
])

type Entry = {
  version: string
  storedAt: number
  status: number
  /** The body split at the response's CSP nonce, so each reader gets a fresh one. */
  body: string[]
  headers: [string, string[]][]
  etag: string
  bytes: number
}

export function isCacheablePath(path: string): boolean {
  return CACHEABLE.some((pattern) => pattern.test(path))
}

function nonceOf(headers: Headers): string | null {
  return headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1] ?? null
}

function fetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  const controller = new AbortController()
  res.on('close', () => controller.abort())
  return new Request(`${req.protocol}://${req.get('host')}${req.originalUrl}`, {
    headers,
    signal: controller.signal,
  })
}

async function sendFetchResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status)
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.append(name, value)
  for (const cookie of response.headers.getSetCookie()) res.append('Set-Cookie', cookie)
  if (!response.body) {
    res.end()
    return
  }
  Readable.fromWeb(response.body as NodeReadableStream).pipe(res)
}

/**
 * Rendered pages kept in memory in front of Remix's handler, keyed by URL, language and reader
 * (each signed-in reader has their own entries, so one family's page never reaches another), and
 * valid only for the database version they were rendered at: any write, on this server or another
 * one sharing the database, makes the next request render afresh. Answers `304` to a matching
 * `If-None-Match`, and gives every reader a fresh CSP nonce.
 */
export function createPageCache(build: ServerBuild, mode?: string) {
  const handleRequest = createRequestHandler(build, mode)
  // Loaded at the first request: opening the database at import would open it before the server
  // (or a test) has chosen which file to use.
  let app: Promise<[typeof import('./auth.server'), typeof import('./db.server')]> | undefined
  const entries = new Map<string, Entry>()
  let bytes = 0
  let seenVersion = ''

  function forget(key: string): void {
    const entry = entries.get(key)
    if (!entry) return
    bytes -= entry.bytes
    entries.delete(key)
  }

  function store(key: string, entry: Entry): void {
    forget(key)
    entries.set(key, entry)
    bytes += entry.bytes
    // Maps iterate in insertion order and hits re-insert: the first key is the least recently used.
    for (const oldest of entries.keys()) {
      if (bytes <= MAX_BYTES) break
      forget(oldest)
    }
  }

  function send(req: ExpressRequest, res: ExpressResponse, entry: Entry, nonce: string | null): void {
    res.setHeader('ETag', entry.etag)
    const notModified = req.headers['if-none-match'] === entry.etag
    for (const [name, values] of entry.headers) {
      // The browser keeps the body it has, with that body's nonce: a new CSP would block its scripts.
      if (notModified && name === 'content-security-policy') continue
      for (const value of values) res.append(name, nonce ? value.split(NONCE_SLOT).join(nonce) : value)
    }
    if (notModified) {
      res.status(304).end()
      return
    }
    res.status(entry.status).send(entry.body.join(nonce ?? ''))
  }

  return async function pageCache(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
    try {
      if (req.method !== 'GET' || !isCacheablePath(req.path) || 'lang' in req.query) return next()
      const request = fetchRequest(req, res)
      app ??= Promise.all([import('./auth.server'), import('./db.server')])
      const [{ getSessionUser }, { db }] = await app
      const user = await getSessionUser(request)
      // A flash is shown once and cleared by the render; a forced password change redirects.
      if (user?.flash || user?.mustChangePassword) return next()
      const version = await readDataVersion(db)
      if (version !== seenVersion) {
        entries.clear()
        bytes = 0
        seenVersion = version
      }
      const key = `${req.originalUrl}|${resolveLocale(request)}|${user?.id ?? 'anonymous'}`
      const cached = entries.get(key)
      if (cached && Date.now() - cached.storedAt < MAX_AGE_MS) {
        entries.delete(key)
        entries.set(key, cached)
        res.setHeader('X-Siji-Cache', 'hit')
        return send(req, res, cached, cached.body.length > 1 ? randomBytes(16).toString('base64') : null)
      }

      const response = await handleRequest(request)
      const type = response.headers.get('content-type') ?? ''
      if (response.status !== 200 || response.headers.has('set-cookie') || !/html|xml/.test(type)) {
        return sendFetchResponse(res, response)
      }
      const text = await response.text()
      const nonce = nonceOf(response.headers)
      const body = nonce ? text.split(nonce) : [text]
      const headers: [string, string[]][] = []
      for (const [name] of response.headers) {
        if (NOT_STORED.has(name)) continue
        const value = response.headers.get(name) ?? ''
        headers.push([name, [nonce ? value.split(nonce).join(NONCE_SLOT) : value]])
      }
      if (user && !response.headers.has('cache-control'))
        headers.push(['cache-control', ['private, no-cache']])
      const entry: Entry = {
        version,
        storedAt: Date.now(),
        status: response.status,
        body,
        headers,
        etag: `"${createHash('sha1').update(body.join(NONCE_SLOT)).digest('base64url')}"`,
        bytes: text.length * 2,
      }
      store(key, entry)
      res.setHeader('X-Siji-Cache', 'miss')
      return send(req, res, entry, nonce)
    } catch (error) {
      return next(error)
    }
  }
}
