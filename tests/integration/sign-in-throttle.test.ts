import { describe, expect, it } from 'vitest'
import { CLIENT_MAX_FAILURES, MAX_FAILURES } from '~/domain/sign-in-throttle'
import { hashPassword } from '~/utils/password.server'
import { cookieFrom, getTestApp } from '../setup/app'
import { serveOverHttp } from '../setup/http-server'

const live = serveOverHttp()

/** Through the real server, as if behind the trusted proxy (loopback) for `client`. */
function post(path: string, fields: Record<string, string>, client: string, cookie?: string) {
  return fetch(`${live.base}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: live.base, 'X-Forwarded-For': client, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: 'manual',
  })
}
const signIn = (username: string, password: string, client: string) =>
  post('/login', { username, password }, client)

async function makeUser(username: string, password: string, active: 0 | 1 = 1) {
  const { db } = await getTestApp()
  await db
    .insertInto('users')
    .values({
      school_id: 1,
      role: 'teacher',
      username,
      display_name: '节流老师',
      password_hash: await hashPassword(password),
      active,
    })
    .execute()
}

async function rowsOf(client: string) {
  const { db } = await getTestApp()
  const rows = await db.selectFrom('sign_in_throttle').select('username_key').execute()
  return rows.filter((r) => r.username_key.includes(`:${client}`))
}

describe('sign-in throttle through the server', () => {
  it('locks a stranger guessing an account out, not the owner at their own client', async () => {
    await makeUser('throttle-owner', 'owner-password-1')
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await signIn('throttle-owner', `guess-${i}`, '198.51.100.1')).status).toBe(401)
    }
    expect((await signIn('throttle-owner', 'owner-password-1', '198.51.100.1')).status).toBe(429)
    expect((await signIn('throttle-owner', 'owner-password-1', '198.51.100.2')).status).toBe(302)
  })

  it('cuts a flood of made-up names off at the per-client ceiling, leaving bounded rows', async () => {
    const flood = '198.51.100.3'
    const statuses: number[] = []
    for (let i = 0; i < CLIENT_MAX_FAILURES + 10; i++) {
      statuses.push((await signIn(`made-up-${i}`, 'whatever', flood)).status)
    }
    expect(statuses.slice(0, CLIENT_MAX_FAILURES).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(CLIENT_MAX_FAILURES).every((s) => s === 429)).toBe(true)
    // Even a right password from that client waits; other clients are not affected.
    expect((await signIn('jw-teacher', 'demo-pass-2026', flood)).status).toBe(429)
    expect((await signIn('jw-teacher', 'demo-pass-2026', '198.51.100.4')).status).toBe(302)
    const rows = await rowsOf(flood)
    expect(rows.length).toBeLessThanOrEqual(CLIENT_MAX_FAILURES + 1)

    // Once the window is over, the next failure anywhere clears the rows that no longer count.
    const pinned = process.env.SIJI_NOW
    process.env.SIJI_NOW = new Date(new Date(pinned ?? Date.now()).getTime() + 31 * 60_000).toISOString()
    try {
      expect((await signIn('someone', 'wrong', '198.51.100.5')).status).toBe(401)
      expect(await rowsOf(flood)).toEqual([])
    } finally {
      process.env.SIJI_NOW = pinned
    }
  })

  it('throttles changing one’s password the same way', async () => {
    await makeUser('throttle-changer', 'changer-password-1')
    const client = '198.51.100.6'
    const cookie = cookieFrom(await signIn('throttle-changer', 'changer-password-1', client))
    const change = (currentPassword: string) =>
      post(
        '/account/password',
        { currentPassword, newPassword: 'changer-password-2', confirmPassword: 'changer-password-2' },
        client,
        cookie,
      )
    for (let i = 0; i < MAX_FAILURES; i++) expect((await change(`not-it-${i}`)).status).toBe(400)
    const locked = await change('changer-password-1')
    expect(locked.status).toBe(429)
    expect(await locked.text()).toContain('尝试次数过多')
  })
})
