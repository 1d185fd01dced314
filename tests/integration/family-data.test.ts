import { strFromU8, unzipSync } from 'fflate'
import type { Kysely } from 'kysely'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { storePhoto } from '~/utils/photo-files.server'
import type { Database } from '../../db/schema'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { createPhoto, createRecap, createUser, hashPassword, linkGuardian } from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// The family's copy (issue 21, part 2): jw-parent's 张思远 (五(2)班, head teacher jw-teacher) against a
// second family of this file's own in the same class. Photos and recaps here are titled 数据副本测试·….

const JIWANG = 1

type App = Awaited<ReturnType<typeof getTestApp>>
let app: App
let db: Kysely<Database>
let parentCookie: string
let otherCookie: string
let childId: number
let classmateId: number
let ownPhoto: number
let withheldPhoto: number
let classmatePhoto: number

async function stored() {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer()
  const result = await storePhoto(bytes)
  if (!result.ok) throw new Error(result.error)
  return result
}

async function photoOf(recapId: number, pupilIds: number[], position: number) {
  const file = await stored()
  return createPhoto(db, { schoolId: JIWANG, recapId, ...file, pupilIds, position })
}

beforeAll(async () => {
  app = await getTestApp()
  db = app.db
  const child = await db
    .selectFrom('students')
    .select(['id', 'class_id'])
    .where('school_id', '=', JIWANG)
    .where('name', '=', '张思远')
    .executeTakeFirstOrThrow()
  childId = child.id
  const classmate = await db
    .selectFrom('students')
    .select(['id'])
    .where('class_id', '=', child.class_id)
    .where('id', '<>', child.id)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  classmateId = classmate.id
  const other = await createUser(db, {
    schoolId: JIWANG,
    role: 'parent',
    username: 'jw-fd-other',
    displayName: '数据副本测试家长',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    phone: '13911110021',
  })
  await linkGuardian(db, { guardianId: other.id, studentId: classmate.id, relation: 'father' })
  // A second guardian of 张思远: the copy shows only their relation and masked phone.
  const second = await createUser(db, {
    schoolId: JIWANG,
    role: 'parent',
    username: 'jw-fd-second',
    displayName: '数据副本测试爸爸',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    phone: '13911110022',
  })
  await linkGuardian(db, { guardianId: second.id, studentId: childId, relation: 'father' })
  await db.updateTable('students').set({ photo_consent: 'school' }).where('id', '=', childId).execute()
  await db.updateTable('students').set({ photo_consent: 'school' }).where('id', '=', classmateId).execute()
  const noConsent = await db
    .selectFrom('students')
    .select('id')
    .where('class_id', '=', child.class_id)
    .where('id', 'not in', [childId, classmateId])
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  await db.updateTable('students').set({ photo_consent: 'none' }).where('id', '=', noConsent.id).execute()
  const recapId = await createRecap(db, {
    schoolId: JIWANG,
    title: '数据副本测试·回顾',
    authorId: null,
    status: 'published',
    audience: 'parents',
  })
  const draftId = await createRecap(db, { schoolId: JIWANG, title: '数据副本测试·草稿', authorId: null })
  ownPhoto = await photoOf(recapId, [childId], 1)
  withheldPhoto = await photoOf(recapId, [childId, noConsent.id], 2)
  classmatePhoto = await photoOf(recapId, [classmateId], 3)
  await photoOf(draftId, [childId], 1)
  parentCookie = await app.signIn('jw-parent')
  otherCookie = await app.signIn('jw-fd-other')
})

async function download(cookie: string, id = childId, lang = 'zh') {
  return app.request(`/family/children/${id}/data.zip?lang=${lang}`, { cookie })
}

