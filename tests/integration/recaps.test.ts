import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { createCookie } from '@remix-run/node'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { photoDirectory, photoFilePath } from '~/utils/photo-files.server'
import * as clock from '../../app/utils/clock'
import { createPhoto, createRecap } from '../../seeds/factories'
import { getTestApp } from '../setup/app'

// Recaps from a draft to publication and back, through the pages. The database is shared by the
// files of a worker: recaps made here are this file's own (found by the id their creation redirects
// to, or titled 回顾测试·…), and no assertion counts rows this file did not make.

const JIWANG = 1

type Values = Record<string, string | string[]>

function post(values: Values): { method: 'POST'; body: URLSearchParams } {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
  }
  return { method: 'POST', body }
}

const cookies: Record<string, string> = {}
const ids = {
  volunteer: 0,
  season: 0,
  grade5: 0,
  grade3: 0,
  zaobeiGrade: 0,
  zaobeiActivity: 0,
  teacher: 0,
  admin: 0,
  secretary: 0,
}

async function signIn(username: string) {
  const app = await getTestApp()
  cookies[username] ??= await app.signIn(username)
  return cookies[username]
}

/**
 * A session for a demo account whose password nobody knows (jw-secretary, the generated class
 * heads), made as startSession makes one: a random token, stored hashed, sent back signed.
 */
async function sessionFor(username: string) {
  const app = await getTestApp()
  if (cookies[username]) return cookies[username]
  const user = await app.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  const token = randomBytes(32).toString('base64url')
  const now = clock.now()
  await app.db
    .insertInto('sessions')
    .values({
      id: createHash('sha256').update(token).digest('hex'),
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      user_agent: null,
      flash: null,
    })
    .execute()
  const cookie = createCookie('siji_session', {
    path: '/',
    httpOnly: true,
    secrets: ['integration-test-secret'],
  })
  cookies[username] = (await cookie.serialize(token)).split(';')[0] ?? ''
  return cookies[username]
}

beforeAll(async () => {
  const app = await getTestApp()
  // The 2026 volunteer service, looked up rather than trusted by id.
  const volunteer = await app.db
    .selectFrom('activities')
    .select(['id', 'season_id'])
    .where('school_id', '=', JIWANG)
    .where('title', 'like', '学雷锋志愿服务%')
    .where('status', '=', 'published')
    .orderBy('starts_at')
    .executeTakeFirstOrThrow()
  ids.volunteer = volunteer.id
  ids.season = volunteer.season_id
  const grades = await app.db.selectFrom('grades').select(['id', 'level', 'school_id']).execute()
  ids.grade5 = grades.find((g) => g.school_id === JIWANG && g.level === 5)?.id ?? 0
  ids.grade3 = grades.find((g) => g.school_id === JIWANG && g.level === 3)?.id ?? 0
  ids.zaobeiGrade = grades.find((g) => g.school_id !== JIWANG)?.id ?? 0
  const zaobei = await app.db
    .selectFrom('activities')
    .innerJoin('schools', 'schools.id', 'activities.school_id')
    .select('activities.id')
    .where('schools.slug', '=', 'zaobei')
    .where('activities.status', '=', 'published')
    .executeTakeFirstOrThrow()
  ids.zaobeiActivity = zaobei.id
  const users = await app.db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['jw-teacher', 'jw-admin', 'jw-secretary'])
    .execute()
  ids.teacher = users.find((u) => u.username === 'jw-teacher')?.id ?? 0
  ids.admin = users.find((u) => u.username === 'jw-admin')?.id ?? 0
  ids.secretary = users.find((u) => u.username === 'jw-secretary')?.id ?? 0
})

