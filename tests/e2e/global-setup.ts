/**
 * Global setup of the `e2e` project: starts the real server (`tsx server.ts`) on a free port with a
 * fresh demo database in a temporary directory, and hands its URL and the browser's path to the
 * tests. Nothing is skipped: a missing build or browser fails the run with what to do about it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    chromePath: string
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

export function findChrome(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.CHROME_PATH ? [env.CHROME_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser']
  const found = candidates.find((path) => existsSync(path))
  if (found) return found
  throw new Error(
    env.CHROME_PATH
      ? `CHROME_PATH is set to ${env.CHROME_PATH}, but no file is there: point it at a Chrome or ` +
          'Chromium executable, or unset it and install Chromium (`sudo apt-get install -y chromium`).'
      : 'No Chromium found at /usr/bin/chromium or /usr/bin/chromium-browser. The browser tests need one: ' +
          'install it (Debian/Ubuntu: `sudo apt-get install -y chromium fonts-noto-cjk`) ' +
          'or set CHROME_PATH to a Chrome or Chromium executable.',
  )
}

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

/** SIGTERM to the server's process group (tsx runs the server in a child), SIGKILL if it lingers. */
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'build', 'index.js'))) {
    throw new Error('build/index.js is missing: run `npm run build` first, then the e2e tests.')
  }
  const chromePath = findChrome()

  const dir = mkdtempSync(join(tmpdir(), 'siji-e2e-'))
  const logFile = join(dir, 'server.log')
  const log = openSync(logFile, 'a')
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`

  const server = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, 'siji.db'),
      PORT: String(port),
      NODE_ENV: 'production',
      SESSION_SECRET: 'e2e-secret',
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

  project.provide('baseURL', url)
  project.provide('chromePath', chromePath)

  const builtAt = statSync(join(ROOT, 'build', 'index.js')).mtimeMs
  return async () => {
    await stop(server)
    if (statSync(join(ROOT, 'build', 'index.js'), { throwIfNoEntry: false })?.mtimeMs !== builtAt) {
      console.warn(
        'build/ was rebuilt while the e2e tests ran: the server kept the old build, so its asset URLs ' +
          '(/build/...) may have answered 404. Run the e2e tests again once nobody is building.',
      )
    }
    if (process.env.E2E_KEEP_TMP) console.log(`e2e server log and database kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}
