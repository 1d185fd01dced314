/**
 * `npm run bench`: Siji against the machine's limit on a scale database (issue 7). Builds for
 * production, starts Siji with the bench probe (tests/bench/server.ts) and a bare node:http server with the
 * byte-identical pages, drives both with autocannon, and prints a Markdown table for the README.
 * Run it with `--help` for the options.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type autocannon from 'autocannon'
import type { BareManifest } from './bare-server'
import { cannon, emptySaveTally, loadOf, teacherSaves } from './load'
import {
  BENCH_USAGE,
  type BenchOptions,
  parseBenchArgs,
  SCALE_PAGES,
  scaleCommand,
  scaleDatabase,
} from './options'
import { type BenchPage, type BenchPlan, planBench, type Reader } from './pages'
import type { ProbeRoute } from './probe'
import { atExit, firstJsonLine, REPO, startNode } from './processes'
import {
  type BenchReport,
  formatMiB,
  formatMs,
  formatRps,
  formatStatements,
  type Load,
  type Machine,
  type MixedRun,
  PAGE_LABELS,
  type PageRun,
  percentile,
  renderReport,
  type ScaleMissing,
  type ScaleRow,
  type ServerSide,
} from './report'
import {
  capture,
  prepareBuild,
  readProbe,
  resetProbe,
  routeOf,
  type Siji,
  settle,
  signIn,
  startSiji,
} from './siji'

const PASSWORD = process.env.SIJI_BENCH_PASSWORD ?? 'demo-pass-2026'
// A teacher looks at the sheet before saving it; back-to-back saves would be a load test of their own.
const SAVE_PAUSE_MS = 200

function log(line: string): void {
  console.error(line)
}

function machine(): Machine {
  const cores = cpus()
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown CPU',
    cores: cores.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()}`,
    loadAverage: loadavg(),
  }
}

/** Sessions of the accounts a plan reads as; the public pages go without. */
async function signInPlan(siji: Siji, plan: BenchPlan): Promise<Record<Reader, string | null>> {
  const [admin, teacher, guardian] = await Promise.all(
    [plan.admin, plan.teacher, plan.guardian].map((username) => signIn(siji.url, username, PASSWORD)),
  )
  return { admin: admin ?? null, teacher: teacher ?? null, guardian: guardian ?? null, public: null }
}