async function recapRow(id: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('recaps')
    .select([
      'id',
      'school_id',
      'title',
      'body',
      'status',
      'audience',
      'author_id',
      'reviewer_id',
      'published_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function eventsOf(id: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('recap_events')
    .select(['action', 'actor_id', 'comment'])
    .where('recap_id', '=', id)
    .orderBy('id')
    .execute()
}

async function notificationsOf(id: number, kind: string) {
  const app = await getTestApp()
  return app.db
    .selectFrom('notifications')
    .select(['user_id', 'params'])
    .where('entity', '=', 'recap')
    .where('entity_id', '=', id)
    .where('kind', '=', kind)
    .orderBy('user_id')
    .execute()
}

async function auditCount(id: number, action: string) {
  const app = await getTestApp()
  const rows = await app.db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'recap')
    .where('entity_id', '=', id)
    .where('action', '=', action)
    .execute()
  return rows.length
}

/** The page a redirect leads to, as the same person: where the flash is read. */
async function follow(response: Response, cookie: string) {
  const app = await getTestApp()
  const to = response.headers.get('Location')
  if (!to) throw new Error(`No redirect (${response.status})`)
  return (await app.request(to, { cookie })).text()
}

function idFromEditLocation(response: Response): number {
  const match = /^\/recaps\/(\d+)\/edit$/.exec(response.headers.get('Location') ?? '')
  if (!match) throw new Error(`Unexpected redirect ${response.headers.get('Location')}`)
  return Number(match[1])
}

async function jpeg(width = 64, height = 48): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer()
  return new Uint8Array(buffer)
}

