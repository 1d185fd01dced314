import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../../server'
import { getTestApp } from './app'

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
