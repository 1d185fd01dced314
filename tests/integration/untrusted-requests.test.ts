import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server'
import { BASE_URL, getTestApp } from '../setup/app'
import { serveOverHttp, signInOverHttp } from '../setup/http-server'

/**
 * Issue 16, items 1, 2 and 7, through the real HTTP server: what a client sends (Host, forwarded
 * headers, a redirect target, a missing Origin) never shapes what others are served.
 */
const live = serveOverHttp()

type Raw = { status: number; headers: IncomingHttpHeaders; body: string }

/** A request with headers `fetch` will not send as given (Host), or none at all (Origin). */
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Raw>((resolve, reject) => {
    const req = httpRequest(
      `${live.base}${path}`,
      { method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

const signInBody = (extra: Record<string, string> = {}) =>
  new URLSearchParams({ username: 'jw-teacher', password: 'demo-pass-2026', ...extra }).toString()

function postSignIn(headers: Record<string, string>, extra: Record<string, string> = {}) {
  return raw('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: signInBody(extra),
  })
}

function signIn(username: string): Promise<string> {
  return signInOverHttp(live.base, username)
}

describe('absolute URLs come from PUBLIC_URL, never from Host or forwarded headers', () => {
  const poison = {
    Host: 'evil.example',
    'X-Forwarded-Host': 'evil.example',
    'X-Forwarded-Proto': 'https',
    'Accept-Language': 'zh-CN',
  }

  it.each(['/s/jiwang/feed.xml', '/s/jiwang'])(
    '%s asked with Host: evil.example names only the public origin, then and for the next reader',
    async (path) => {
      const poisoned = await raw(path, { headers: poison })
      expect(poisoned.status).toBe(200)
      expect(poisoned.body).not.toContain('evil.example')
      expect(poisoned.body).toContain(`${BASE_URL}/s/jiwang`)
      const next = await raw(path, { headers: { 'Accept-Language': 'zh-CN' } })
      expect(next.headers['x-siji-cache']).toBe('hit')
      expect(next.body).not.toContain('evil.example')
    },
  )

  it('a public recap keeps its canonical and share tags on the public origin', async () => {
    const index = await raw('/s/jiwang', { headers: { 'Accept-Language': 'zh-CN' } })
    const recap = index.body.match(/href="(\/s\/jiwang\/recaps\/\d+)"/)?.[1]
    expect(recap).toBeTruthy()
    const poisoned = await raw(recap ?? '', { headers: poison })
    expect(poisoned.body).not.toContain('evil.example')
    expect(poisoned.body).toContain(`<link rel="canonical" href="${BASE_URL}${recap}"`)
    const next = await raw(recap ?? '', { headers: { 'Accept-Language': 'zh-CN' } })
    expect(next.body).not.toContain('evil.example')
  })

  it('a family calendar subscription address is on the public origin', async () => {
    const cookie = await signIn('jw-parent')
    const page = await raw('/calendar', { headers: { ...poison, Cookie: cookie } })
    expect(page.status).toBe(200)
    expect(page.body).not.toContain('evil.example')
    expect(page.body).toContain(`${BASE_URL}/ics/jiwang/`)
  })
})

describe('sign-in goes back only to a path of this site', () => {
  it.each([
    ['a tab hiding a second slash', '/\t/evil.example'],
    ['a line break hiding a second slash', '/\n/evil.example/x'],
    ['a dot segment leaving //', '/..//evil.example'],
    ['an encoded dot segment leaving //', '/%2e%2e//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['an ideographic space', '/family\u3000x'],
    ['a line separator', '/family\u2028x'],
    ['a carriage return and header', '/family\r\nSet-Cookie: x=1'],
    ['another scheme', 'https://evil.example/'],
  ])('%s lands on the home page, signed in, never a 500', async (_label, redirectTo) => {
    const response = await postSignIn({ Origin: live.base }, { redirectTo })
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe('/')
    expect(String(response.headers['set-cookie'])).toMatch(/siji_session=/)
  })

  it('keeps a path of this site with its query', async () => {
    const response = await postSignIn({ Origin: live.base }, { redirectTo: '/calendar?view=week' })
    expect(response.headers.location).toBe('/calendar?view=week')
  })
})

describe('headers', () => {
  it('sends a Permissions-Policy and, over plain HTTP, no HSTS', async () => {
    const page = await raw('/login')
    expect(page.headers['permissions-policy']).toContain('camera=()')
    expect(page.headers['permissions-policy']).toContain('geolocation=()')
    expect(page.headers['strict-transport-security']).toBeUndefined()
  })

  it('sends HSTS when a trusted proxy says the request came over HTTPS, stored page or not', async () => {
    for (const path of ['/login', '/s/jiwang', '/s/jiwang', '/favicon.svg']) {
      const page = await raw(path, { headers: { 'X-Forwarded-Proto': 'https' } })
      expect(page.headers['strict-transport-security'], path).toMatch(/^max-age=\d{7,}/)
    }
  })

  it('sends HSTS everywhere when PUBLIC_URL is https', async () => {
    const { build } = await getTestApp()
    const before = process.env.PUBLIC_URL
    process.env.PUBLIC_URL = 'https://siji.example.edu.cn'
    const server = createApp(build, 'production').listen(0)
    try {
      await new Promise((resolve) => server.once('listening', resolve))
      const { port } = server.address() as AddressInfo
      const response = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/)
    } finally {
      process.env.PUBLIC_URL = before
      server.close()
    }
  })

  it('no signed-in page may be stored: staff, family pages (stored by the page cache too) and data requests', async () => {
    const staff = await signIn('jw-teacher')
    const parent = await signIn('jw-parent')
    const family = await raw('/family', { headers: { Cookie: parent } })
    const child = family.body.match(/href="(\/family\/children\/\d+)"/)?.[1]
    expect(child).toBeTruthy()
    const pages: [string, string][] = [
      ['/', staff],
      ['/calendar', staff],
      ['/seasons', staff],
      ['/family', parent],
      ['/family', parent],
      ['/family/consents', parent],
      [child ?? '', parent],
      ['/family/recaps', parent],
      ['/s/jiwang', parent],
      ['/family/consents?_data=routes%2Ffamily.consents', parent],
    ]
    for (const [path, cookie] of pages) {
      const response = await raw(path, { headers: { Cookie: cookie } })
      expect(response.status, path).toBe(200)
      expect(response.headers['cache-control'], path).toBe('private, no-store')
    }
    const anonymous = await raw('/s/jiwang')
    expect(anonymous.headers['cache-control']).toBe('public, max-age=60')
  })
})

describe('CSRF: a write must name its source', () => {
  it('refuses a POST with neither Origin nor Referer', async () => {
    const response = await postSignIn({})
    expect(response.status).toBe(403)
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a POST whose only source is a Referer from another site', async () => {
    const response = await postSignIn({ Referer: 'https://evil.example/login' })
    expect(response.status).toBe(403)
  })

  it('accepts a POST whose only source is a Referer of this site', async () => {
    const response = await postSignIn({ Referer: `${live.base}/login` })
    expect(response.status).toBe(302)
  })

  it('accepts a POST from the public origin when a proxy in front rewrote Host', async () => {
    const response = await postSignIn({
      Origin: BASE_URL,
      Host: 'internal:3000',
      'X-Forwarded-Host': 'localhost',
    })
    expect(response.status).toBe(302)
  })
})
