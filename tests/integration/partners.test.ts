import { describe, expect, it } from 'vitest'
import { insertActivity } from '~/models/activities.server'
import { listPartnerOptions } from '~/models/partners.server'
import { insertSeason } from '~/models/seasons.server'
import { form, getTestApp } from '../setup/app'

// The database is shared by the test files of a worker: partners made here have names of their own
// (all starting 能人测试), and no assertion counts rows it did not make.

const JIWANG = 1

function partnerForm(values: Record<string, string>) {
  return form({ intent: 'create', category: 'community', ...values })
}

async function partnerRows(name: string) {
  const app = await getTestApp()
  return app.db
    .selectFrom('partners')
    .select(['id', 'school_id', 'name', 'category', 'offers', 'patriotic_base', 'contact_phone', 'active'])
    .where('name', '=', name)
    .execute()
}

async function auditsOf(action: string, entityId: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('audit_log')
    .select(['user_id', 'detail'])
    .where('action', '=', action)
    .where('entity', '=', 'partner')
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
}

/** Adds a partner through the page as jw-teacher and returns its id. */
async function addPartner(cookie: string, values: Record<string, string>) {
  const app = await getTestApp()
  const response = await app.request('/partners', { ...partnerForm(values), cookie })
  expect(response.status).toBe(302)
  const [row] = await partnerRows(values.name ?? '')
  if (!row) throw new Error(`${values.name} was not stored`)
  expect(response.headers.get('Location')).toBe(`/partners/${row.id}`)
  return row.id
}