function photoForm(values: Values, file: { bytes: Uint8Array; name: string; type: string } | null) {
  const body = new FormData()
  body.append('intent', 'add-photo')
  for (const [name, value] of Object.entries(values)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
  }
  if (file) body.append('photo', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  return { method: 'POST' as const, body }
}

function storedFiles(): string[] {
  const dir = photoDirectory()
  return existsSync(dir) ? readdirSync(dir) : []
}

describe('a recap from draft to publication', () => {
  let recapId = 0
  let photoId = 0
  /** An attendee of the volunteer service who has not agreed to public use of photos. */
  let pupil = { id: 0, name: '' }

  it('drafts a recap from the volunteer service records, with the number of pupils', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const page = await app.request('/recaps/new', { cookie })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('根据活动记录生成初稿')
    expect(html).toContain(`value="${ids.volunteer}"`)

    const attendance = await app.db
      .selectFrom('participations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('activity_id', '=', ids.volunteer)
      .where((eb) => eb.or([eb('status', 'is', null), eb('status', '=', 'attended')]))
      .executeTakeFirstOrThrow()
    const response = await app.request('/recaps/new', {
      ...post({
        intent: 'draft',
        title: '',
        activityIds: String(ids.volunteer),
        audience: 'grades',
        gradeIds: String(ids.grade5),
      }),
      cookie,
    })
    expect(response.status).toBe(302)
    recapId = idFromEditLocation(response)
    const row = await recapRow(recapId)
    expect(row).toMatchObject({
      school_id: JIWANG,
      status: 'draft',
      audience: 'grades',
      author_id: ids.teacher,
    })
    expect(row.title.length).toBeGreaterThan(0)
    expect(row.body).toContain(`${Number(attendance.n)}名学生`)
    const links = await app.db
      .selectFrom('recap_activities')
      .select('activity_id')
      .where('recap_id', '=', recapId)
      .execute()
    expect(links.map((l) => l.activity_id)).toEqual([ids.volunteer])
    const grades = await app.db
      .selectFrom('recap_grades')
      .select('grade_id')
      .where('recap_id', '=', recapId)
      .execute()
    expect(grades.map((g) => g.grade_id)).toEqual([ids.grade5])
    expect(await eventsOf(recapId)).toEqual([{ action: 'created', actor_id: ids.teacher, comment: '' }])
    expect(await auditCount(recapId, 'recap-created')).toBe(1)
    expect(await follow(response, cookie)).toContain('已根据活动记录生成初稿')
  })

  it('refuses a title with control or bidi characters, keeping it typed and storing nothing', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    for (const title of ['回顾测试·隐形\u0000字符', '回顾测试·隐形\u202e字符', '回顾测试·隐形\u2066字符']) {
      const response = await app.request('/recaps/new', {
        ...post({ intent: 'create', title, audience: 'parents' }),
        cookie,
      })
      expect(response.status).toBe(400)
      const html = await response.text()
      expect(html).toContain('含有看不见的字符或控制字符')
      expect(html).toContain(title)
    }
    const stored = await app.db
      .selectFrom('recaps')
      .select('id')
      .where('title', 'like', '回顾测试·隐形%')
      .execute()
    expect(stored).toEqual([])
  })

  it('keeps bad input in the form and stores nothing', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const title = `回顾测试·${'很长'.repeat(41)}`
    const response = await app.request('/recaps/new', {
      ...post({
        intent: 'create',
        title,
        activityIds: [String(ids.volunteer), String(ids.zaobeiActivity)],
        audience: 'classes',
      }),
      cookie,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('最多 80 个字符。')
    expect(html).toContain('请至少选择一个班级。')
    expect(html).toContain('请选择列表中的一项。')
    expect(html).toContain(title)
    const stored = await app.db.selectFrom('recaps').select('id').where('title', '=', title).execute()
    expect(stored).toEqual([])

    // Another school's grade is refused like an unknown one.
    const forged = await app.request('/recaps/new', {
      ...post({
        intent: 'create',
        title: '回顾测试·伪造年级',
        audience: 'grades',
        gradeIds: String(ids.zaobeiGrade),
      }),
      cookie,
    })
    expect(forged.status).toBe(400)
    const none = await app.db
      .selectFrom('recaps')
      .select('id')
      .where('title', '=', '回顾测试·伪造年级')
      .execute()
    expect(none).toEqual([])
  })

  it('previews the typed body without saving it', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const before = await recapRow(recapId)
    const response = await app.request(`/recaps/${recapId}/edit`, {
      ...post({
        intent: 'preview',
        title: '回顾测试·预览中的标题',
        body: '## 走进敬老院\n\n同学们**认真**准备了节目。<script>alert(1)</script>',
        audience: 'grades',
        gradeIds: String(ids.grade5),
      }),
      cookie,
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<h2>走进敬老院</h2>')
    expect(html).toContain('<strong>认真</strong>')
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('value="回顾测试·预览中的标题"')
    expect(await recapRow(recapId)).toEqual(before)
  })

  it('drafts the body again into the form without saving, keeping the typed title', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const before = await recapRow(recapId)
    const response = await app.request(`/recaps/${recapId}/edit`, {
      ...post({
        intent: 'redraft',
        title: '回顾测试·自己拟的标题',
        body: '将被替换的旧正文',
        activityIds: String(ids.volunteer),
        audience: 'grades',
      }),
      cookie,
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('value="回顾测试·自己拟的标题"')
    expect(html).not.toContain('将被替换的旧正文')
    expect(html).toContain('名学生')
    expect(await recapRow(recapId)).toEqual(before)
  })

  it('saves an edit with its audience, or says what is wrong', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const refused = await app.request(`/recaps/${recapId}/edit`, {
      ...post({ intent: 'save', title: ' ', body: 'x'.repeat(20_001), audience: 'grades' }),
      cookie,
    })
    expect(refused.status).toBe(400)
    const message = await refused.text()
    expect(message).toContain('请填写此项。')
    expect(message).toContain('最多 20000 个字符。')
    expect(message).toContain('请至少选择一个年级。')

    const body = '## 回顾测试\n\n五年级志愿者走进银杏社区和敬老院。'
    const response = await app.request(`/recaps/${recapId}/edit`, {
      ...post({
        intent: 'save',
        title: '回顾测试·学雷锋志愿服务',
        body,
        seasonId: String(ids.season),
        activityIds: String(ids.volunteer),
        audience: 'public',
        gradeIds: String(ids.grade5),
      }),
      cookie,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/recaps/${recapId}/edit`)
    expect(await recapRow(recapId)).toMatchObject({
      title: '回顾测试·学雷锋志愿服务',
      body,
      status: 'draft',
      audience: 'public',
    })
    // Targets belong to the audience that uses them: a public recap keeps none.
    const targets = await app.db
      .selectFrom('recap_grades')
      .select('grade_id')
      .where('recap_id', '=', recapId)
      .execute()
    expect(targets).toEqual([])
    expect(await auditCount(recapId, 'recap-updated')).toBe(1)
  })

  it('uploads a photo showing a pupil, stored as a row and two files', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const attendee = await app.db
      .selectFrom('participations')
      .innerJoin('students', 'students.id', 'participations.student_id')
      .select(['students.id', 'students.name'])
      .where('participations.activity_id', '=', ids.volunteer)
      .where('students.photo_consent', '=', 'none')
      .orderBy('students.id')
      .executeTakeFirstOrThrow()
    pupil = { id: attendee.id, name: attendee.name }

    const edit = await (await app.request(`/recaps/${recapId}/edit`, { cookie })).text()
    expect(edit).toContain(`value="${pupil.id}"`)

    const response = await app.request(`/recaps/${recapId}/edit`, {
      ...photoForm(
        { caption: '回顾测试·志愿者为老人表演', showsPupils: 'on', pupilIds: String(pupil.id) },
        { bytes: await jpeg(), name: 'IMG_0001.jpg', type: 'image/jpeg' },
      ),
      cookie,
    })
    expect(response.status).toBe(302)
    const photo = await app.db
      .selectFrom('photos')
      .select(['id', 'file_key', 'caption', 'shows_pupils', 'width', 'height'])
      .where('recap_id', '=', recapId)
      .executeTakeFirstOrThrow()
    photoId = photo.id
    expect(photo).toMatchObject({
      caption: '回顾测试·志愿者为老人表演',
      shows_pupils: 1,
      width: 64,
      height: 48,
    })
    expect(photo.file_key).not.toContain('IMG')
    expect(existsSync(photoFilePath(photo.file_key, 'large'))).toBe(true)
    expect(existsSync(photoFilePath(photo.file_key, 'small'))).toBe(true)
    const pupils = await app.db
      .selectFrom('photo_pupils')
      .select('student_id')
      .where('photo_id', '=', photoId)
      .execute()
    expect(pupils.map((p) => p.student_id)).toEqual([pupil.id])

    // The author sees the thumbnail and is told where the photo will be left out.
    const page = await (await app.request(`/recaps/${recapId}/edit`, { cookie })).text()
    expect(page).toContain(`/photos/${photoId}/small`)
    expect(page).toContain(pupil.name)
    const thumb = await app.request(`/photos/${photoId}/small`, { cookie })
    expect(thumb.status).toBe(200)
  })

  it('refuses an SVG with the message beside the file field, keeping the caption, storing nothing', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const filesBefore = storedFiles().length
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    )
    const response = await app.request(`/recaps/${recapId}/edit`, {
      ...photoForm({ caption: '回顾测试·矢量图' }, { bytes: svg, name: 'poster.jpg', type: 'image/svg+xml' }),
      cookie,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('这个文件不是照片')
    expect(html).toContain('value="回顾测试·矢量图"')
    const rows = await app.db.selectFrom('photos').select('id').where('recap_id', '=', recapId).execute()
    expect(rows).toHaveLength(1)
    expect(storedFiles().length).toBe(filesBefore)

    const uncaptioned = await app.request(`/recaps/${recapId}/edit`, {
      ...photoForm({ caption: '' }, { bytes: await jpeg(), name: 'a.jpg', type: 'image/jpeg' }),
      cookie,
    })
    expect(uncaptioned.status).toBe(400)
    expect(await uncaptioned.text()).toContain('请填写照片说明。')
    const unnamed = await app.request(`/recaps/${recapId}/edit`, {
      ...photoForm(
        { caption: '回顾测试·合影', showsPupils: 'on' },
        { bytes: await jpeg(), name: 'a.jpg', type: 'image/jpeg' },
      ),
      cookie,
    })
    expect(unnamed.status).toBe(400)
    expect(await unnamed.text()).toContain('请至少选择一名学生')
    expect(storedFiles().length).toBe(filesBefore)
    expect(
      await app.db.selectFrom('photos').select('id').where('recap_id', '=', recapId).execute(),
    ).toHaveLength(1)
  })

  it('submits for review and tells every admin', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const response = await app.request(`/recaps/${recapId}`, { ...post({ intent: 'submit' }), cookie })
    expect(response.status).toBe(302)
    expect((await recapRow(recapId)).status).toBe('in_review')
    const told = await notificationsOf(recapId, 'recap-submitted')
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([ids.admin, ids.secretary]))
    expect(told.map((n) => n.user_id)).not.toContain(ids.teacher)
    expect(await auditCount(recapId, 'recap-submitted')).toBe(1)
  })

  it('does not let a teacher publish (403) and writes nothing', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const response = await app.request(`/recaps/${recapId}`, { ...post({ intent: 'publish' }), cookie })
    expect(response.status).toBe(403)
    expect((await recapRow(recapId)).status).toBe('in_review')
    expect((await eventsOf(recapId)).map((e) => e.action)).toEqual(['created', 'submitted'])
  })

  it('answers 403 to a teacher returning or unpublishing, 400 to an unknown intent, and writes nothing', async () => {
    const app = await getTestApp()
    const teacher = await signIn('jw-teacher')
    for (const intent of ['return', 'unpublish']) {
      const response = await app.request(`/recaps/${recapId}`, {
        ...post({ intent, comment: '教师不能退回' }),
        cookie: teacher,
      })
      expect(response.status).toBe(403)
    }
    const admin = await signIn('jw-admin')
    for (const intent of ['delete', '']) {
      const response = await app.request(`/recaps/${recapId}`, { ...post({ intent }), cookie: admin })
      expect(response.status).toBe(400)
    }
    const missing = await app.request(`/recaps/${recapId}`, { ...post({}), cookie: admin })
    expect(missing.status).toBe(400)
    expect((await recapRow(recapId)).status).toBe('in_review')
    expect((await eventsOf(recapId)).map((e) => e.action)).toEqual(['created', 'submitted'])
    expect(await auditCount(recapId, 'recap-returned')).toBe(0)
  })

  it('refuses a return without a comment, then returns with one and tells the author', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-admin')
    const page = await (await app.request(`/recaps/${recapId}`, { cookie })).text()
    expect(page).toContain('退回修改')

    const refused = await app.request(`/recaps/${recapId}`, {
      ...post({ intent: 'return', comment: '  ' }),
      cookie,
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('退回时请写明需要修改的地方。')
    expect((await recapRow(recapId)).status).toBe('in_review')

    const comment = '请补充敬老院的名称，并核对照片说明。'
    const response = await app.request(`/recaps/${recapId}`, {
      ...post({ intent: 'return', comment }),
      cookie,
    })
    expect(response.status).toBe(302)
    expect(await recapRow(recapId)).toMatchObject({ status: 'returned', reviewer_id: ids.admin })
    const told = await notificationsOf(recapId, 'recap-returned')
    expect(told.map((n) => n.user_id)).toEqual([ids.teacher])
    expect(JSON.parse(told[0]?.params ?? '{}')).toMatchObject({ comment })
    expect((await eventsOf(recapId)).at(-1)).toEqual({ action: 'returned', actor_id: ids.admin, comment })

    // The author reads the comment on the recap page, and submits again.
    const teacher = await signIn('jw-teacher')
    expect(await (await app.request(`/recaps/${recapId}`, { cookie: teacher })).text()).toContain(comment)
    const again = await app.request(`/recaps/${recapId}`, { ...post({ intent: 'submit' }), cookie: teacher })
    expect(again.status).toBe(302)
    expect((await recapRow(recapId)).status).toBe('in_review')
  })

  it('tells the admin before publishing which photo will be left out and why, then publishes', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-admin')
    const page = await (await app.request(`/recaps/${recapId}`, { cookie })).text()
    expect(page).toContain('公开页面将不显示 1 张照片')
    expect(page).toContain(`照片「回顾测试·志愿者为老人表演」中的${pupil.name}尚未同意公开使用照片`)
    expect(page).toContain('家长页面将不显示 1 张照片')
    expect(page).toContain(`照片「回顾测试·志愿者为老人表演」中的${pupil.name}的家长未同意校内使用照片`)
    expect(page.indexOf('公开页面将不显示')).toBeLessThan(page.indexOf('value="publish"'))

    const response = await app.request(`/recaps/${recapId}`, { ...post({ intent: 'publish' }), cookie })
    expect(response.status).toBe(302)
    const row = await recapRow(recapId)
    expect(row.status).toBe('published')
    expect(row.published_at).not.toBeNull()
    expect(row.reviewer_id).toBe(ids.admin)
    expect((await notificationsOf(recapId, 'recap-published')).map((n) => n.user_id)).toEqual([ids.teacher])
    expect(await auditCount(recapId, 'recap-published')).toBe(1)
    const published = await follow(response, cookie)
    expect(published).toContain('回顾已发布。')
    expect(published).toContain(`/s/jiwang/recaps/${recapId}`)
  })

  it('keeps a published recap out of the editor', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const response = await app.request(`/recaps/${recapId}/edit`, { cookie })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/recaps/${recapId}`)
    const save = await app.request(`/recaps/${recapId}/edit`, {
      ...post({ intent: 'save', title: '回顾测试·偷偷改', audience: 'staff' }),
      cookie,
    })
    expect(save.status).toBe(302)
    expect((await recapRow(recapId)).title).toBe('回顾测试·学雷锋志愿服务')
  })

  it('shows the published recap to a parent, without the photo lacking their consent', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-parent')
    const response = await app.request(`/recaps/${recapId}`, { cookie })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('回顾测试·学雷锋志愿服务')
    expect(html).not.toContain('value="unpublish"')
    expect(html).not.toContain(`/photos/${photoId}/`)
    expect((await app.request(`/photos/${photoId}/small`, { cookie })).status).toBe(404)
  })

  it('unpublishes back to draft, keeping the text and the photos', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-admin')
    const before = await recapRow(recapId)
    const response = await app.request(`/recaps/${recapId}`, { ...post({ intent: 'unpublish' }), cookie })
    expect(response.status).toBe(302)
    const row = await recapRow(recapId)
    expect(row).toMatchObject({ status: 'draft', title: before.title, body: before.body, published_at: null })
    const photos = await app.db.selectFrom('photos').select('id').where('recap_id', '=', recapId).execute()
    expect(photos.map((p) => p.id)).toEqual([photoId])
    expect((await eventsOf(recapId)).map((e) => e.action)).toEqual([
      'created',
      'submitted',
      'returned',
      'submitted',
      'published',
      'unpublished',
    ])
    // A parent no longer finds it.
    const parent = await signIn('jw-parent')
    expect((await app.request(`/recaps/${recapId}`, { cookie: parent })).status).toBe(404)
  })

  it('arranges photos: a second photo, moved up, made the cover, then deleted with its files', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const png = new Uint8Array(
      await sharp({ create: { width: 40, height: 40, channels: 4, background: '#fff0' } })
        .png()
        .toBuffer(),
    )
    const added = await app.request(`/recaps/${recapId}/edit`, {
      ...photoForm({ caption: '回顾测试·社区一角' }, { bytes: png, name: 'corner.png', type: 'image/png' }),
      cookie,
    })
    expect(added.status).toBe(302)
    const second = await app.db
      .selectFrom('photos')
      .select(['id', 'file_key'])
      .where('recap_id', '=', recapId)
      .where('caption', '=', '回顾测试·社区一角')
      .executeTakeFirstOrThrow()
    const order = async () =>
      (
        await app.db
          .selectFrom('photos')
          .select('id')
          .where('recap_id', '=', recapId)
          .orderBy('position')
          .execute()
      ).map((p) => p.id)
    expect(await order()).toEqual([photoId, second.id])
    const moved = await app.request(`/recaps/${recapId}/edit`, {
      ...post({ intent: 'move-photo', photoId: String(second.id), direction: 'up' }),
      cookie,
    })
    expect(moved.status).toBe(302)
    expect(await order()).toEqual([second.id, photoId])

    await app.request(`/recaps/${recapId}/edit`, {
      ...post({ intent: 'set-cover', photoId: String(second.id) }),
      cookie,
    })
    const cover = await app.db
      .selectFrom('recaps')
      .select('cover_photo_id')
      .where('id', '=', recapId)
      .executeTakeFirstOrThrow()
    expect(cover.cover_photo_id).toBe(second.id)

    const deleted = await app.request(`/recaps/${recapId}/edit`, {
      ...post({ intent: 'delete-photo', photoId: String(second.id) }),
      cookie,
    })
    expect(deleted.status).toBe(302)
    expect(await order()).toEqual([photoId])
    const after = await app.db
      .selectFrom('recaps')
      .select('cover_photo_id')
      .where('id', '=', recapId)
      .executeTakeFirstOrThrow()
    expect(after.cover_photo_id).toBeNull()
    expect(existsSync(photoFilePath(second.file_key, 'large'))).toBe(false)
    expect(existsSync(photoFilePath(second.file_key, 'small'))).toBe(false)
  })

  it('edits a photo’s caption and pupils, refusing a pupil the picker did not offer', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const outsider = await app.db
      .selectFrom('students')
      .select('id')
      .where('school_id', '!=', JIWANG)
      .executeTakeFirstOrThrow()
    const refused = await app.request(`/recaps/${recapId}/edit?photo=${photoId}`, {
      ...post({
        intent: 'update-photo',
        photoId: String(photoId),
        caption: '回顾测试·新说明',
        showsPupils: 'on',
        pupilIds: String(outsider.id),
      }),
      cookie,
    })
    expect(refused.status).toBe(400)
    const response = await app.request(`/recaps/${recapId}/edit?photo=${photoId}`, {
      ...post({ intent: 'update-photo', photoId: String(photoId), caption: '回顾测试·新说明' }),
      cookie,
    })
    expect(response.status).toBe(302)
    const photo = await app.db
      .selectFrom('photos')
      .select(['caption', 'shows_pupils'])
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow()
    expect(photo).toEqual({ caption: '回顾测试·新说明', shows_pupils: 0 })
    const pupils = await app.db
      .selectFrom('photo_pupils')
      .select('student_id')
      .where('photo_id', '=', photoId)
      .execute()
    expect(pupils).toEqual([])
  })
})

