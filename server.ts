/**
 * `npm start`: migrate, seed the demo schools into an empty database, then serve. `npm run build`
 * compiles this file with what it imports into build/server.js (build-server.js), which `npm start`
 * runs with node; `npm run dev` runs it from source under tsx.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { broadcastDevReady, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type RequestHandler } from 'express'
import { isCrossSiteWrite } from './app/utils/origin'
import { createPageCache } from './app/utils/page-cache.server'
import { publicOrigin } from './app/utils/public-url.server'
import { guardFormData, refuseUnreadable, watchBody } from './app/utils/request-body.server'
import { startRetentionSchedule } from './app/utils/retention-schedule.server'
import { createDb, databasePathFromEnv, refreshPlannerStatistics } from './db/client'
import { migrateToLatest } from './db/migrate'
import { isDatabaseEmpty, seedDemo } from './seeds/demo'

process.env.NODE_ENV ??= 'production'
const isDev = process.env.NODE_ENV === 'development'
const BUILD_PATH = join(process.cwd(), 'build', 'index.js')

/** Without SESSION_SECRET, one is made once and kept beside the database file. */
function ensureSessionSecret(databasePath: string): void {
  if (process.env.SESSION_SECRET) return
  const file = join(dirname(databasePath), 'session-secret')
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  process.env.SESSION_SECRET = readFileSync(file, 'utf8').trim()
}

/**
 * HSTS on every response served over HTTPS: the public URL is https, or a trusted proxy says the
 * request came over https (as Express reads `req.protocol`, which stored pages answered before
 * Express cannot use). Over plain HTTP browsers ignore it, so it is not sent there.
 */
function strictTransportSecurity(trust: (address: string | undefined, hop: number) => boolean) {
  const publicHttps = publicOrigin().startsWith('https:')
  return (req: IncomingMessage, res: ServerResponse): void => {
    const forwarded = trust(req.socket.remoteAddress, 0) ? req.headers['x-forwarded-proto'] : undefined
    const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
    if (publicHttps || proto === 'https' || ('encrypted' in req.socket && req.socket.encrypted)) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
  }
}

/**
 * Ways in for tools that measure the server (`npm run bench` starts it through its own entry,
 * tests/bench/server.ts), so that no measuring code is part of what production runs.
 */
export type AppHooks = {
  /** Mounted first in Express, before the page cache renders anything. */
  middleware?: RequestHandler
  /** Wraps the whole request listener, pages answered from the cache included. */
  wrapListener?: (listener: RequestListener) => RequestListener
}

/**
 * The HTTP server around Remix's handler; tests use it too. Stored pages are answered before
 * Express; everything else goes through it.
 */
export function createApp(
  serverBuild: ServerBuild,
  mode = process.env.NODE_ENV,
  { bodyIdleMs, middleware, wrapListener }: { bodyIdleMs?: number } & AppHooks = {},
): Server {
  const build = guardFormData(serverBuild)
  const cache = createPageCache(build, mode)
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback')
  if (middleware) app.use(middleware)
  // A page the cache does not hold yet is rendered and stored here, before compression (it
  // compresses once, when storing) and without touching the disk for static files first.
  app.use(cache.middleware)
  app.use(compression())
  // Refused here with a clear 403, before Remix's own check would answer it with a 500. A write
  // must name its source (Origin, else Referer): this origin as the browser reached it, or the
  // public one when a proxy in front rewrites Host.
  app.use((req, res, next) => {
    const crossSite = isCrossSiteWrite({
      method: req.method,
      expectedOrigin: [`${req.protocol}://${req.get('host')}`, publicOrigin()],
      origin: req.get('origin'),
      fetchSite: req.get('sec-fetch-site'),
      referer: req.get('referer'),
      requireSource: true,
    })
    if (crossSite) res.status(403).type('text/plain').send('Cross-origin request refused')
    else next()
  })
  app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
  app.use(express.static('public', { maxAge: '1h' }))
  const remix = createRequestHandler({
    build,
    mode,
    // Express's req.ip honours `trust proxy`: behind the proxy, the client the proxy reported.
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress }),
  })
  app.all('*', (req, res, next) => {
    // In the same tick as Remix starts reading the body, so the count sees every chunk.
    watchBody(req, res, bodyIdleMs)
    return remix(req, res, next)
  })
  const hsts = strictTransportSecurity(app.get('trust proxy fn'))
  const listener: RequestListener = (req, res) => {
    hsts(req, res)
    if (refuseUnreadable(req, res)) return
    cache.serve(req, res).then(
      (served) => served || app(req, res),
      (error: unknown) => {
        console.error(error)
        if (!res.headersSent) app(req, res)
      },
    )
  }
  const server = createServer(wrapListener ? wrapListener(listener) : listener)
  // Headers that trickle in are given up on after 10 s; a whole request (a 10 MB photo on a slow
  // school line) after 2 minutes. A body that stops arriving is given up sooner (watchBody).
  server.headersTimeout = 10_000
  server.requestTimeout = 120_000
  return server
}

/** Exported for tests/bench/server.ts, which starts the same server with its probe as `hooks`. */
export async function main(hooks: AppHooks = {}): Promise<void> {
  if (!existsSync(BUILD_PATH)) {
    console.error(`${BUILD_PATH} is missing: run \`npm run build\` first (npm install runs it).`)
    process.exit(1)
  }
  const databasePath = databasePathFromEnv()
  const db = createDb(databasePath)
  globalThis.__sijiDb = db
  ensureSessionSecret(databasePath)
  const applied = await migrateToLatest(db)
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`)
  if (await isDatabaseEmpty(db)) {
    await seedDemo(db)
    console.log('Seeded the demo schools (password: see README).')
  }
  await refreshPlannerStatistics(db)
  startRetentionSchedule(db)

  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild
  const port = Number(process.env.PORT ?? 3000)
  // Checked now: a mistyped PUBLIC_URL stops the start instead of failing every feed.
  const origin = publicOrigin()
  const server = createApp(build, undefined, hooks).listen(port, () => {
    console.log(`Siji is serving http://localhost:${port}`)
    if (process.env.PUBLIC_URL) console.log(`Links point at ${origin} (PUBLIC_URL)`)
    if (isDev) broadcastDevReady(build)
  })

  function shutDown(signal: string): void {
    console.log(`${signal}: closing`)
    server.close(() => {
      db.destroy().finally(() => process.exit(0))
    })
    server.closeAllConnections()
  }
  process.once('SIGTERM', () => shutDown('SIGTERM'))
  process.once('SIGINT', () => shutDown('SIGINT'))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