describe('the family data download', () => {
  it('holds the child’s rows and nothing of another child', async () => {
    const response = await download(parentCookie)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/zip')
    expect(response.headers.get('Cache-Control')).toContain('no-store')
    expect(response.headers.get('Content-Disposition')).toContain('2026-12-07')
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
    const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array))
    expect(data.child).toMatchObject({ id: childId, name: '张思远' })
    expect(data.school.name).toBe('闵行区纪王学校')
    expect(data.participation.length).toBeGreaterThan(0)
    expect(data.linkedAccounts).toEqual([{ relation: 'father', phone: '139****0022' }])
    expect(data.guardian).toMatchObject({ username: 'jw-parent', phone: '13900000001' })

    // Nothing of the classmate's family: name, number, guardian, phone.
    const other = await download(otherCookie, classmateId)
    expect(other.status).toBe(200)
    const otherData = JSON.parse(
      strFromU8(unzipSync(new Uint8Array(await other.arrayBuffer()))['data.json'] as Uint8Array),
    )
    const everything = Object.values(files)
      .map((bytes) => Buffer.from(bytes).toString('utf8'))
      .join('\n')
    expect(everything).not.toContain(otherData.child.name)
    expect(everything).not.toContain(otherData.child.studentNumber)
    expect(everything).not.toContain('数据副本测试家长')
    expect(everything).not.toContain('13911110022')
    expect(everything).not.toContain('数据副本测试爸爸')
    // The participations and consents are the child's own rows.
    const ownParticipations = await db
      .selectFrom('participations')
      .select('id')
      .where('student_id', '=', childId)
      .execute()
    expect(data.participation.map((p: { id: number }) => p.id).sort()).toEqual(
      ownParticipations.map((p) => p.id).sort(),
    )
    const ownConsents = await db
      .selectFrom('consents')
      .select('id')
      .where('student_id', '=', childId)
      .execute()
    expect(data.consents.map((c: { id: number }) => c.id).sort()).toEqual(ownConsents.map((c) => c.id).sort())
  })

  it('writes CSVs with a BOM and headers in the reader’s language, and a README', async () => {
    const files = unzipSync(new Uint8Array(await (await download(parentCookie)).arrayBuffer()))
    for (const name of ['profile.csv', 'participation.csv', 'consents.csv', 'photos.csv', 'accounts.csv']) {
      const bytes = files[name] as Uint8Array
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    }
    expect(strFromU8(files['profile.csv'] as Uint8Array)).toContain('学号')
    const readme = strFromU8(files['README.txt'] as Uint8Array)
    expect(readme).toContain('闵行区纪王学校')
    expect(readme).toContain('jw-parent')
    const english = unzipSync(
      new Uint8Array(await (await download(parentCookie, childId, 'en')).arrayBuffer()),
    )
    expect(strFromU8(english['profile.csv'] as Uint8Array)).toContain('Student number')
    expect(strFromU8(english['README.txt'] as Uint8Array)).toContain('Asked for by')
  })

  it('holds only the child’s photos the family may see', async () => {
    const files = unzipSync(new Uint8Array(await (await download(parentCookie)).arrayBuffer()))
    const photos = Object.keys(files).filter((name) => name.startsWith('photos/'))
    expect(photos).toEqual([`photos/${ownPhoto}.jpg`])
    expect([...(files[`photos/${ownPhoto}.jpg`] as Uint8Array).slice(0, 2)]).toEqual([0xff, 0xd8])
    const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array))
    const listed = data.photos.map((p: { id: number; shown: boolean }) => [p.id, p.shown])
    expect(listed).toEqual([
      [ownPhoto, true],
      [withheldPhoto, false],
    ])
    expect(listed.map(([id]: [number]) => id)).not.toContain(classmatePhoto)
  })

  it('writes an audit entry', async () => {
    await download(parentCookie)
    const entry = await db
      .selectFrom('audit_log')
      .select(['entity_id'])
      .where('action', '=', 'family-data-exported')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(entry.entity_id).toBe(childId)
  })

  it('answers another family’s child and staff with 404 and 403', async () => {
    expect((await download(parentCookie, classmateId)).status).toBe(404)
    expect((await app.request(`/family/children/${classmateId}/data`, { cookie: parentCookie })).status).toBe(
      404,
    )
    const teacher = await app.signIn('jw-teacher')
    expect((await download(teacher)).status).toBe(403)
    const page = await app.request(`/family/children/${childId}/data`, { cookie: parentCookie })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('张思远')
    expect(html).toContain(`/photos/${ownPhoto}/small`)
    expect(html).not.toContain(`/photos/${withheldPhoto}/small`)
  })
})

async function ask(values: Record<string, string>, cookie = parentCookie) {
  return app.request(`/family/children/${childId}/data`, {
    ...form({ intent: 'correction', ...values }),
    cookie,
  })
}

