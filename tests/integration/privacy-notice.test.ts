import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createClass,
  createRandom,
  createSchool,
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// A school of its own: publishing a new version here asks no demo guardian again, so the other
// files of this worker see the demo schools' notices as they left them.
const ids = { school: 0, parent: 0 }
const SLUG = 'privacy-notice-it'

beforeAll(async () => {
  const { db } = await getTestApp()
  const school = await createSchool(db, {
    slug: SLUG,
    name: '告知测试小学',
    district: '闵行区',
    kind: 'primary',
  })
  ids.school = school.id
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const user = (role: 'admin' | 'teacher' | 'parent', username: string) =>
    createUser(db, { schoolId: school.id, role, username, displayName: username, passwordHash })
  await user('admin', 'pn-admin')
  await user('teacher', 'pn-teacher')
  const parent = await user('parent', 'pn-parent')
  await user('parent', 'pn-parent2')
  ids.parent = parent.id
  const grade1 = school.grades.find((g) => g.level === 1)?.id as number
  const klass = await createClass(db, { schoolId: school.id, gradeId: grade1, number: 1 })
  const [child] = await createStudents(db, {
    schoolId: school.id,
    classId: klass.id,
    count: 1,
    startNumber: 1,
    random: createRandom(21),
  })
  await linkGuardian(db, { guardianId: parent.id, studentId: child?.id as number, relation: '母亲' })
})

const post = (values: Record<string, string>, cookie: string) => ({ ...form(values), cookie })

async function acknowledgements(userId: number) {
  const { db } = await getTestApp()
  return db
    .selectFrom('privacy_acknowledgements')
    .innerJoin('privacy_notices', 'privacy_notices.id', 'privacy_acknowledgements.notice_id')
    .select(['privacy_notices.version', 'privacy_acknowledgements.client_address'])
    .where('privacy_acknowledgements.user_id', '=', userId)
    .orderBy('privacy_notices.version')
    .execute()
}

async function publish(
  cookie: string,
  values: Partial<Record<'bodyZh' | 'bodyEn' | 'contact', string>> = {},
) {
  const app = await getTestApp()
  return app.request(
    '/school/privacy',
    post(
      {
        bodyZh: '## 告知\n新的告知正文',
        bodyEn: '## Notice\nNew text',
        contact: '王老师 021-12345678',
        ...values,
      },
      cookie,
    ),
  )
}

describe('the guardian acknowledges the privacy notice', () => {
  it('sends a guardian to the notice until they acknowledge it, then lets them through; a new version asks again', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('pn-parent', DEMO_PASSWORD, { acknowledgePrivacy: false })

    const family = await app.request('/family', { cookie })
    expect(family.status).toBe(302)
    expect(family.headers.get('Location')).toBe('/privacy/acknowledge?redirectTo=%2Ffamily')
    // A data request (client navigation) is redirected the same way, back to the page, not its JSON.
    const dataRequest = await app.request('/family/consents?_data=routes%2Ffamily.consents', { cookie })
    expect(dataRequest.status).toBe(204)
    expect(dataRequest.headers.get('X-Remix-Redirect')).toBe(
      '/privacy/acknowledge?redirectTo=%2Ffamily%2Fconsents',
    )

    const page = await app.request('/privacy/acknowledge?redirectTo=%2Ffamily', { cookie })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('第 1 版')
    expect(html).toContain('不满十四周岁')
    expect(html).toContain('告知测试小学德育处')
    expect(await acknowledgements(ids.parent)).toEqual([])

    // The box must be ticked; nothing is recorded without it.
    const unticked = await app.request(
      '/privacy/acknowledge',
      post({ version: '1', redirectTo: '/family' }, cookie),
    )
    expect(unticked.status).toBe(400)
    expect(await unticked.text()).toContain('请勾选以确认您已阅读并同意。')
    expect(await acknowledgements(ids.parent)).toEqual([])

    // An address of another site is not followed.
    const done = await app.request(
      '/privacy/acknowledge',
      post({ agree: 'on', version: '1', redirectTo: '//evil.example/family' }, cookie),
    )
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/')
    expect(await acknowledgements(ids.parent)).toEqual([{ version: 1, client_address: '192.0.2.10' }])
    expect((await app.request('/family', { cookie })).status).toBe(200)
    // Acknowledged: the page sends them on.
    const again = await app.request('/privacy/acknowledge?redirectTo=%2Ffamily', { cookie })
    expect(again.headers.get('Location')).toBe('/family')

    const admin = await app.signIn('pn-admin')
    expect((await publish(admin)).status).toBe(302)
    const asked = await app.request('/family', { cookie })
    expect(asked.headers.get('Location')).toBe('/privacy/acknowledge?redirectTo=%2Ffamily')
    const second = await (await app.request('/privacy/acknowledge', { cookie })).text()
    expect(second).toContain('第 2 版')
    expect(second).toContain('新的告知正文')
    // A version acknowledged while a newer one was published is not counted for the newer one.
    const stale = await app.request('/privacy/acknowledge', post({ agree: 'on', version: '1' }, cookie))
    expect(stale.headers.get('Location')).toBe('/privacy/acknowledge?redirectTo=%2F')
    expect(await acknowledgements(ids.parent)).toHaveLength(1)
    await app.request(
      '/privacy/acknowledge',
      post({ agree: 'on', version: '2', redirectTo: '/family' }, cookie),
    )
    expect((await acknowledgements(ids.parent)).map((a) => a.version)).toEqual([1, 2])
    expect((await app.request('/family', { cookie })).status).toBe(200)
  })

  it('never asks staff', async () => {
    const app = await getTestApp()
    for (const username of ['pn-teacher', 'pn-admin']) {
      const cookie = await app.signIn(username, DEMO_PASSWORD, { acknowledgePrivacy: false })
      const home = await app.request('/', { cookie })
      expect(home.status).toBe(200)
      expect((await app.request('/privacy/acknowledge', { cookie })).headers.get('Location')).toBe('/')
    }
  })

  it('lets a guardian read the notice and sign out before acknowledging', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('pn-parent2', DEMO_PASSWORD, { acknowledgePrivacy: false })
    const notice = await app.request('/privacy', { cookie })
    expect(notice.status).toBe(200)
    expect(await notice.text()).toContain('个人信息保护负责人')
    expect((await app.request('/logout', post({}, cookie))).status).toBe(302)
  })
})