describe('/partners', () => {
  it('adds a partner, redirects to its page with a flash and records it', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const id = await addPartner(cookie, {
      name: '能人测试·陈云纪念馆',
      category: 'museum',
      offers: '讲解员带领参观、研学单',
      patrioticBase: 'on',
      contactName: '陆老师',
      contactPhone: '+86 (21) 5921-0000',
      notes: '团体参观须提前一周预约。',
    })
    const [row] = await partnerRows('能人测试·陈云纪念馆')
    expect(row).toMatchObject({
      school_id: JIWANG,
      category: 'museum',
      offers: '讲解员带领参观、研学单',
      patriotic_base: 1,
      contact_phone: '+86 (21) 5921-0000',
      active: 1,
    })
    const audits = await auditsOf('partner-created', id)
    expect(audits).toHaveLength(1)
    expect(JSON.parse(audits[0]?.detail ?? '{}')).toMatchObject({
      name: '能人测试·陈云纪念馆',
      category: 'museum',
    })

    const page = await app.request(`/partners/${id}`, { cookie })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('已添加到能人库。')
    expect(html).toContain('<h1>能人测试·陈云纪念馆</h1>')
    expect(html).toContain('博物馆/纪念馆')
    expect(html).toContain('爱国主义教育基地')
    expect(html).toContain('href="tel:+862159210000"')
    expect(html).toContain('团体参观须提前一周预约。')
    expect(html).toContain('还没有参与过活动。')
  })

  it('lists partners with their contact, and filters by category, patriotic bases and a search', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    await addPartner(cookie, {
      name: '能人测试·金汇镇敬老院',
      category: 'care_home',
      offers: '重阳节慰问、剪纸手工',
      contactName: '顾院长',
      contactPhone: '021-5740 1234',
    })
    await addPartner(cookie, {
      name: '能人测试·南桥烈士陵园',
      category: 'museum',
      offers: '清明祭扫',
      patrioticBase: 'on',
    })

    const all = await app.request('/partners', { cookie })
    expect(all.status).toBe(200)
    const html = await all.text()
    expect(html).toContain('能人测试·金汇镇敬老院')
    expect(html).toContain('能人测试·南桥烈士陵园')
    expect(html).toContain('顾院长')
    expect(html).toContain('021-5740 1234')
    expect(html).toContain('重阳节慰问、剪纸手工')
    expect(html).toContain('尚未参与')
    expect(html).toContain('class="table-wrap"')

    const careHomes = await (await app.request('/partners?category=care_home', { cookie })).text()
    expect(careHomes).toContain('能人测试·金汇镇敬老院')
    expect(careHomes).not.toContain('能人测试·南桥烈士陵园')
    expect(careHomes).toContain('<option value="care_home" selected="">')

    const bases = await (await app.request('/partners?patriotic=1', { cookie })).text()
    expect(bases).toContain('能人测试·南桥烈士陵园')
    expect(bases).not.toContain('能人测试·金汇镇敬老院')

    const byOffer = await (await app.request(`/partners?q=${encodeURIComponent('剪纸')}`, { cookie })).text()
    expect(byOffer).toContain('能人测试·金汇镇敬老院')
    expect(byOffer).not.toContain('能人测试·南桥烈士陵园')

    const byName = await (await app.request(`/partners?q=${encodeURIComponent('烈士')}`, { cookie })).text()
    expect(byName).toContain('能人测试·南桥烈士陵园')
    expect(byName).not.toContain('能人测试·金汇镇敬老院')

    // LIKE wildcards in the search are plain characters.
    const wildcard = await (await app.request('/partners?q=%25', { cookie })).text()
    expect(wildcard).not.toContain('能人测试·南桥烈士陵园')

    // An unknown category is no filter at all.
    const unknown = await app.request('/partners?category=school', { cookie })
    expect(unknown.status).toBe(200)
    expect(await unknown.text()).toContain('能人测试·南桥烈士陵园')
  })

  it('refuses a duplicate name with a field message and stores one row, even when submitted twice at once', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const first = await addPartner(cookie, { name: '能人测试·汇苑社区', offers: '场地' })
    const audits = (await auditsOf('partner-created', first)).length

    const again = await app.request('/partners', {
      ...partnerForm({ name: '能人测试·汇苑社区', offers: '再次输入的内容' }),
      cookie,
    })
    expect(again.status).toBe(400)
    const html = await again.text()
    expect(html).toContain('能人库中已有这个名称。')
    expect(html).toContain('再次输入的内容')
    expect(html).toContain(`href="/partners/${first}"`)
    expect(await partnerRows('能人测试·汇苑社区')).toHaveLength(1)
    expect(await auditsOf('partner-created', first)).toHaveLength(audits)

    const doubleClick = await Promise.all(
      [1, 2].map(() => app.request('/partners', { ...partnerForm({ name: '能人测试·仁苑社区' }), cookie })),
    )
    expect(doubleClick.map((r) => r.status).sort()).toEqual([302, 400])
    expect(await partnerRows('能人测试·仁苑社区')).toHaveLength(1)
  })

  it('refuses a bad phone, a too-long name and a missing category, keeps the input and stores nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const badPhone = await app.request('/partners', {
      ...partnerForm({ name: '能人测试·电话有误', contactPhone: '138-1234-abcd' }),
      cookie,
    })
    expect(badPhone.status).toBe(400)
    const html = await badPhone.text()
    expect(html).toContain('电话只能包含数字、空格、+、- 和括号。')
    expect(html).toContain('value="138-1234-abcd"')
    expect(html).toContain('value="能人测试·电话有误"')
    expect(html).toMatch(
      /<input[^>]*aria-invalid="true"[^>]*name="contactPhone"|name="contactPhone"[^>]*aria-invalid="true"/,
    )
    expect(await partnerRows('能人测试·电话有误')).toHaveLength(0)

    const longName = `能人测试${'长'.repeat(60)}`
    const tooLong = await app.request('/partners', { ...partnerForm({ name: longName }), cookie })
    expect(tooLong.status).toBe(400)
    expect(await tooLong.text()).toContain('最多 60 个字符。')
    expect(await partnerRows(longName)).toHaveLength(0)

    const noCategory = await app.request('/partners', {
      ...form({ intent: 'create', name: '能人测试·没有类别', category: 'school' }),
      cookie,
    })
    expect(noCategory.status).toBe(400)
    expect(await partnerRows('能人测试·没有类别')).toHaveLength(0)
  })

  it('keeps parents out of the talent pool', async () => {
    const app = await getTestApp()
    const teacher = await app.signIn('jw-teacher')
    const id = await addPartner(teacher, { name: '能人测试·家长看不到' })
    const cookie = await app.signIn('jw-parent')
    expect((await app.request('/partners', { cookie })).status).toBe(403)
    expect((await app.request(`/partners/${id}`, { cookie })).status).toBe(403)
    const post = await app.request('/partners', { ...partnerForm({ name: '能人测试·家长添加' }), cookie })
    expect(post.status).toBe(403)
    const edit = await app.request(`/partners/${id}`, { ...form({ intent: 'deactivate' }), cookie })
    expect(edit.status).toBe(403)
    expect(await partnerRows('能人测试·家长添加')).toHaveLength(0)
    expect((await partnerRows('能人测试·家长看不到'))[0]?.active).toBe(1)
  })

  it('speaks English to an English browser', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const headers = { 'Accept-Language': 'en-GB,en;q=0.9' }
    const html = await (await app.request('/partners', { cookie, headers })).text()
    expect(html).toContain('<h1>Talent pool</h1>')
    expect(html).toContain('Patriotic-education bases only')
    expect(html).toContain('Add to the talent pool')
    const refused = await app.request('/partners', {
      ...partnerForm({ name: '能人测试·English', contactPhone: 'abc' }),
      cookie,
      headers,
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain(
      'A phone number may contain only digits, spaces, +, - and parentheses.',
    )
  })
})

