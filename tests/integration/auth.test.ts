import { createRequestHandler } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { now } from '../../app/utils/clock'
import { hashPassword } from '../../app/utils/password.server'
import { cookieFrom, form, getTestApp, TEST_CLIENT } from '../setup/app'

describe('sign-in', () => {
  it('signs a demo admin in with a rotated, httpOnly, SameSite=Lax session cookie', async () => {
    const app = await getTestApp()
    const first = await app.signIn('jw-admin')
    const response = await app.request('/login', {
      ...form({ username: 'jw-admin', password: 'demo-pass-2026' }),
      cookie: first,
    })
    expect(response.status).toBe(302)
    const setCookie = response.headers.get('Set-Cookie') ?? ''
    expect(setCookie).toMatch(/siji_session=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).not.toMatch(/Secure/i)
    const second = cookieFrom(response)
    expect(second).not.toBe(first)
    // The session the browser had before signing in is gone.
    const old = await app.request('/', { cookie: first })
    expect(await old.text()).toContain('name="password"')
    const home = await app.request('/', { cookie: second })
    expect(await home.text()).toContain('德育主任')
  })

  it('marks the cookie Secure when served over HTTPS', async () => {
    const app = await getTestApp()
    const https = await createRequestHandler(
      app.build,
      'production',
    )(
      new Request('https://siji.example/login', {
        method: 'POST',
        body: new URLSearchParams({ username: 'zb-admin', password: 'demo-pass-2026' }),
      }),
    )
    expect(https.status).toBe(302)
    expect(https.headers.get('Set-Cookie')).toMatch(/; Secure/i)
  })

  it('answers an unknown user and a wrong password with the same 401 message', async () => {
    const app = await getTestApp()
    const unknown = await app.request('/login', form({ username: 'nobody-here', password: 'whatever-123' }))
    const wrong = await app.request('/login', form({ username: 'zb-teacher', password: 'not-the-password' }))
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    const message = '用户名或密码不正确。'
    expect(await unknown.text()).toContain(message)
    expect(await wrong.text()).toContain(message)
  })

  it('keeps the typed username and gives field messages for empty and over-long input', async () => {
    const app = await getTestApp()
    const empty = await app.request('/login', form({ username: '', password: '' }))
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('请填写此项。')
    const long = await app.request('/login', form({ username: 'x'.repeat(65), password: 'a' }))
    expect(long.status).toBe(400)
    const html = await long.text()
    expect(html).toContain('最多 64 个字符。')
    expect(html).toContain(`value="${'x'.repeat(65)}"`)
  })

  it('throttles an account after five failures with a translated 429, and remembers it in the database', async () => {
    const app = await getTestApp()
    for (let i = 0; i < 5; i++) {
      const r = await app.request('/login', form({ username: 'hs-teacher', password: `wrong-${i}` }))
      expect(r.status).toBe(401)
    }
    const locked = await app.request('/login', form({ username: 'hs-teacher', password: 'demo-pass-2026' }))
    expect(locked.status).toBe(429)
    expect(await locked.text()).toContain('尝试次数过多')
    const english = await app.request(
      '/login?lang=en',
      form({ username: 'HS-Teacher', password: 'demo-pass-2026' }),
    )
    expect(english.status).toBe(429)
    expect(await english.text()).toContain('Too many attempts')
    const row = await app.db
      .selectFrom('sign_in_throttle')
      .select(['failures', 'locked_until'])
      .where('username_key', '=', `account:${TEST_CLIENT}:hs-teacher`)
      .executeTakeFirstOrThrow()
    expect(row.failures).toBe(5)
    expect(row.locked_until).not.toBeNull()
  })

  it('refuses a cross-site POST', async () => {
    const app = await getTestApp()
    const before = await app.db.selectFrom('sessions').select('id').execute()
    const response = await app.request('/login', {
      ...form({ username: 'jw-admin', password: 'demo-pass-2026' }),
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(response.status).toBe(403)
    const after = await app.db.selectFrom('sessions').select('id').execute()
    expect(after).toHaveLength(before.length)
  })

  it('returns to the page that asked for sign-in', async () => {
    const app = await getTestApp()
    const asked = await app.request('/school/calendar')
    expect(asked.headers.get('Location')).toBe('/login?redirectTo=%2Fschool%2Fcalendar')
    const response = await app.request(
      '/login',
      form({ username: 'zb-admin', password: 'demo-pass-2026', redirectTo: '/school/calendar' }),
    )
    expect(response.headers.get('Location')).toBe('/school/calendar')
  })

  it('never redirects off-site after sign-in', async () => {
    const app = await getTestApp()
    const response = await app.request(
      '/login',
      form({ username: 'jw-teacher', password: 'demo-pass-2026', redirectTo: '//evil.example/' }),
    )
    expect(response.headers.get('Location')).toBe('/')
  })
})

describe('sessions', () => {
  it('ends the session on logout, in the database too', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('zb-parent')
    const before = await app.db.selectFrom('sessions').select('id').execute()
    const out = await app.request('/logout', { method: 'POST', cookie })
    expect(out.status).toBe(302)
    const after = await app.db.selectFrom('sessions').select('id').execute()
    expect(after.length).toBe(before.length - 1)
    const home = await app.request('/', { cookie })
    expect(await home.text()).toContain('name="password"')
  })

  it('ends every session of a deactivated account at the next request', async () => {
    const app = await getTestApp()
    const user = await app.db
      .insertInto('users')
      .values({
        school_id: 1,
        role: 'teacher',
        username: 'temp-teacher-deact',
        display_name: '临时老师',
        password_hash: await hashPassword('a-long-password'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const cookie = await app.signIn('temp-teacher-deact', 'a-long-password')
    await app.db.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute()
    const page = await app.request('/classes', { cookie })
    expect(page.status).toBe(302)
    expect(page.headers.get('Location')).toMatch(/^\/login/)
    const left = await app.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
    expect(left).toHaveLength(0)
  })

  it('expires a session idle for longer than the idle timeout', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-parent')
    const longAgo = new Date(now().getTime() - 13 * 60 * 60 * 1000).toISOString()
    await app.db
      .updateTable('sessions')
      .set({ last_seen_at: longAgo })
      .where('user_id', '=', app.db.selectFrom('users').select('id').where('username', '=', 'hs-parent'))
      .execute()
    const home = await app.request('/', { cookie })
    expect(await home.text()).toContain('name="password"')
  })
})

describe('health and language', () => {
  it('answers /healthz with ok', async () => {
    const app = await getTestApp()
    const response = await app.request('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('serves Chinese by default, English by Accept-Language, and remembers ?lang in a cookie', async () => {
    const app = await getTestApp()
    const zh = await (await app.request('/')).text()
    expect(zh).toContain('<html lang="zh-CN"')
    const en = await (await app.request('/', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })).text()
    expect(en).toContain('<html lang="en"')
    const switched = await app.request('/?lang=en')
    expect(switched.headers.get('Set-Cookie')).toMatch(/siji_lang=en/)
    const remembered = await app.request('/', {
      cookie: cookieFrom(switched),
      headers: { 'Accept-Language': 'zh-CN' },
    })
    expect(await remembered.text()).toContain('<html lang="en"')
    const back = await app.request('/?lang=zh', { cookie: cookieFrom(switched) })
    expect(await back.text()).toContain('<html lang="zh-CN"')
  })

  it('shows a translated 404 page for an unknown URL', async () => {
    const app = await getTestApp()
    const response = await app.request('/no-such-page?lang=en')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Page not found')
  })
})
