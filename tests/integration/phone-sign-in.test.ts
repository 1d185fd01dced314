import { createRequestHandler } from '@remix-run/node'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { MAX_FAILURES } from '~/domain/sign-in-throttle'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { BASE_URL, cookieFrom, getTestApp } from '../setup/app'

// Counted rather than timed, as in sign-in-timing.test.ts: a shared machine's load drowns the hash.
vi.mock('~/utils/password.server', async (original) => {
  const actual = await original<typeof import('~/utils/password.server')>()
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) }
})

const DEMO_PASSWORD = 'demo-pass-2026'
const SHARED_PHONE = '13800000077'

let handler: ReturnType<typeof createRequestHandler>

beforeAll(async () => {
  const { db, build } = await getTestApp()
  handler = createRequestHandler(build, 'production')
  // One parent with children at jiwang (1) and zaobei (2), another password at huaishao (3).
  const [both, other] = await Promise.all([
    hashPassword('two-schools-pass'),
    hashPassword('third-school-pass'),
  ])
  for (const [username, schoolId, hash, name] of [
    ['phone-jw', 1, both, '纪王的家长'],
    ['phone-zb', 2, both, '藻北的家长'],
    ['phone-hs', 3, other, '怀少的家长'],
  ] as const) {
    await db
      .insertInto('users')
      .values({
        school_id: schoolId,
        role: 'parent',
        username,
        display_name: name,
        password_hash: hash,
        phone: SHARED_PHONE,
      })
      .execute()
  }
}, 60_000)

/** A sign-in POST from `client` (each test its own, so their throttle counts stay apart). */
function post(client: string, fields: Record<string, string>, { path = '/login', cookie = '' } = {}) {
  const headers = new Headers()
  if (cookie) headers.set('Cookie', cookie)
  return handler(
    new Request(`${BASE_URL}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers }),
    { clientAddress: client },
  )
}

/** The display name the session of a sign-in answer shows in the page header. */
async function signedInAs(response: Response): Promise<string> {
  const page = await handler(
    new Request(`${BASE_URL}/account/password`, { headers: { Cookie: cookieFrom(response) } }),
    { clientAddress: '192.0.2.99' },
  )
  expect(page.status).toBe(200)
  return page.text()
}

describe('signing in with a phone number', () => {
  it('signs jw-parent in with the phone typed with spaces, dashes, +86 or full-width digits', async () => {
    for (const typed of ['13900000001', ' 139 0000 0001 ', '+86 139-0000-0001', '１３９０００００００１']) {
      const response = await post('198.51.110.1', { username: typed, password: DEMO_PASSWORD })
      expect(response.status, typed).toBe(302)
      expect(await signedInAs(response), typed).toContain('张妈妈')
    }
  })

  it('answers a phone that is nobody’s as a wrong password, after one hash check each', async () => {
    const { checkCredentials } = await import('~/utils/auth.server')
    vi.mocked(verifyPassword).mockClear()
    expect(await checkCredentials('13911112222', DEMO_PASSWORD, '198.51.110.2')).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(verifyPassword).toHaveBeenCalledTimes(1)
    vi.mocked(verifyPassword).mockClear()
    expect(await checkCredentials('13900000001', 'not-the-password', '198.51.110.2')).toEqual({
      ok: false,
      reason: 'invalid',
    })
    expect(verifyPassword).toHaveBeenCalledTimes(1)

    const nobody = await post('198.51.110.3', { username: '13911112222', password: DEMO_PASSWORD })
    const wrong = await post('198.51.110.3', { username: '13900000001', password: 'not-the-password' })
    expect(nobody.status).toBe(401)
    expect(wrong.status).toBe(401)
    const message = '用户名或密码不正确。'
    expect(await nobody.text()).toContain(message)
    expect(await wrong.text()).toContain(message)
  })

  it('counts a wrong phone however it is typed on one throttle, and locks the right password out too', async () => {
    const client = '198.51.110.4'
    const typings = [
      '13900000001',
      '+8613900000001',
      '139 0000 0001',
      '139-0000-0001',
      '１３９０００００００１',
    ]
    for (let i = 0; i < MAX_FAILURES; i++) {
      const response = await post(client, { username: typings[i % typings.length]!, password: `guess-${i}` })
      expect(response.status).toBe(401)
    }
    const locked = await post(client, { username: '13900000001', password: DEMO_PASSWORD })
    expect(locked.status).toBe(429)
    // A phone that is nobody's is throttled the same way.
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await post(client, { username: '13911113333', password: `guess-${i}` })).status).toBe(401)
    }
    expect((await post(client, { username: '13911113333', password: 'any' })).status).toBe(429)
  })

  it('asks which school only when the password opens accounts at several, naming only those', async () => {
    const stranger = await post('198.51.110.5', { username: SHARED_PHONE, password: 'a-guess-123' })
    expect(stranger.status).toBe(401)
    const strangerHtml = await stranger.text()
    expect(strangerHtml).not.toContain('宝山区藻北小学')
    expect(strangerHtml).not.toContain('嘉定区怀少幼儿园')

    const hs = await post('198.51.110.5', { username: SHARED_PHONE, password: 'third-school-pass' })
    expect(hs.status).toBe(302)
    expect(await signedInAs(hs)).toContain('怀少的家长')

    const both = await post('198.51.110.5', { username: SHARED_PHONE, password: 'two-schools-pass' })
    expect(both.status).toBe(200)
    const html = await both.text()
    expect(html).toContain('选择学校')
    expect(html).toContain('登录闵行区纪王学校')
    expect(html).toContain('登录宝山区藻北小学')
    expect(html).not.toContain('嘉定区怀少幼儿园')
    const choice = cookieFrom(both)
    expect(choice).toMatch(/siji_school_choice=/)

    // Another school than those offered, or no offer at all, signs nobody in.
    const foreign = await post(
      '198.51.110.5',
      { intent: 'choose-school', school: 'huaishao' },
      { cookie: choice },
    )
    expect(foreign.status).toBe(400)
    const forged = await post('198.51.110.5', { intent: 'choose-school', school: 'zaobei' })
    expect(forged.status).toBe(400)

    const picked = await post(
      '198.51.110.5',
      { intent: 'choose-school', school: 'zaobei' },
      { cookie: choice },
    )
    expect(picked.status).toBe(302)
    expect(await signedInAs(picked)).toContain('藻北的家长')
  })

  it('signs in at the school of its own address directly, whatever the phone has elsewhere', async () => {
    const response = await post(
      '198.51.110.6',
      { username: SHARED_PHONE, password: 'two-schools-pass', school: 'jiwang' },
      { path: '/login?school=jiwang' },
    )
    expect(response.status).toBe(302)
    expect(await signedInAs(response)).toContain('纪王的家长')
    const app = await getTestApp()
    const page = await app.request('/login?school=zaobei')
    expect(await page.text()).toContain('登录宝山区藻北小学')
  })

  it('keeps a phone to one account per school, and lets accounts without a phone be', async () => {
    const { db } = await getTestApp()
    const account = (username: string, schoolId: number, phone: string) =>
      db
        .insertInto('users')
        .values({
          school_id: schoolId,
          role: 'parent',
          username,
          display_name: '家长',
          password_hash: 'x',
          phone,
        })
        .execute()
    await expect(account('phone-dup-jw', 1, '13900000001')).rejects.toThrow(/UNIQUE/)
    await account('phone-none-1', 1, '')
    await account('phone-none-2', 1, '')
    await account('phone-other-school', 2, '13900000001')
  })
})