describe('who reads and who acts', () => {
  const made = { grade5: 0, grade3: 0, staff: 0, draft: 0 }

  beforeAll(async () => {
    const app = await getTestApp()
    const published = { schoolId: JIWANG, authorId: ids.teacher, status: 'published' as const }
    made.grade5 = await createRecap(app.db, {
      ...published,
      title: '回顾测试·五年级读者',
      audience: 'grades',
      gradeIds: [ids.grade5],
    })
    made.grade3 = await createRecap(app.db, {
      ...published,
      title: '回顾测试·三年级读者',
      audience: 'grades',
      gradeIds: [ids.grade3],
    })
    made.staff = await createRecap(app.db, { ...published, title: '回顾测试·仅教师', audience: 'staff' })
    made.draft = await createRecap(app.db, {
      schoolId: JIWANG,
      authorId: ids.teacher,
      title: '回顾测试·草稿',
    })
  })

  it('lets a parent read a grade-5 recap, and nothing meant for others', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-parent')
    const page = await app.request(`/recaps/${made.grade5}`, { cookie })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('回顾测试·五年级读者')
    for (const id of [made.grade3, made.staff, made.draft]) {
      expect((await app.request(`/recaps/${id}`, { cookie })).status).toBe(404)
    }
    expect((await app.request('/recaps', { cookie })).status).toBe(403)
  })

  it('keeps a teacher’s draft from other teachers and from admins, and its editor from other teachers', async () => {
    const app = await getTestApp()
    const admin = await signIn('jw-admin')
    expect((await app.request(`/recaps/${made.draft}`, { cookie: admin })).status).toBe(404)
    const other = await sessionFor('jw-t-0501')
    expect((await app.request(`/recaps/${made.draft}`, { cookie: other })).status).toBe(404)
    expect((await app.request(`/recaps/${made.draft}/edit`, { cookie: other })).status).toBe(403)
    const refused = await app.request(`/recaps/${made.draft}/edit`, {
      ...post({ intent: 'save', title: '回顾测试·别人改', audience: 'staff' }),
      cookie: other,
    })
    expect(refused.status).toBe(403)
    expect((await recapRow(made.draft)).title).toBe('回顾测试·草稿')
  })

  it('answers another school’s admin with 404 and writes nothing', async () => {
    const app = await getTestApp()
    const cookie = await signIn('zb-admin')
    const inReview = await createRecap(app.db, {
      schoolId: JIWANG,
      authorId: ids.teacher,
      title: '回顾测试·外校不可见',
      status: 'in_review',
      events: [{ action: 'submitted', actorId: ids.teacher }],
    })
    expect((await app.request(`/recaps/${inReview}`, { cookie })).status).toBe(404)
    expect((await app.request(`/recaps/${inReview}/edit`, { cookie })).status).toBe(404)
    expect(
      (await app.request(`/recaps/${inReview}`, { ...post({ intent: 'publish' }), cookie })).status,
    ).toBe(404)
    const save = await app.request(`/recaps/${inReview}/edit`, {
      ...post({ intent: 'save', title: '回顾测试·外校改', audience: 'public' }),
      cookie,
    })
    expect(save.status).toBe(404)
    expect(await recapRow(inReview)).toMatchObject({ status: 'in_review', title: '回顾测试·外校不可见' })
    expect((await eventsOf(inReview)).map((e) => e.action)).toEqual(['submitted'])
  })

  it('publishes once when two admins click at the same time', async () => {
    const app = await getTestApp()
    const [first, second] = [await signIn('jw-admin'), await sessionFor('jw-secretary')]
    const id = await createRecap(app.db, {
      schoolId: JIWANG,
      authorId: ids.teacher,
      title: '回顾测试·同时发布',
      status: 'in_review',
      audience: 'parents',
      events: [{ action: 'submitted', actorId: ids.teacher }],
    })
    const responses = await Promise.all(
      [first, second].map((cookie) =>
        app.request(`/recaps/${id}`, { ...post({ intent: 'publish' }), cookie }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual([302, 302])
    expect((await eventsOf(id)).filter((e) => e.action === 'published')).toHaveLength(1)
    expect(await notificationsOf(id, 'recap-published')).toHaveLength(1)
    const pages = await Promise.all(responses.map((r, i) => follow(r, [first, second][i] ?? '')))
    expect(pages.filter((html) => html.includes('回顾已发布。'))).toHaveLength(1)
    expect(pages.filter((html) => html.includes('状态刚刚被别人改变了'))).toHaveLength(1)
  })

  it('lists recaps by status for staff, with what waits for the admin first', async () => {
    const app = await getTestApp()
    const admin = await signIn('jw-admin')
    const waiting = await createRecap(app.db, {
      schoolId: JIWANG,
      authorId: ids.teacher,
      title: '回顾测试·等您审核',
      status: 'in_review',
      events: [{ action: 'submitted', actorId: ids.teacher }],
    })
    const list = await (await app.request('/recaps', { cookie: admin })).text()
    expect(list).toContain('等待您审核的回顾')
    expect(list.indexOf('回顾测试·等您审核')).toBeLessThan(list.indexOf('<table'))
    const queue = await (await app.request('/reviews', { cookie: admin })).text()
    expect(queue).toContain(`/recaps/${waiting}`)

    const teacher = await signIn('jw-teacher')
    const drafts = await (await app.request('/recaps?status=draft&scope=mine', { cookie: teacher })).text()
    expect(drafts).toContain('回顾测试·草稿')
    expect(drafts).not.toContain('回顾测试·五年级读者')
    const published = await (await app.request('/recaps?status=published', { cookie: teacher })).text()
    expect(published).toContain('回顾测试·仅教师')
    expect(published).not.toContain('回顾测试·草稿')
  })

  it('takes at most 12 photos per recap', async () => {
    const app = await getTestApp()
    const cookie = await signIn('jw-teacher')
    const id = await createRecap(app.db, {
      schoolId: JIWANG,
      authorId: ids.teacher,
      title: '回顾测试·十二张',
    })
    for (let position = 1; position <= 12; position++) {
      await createPhoto(app.db, {
        schoolId: JIWANG,
        recapId: id,
        fileKey: `${String(id).padStart(8, '0')}${String(position).padStart(24, '0')}`,
        width: 10,
        height: 10,
        bytes: 100,
        caption: `第${position}张`,
        position,
      })
    }
    const filesBefore = storedFiles().length
    const response = await app.request(`/recaps/${id}/edit`, {
      ...photoForm(
        { caption: '回顾测试·第十三张' },
        { bytes: await jpeg(), name: 'more.jpg', type: 'image/jpeg' },
      ),
      cookie,
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('已有 12 张照片，达到每篇回顾的上限')
    expect(storedFiles().length).toBe(filesBefore)
  })
})
