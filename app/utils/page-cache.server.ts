import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { gzipSync } from 'node:zlib'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import etag from 'etag'
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express'
import isFresh from 'fresh'
import { readDataVersion } from '../../db/data-version'
import { resolveLocaleFrom } from './i18n.server'
import { publicOrigin } from './public-url.server'

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
/** Requests without it are anonymous: no session to look up. */
const SESSION_COOKIE = 'siji_session='
const MAX_READERS = 20_000
/** Headers Remix sets that are the cache's own business or belong to one response only. */
const NOT_STORED = new Set([
  'set-cookie',
  'date',
  'content-length',
  'etag',
  'transfer-encoding',
  'connection',
])

type Reader = { id: number; flash: string | null; mustChangePassword: boolean }

type Entry = {
  storedAt: number
  status: number
  body: Buffer
  /** Made at the first reader who accepts gzip. */
  gzipped: Buffer | null
  headers: Record<string, string | string[]>
  etag: string
  bytes: number
}

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g

/**
 * A stored page cannot keep a per-response nonce: its CSP allows its own inline scripts by their
 * SHA-256 instead (as strict as a nonce for a fixed page), and the nonce attributes are dropped.
 */
function pinScripts(html: string, csp: string, nonce: string): { html: string; csp: string } {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  )
  return {
    html: html.split(` nonce="${nonce}"`).join(''),
    csp: csp.replace(`'nonce-${nonce}'`, [...new Set(hashes)].join(' ')),
  }
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
  // Rendered at the public origin whatever Host or X-Forwarded-* said: the stored page is shared by
  // every reader, so nothing a client sends beyond the key (path, language, reader) may shape it.
  return new Request(`${publicOrigin()}${req.originalUrl}`, {
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
 * one sharing the database, makes the next request render afresh. Answers `304` when the reader's copy
 * is current (`If-None-Match`); compresses once per page, not once per reader.
 */
export function createPageCache(build: ServerBuild, mode?: string) {
  const handleRequest = createRequestHandler(build, mode)
  // Loaded at the first request: opening the database at import would open it before the server
  // (or a test) has chosen which file to use.
  let app: Promise<[typeof import('./auth.server'), typeof import('./db.server')]> | undefined
  const entries = new Map<string, Entry>()
  const readers = new Map<string, { user: Reader | null; at: number }>()
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

  function send(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
    // `fresh` reads If-None-Match as HTTP defines it: a list, weak tags, `*`.
    if (isFresh(req.headers, { etag: entry.etag })) {
      res.writeHead(304, entry.headers).end()
      return
    }
    const gzip = entry.body.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
    if (gzip) entry.gzipped ??= gzipSync(entry.body, { level: 6 })
    const body = gzip && entry.gzipped ? entry.gzipped : entry.body
    const headers = { ...entry.headers, 'content-length': String(body.length) }
    res.writeHead(entry.status, gzip ? { ...headers, 'content-encoding': 'gzip' } : headers).end(body)
  }

  /** The entry a request would be answered with, or why it is not the cache's to answer. */
  async function lookup(req: IncomingMessage) {
    const url = req.url ?? '/'
    const query = url.indexOf('?')
    const path = query < 0 ? url : url.slice(0, query)
    if (req.method !== 'GET' || !isCacheablePath(path)) return null
    if (query >= 0 && new URLSearchParams(url.slice(query)).has('lang')) return null
    app ??= Promise.all([import('./auth.server'), import('./db.server')])
    const [{ getSessionUser }, { db }] = await app
    const cookieHeader = req.headers.cookie ?? null
    const version = await readDataVersion(db)
    if (version !== seenVersion) {
      entries.clear()
      readers.clear()
      bytes = 0
      seenVersion = version
    }
    let user: Reader | null = null
    if (cookieHeader?.includes(SESSION_COOKIE)) {
      // A cookie already checked at this database version belongs to the same reader: no second
      // signature check and session query until something changes (a sign-out is a write).
      const known = readers.get(cookieHeader)
      if (known && Date.now() - known.at < MAX_AGE_MS) user = known.user
      else {
        // Only a session needs a Fetch Request, and only its headers matter to the lookup.
        const found = await getSessionUser(
          new Request(`http://siji.invalid${url}`, { headers: { cookie: cookieHeader } }),
        )
        user = found && { id: found.id, flash: found.flash, mustChangePassword: found.mustChangePassword }
        if (readers.size >= MAX_READERS) readers.clear()
        // The version is read again: looking the session up may have touched it (a write).
        if (version === (await readDataVersion(db))) readers.set(cookieHeader, { user, at: Date.now() })
      }
    }
    // A flash is shown once and cleared by the render; a forced password change redirects.
    if (user?.flash || user?.mustChangePassword) return null
    const locale = resolveLocaleFrom({
      query: null,
      cookieHeader,
      acceptLanguage: req.headers['accept-language'] ?? null,
    })
    const key = `${url}|${locale}|${user?.id ?? 'anonymous'}`
    const cached = entries.get(key)
    const fresh = cached && Date.now() - cached.storedAt < MAX_AGE_MS ? cached : null
    return { key, user, fresh, version, db }
  }

  return {
    /**
     * Answers from memory before Express sees the request (Express alone halves the requests a
     * core can answer); false when the page is not stored, for `middleware` to render and store.
     */
    async serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const found = await lookup(req)
      if (!found?.fresh) return false
      entries.delete(found.key)
      entries.set(found.key, found.fresh)
      res.setHeader('x-siji-cache', 'hit')
      send(req, res, found.fresh)
      return true
    },

    async middleware(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
      try {
        const found = await lookup(req)
        if (!found) return next()
        if (found.fresh) {
          res.setHeader('x-siji-cache', 'hit')
          return send(req, res, found.fresh)
        }
        const { key, user, version, db } = found
        const response = await handleRequest(fetchRequest(req, res))
        const type = response.headers.get('content-type') ?? ''
        if (response.status !== 200 || response.headers.has('set-cookie') || !/html|xml/.test(type)) {
          return sendFetchResponse(res, response)
        }
        const entry = await entryOf(response, Boolean(user))
        // Kept only if nothing was written while it rendered: a page rendered from data a write
        // has since changed must not be filed under the newer version.
        if (version === seenVersion && (await readDataVersion(db)) === version) store(key, entry)
        res.setHeader('x-siji-cache', 'miss')
        return send(req, res, entry)
      } catch (error) {
        return next(error)
      }
    },
  }
}

async function entryOf(response: Response, personal: boolean): Promise<Entry> {
  let html = await response.text()
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of response.headers) if (!NOT_STORED.has(name)) headers[name] = value
  headers.vary = `${response.headers.get('vary') ?? 'Cookie, Accept-Language'}, Accept-Encoding`
  const nonce = nonceOf(response.headers)
  const csp = response.headers.get('content-security-policy')
  if (nonce && csp) {
    const pinned = pinScripts(html, csp, nonce)
    html = pinned.html
    headers['content-security-policy'] = pinned.csp
  }
  if (personal) headers['cache-control'] = 'private, no-store'
  const body = Buffer.from(html)
  headers.etag = etag(body)
  return {
    storedAt: Date.now(),
    status: response.status,
    body,
    gzipped: null,
    headers,
    etag: headers.etag,
    bytes: body.length * 2,
  }
}
