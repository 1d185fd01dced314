import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  FORM_MAX_BYTES,
  PHOTO_REQUEST_MAX_BYTES,
  ROSTER_REQUEST_MAX_BYTES,
} from '~/utils/request-body.server'
import { getTestApp } from '../setup/app'
import { serveOverHttp } from '../setup/http-server'

const IDLE_MS = 500
const live = serveOverHttp({ bodyIdleMs: IDLE_MS })

type RawAnswer = { status: number | null; ms: number }

/**
 * Sends `head` (and `body`) as written on a raw connection and waits for the status line or the
 * connection's end, whichever is first: fetch would refuse most of these requests itself.
 */
function raw(head: string, body: string | Buffer = '', waitMs = 5000): Promise<RawAnswer> {
  const started = performance.now()
  return new Promise((resolve) => {
    const socket = connect(live.port, '127.0.0.1')
    let text = ''
    const done = () => {
      clearTimeout(timer)
      socket.destroy()
      const status = text.match(/^HTTP\/1\.1 (\d{3})/)?.[1]
      resolve({ status: status ? Number(status) : null, ms: performance.now() - started })
    }
    const timer = setTimeout(done, waitMs)
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
      if (/^HTTP\/1\.1 \d{3}/.test(text)) done()
    })
    socket.on('error', done)
    socket.on('close', done)
    socket.write(`${head.replace(/\n/g, '\r\n')}\r\n\r\n`)
    if (body.length) socket.write(body)
  })
}

// A browser's form post carries its Origin; without one the CSRF check answers 403 first.
const post = (path: string, headers: string) =>
  `POST ${path} HTTP/1.1\nHost: 127.0.0.1:${live.port}\nOrigin: http://127.0.0.1:${live.port}\n${headers}`

describe('request bodies', () => {
  it('refuses a declared 50 MB form post with 413 before reading it', async () => {
    const answer = await raw(
      post('/login', 'Content-Type: application/x-www-form-urlencoded\nContent-Length: 52428800'),
    )
    expect(answer.status).toBe(413)
    expect(answer.ms).toBeLessThan(1000)
  })

  it('allows the documented upload sizes on their routes, and refuses more', async () => {
    const over = (path: string, bytes: number) =>
      raw(post(path, `Content-Type: multipart/form-data; boundary=x\nContent-Length: ${bytes + 1}`))
    expect((await over('/login', FORM_MAX_BYTES)).status).toBe(413)
    expect((await over('/recaps/1/edit', PHOTO_REQUEST_MAX_BYTES)).status).toBe(413)
    expect((await over('/school/roster', ROSTER_REQUEST_MAX_BYTES)).status).toBe(413)
    // Within the route's limit the request is read as usual (here: signed out, so sent to sign in).
    const photo = await fetch(`${live.base}/recaps/1/edit`, {
      method: 'POST',
      headers: { Origin: live.base },
      body: new URLSearchParams({ caption: 'x'.repeat(2 * FORM_MAX_BYTES) }),
      redirect: 'manual',
    })
    expect(photo.status).not.toBe(413)
  })

  it('cuts off a chunked body once it passes the limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const framed = Buffer.concat(
      Array.from({ length: Math.ceil((2 * FORM_MAX_BYTES) / chunk.length) }, () =>
        Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
      ),
    )
    const answer = await raw(
      post('/login', 'Content-Type: application/x-www-form-urlencoded\nTransfer-Encoding: chunked'),
      framed,
    )
    expect(answer.status).toBe(413)
  })

  it('answers a body that never arrives within seconds, and /healthz meanwhile', async () => {
    const stalled = raw(
      post('/login', 'Content-Type: application/x-www-form-urlencoded\nContent-Length: 100'),
      'user',
    )
    const health = await raw(`GET /healthz HTTP/1.1\nHost: 127.0.0.1:${live.port}`)
    expect(health.status).toBe(200)
    expect(health.ms).toBeLessThan(IDLE_MS)
    const answer = await stalled
    expect(answer.ms).toBeLessThan(IDLE_MS + 2000)
    expect(answer.status).toBe(408)
  })

  it('answers a malformed Host with 400', async () => {
    for (const host of ['[::1', 'a b', 'exa mple.org:80']) {
      const answer = await raw(`GET /login HTTP/1.1\nHost: ${host}`)
      expect(answer.status, host).toBe(400)
    }
    const forwarded = await raw(`GET / HTTP/1.1\nHost: 127.0.0.1:${live.port}\nX-Forwarded-Host: [bad`)
    expect(forwarded.status).toBe(400)
  })
})

describe('unreadable forms', () => {
  const bodies: [string, string, string][] = [
    ['JSON', 'application/json', '{"username":"jw-admin"}'],
    ['plain text', 'text/plain', 'username=jw-admin'],
    [
      'broken multipart',
      'multipart/form-data; boundary=zzz',
      '--zzz\r\nContent-Disposition: form-data\r\n\r\nno end',
    ],
    ['no type', '', 'username=jw-admin'],
  ]

  it('answer 400 on every action, whatever route, never 500', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const account = await app.request('/account/password', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
      cookie,
    })
    expect(account.status).toBe(400)
    const paths = Object.values(app.build.routes)
      .filter((route) => route.module.action && route.path)
      .map((route) => {
        let prefix = ''
        for (let parent = route.parentId; parent; parent = app.build.routes[parent]?.parentId)
          prefix = `${app.build.routes[parent]?.path ?? ''}/${prefix}`
        return `/${prefix}${route.path}`.replace(/\/+/g, '/').replace(/:[^/]+/g, '1')
      })
    expect(paths.length).toBeGreaterThan(20)
    const statuses: string[] = []
    for (const path of paths) {
      for (const [name, type, body] of bodies) {
        const headers: Record<string, string> = type ? { 'Content-Type': type } : {}
        const response = await app.request(path, { method: 'POST', body, headers, cookie })
        statuses.push(`${response.status} ${name} ${path}`)
      }
    }
    expect(statuses.filter((s) => s.startsWith('5'))).toEqual([])
    // Through the HTTP server too, signed out: the sign-in form itself, each on a fresh connection.
    for (const [name, type, body] of bodies) {
      const typeLine = type ? `Content-Type: ${type}\n` : ''
      const answer = await raw(post('/login', `${typeLine}Content-Length: ${Buffer.byteLength(body)}`), body)
      expect(answer.status, name).toBe(400)
    }
  })
})