describe('/school/privacy', () => {
  it('publishes only for the admin', async () => {
    const app = await getTestApp()
    const { db } = app
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('privacy_notices')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('school_id', '=', ids.school)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    for (const username of ['pn-teacher', 'pn-parent']) {
      const cookie = await app.signIn(username)
      expect((await app.request('/school/privacy', { cookie })).status).toBe(403)
      expect((await publish(cookie)).status).toBe(403)
    }
    expect(await count()).toBe(before)
  })

  it('refuses an empty body or contact next to the field, keeps what was typed, stores nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('pn-admin')
    const before = await (await app.request('/school/privacy', { cookie })).text()
    const version = /发布为第 (\d+) 版/.exec(before)?.[1]
    const response = await publish(cookie, { bodyEn: '  ', contact: '', bodyZh: '保留这段草稿' })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('请填写此项。')
    expect(html).toContain('保留这段草稿')
    expect(html).toContain(`发布为第 ${version} 版`)
    const published = await app.request('/school/privacy', { cookie })
    expect(await published.text()).toContain(`发布为第 ${version} 版`)
  })

  it('shows how many guardians acknowledged and audits a publication', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('pn-admin')
    const response = await publish(cookie, { contact: '李老师 privacy@example.cn' })
    expect(response.status).toBe(302)
    const entry = await app.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('school_id', '=', ids.school)
      .where('action', '=', 'privacy-notice-published')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const { version } = JSON.parse(entry.detail ?? '{}')
    const page = await (await app.request('/school/privacy', { cookie })).text()
    expect(page).toContain(`第 ${version} 版`)
    expect(page).toContain('0 / 2 位家长已确认当前版本')
    await app.signIn('pn-parent')
    expect(await (await app.request('/school/privacy', { cookie })).text()).toContain(
      '1 / 2 位家长已确认当前版本',
    )
  })
})

describe('reading the notice', () => {
  it('shows a visitor the school’s public notice without signing in, and 404 for an unknown school', async () => {
    const app = await getTestApp()
    const response = await app.request('/s/zaobei/privacy')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('宝山区藻北小学')
    expect(html).toContain('第 1 版')
    expect(html).toContain('href="/s/zaobei/privacy"')
    const english = await (await app.request('/s/zaobei/privacy?lang=en')).text()
    expect(english).toContain('Personal information of children under 14 is sensitive')
    expect((await app.request('/s/no-such-school/privacy')).status).toBe(404)
  })

  it('shows a signed-in reader their own school’s notice, never another school’s', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('pn-admin')
    await publish(admin, { bodyZh: '只属于告知测试小学的正文' })
    const zaobei = await app.signIn('zb-parent')
    const html = await (await app.request('/privacy', { cookie: zaobei })).text()
    expect(html).toContain('宝山区藻北小学德育处')
    expect(html).not.toContain('只属于告知测试小学的正文')
    expect(html).toContain('href="/privacy"')
    const own = await (await app.request('/privacy', { cookie: admin })).text()
    expect(own).toContain('只属于告知测试小学的正文')
  })
})
