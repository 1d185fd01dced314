import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '~/utils/password.server'
import { createClass, createRandom, createStudents, createUser, linkGuardian } from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

const STAFF_PASSWORD = 'slips-staff-pass'
const PARENT_PASSWORD = 'slips-parent-pass'

// A class of its own (the demo's guardians are shared with other test files in this worker):
// 4 pupils, a guardian of two of them, a guardian of one, one pupil with none.
let classId = 0
let path = ''
let twoChildrenId = 0
let jwParentId = 0

beforeAll(async () => {
  const { db } = await getTestApp()
  const [staffHash, parentHash] = await Promise.all([
    hashPassword(STAFF_PASSWORD),
    hashPassword(PARENT_PASSWORD),
  ])
  const grade = await db
    .selectFrom('grades')
    .select('id')
    .where('school_id', '=', 1)
    .where('level', '=', 3)
    .executeTakeFirstOrThrow()
  const user = (username: string, role: 'teacher' | 'parent', displayName: string, phone = '') =>
    createUser(db, {
      schoolId: 1,
      role,
      username,
      displayName,
      passwordHash: role === 'parent' ? parentHash : staffHash,
      phone,
    })
  const head = await user('slips-head', 'teacher', '班主任钱老师')
  await user('slips-other', 'teacher', '科任孙老师')
  const schoolClass = await createClass(db, {
    schoolId: 1,
    gradeId: grade.id,
    number: 9,
    headTeacherId: head.id,
  })
  classId = schoolClass.id
  path = `/classes/sign-in-slips?class=${classId}`
  const pupils = await createStudents(db, {
    schoolId: 1,
    classId,
    count: 4,
    startNumber: 1,
    numberPrefix: 'SLIP',
    random: createRandom(14),
    names: ['欧阳娜娜', '欧阳朵朵', '林一凡', '宋小满'],
  })
  const two = await user('slips-two', 'parent', '欧阳妈妈', '13700000014')
  const one = await user('slips-one', 'parent', '林爸爸')
  twoChildrenId = two.id
  await linkGuardian(db, { guardianId: two.id, studentId: pupils[0]!.id, relation: 'mother' })
  await linkGuardian(db, { guardianId: two.id, studentId: pupils[1]!.id, relation: 'mother' })
  await linkGuardian(db, { guardianId: one.id, studentId: pupils[2]!.id, relation: 'father' })
  jwParentId = (
    await db.selectFrom('users').select('id').where('username', '=', 'jw-parent').executeTakeFirstOrThrow()
  ).id
}, 60_000)

const passwordsIn = (html: string) =>
  [...html.matchAll(/class="one-time-secret">([^<]+)</g)].map((m) => m[1]!)

async function signInStatus(username: string, password: string) {
  const app = await getTestApp()
  const response = await app.request('/login', form({ username, password }))
  return response.status
}

