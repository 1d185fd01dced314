import { beforeAll, describe, expect, it, vi } from 'vitest'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { getTestApp } from '../setup/app'

// Counted rather than timed: a shared machine's load drowns the hash's 50 ms.
vi.mock('~/utils/password.server', async (original) => {
  const actual = await original<typeof import('~/utils/password.server')>()
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) }
})

let goneHash = ''

beforeAll(async () => {
  const { db } = await getTestApp()
  goneHash = await hashPassword('gone-password-1')
  await db
    .insertInto('users')
    .values({
      school_id: 1,
      role: 'teacher',
      username: 'timing-gone',
      display_name: '停用老师',
      password_hash: goneHash,
      active: 0,
    })
    .execute()
}, 60_000)

describe('sign-in of a deactivated account', () => {
  it('checks the password against its hash, as for any account, and still refuses', async () => {
    // Loaded after the test database is open: the module takes the process's handle when loaded.
    const { checkCredentials } = await import('~/utils/auth.server')
    vi.mocked(verifyPassword).mockClear()
    const result = await checkCredentials('timing-gone', 'gone-password-1', '198.51.103.1')
    expect(result).toEqual({ ok: false, reason: 'invalid' })
    expect(verifyPassword).toHaveBeenCalledTimes(1)
    expect(vi.mocked(verifyPassword).mock.calls[0]?.[0]).toBe(goneHash)
  })
})
