import { describe, expect, it } from 'vitest'
import { serveOverHttp } from '../setup/http-server'

const live = serveOverHttp()

const signInBody = () => new URLSearchParams({ username: 'jw-teacher', password: 'demo-pass-2026' })

describe('HTTP server', () => {
  it('refuses a POST whose Origin is another site with 403', async () => {
    const response = await fetch(`${live.base}/login`, {
      method: 'POST',
      body: signInBody(),
      headers: { Origin: 'https://evil.example' },
      redirect: 'manual',
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('Set-Cookie')).toBeNull()
  })

  it('accepts a POST from its own origin', async () => {
    const response = await fetch(`${live.base}/login`, {
      method: 'POST',
      body: signInBody(),
      headers: { Origin: live.base },
      redirect: 'manual',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Set-Cookie')).toMatch(/siji_session=/)
  })

  it('sends security headers and no framework banner', async () => {
    const response = await fetch(`${live.base}/`)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('X-Powered-By')).toBeNull()
  })

  it('serves static files from public/', async () => {
    const response = await fetch(`${live.base}/favicon.svg`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<svg')
  })

  it('answers GET /healthz', async () => {
    const response = await fetch(`${live.base}/healthz`)
    expect(await response.json()).toEqual({ status: 'ok' })
  })
})

describe('Content-Security-Policy', () => {
  it('lets only scripts from this origin or with the response nonce run, with a new nonce per page', async () => {
    const first = await fetch(`${live.base}/`)
    const policy = first.headers.get('Content-Security-Policy') ?? ''
    const nonce = policy.match(/'nonce-([^']+)'/)?.[1]
    expect(nonce).toBeTruthy()
    expect(policy).toContain("script-src 'self' 'nonce-")
    expect(policy).not.toContain('unsafe-inline')
    const html = await first.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    const second = await fetch(`${live.base}/`)
    expect(second.headers.get('Content-Security-Policy')).not.toContain(nonce)
  })
})