/** A private copy of a database, so the run's sign-ins and saves never change the seeded file. */
function copyDatabase(file: string, workDir: string, name: string): string {
  const copy = join(workDir, name)
  copyFileSync(file, copy)
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`)
  return copy
}

function removeCopies(workDir: string): void {
  if (!existsSync(workDir)) return
  for (const file of readdirSync(workDir).filter((name) => /\.db(-wal|-shm)?$/.test(name))) {
    rmSync(join(workDir, file), { force: true })
  }
}

type Session = { path: string; cookie: string | null }

function headersOf(cookie: string | null): Record<string, string> {
  return cookie ? { cookie } : {}
}

/** Warm-up, then a measured run against Siji with the probe's figures for that page. */
async function measureSiji(
  siji: Siji,
  page: Session,
  connections: number,
  options: BenchOptions,
): Promise<Load & ServerSide> {
  const headers = headersOf(page.cookie)
  const url = `${siji.url}${page.path}`
  await cannon({ url, connections, seconds: options.warmupSeconds, headers })
  await settle(siji.url)
  await resetProbe(siji.url)
  const result = await cannon({ url, connections, seconds: options.durationSeconds, headers })
  await settle(siji.url)
  const sql = options.sql && connections === 1
  const probe = await readProbe(siji.url, { sql })
  const route = routeOf(probe, 'GET', page.path)
  if (route) logSlowest(route)
  return {
    ...loadOf(result),
    statementsPerRequest: route?.statementsPerRequest ?? null,
    eventLoopP99Ms: probe.eventLoopDelayMs.p99,
    peakRssBytes: probe.memory.peakRssBytes,
  }
}

/** With --sql: the statements of the route's slowest request, to see where its time goes. */
function logSlowest(route: ProbeRoute): void {
  if (!route.slowest) return
  log(`  ${route.method} ${route.path}: slowest request ${formatMs(route.slowest.ms)} ms, its statements:`)
  for (const query of route.slowest.queries) {
    log(`    ${formatMs(query.ms).padStart(5)} ms  ${query.sql.replace(/\s+/g, ' ').slice(0, 200)}`)
  }
}

async function measureBare(bareUrl: string, path: string, connections: number, options: BenchOptions) {
  const url = `${bareUrl}${path}`
  await cannon({ url, connections, seconds: options.warmupSeconds })
  return loadOf(await cannon({ url, connections, seconds: options.durationSeconds }))
}

function describe(name: string, figures: Load & Partial<ServerSide>): string {
  const parts = [
    name.padEnd(34),
    `${formatRps(figures.requestsPerSecond).padStart(6)} req/s`,
    `p50 ${formatMs(figures.p50).padStart(4)} ms`,
    `p99 ${formatMs(figures.p99).padStart(4)} ms`,
    `errors ${figures.errors}`,
  ]
  if (figures.statementsPerRequest !== undefined) {
    parts.push(
      `SQL ${formatStatements(figures.statementsPerRequest)}`,
      `loop p99 ${formatMs(figures.eventLoopP99Ms ?? null)} ms`,
      `RSS ${formatMiB(figures.peakRssBytes ?? null)} MiB`,
    )
  }
  return parts.join('  ')
}

/** Captures every page from Siji and starts the bare server that answers the same bytes. */
async function startBare(siji: Siji, sessions: Session[], workDir: string) {
  const manifest: BareManifest = { pages: [] }
  const sizes = new Map<string, number>()
  for (const [index, session] of sessions.entries()) {
    const page = await capture(siji.url, session.path, session.cookie)
    const file = join(workDir, `page-${index}.html`)
    writeFileSync(file, page.body)
    manifest.pages.push({ path: page.path, contentType: page.contentType, file })
    sizes.set(page.path, page.body.length)
  }
  const manifestFile = join(workDir, 'bare-manifest.json')
  writeFileSync(manifestFile, JSON.stringify(manifest))
  const bare = startNode(join(REPO, 'tests', 'bench', 'bare-server.ts'), [manifestFile], {
    cwd: REPO,
    env: { ...process.env, NODE_ENV: 'production' },
    logFile: join(workDir, 'bare.log'),
  })
  const { port } = await firstJsonLine<{ port: number }>(bare.process)
  return { bare, url: `http://127.0.0.1:${port}`, sizes }
}

async function runPages(
  siji: Siji,
  plan: BenchPlan,
  cookies: Record<Reader, string | null>,
  options: BenchOptions,
  workDir: string,
): Promise<PageRun[]> {
  const pages = plan.pages.filter((page) => options.pages.includes(page.key))
  const sessions = pages.map((page) => ({ path: page.path, cookie: cookies[page.as] }))
  const { bare, url: bareUrl, sizes } = await startBare(siji, sessions, workDir)
  const runs: PageRun[] = []
  try {
    for (const [index, page] of pages.entries()) {
      const session = sessions[index] as Session
      const label = PAGE_LABELS[page.key]
      const sijiLoad = await measureSiji(siji, session, options.connections, options)
      log(describe(`${label}, Siji, ${options.connections} conn`, sijiLoad))
      // Every page at one connection too: the staff goals, and the growth table's baseline.
      const single = await measureSiji(siji, session, 1, options)
      log(describe(`${label}, Siji, 1 conn`, single))
      const bareLoad = await measureBare(bareUrl, page.path, options.connections, options)
      log(describe(`${label}, bare, ${options.connections} conn`, bareLoad))
      runs.push({
        key: page.key,
        label,
        path: page.path,
        as: page.as === 'teacher' ? plan.teacher : page.as === 'public' ? 'anonymous' : plan[page.as],
        bytes: sizes.get(page.path) ?? 0,
        siji: sijiLoad,
        bare: bareLoad,
        single,
      })
    }
  } finally {
    await bare.stop()
  }
  return runs
}

