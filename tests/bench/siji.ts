import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ProbeRoute, ProbeSnapshot } from './probe'
import { type Child, freePort, startNode } from './processes'

export const BENCH_SESSION_SECRET = 'siji-bench-session-secret-not-for-production'

/**
 * Where server.ts runs from. It loads `./build/index.js` from its working directory, so a separate
 * SIJI_BUILD_DIR (side-by-side runs that must not touch ./build) gets a directory of its own with
 * the build in `build/` and links to the checkout's node_modules and public files.
 */
export function prepareBuild(repo: string, buildDir: string | undefined): { serverCwd: string } {
  let serverCwd = repo
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
  if (buildDir) {
    serverCwd = resolve(buildDir)
    mkdirSync(serverCwd, { recursive: true })
    for (const shared of ['node_modules', 'public']) {
      if (!existsSync(join(serverCwd, shared)))
        symlinkSync(join(repo, shared), join(serverCwd, shared), 'dir')
    }
    env.SIJI_BUILD_DIR = join(serverCwd, 'build')
  } else {
    delete env.SIJI_BUILD_DIR
  }
  console.error(`Building Siji for production${buildDir ? ` into ${env.SIJI_BUILD_DIR}` : ''}…`)
  const result = spawnSync(join(repo, 'node_modules', '.bin', 'remix'), ['build'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`remix build failed (exit ${result.status})`)
  return { serverCwd }
}

export type Siji = { url: string; child: Child; logFile: string }

/** Starts Siji on `database` with the bench probe (./server.ts), and waits until /healthz answers. */
export async function startSiji(input: {
  repo: string
  serverCwd: string
  database: string
  logFile: string
}): Promise<Siji> {
  const port = await freePort()
  const child = startNode(join(input.repo, 'tests', 'bench', 'server.ts'), [], {
    cwd: input.serverCwd,
    logFile: input.logFile,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_PATH: input.database,
      SESSION_SECRET: BENCH_SESSION_SECRET,
      // Turns on the statement counting in db/client.ts that the probe reads.
      SIJI_BENCH: '1',
    },
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new Error(`Siji exited with ${child.process.exitCode} while starting; see ${input.logFile}`)
    }
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await child.stop()
      throw new Error(`Siji did not answer /healthz within 2 minutes; see ${input.logFile}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return { url, child, logFile: input.logFile }
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password }),
    headers: { Origin: url },
    redirect: 'manual',
  })
  if (response.status !== 302) throw new Error(`Signing in ${username} answered ${response.status}`)
  return cookieOf(response)
}

export type Captured = { path: string; contentType: string; body: Buffer }

/** A page as Siji sends it uncompressed; anything but 2xx stops the run. */
export async function capture(url: string, path: string, cookie: string | null): Promise<Captured> {
  const headers: Record<string, string> = { 'Accept-Encoding': 'identity' }
  if (cookie) headers.Cookie = cookie
  const response = await fetch(`${url}${path}`, { headers, redirect: 'manual' })
  const body = Buffer.from(await response.arrayBuffer())
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `Siji answered ${response.status} on ${path} during capture:\n${body.toString().slice(0, 500)}`,
    )
  }
  return { path, contentType: response.headers.get('content-type') ?? 'text/html', body }
}

/**
 * The run's own requests to Siji, tried again when a kept-alive socket was closed under them: a
 * server whose event loop was blocked for seconds closes idle sockets as the next request leaves.
 */
async function control(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init)
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}

/**
 * Waits until Siji has worked off what an ended run left queued: autocannon closes its sockets but
 * the server still renders what it had accepted, which would slow the next run down.
 */
export async function settle(url: string): Promise<void> {
  await control(`${url}/healthz`)
  await new Promise((resolve) => setTimeout(resolve, 200))
}

export async function resetProbe(url: string): Promise<void> {
  const response = await control(`${url}/__bench/reset`, { method: 'POST' })
  if (response.status !== 204) throw new Error(`POST /__bench/reset answered ${response.status}`)
}

export async function readProbe(url: string, { sql = false } = {}): Promise<ProbeSnapshot> {
  const response = await control(`${url}/__bench${sql ? '?sql=1' : ''}`)
  if (!response.ok) throw new Error(`GET /__bench answered ${response.status}`)
  return (await response.json()) as ProbeSnapshot
}

/** The probe's figures for one method and path (with its query), if Siji saw it. */
export function routeOf(snapshot: ProbeSnapshot, method: string, path: string): ProbeRoute | undefined {
  return snapshot.routes.find((route) => route.method === method && route.path === path)
}