async function countRequests() {
  const row = await db
    .selectFrom('correction_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('correction requests', () => {
  it('refuses an empty or too long message and stores nothing', async () => {
    const before = await countRequests()
    const empty = await ask({ section: 'awards', message: '  ' })
    expect(empty.status).toBe(400)
    const long = await ask({ section: 'awards', message: '长'.repeat(501) })
    expect(long.status).toBe(400)
    // The message beside the field, and what was typed kept.
    const html = await long.text()
    expect(html).toContain('最多 500 个字符')
    expect(html).toContain('长'.repeat(501))
    const badSection = await ask({ section: 'everything', message: '请更正' })
    expect(badSection.status).toBe(400)
    expect(await countRequests()).toBe(before)
  })

  it('goes to the head teacher, who answers it; the guardian hears the answer', async () => {
    const response = await ask({
      section: 'participation',
      message: '银杏社区的服务是 3 课时，不是 2 课时。',
    })
    expect(response.status).toBe(302)
    const request = await db
      .selectFrom('correction_requests')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(request).toMatchObject({ student_id: childId, section: 'participation', status: 'open' })
    const teacher = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-teacher')
      .executeTakeFirstOrThrow()
    const parent = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-parent')
      .executeTakeFirstOrThrow()
    const messages = await db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('entity', '=', 'correction')
      .where('entity_id', '=', request.id)
      .execute()
    expect(messages).toEqual([{ user_id: teacher.id, kind: 'correction-requested' }])

    // Another teacher of the school finds nothing; a parent may not answer.
    await createUser(db, {
      schoolId: JIWANG,
      role: 'teacher',
      username: 'jw-fd-colleague',
      displayName: '另一位老师',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })
    const otherCookie = await app.signIn('jw-fd-colleague')
    const answer = { outcome: 'corrected', answer: '已改为 3 课时。' }
    expect((await app.request(`/corrections/${request.id}`, { cookie: otherCookie })).status).toBe(404)
    const byOther = await app.request(`/corrections/${request.id}`, { ...form(answer), cookie: otherCookie })
    expect(byOther.status).toBe(404)
    expect(
      await db
        .selectFrom('correction_requests')
        .select(['status', 'answered_by'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'open', answered_by: null })
    const teacherCookie = await app.signIn('jw-teacher')
    const inbox = await app.request('/inbox', { cookie: teacherCookie })
    expect(await inbox.text()).toContain(`/corrections/${request.id}`)
    expect((await app.request(`/corrections/${request.id}`, { cookie: parentCookie })).status).toBe(403)

    const invalid = await app.request(`/corrections/${request.id}`, {
      ...form({ outcome: 'corrected', answer: '' }),
      cookie: teacherCookie,
    })
    expect(invalid.status).toBe(400)
    const answered = await app.request(`/corrections/${request.id}`, {
      ...form(answer),
      cookie: teacherCookie,
    })
    expect(answered.status).toBe(302)
    const after = await db
      .selectFrom('correction_requests')
      .select(['status', 'outcome', 'answer', 'answered_by'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual({
      status: 'answered',
      outcome: 'corrected',
      answer: '已改为 3 课时。',
      answered_by: teacher.id,
    })
    const told = await db
      .selectFrom('notifications')
      .select(['kind', 'params'])
      .where('user_id', '=', parent.id)
      .where('entity', '=', 'correction')
      .where('entity_id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(told.kind).toBe('correction-corrected')
    expect(JSON.parse(told.params)).toMatchObject({ studentId: childId, answer: '已改为 3 课时。' })
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['correction-requested', 'correction-answered'])
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['correction-answered', 'correction-requested'])
    const page = await app.request(`/family/children/${childId}/data`, { cookie: parentCookie })
    expect(await page.text()).toContain('已改为 3 课时。')
  })

  it('is answered only by the class’s head teacher or an admin', async () => {
    await ask({ section: 'awards', message: '少了一个奖项。' })
    const request = await db
      .selectFrom('correction_requests')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const stranger = await createUser(db, {
      schoolId: JIWANG,
      role: 'teacher',
      username: 'jw-fd-teacher',
      displayName: '数据副本测试老师',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })
    expect(stranger.id).toBeGreaterThan(0)
    const strangerCookie = await app.signIn('jw-fd-teacher')
    expect((await app.request(`/corrections/${request.id}`, { cookie: strangerCookie })).status).toBe(404)
    const refused = await app.request(`/corrections/${request.id}`, {
      ...form({ outcome: 'not_changed', answer: '无' }),
      cookie: strangerCookie,
    })
    expect(refused.status).toBe(404)
    const admin = await app.signIn('jw-admin')
    expect((await app.request(`/corrections/${request.id}`, { cookie: admin })).status).toBe(200)
    const zaobei = await app.signIn('zb-admin')
    expect((await app.request(`/corrections/${request.id}`, { cookie: zaobei })).status).toBe(404)
  })
})