describe('/partners/:partnerId', () => {
  it('edits a partner and records what changed', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const id = await addPartner(cookie, { name: '能人测试·科普作家', category: 'expert' })
    const response = await app.request(`/partners/${id}`, {
      ...form({
        intent: 'update',
        name: '能人测试·科普作家王老师',
        category: 'expert',
        offers: '科普讲座',
        contactPhone: '139 0000 0000',
      }),
      cookie,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/partners/${id}`)
    const [row] = await partnerRows('能人测试·科普作家王老师')
    expect(row).toMatchObject({ id, offers: '科普讲座', contact_phone: '139 0000 0000', patriotic_base: 0 })
    const [audit] = await auditsOf('partner-updated', id)
    expect(JSON.parse(audit?.detail ?? '{}')).toEqual({
      name: '能人测试·科普作家王老师',
      changed: ['name', 'offers', 'contactPhone'],
    })
    const page = await (await app.request(`/partners/${id}`, { cookie })).text()
    expect(page).toContain('修改已保存。')
    expect(page).toContain('value="能人测试·科普作家王老师"')
  })

  it('refuses renaming onto another partner’s name and changes nothing', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    await addPartner(cookie, { name: '能人测试·金贤社区' })
    const id = await addPartner(cookie, { name: '能人测试·泰和社区' })
    const response = await app.request(`/partners/${id}`, {
      ...form({ intent: 'update', name: '能人测试·金贤社区', category: 'community', offers: '新的内容' }),
      cookie,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('能人库中已有这个名称。')
    expect(html).toContain('新的内容')
    expect(await partnerRows('能人测试·泰和社区')).toHaveLength(1)
    expect(await partnerRows('能人测试·金贤社区')).toHaveLength(1)
    expect(await auditsOf('partner-updated', id)).toHaveLength(0)
  })

  it('deactivates a partner: hidden from the list and from activity forms until reactivated', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const id = await addPartner(cookie, { name: '能人测试·暂停合作', category: 'venue' })
    const deactivate = await app.request(`/partners/${id}`, { ...form({ intent: 'deactivate' }), cookie })
    expect(deactivate.status).toBe(302)
    expect((await partnerRows('能人测试·暂停合作'))[0]?.active).toBe(0)
    const page = await (await app.request(`/partners/${id}`, { cookie })).text()
    expect(page).toContain('已停用。')
    expect(page).toContain('重新启用')
    // A second click changes nothing and records nothing.
    await app.request(`/partners/${id}`, { ...form({ intent: 'deactivate' }), cookie })
    const audits = await auditsOf('partner-updated', id)
    expect(audits.map((a) => JSON.parse(a.detail ?? '{}'))).toEqual([
      { name: '能人测试·暂停合作', active: false },
    ])

    expect(await (await app.request('/partners', { cookie })).text()).not.toContain('能人测试·暂停合作')
    const withInactive = await (await app.request('/partners?inactive=1', { cookie })).text()
    expect(withInactive).toContain('能人测试·暂停合作')
    expect(withInactive).toContain('已停用')
    const options = await listPartnerOptions(app.db, { schoolId: JIWANG })
    expect(options.map((o) => o.id)).not.toContain(id)

    const reactivate = await app.request(`/partners/${id}`, { ...form({ intent: 'reactivate' }), cookie })
    expect(reactivate.status).toBe(302)
    expect((await listPartnerOptions(app.db, { schoolId: JIWANG })).map((o) => o.id)).toContain(id)
    expect(await (await app.request('/partners', { cookie })).text()).toContain('能人测试·暂停合作')
    expect((await auditsOf('partner-updated', id)).map((a) => JSON.parse(a.detail ?? '{}'))).toEqual([
      { name: '能人测试·暂停合作', active: false },
      { name: '能人测试·暂停合作', active: true },
    ])
  })

  it('answers 404 for another school’s partner or a malformed id, and changes nothing', async () => {
    const app = await getTestApp()
    const teacher = await app.signIn('jw-teacher')
    const id = await addPartner(teacher, { name: '能人测试·只属于吉旺' })
    const cookie = await app.signIn('zb-teacher')
    expect((await app.request(`/partners/${id}`, { cookie })).status).toBe(404)
    const post = await app.request(`/partners/${id}`, {
      ...form({ intent: 'update', name: '能人测试·被改名', category: 'other' }),
      cookie,
    })
    expect(post.status).toBe(404)
    const deactivate = await app.request(`/partners/${id}`, { ...form({ intent: 'deactivate' }), cookie })
    expect(deactivate.status).toBe(404)
    expect((await partnerRows('能人测试·只属于吉旺'))[0]?.active).toBe(1)
    expect(await (await app.request('/partners', { cookie })).text()).not.toContain('能人测试·只属于吉旺')
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      expect((await app.request(`/partners/${bad}`, { cookie: teacher })).status, bad).toBe(404)
    }
  })

  it('lists the activities the partner took part in, with their season, role and date', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const id = await addPartner(cookie, { name: '能人测试·科技馆', category: 'venue' })
    const year = await app.db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', JIWANG)
      .orderBy('starts_on')
      .executeTakeFirstOrThrow()
    const owner = await app.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-teacher')
      .executeTakeFirstOrThrow()
    const { seasonId, activityId } = await app.db.transaction().execute(async (trx) => {
      const seasonId = await insertSeason(trx, {
        schoolId: JIWANG,
        academicYearId: year.id,
        title: '能人测试·科技活动季',
        slogan: '',
        description: '',
        startsOn: '2026-03-01',
        endsOn: '2026-03-31',
        ownerId: owner.id,
      })
      const activityId = await insertActivity(trx, {
        schoolId: JIWANG,
        createdBy: owner.id,
        status: 'published',
        input: {
          seasonId,
          strandId: null,
          title: '能人测试·走进科技馆',
          kind: 'study_tour',
          lesson: '',
          // 09:00–11:00 in Shanghai on 18 March.
          startsAt: '2026-03-18T01:00:00.000Z',
          endsAt: '2026-03-18T03:00:00.000Z',
          venue: '上海科技馆',
          offCampus: true,
          needsConsent: true,
          organiserId: owner.id,
          capacity: null,
          description: '',
          practiceCategory: 'investigation',
          practiceHours: 2,
          observance: null,
          gradeIds: [],
          classIds: [],
          staffIds: [],
          partners: [{ partnerId: id, role: 'guest' }],
        },
      })
      return { seasonId, activityId }
    })

    const html = await (await app.request(`/partners/${id}`, { cookie })).text()
    expect(html).toContain('参与的活动（1 次）')
    expect(html).toMatch(new RegExp(`<a [^>]*href="/activities/${activityId}"[^>]*>能人测试·走进科技馆</a>`))
    expect(html).toMatch(new RegExp(`<a [^>]*href="/seasons/${seasonId}"[^>]*>能人测试·科技活动季</a>`))
    expect(html).toContain('嘉宾')
    expect(html).toContain('2026年3月18日')
    expect(html).toContain('已发布')

    const list = await (await app.request(`/partners?q=${encodeURIComponent('科技馆')}`, { cookie })).text()
    expect(list).toContain('能人测试·科技馆')
    expect(list).toContain('1 次')
    expect(list).toContain('2026年3月18日')
  })
})
