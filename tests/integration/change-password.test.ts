import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../app/utils/password.server'
import { form, getTestApp } from '../setup/app'

async function makeTeacher(username: string, password: string) {
  const { db } = await getTestApp()
  const row = await db
    .insertInto('users')
    .values({
      school_id: 2,
      role: 'teacher',
      username,
      display_name: '换密码老师',
      password_hash: await hashPassword(password),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function passwordHashOf(id: number) {
  const { db } = await getTestApp()
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.password_hash
}

describe('changing one’s own password', () => {
  it('refuses a wrong current password, a short one and a mismatch, storing nothing', async () => {
    const app = await getTestApp()
    const id = await makeTeacher('pw-teacher-1', 'first-password-1')
    const cookie = await app.signIn('pw-teacher-1', 'first-password-1')
    const before = await passwordHashOf(id)

    const wrong = await app.request('/account/password', {
      ...form({
        currentPassword: 'not-it',
        newPassword: 'second-password-2',
        confirmPassword: 'second-password-2',
      }),
      cookie,
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('当前密码不正确。')

    const short = await app.request('/account/password?lang=en', {
      ...form({ currentPassword: 'first-password-1', newPassword: 'short', confirmPassword: 'short' }),
      cookie,
    })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('The password needs at least 10 characters.')

    const mismatch = await app.request('/account/password', {
      ...form({
        currentPassword: 'first-password-1',
        newPassword: 'second-password-2',
        confirmPassword: 'second-password-3',
      }),
      cookie,
    })
    expect(mismatch.status).toBe(400)
    expect(await mismatch.text()).toContain('两次输入的新密码不一致。')
    expect(await passwordHashOf(id)).toBe(before)
  })

  it('saves the new password, keeps this session and ends the others', async () => {
    const app = await getTestApp()
    const id = await makeTeacher('pw-teacher-2', 'first-password-1')
    const here = await app.signIn('pw-teacher-2', 'first-password-1')
    const elsewhere = await app.signIn('pw-teacher-2', 'first-password-1')
    const response = await app.request('/account/password', {
      ...form({
        currentPassword: 'first-password-1',
        newPassword: 'second-password-2',
        confirmPassword: 'second-password-2',
      }),
      cookie: here,
    })
    expect(response.status).toBe(302)
    expect(await verifyPassword(await passwordHashOf(id), 'second-password-2')).toBe(true)
    const home = await (await app.request('/', { cookie: here })).text()
    expect(home).toContain('密码已修改。')
    expect(await (await app.request('/', { cookie: elsewhere })).text()).toContain('name="password"')
    // The flash is shown once.
    expect(await (await app.request('/', { cookie: here })).text()).not.toContain('密码已修改。')
  })

  it('needs a signed-in user', async () => {
    const app = await getTestApp()
    const response = await app.request('/account/password')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Faccount%2Fpassword')
  })
})