describe('sign-in slips', () => {
  it('refuses another school’s head teacher and a teacher of another class with a 404, print and reset alike', async () => {
    const app = await getTestApp()
    const zb = await app.signIn('zb-teacher')
    const other = await app.signIn('slips-other', STAFF_PASSWORD)
    const jwTeacher = await app.signIn('jw-teacher')
    for (const cookie of [zb, other, jwTeacher]) {
      expect((await app.request(path, { cookie })).status).toBe(404)
      expect((await app.request(path, { ...form({ intent: 'print' }), cookie })).status).toBe(404)
      const reset = form({ intent: 'reset', guardianId: String(twoChildrenId) })
      expect((await app.request(path, { ...reset, cookie })).status).toBe(404)
    }
    // A grade is for admins only.
    expect((await app.request('/classes/sign-in-slips?grade=3', { cookie: jwTeacher })).status).toBe(404)
    expect(await signInStatus('slips-two', PARENT_PASSWORD)).toBe(302)
  })

  it('lets the head teacher reset only a guardian of the class, once, with the password shown once', async () => {
    const app = await getTestApp()
    const head = await app.signIn('slips-head', STAFF_PASSWORD)
    const foreign = form({ intent: 'reset', guardianId: String(jwParentId) })
    expect((await app.request(path, { ...foreign, cookie: head })).status).toBe(404)
    expect(await signInStatus('jw-parent', 'demo-pass-2026')).toBe(302)

    const response = await app.request(path, {
      ...form({ intent: 'reset', guardianId: String(twoChildrenId) }),
      cookie: head,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toContain('no-store')
    const [password] = passwordsIn(await response.text())
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/)
    expect(await signInStatus('slips-two', PARENT_PASSWORD)).toBe(401)
    expect(await signInStatus('slips-two', password!)).toBe(302)
    expect(await app.request(path, { cookie: head }).then((r) => r.text())).not.toContain(password)
  })

  it('prints one slip per family, resetting their passwords, ending their sessions, listing pupils without one', async () => {
    const app = await getTestApp()
    const { db } = app
    const parentSession = await app.signIn('slips-one', PARENT_PASSWORD)
    expect((await app.request('/family', { cookie: parentSession })).status).toBe(200)
    const head = await app.signIn('slips-head', STAFF_PASSWORD)

    const confirm = await app.request(path, { cookie: head })
    expect(confirm.status).toBe(200)
    const confirmHtml = await confirm.text()
    expect(confirmHtml).toContain('打印会重置下列 2 户家长的密码')
    expect(confirmHtml).toContain('没有家长账号的学生（1 人）')
    expect(passwordsIn(confirmHtml)).toEqual([])

    const printed = await app.request(path, { ...form({ intent: 'print' }), cookie: head })
    expect(printed.status).toBe(200)
    expect(printed.headers.get('Cache-Control')).toContain('no-store')
    const html = await printed.text()
    const passwords = passwordsIn(html)
    expect(passwords).toHaveLength(2)
    expect(new Set(passwords).size).toBe(2)
    // One slip for the mother of two, naming both by surname only; her phone masked.
    expect(html.match(/<article/g)).toHaveLength(2)
    expect(html).toContain('欧阳同学（三(9)班）、欧阳同学（三(9)班）')
    expect(html).not.toContain('欧阳娜娜')
    expect(html).toContain('137****0014')
    expect(html).toContain('http://localhost/login?school=jiwang')
    expect(html).toMatch(/<svg[^>]*>.*<path/s)
    // The pupil without a guardian account is listed for paper follow-up.
    expect(html).toContain('宋小满')

    // Passwords: the old ones fail, the printed ones sign in and must be changed; sessions ended.
    expect(await signInStatus('slips-one', PARENT_PASSWORD)).toBe(401)
    expect((await app.request('/family', { cookie: parentSession })).status).toBe(302)
    const rows = await db
      .selectFrom('users')
      .select(['username', 'must_change_password', 'password_hash'])
      .where('username', 'in', ['slips-one', 'slips-two'])
      .execute()
    for (const row of rows) {
      expect(row.must_change_password).toBe(1)
      for (const password of passwords) expect(row.password_hash).not.toContain(password)
    }
    const signedIn = await app.request('/login', form({ username: '13700000014', password: passwords[0]! }))
    const other = await app.request('/login', form({ username: '13700000014', password: passwords[1]! }))
    expect([signedIn.status, other.status].sort()).toEqual([302, 401])

    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'detail'])
      .where('action', '=', 'sign-in-slips-printed')
      .where('entity_id', '=', classId)
      .execute()
    expect(audit).toEqual([
      { action: 'sign-in-slips-printed', entity: 'class', entity_id: classId, detail: '{"count":2}' },
    ])
    // Reloading the page shows no password again.
    const again = await app.request(path, { cookie: head })
    expect(passwordsIn(await again.text())).toEqual([])
  })

  it('lets an admin print for the whole grade', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('jw-admin')
    const page = await app.request('/classes/sign-in-slips?grade=3', { cookie: admin })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('slips-two')
    expect(html).toContain('三年级家长登录单')
  })
})