/** Parents read /family and the public recap over the connections while teachers save sheets. */
async function runMixed(siji: Siji, plan: BenchPlan, options: BenchOptions): Promise<MixedRun> {
  const recap = plan.pages.find((page) => page.key === 'recap') as BenchPage
  const readers = await Promise.all(plan.readers.map((username) => signIn(siji.url, username, PASSWORD)))
  const teachers = await Promise.all(
    plan.sheets.map(async (sheet) => ({ ...sheet, cookie: await signIn(siji.url, sheet.teacher, PASSWORD) })),
  )
  let busy = 0
  let serverErrors = 0
  const watch = (status: number, body: string) => {
    if (status >= 500) serverErrors++
    if (body.includes('SQLITE_BUSY')) busy++
  }
  let turn = 0
  const identity = { 'accept-encoding': 'identity' }
  const requests: autocannon.Request[] = [
    {
      method: 'GET',
      path: '/family',
      setupRequest: (request) => ({
        ...request,
        headers: { ...identity, cookie: readers[turn++ % readers.length] as string },
      }),
      onResponse: watch,
    },
    { method: 'GET', path: recap.path, headers: identity, onResponse: watch },
  ]
  const url = siji.url
  await cannon({ url, connections: options.connections, seconds: options.warmupSeconds, requests })
  await settle(url)
  await resetProbe(url)
  const tally = emptySaveTally()
  const until = Date.now() + options.durationSeconds * 1000
  const [result] = await Promise.all([
    cannon({ url, connections: options.connections, seconds: options.durationSeconds, requests }),
    ...teachers.map((teacher) =>
      teacherSaves({
        url,
        cookie: teacher.cookie,
        activityId: teacher.activityId,
        until,
        pauseMs: 200,
        tally,
      }),
    ),
  ])
  await settle(url)
  const probe = await readProbe(url, { sql: options.sql })
  const reads = probe.routes.filter((route) => route.method === 'GET' && route.path !== '/healthz')
  const saves = probe.routes.filter((route) => route.method === 'POST')
  const perRequest = (routes: typeof reads) => {
    const requests = routes.reduce((sum, route) => sum + route.requests, 0)
    const statements = routes.reduce((sum, route) => sum + route.statementsPerRequest * route.requests, 0)
    return requests ? statements / requests : null
  }
  for (const route of probe.routes) {
    log(
      `  ${route.method} ${route.path}: ${route.requests} requests, SQL ${formatStatements(route.statementsPerRequest)}` +
        ` (${route.minStatements}-${route.maxStatements}), server p99 ${formatMs(route.serverP99Ms)} ms, ` +
        `statuses ${JSON.stringify(route.statuses)}`,
    )
    logSlowest(route)
  }
  const mixed: MixedRun = {
    readers: {
      ...loadOf(result),
      statementsPerRequest: perRequest(reads),
      eventLoopP99Ms: probe.eventLoopDelayMs.p99,
      peakRssBytes: probe.memory.peakRssBytes,
    },
    readerCount: readers.length,
    teachers: teachers.length,
    sheetPupils: plan.sheets[0]?.pupils ?? 0,
    pauseMs: SAVE_PAUSE_MS,
    save: {
      saves: tally.saves,
      conflicts: tally.conflicts,
      errors: tally.errors,
      p50: percentile(tally.latencies, 50),
      p99: percentile(tally.latencies, 99),
      statementsPerSave: perRequest(saves),
    },
    busy: busy + tally.busy,
    serverErrors: serverErrors + tally.serverErrors,
  }
  log(describe('Mixed: parents reading', mixed.readers))
  log(
    `Mixed: ${mixed.save.saves} saves, p50 ${formatMs(mixed.save.p50)} ms, p99 ${formatMs(mixed.save.p99)} ms, ` +
      `errors ${mixed.save.errors}, conflicts ${mixed.save.conflicts}, SQLITE_BUSY ${mixed.busy}, 5xx ${mixed.serverErrors}`,
  )
  return mixed
}

