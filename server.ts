/**
 * `npm start`: build when the sources are newer than the build, migrate, seed the demo schools
 * into an empty database, then serve. Runs under tsx so db/ and seeds/ are used as written.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
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
import express from 'express'
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

function newestSourceTime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestSourceTime(join(path, entry))))
}

function buildIfNeeded(): void {
  const sources = ['app', 'remix.config.js', 'package-lock.json'].filter((p) => existsSync(p))
  const built = existsSync(BUILD_PATH) ? statSync(BUILD_PATH).mtimeMs : 0
  if (built > Math.max(...sources.map(newestSourceTime))) return
  console.log('Building Siji…')
  const result = spawnSync('npx', ['remix', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

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
 * The HTTP server around Remix's handler; tests use it too. Stored pages are answered before
 * Express; everything else goes through it.
 */
export function createApp(
  serverBuild: ServerBuild,
  mode = process.env.NODE_ENV,
  { bodyIdleMs }: { bodyIdleMs?: number } = {},
): Server {
  const build = guardFormData(serverBuild)
  const cache = createPageCache(build, mode)
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback')
  // `npm run bench` only: event-loop delay, memory and the counts at /__bench.
  if (process.env.SIJI_BENCH === '1') {
    const probe = import('./tests/bench/probe')
    app.use((req, res, next) => void probe.then((p) => p.benchProbe(req, res, next), next))
  }
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
  let listener: RequestListener = (req, res) => {
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
  if (process.env.SIJI_BENCH === '1') {
    // `npm run bench` only: SQL statements and time of every request, cached or not.
    const inner = listener
    const probed = import('./tests/bench/probe').then((probe) => probe.probeListener(inner))
    listener = (req, res) => void probed.then((handle) => handle(req, res))
  }
  const server = createServer(listener)
  // Headers that trickle in are given up on after 10 s; a whole request (a 10 MB photo on a slow
  // school line) after 2 minutes. A body that stops arriving is given up sooner (watchBody).
  server.headersTimeout = 10_000
  server.requestTimeout = 120_000
  return server
}

async function main(): Promise<void> {
  if (!isDev) buildIfNeeded()
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
  const server = createApp(build).listen(port, () => {
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
