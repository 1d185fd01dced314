import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import { guardFormData } from '../../app/utils/request-body.server'
import { createDb } from '../../db/client'
import type { Database } from '../../db/schema'
import { DEMO_PASSWORD } from '../../seeds/demo'

export const BASE_URL = 'http://localhost'
/** The client address of in-process requests (a documentation address). */
export const TEST_CLIENT = '192.0.2.10'

type TestApp = {
  db: Kysely<Database>
  build: ServerBuild
  /** Sends a request through Remix's request handler, as the server would. */
  request: (path: string, init?: RequestInit & { cookie?: string }) => Promise<Response>
  /**
   * Signs in and returns the Cookie header value of the new session. A guardian acknowledges the
   * school's current privacy notice, as the first sign-in asks, unless `acknowledgePrivacy: false`.
   */
  signIn: (username: string, password?: string, options?: { acknowledgePrivacy?: boolean }) => Promise<string>
}

declare global {
  var __sijiTestApp: Promise<TestApp> | undefined
}

/**
 * One SQLite file per test file: vitest runs each file in its own process (the `forks` pool), and
 * that process's first call copies the template the global setup migrated and seeded once
 * (integration-template.ts). The server build holds one database handle per process, as in production.
 */
export function getTestApp(): Promise<TestApp> {
  globalThis.__sijiTestApp ??= createTestApp()
  return globalThis.__sijiTestApp
}

async function createTestApp(): Promise<TestApp> {
  process.env.SESSION_SECRET = 'integration-test-secret'
  // Absolute links are written with the public origin, here the origin the tests request.
  process.env.PUBLIC_URL ??= BASE_URL
  const dir = mkdtempSync(join(tmpdir(), 'siji-it-'))
  // Uploaded photos live beside this file's database, as they do beside data/siji.db.
  process.env.PHOTO_DIR = join(dir, 'photos')
  copyFileSync(inject('integrationTemplate'), join(dir, 'siji.db'))
  const db = createDb(join(dir, 'siji.db'))
  globalThis.__sijiDb = db
  const buildDir = process.env.SIJI_BUILD_DIR ?? join(process.cwd(), 'build')
  const build = (await import(pathToFileURL(join(buildDir, 'index.js')).href)) as ServerBuild
  // As the HTTP server does (server.ts): an unreadable form is a 400, not a 500.
  const handler = createRequestHandler(guardFormData(build), 'production')

  async function request(path: string, init: RequestInit & { cookie?: string } = {}) {
    const { cookie, ...rest } = init
    const headers = new Headers(rest.headers)
    if (cookie) headers.set('Cookie', cookie)
    // The address the HTTP server would pass on (server.ts); the sign-in throttle counts per client.
    return handler(new Request(`${BASE_URL}${path}`, { ...rest, headers, redirect: 'manual' }), {
      clientAddress: TEST_CLIENT,
    })
  }

  async function signIn(username: string, password = DEMO_PASSWORD, { acknowledgePrivacy = true } = {}) {
    const response = await request('/login', {
      method: 'POST',
      body: new URLSearchParams({ username, password }),
    })
    if (response.status !== 302) throw new Error(`Sign-in of ${username} failed with ${response.status}`)
    const cookie = cookieFrom(response)
    if (acknowledgePrivacy) await acknowledgeIfAsked(cookie)
    return cookie
  }

  /** Acknowledges the privacy notice through its page, as a guardian would, if the page asks. */
  async function acknowledgeIfAsked(cookie: string) {
    const page = await request('/privacy/acknowledge', { cookie })
    if (page.status !== 200) return
    const version = /name="version" value="(\d+)"/.exec(await page.text())?.[1]
    if (!version) throw new Error('The privacy notice page has no version')
    const response = await request('/privacy/acknowledge', {
      ...form({ agree: 'on', version, redirectTo: '/' }),
      cookie,
    })
    if (response.status !== 302)
      throw new Error(`Acknowledging the privacy notice failed with ${response.status}`)
  }

  return { db, build, request, signIn }
}

/** The `name=value` part of the Set-Cookie headers, ready to send back. */
export function cookieFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

export function form(values: Record<string, string>): { method: 'POST'; body: URLSearchParams } {
  return { method: 'POST', body: new URLSearchParams(values) }
}
