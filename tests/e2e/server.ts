/**
 * The real server as `npm start` runs it (`node build/server.js`) on a free port over a SQLite file, for the browser tests: the
 * global setup seeds a template database once, each test file gets a server over its own copy of
 * it (tests/e2e/file-server.ts), and a test that needs another clock starts its own.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => (port ? resolvePort(port) : reject(new Error('No free port'))))
    })
  })
}

function logTail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no server log)'
  }
}

async function waitUntilHealthy(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let lastProblem = 'no answer yet'
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `The server exited (${server.exitCode ?? server.signalCode}) before answering /healthz. ` +
          `Log ${logFile}:\n${logTail(logFile)}`,
      )
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
      if (response.status === 200) return
      lastProblem = `status ${response.status}`
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(
    `The server did not answer ${url}/healthz with 200 within ${READY_TIMEOUT_MS / 1000} s (${lastProblem}). ` +
      `Log ${logFile}:\n${logTail(logFile)}`,
  )
}

/** SIGTERM to the server's process group, SIGKILL if it lingers. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return
  const exited = new Promise<void>((r) => server.once('exit', () => r()))
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, name)
    } catch {
      server.kill(name)
    }
  }
  signal('SIGTERM')
  const timer = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS)
  await exited
  clearTimeout(timer)
}

export type RunningServer = {
  url: string
  /** The directory holding the database (siji.db) and the log (server.log). */
  dir: string
  /** Stops the server; removes the directory when startServer made it (unless E2E_KEEP_TMP). */
  stop: () => Promise<void>
}

/** The database files of a server's directory (the WAL only exists while one runs). */
const DATABASE_FILES = ['siji.db', 'siji.db-wal']

/**
 * Starts the built server over `dir`/siji.db (a fresh temporary directory unless given: an empty
 * database is migrated and seeded at the clock the server runs on, or a copy of `template`'s
 * database is used) with `env` on top of this process's environment, and waits until /healthz
 * answers.
 */
export async function startServer({
  dir: givenDir,
  template,
  env = {},
}: {
  dir?: string
  template?: string
  env?: Record<string, string>
} = {}): Promise<RunningServer> {
  for (const built of ['index.js', 'server.js']) {
    if (!existsSync(join(ROOT, 'build', built))) {
      throw new Error(`build/${built} is missing: run \`npm run build\` first, then the e2e tests.`)
    }
  }
  const dir = givenDir ?? mkdtempSync(join(tmpdir(), 'siji-e2e-'))
  if (template) {
    for (const file of DATABASE_FILES) {
      if (existsSync(join(template, file))) copyFileSync(join(template, file), join(dir, file))
    }
  }
  const logFile = join(dir, 'server.log')
  const log = openSync(logFile, 'a')
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`

  const server = spawn(process.execPath, ['--enable-source-maps', join('build', 'server.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, 'siji.db'),
      PORT: String(port),
      NODE_ENV: 'production',
      SESSION_SECRET: 'e2e-secret',
      ...env,
    },
    stdio: ['ignore', log, log],
    detached: true,
  })

  try {
    await waitUntilHealthy(url, server, logFile)
  } catch (error) {
    await stop(server)
    throw error
  }

  return {
    url,
    dir,
    stop: async () => {
      await stop(server)
      if (givenDir) return
      if (process.env.E2E_KEEP_TMP) console.log(`e2e server log and database kept in ${dir}`)
      else rmSync(dir, { recursive: true, force: true })
    },
  }
}
