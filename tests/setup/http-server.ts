import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { createApp } from '../../server'
import { cookieFrom, getTestApp } from './app'

/**
 * The real HTTP server (Express + Remix in production mode, over this worker's test database) on
 * a free loopback port for the tests of the file that calls this; `base` and `port` are set once
 * its `beforeAll` has run.
 */
export function serveOverHttp(options?: Parameters<typeof createApp>[2]): { base: string; port: number } {
  const live = { base: '', port: 0 }
  let server: Server | undefined
  beforeAll(async () => {
    const { build } = await getTestApp()
    server = createApp(build, 'production', options).listen(0, '127.0.0.1')
    await once(server, 'listening')
    live.port = (server.address() as AddressInfo).port
    live.base = `http://127.0.0.1:${live.port}`
  }, 60_000)
  afterAll(() => {
    server?.closeAllConnections()
    server?.close()
  })
  return live
}

/**
 * Signs in over HTTP and returns the session's Cookie header value. A guardian acknowledges the
 * school's current privacy notice through its page, as the first sign-in asks.
 */
export async function signInOverHttp(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
    headers: { Origin: base },
    redirect: 'manual',
  })
  if (response.status !== 302) throw new Error(`Sign-in of ${username} failed with ${response.status}`)
  const cookie = cookieFrom(response)
  const page = await fetch(`${base}/privacy/acknowledge`, { headers: { Cookie: cookie }, redirect: 'manual' })
  if (page.status === 200) {
    const version = /name="version" value="(\d+)"/.exec(await page.text())?.[1] ?? ''
    const done = await fetch(`${base}/privacy/acknowledge`, {
      method: 'POST',
      body: new URLSearchParams({ agree: 'on', version, redirectTo: '/' }),
      headers: { Origin: base, Cookie: cookie },
      redirect: 'manual',
    })
    if (done.status !== 302) throw new Error(`Acknowledging the privacy notice failed with ${done.status}`)
  } else {
    await page.body?.cancel()
  }
  return cookie
}
