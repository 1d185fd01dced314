import type { RequestListener } from 'node:http'
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks'
import type { NextFunction, Request, Response } from 'express'
import { type StatementTally, withStatementTally } from '../../db/statement-counter'
import { percentile } from './report'

/**
 * What `npm run bench` measures inside Siji (mounted by ./server.ts, the bench's entry): SQL
 * statements and server time per request, event-loop delay and peak memory. GET /__bench reads
 * them, POST /__bench/reset starts afresh; both answer loopback clients only.
 */

type RouteStats = {
  method: string
  path: string
  requests: number
  statements: number
  minStatements: number
  maxStatements: number
  failedStatements: number
  sqlMillis: number
  statuses: Record<string, number>
  /** Server time per request (ms), the first SAMPLES_PER_ROUTE of the run. */
  durations: number[]
  /** The statements of the route's slowest request so far. */
  slowest: { ms: number; queries: StatementTally['queries'] }
}

// Bounds the probe's memory whatever the run does: routes beyond MAX_ROUTES are only counted.
const MAX_ROUTES = 500
const SAMPLES_PER_ROUTE = 20_000
const MEMORY_SAMPLE_MS = 100

const routes = new Map<string, RouteStats>()
let uncountedRequests = 0
let since = new Date()
let peakRss = 0
let peakHeapUsed = 0
let loopDelay: IntervalHistogram | undefined

function sampleMemory(): void {
  const { rss, heapUsed } = process.memoryUsage()
  peakRss = Math.max(peakRss, rss)
  peakHeapUsed = Math.max(peakHeapUsed, heapUsed)
}

function start(): IntervalHistogram {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  setInterval(sampleMemory, MEMORY_SAMPLE_MS).unref()
  sampleMemory()
  return histogram
}

function reset(): void {
  routes.clear()
  uncountedRequests = 0
  since = new Date()
  peakRss = 0
  peakHeapUsed = 0
  loopDelay?.reset()
  sampleMemory()
}

function record(method: string, path: string, status: number, durationMs: number, tally: StatementTally) {
  const key = `${method} ${path}`
  let stats = routes.get(key)
  if (!stats) {
    if (routes.size >= MAX_ROUTES) {
      uncountedRequests++
      return
    }
    stats = {
      method,
      path,
      requests: 0,
      statements: 0,
      minStatements: Number.POSITIVE_INFINITY,
      maxStatements: 0,
      failedStatements: 0,
      sqlMillis: 0,
      statuses: {},
      durations: [],
      slowest: { ms: -1, queries: [] },
    }
    routes.set(key, stats)
  }
  stats.requests++
  stats.statements += tally.statements
  stats.minStatements = Math.min(stats.minStatements, tally.statements)
  stats.maxStatements = Math.max(stats.maxStatements, tally.statements)
  stats.failedStatements += tally.failed
  stats.sqlMillis += tally.sqlMillis
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1
  if (stats.durations.length < SAMPLES_PER_ROUTE) stats.durations.push(durationMs)
  if (durationMs > stats.slowest.ms) stats.slowest = { ms: durationMs, queries: tally.queries }
}

export type ProbeRoute = {
  method: string
  path: string
  requests: number
  statementsPerRequest: number
  minStatements: number
  maxStatements: number
  failedStatements: number
  sqlMsPerRequest: number
  serverP50Ms: number | null
  serverP99Ms: number | null
  statuses: Record<string, number>
  /** Only with GET /__bench?sql=1. */
  slowest?: RouteStats['slowest']
}

export type ProbeSnapshot = {
  since: string
  uncountedRequests: number
  routes: ProbeRoute[]
  eventLoopDelayMs: { p50: number; p99: number; max: number }
  memory: { peakRssBytes: number; peakHeapUsedBytes: number; rssBytes: number; heapUsedBytes: number }
}

function snapshot(withSql: boolean): ProbeSnapshot {
  sampleMemory()
  const ns = (n: number | undefined) => (n ?? 0) / 1e6
  const { rss, heapUsed } = process.memoryUsage()
  return {
    since: since.toISOString(),
    uncountedRequests,
    routes: [...routes.values()].map((stats) => ({
      method: stats.method,
      path: stats.path,
      requests: stats.requests,
      statementsPerRequest: stats.statements / stats.requests,
      minStatements: stats.minStatements,
      maxStatements: stats.maxStatements,
      failedStatements: stats.failedStatements,
      sqlMsPerRequest: stats.sqlMillis / stats.requests,
      serverP50Ms: percentile(stats.durations, 50),
      serverP99Ms: percentile(stats.durations, 99),
      statuses: stats.statuses,
      ...(withSql ? { slowest: stats.slowest } : {}),
    })),
    eventLoopDelayMs: {
      p50: ns(loopDelay?.percentile(50)),
      p99: ns(loopDelay?.percentile(99)),
      max: ns(loopDelay?.max),
    },
    memory: {
      peakRssBytes: peakRss,
      peakHeapUsedBytes: peakHeapUsed,
      rssBytes: rss,
      heapUsedBytes: heapUsed,
    },
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** Express middleware, mounted first so it wraps everything Siji does for a request. */
export function benchProbe(req: Request, res: Response, next: NextFunction): void {
  loopDelay ??= start()
  if (req.path === '/__bench' || req.path === '/__bench/reset') {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      next()
      return
    }
    if (req.method === 'GET' && req.path === '/__bench') {
      res.set('Cache-Control', 'no-store').json(snapshot(req.query.sql === '1'))
      return
    }
    if (req.method === 'POST' && req.path === '/__bench/reset') {
      reset()
      res.status(204).end()
      return
    }
    next()
    return
  }
  // Requests are counted by probeListener, around the whole server.
  next()
}

/**
 * Wraps the server's request listener: every request, whether the page cache answers it before
 * Express or Remix renders it, is timed and its SQL statements counted.
 */
export function probeListener(listener: RequestListener): RequestListener {
  return (req, res) => {
    loopDelay ??= start()
    const started = performance.now()
    const { tally } = withStatementTally(() => listener(req, res))
    const path = (req.url ?? '/').split('#')[0] ?? '/'
    res.once('finish', () => {
      if (!path.startsWith('/__bench'))
        record(req.method ?? 'GET', path, res.statusCode, performance.now() - started, tally)
    })
  }
}