/** The key pages at one connection on a larger database. */
async function runScale(
  scale: number,
  file: string,
  options: BenchOptions,
  serverCwd: string,
  workDir: string,
): Promise<ScaleRow> {
  log(`\n${scale}× data: ${file}`)
  const copy = copyDatabase(file, workDir, `scale-x${scale}.db`)
  const siji = await startSiji({
    repo: REPO,
    serverCwd,
    database: copy,
    logFile: join(workDir, `siji-x${scale}.log`),
  })
  try {
    const plan = planBench(copy, options.school, { teachers: 1, readers: 1 })
    const cookies = await signInPlan(siji, plan)
    const pages: ScaleRow['pages'] = []
    for (const page of plan.pages.filter((p) => SCALE_PAGES.includes(p.key))) {
      const session = { path: page.path, cookie: cookies[page.as] }
      await capture(siji.url, page.path, session.cookie)
      const single = await measureSiji(siji, session, 1, options)
      log(describe(`${PAGE_LABELS[page.key]}, ${scale}×, 1 conn`, single))
      pages.push({ key: page.key, p50: single.p50, p99: single.p99, statements: single.statementsPerRequest })
    }
    return { scale, db: file, pupils: plan.pupils, participations: plan.participations, pages }
  } finally {
    await siji.child.stop()
    rmSync(copy, { force: true })
    rmSync(`${copy}-wal`, { force: true })
    rmSync(`${copy}-shm`, { force: true })
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseBenchArgs(argv)
  if (args.kind === 'help') {
    console.log(BENCH_USAGE)
    return 0
  }
  if (args.kind === 'error') {
    console.error(`${args.message}\n\n${BENCH_USAGE}`)
    return 2
  }
  const { options } = args
  const db = resolve(options.db)
  if (!existsSync(db)) {
    console.error(
      `${options.db} is missing; make it with: ${scaleCommand(options.db, 1).replace(' --schools 1', '')}`,
    )
    return 1
  }
  const started = new Date()
  const host = machine()
  const workDir = mkdtempSync(join(tmpdir(), 'siji-bench-'))
  // The copies can be large (600 MB at 16×): gone however the run ends; a failed run keeps its logs.
  let keepLogs = false
  atExit(() => (keepLogs ? removeCopies(workDir) : rmSync(workDir, { recursive: true, force: true })))
  let finished = false
  try {
    const { serverCwd } = prepareBuild(REPO, process.env.SIJI_BUILD_DIR)
    log(`Copying ${options.db} to ${workDir}…`)
    const copy = copyDatabase(db, workDir, 'scale.db')
    const siji = await startSiji({
      repo: REPO,
      serverCwd,
      database: copy,
      logFile: join(workDir, 'siji.log'),
    })
    let plan: BenchPlan
    let pages: PageRun[] = []
    let mixed: MixedRun | null = null
    try {
      plan = planBench(copy, options.school, { teachers: options.teachers })
      log(
        `Siji at ${siji.url} (log ${siji.logFile}); ${plan.pupils} pupils, ${plan.participations} participations`,
      )
      const cookies = await signInPlan(siji, plan)
      if (options.pages.length) pages = await runPages(siji, plan, cookies, options, workDir)
      if (options.mixed) mixed = await runMixed(siji, plan, options)
    } finally {
      await siji.child.stop()
    }

    const scales: (ScaleRow | ScaleMissing)[] = []
    const firstRow: ScaleRow = {
      scale: 1,
      db: options.db,
      pupils: plan.pupils,
      participations: plan.participations,
      pages: pages
        .filter((run) => SCALE_PAGES.includes(run.key) && run.single)
        .map((run) => ({
          key: run.key,
          p50: run.single?.p50 ?? 0,
          p99: run.single?.p99 ?? 0,
          statements: run.single?.statementsPerRequest ?? null,
        })),
    }
    if (firstRow.pages.length) scales.push(firstRow)
    for (const scale of options.scales.filter((s) => s !== 1)) {
      const file = scaleDatabase(options.db, scale)
      if (!existsSync(file)) {
        log(`\n${scale}×: ${file} is missing; make it with: ${scaleCommand(options.db, scale)} (skipped)`)
        scales.push({ scale, db: file, command: scaleCommand(options.db, scale) })
        continue
      }
      scales.push(await runScale(scale, file, options, serverCwd, workDir))
    }

    const report: BenchReport = {
      date: started,
      machine: host,
      db: options.db,
      pupils: plan.pupils,
      participations: plan.participations,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      pages,
      mixed,
      scales,
    }
    const markdown = renderReport(report)
    console.log(`\n${markdown}`)
    mkdirSync(dirname(resolve(options.out)), { recursive: true })
    writeFileSync(options.out, markdown)
    log(`Wrote ${options.out}`)
    const failed = [...pages.map((run) => run.siji.errors + (run.single?.errors ?? 0))].some((n) => n > 0)
    if (failed) log('Some runs answered errors: see the errors column.')
    finished = true
    return 0
  } finally {
    if (!finished) {
      keepLogs = true
      log(`The servers' logs are in ${workDir}`)
    }
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  if (!(error instanceof Error)) console.error(error)
  else console.error(`${error.stack ?? error.message}${error.cause ? `\ncause: ${String(error.cause)}` : ''}`)
  return 1
})
