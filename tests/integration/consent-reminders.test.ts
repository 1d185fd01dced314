import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createParticipations, createUser, hashPassword } from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// The seeded 回头看 visit to 银杏社区: all of grade 5 (4 classes × 30) asked, nobody has answered. Of
// the 120 pupils only 张思远 (五(2)班) has a guardian with an account (jw-parent).

const JIWANG = 1
const VISIT = '学雷锋志愿服务回头看：再访银杏社区'
const PASSWORD = 'reminder-test-pass-2026'
const PINNED = process.env.SIJI_NOW

const ids = { visit: 0, class52: 0, class53: 0, parent: 0, headOf53: 0 }
const cookies: Record<string, string> = {}

async function app() {
  return getTestApp()
}

async function signInAll() {
  const { signIn } = await app()
  for (const username of ['jw-teacher', 'jw-admin', 'zb-teacher']) cookies[username] = await signIn(username)
  cookies['rm-head'] = await signIn('rm-head', PASSWORD)
}

beforeAll(async () => {
  const { db } = await app()
  ids.visit = (
    await db
      .selectFrom('activities')
      .select('id')
      .where('school_id', '=', JIWANG)
      .where('title', '=', VISIT)
      .executeTakeFirstOrThrow()
  ).id
  const classId = async (name: string) =>
    (
      await db
        .selectFrom('classes')
        .select('id')
        .where('school_id', '=', JIWANG)
        .where('name', '=', name)
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).id
  ids.class52 = await classId('五(2)班')
  ids.class53 = await classId('五(3)班')
  ids.parent = (
    await db.selectFrom('users').select('id').where('username', '=', 'jw-parent').executeTakeFirstOrThrow()
  ).id
  // Head teacher of 五(3)班, neither organiser nor staff of the visit.
  const head = await createUser(db, {
    schoolId: JIWANG,
    role: 'teacher',
    username: 'rm-head',
    displayName: '提醒测试班主任',
    passwordHash: await hashPassword(PASSWORD),
  })
  await db.updateTable('classes').set({ head_teacher_id: head.id }).where('id', '=', ids.class53).execute()
  ids.headOf53 = head.id
  await signInAll()
  // Seeding the demo and hashing passwords (slow on purpose) take a while on a shared machine.
}, 60_000)

afterEach(() => {
  process.env.SIJI_NOW = PINNED
})

const PAGE = () => `/activities/${ids.visit}/consents`
async function remind(who: string, classId: number | null) {
  const { request } = await app()
  return request(PAGE(), {
    ...form({ intent: 'remind', classId: classId === null ? '' : String(classId) }),
    cookie: cookies[who],
  })
}

/** The consents page as this user sees it, with the flash of their last action. */
async function page(who: string) {
  const { request } = await app()
  const response = await request(PAGE(), { cookie: cookies[who] })
  expect(response.status).toBe(200)
  return response.text()
}

/** The text of the section "families reached only on paper", tags dropped. */
function paperSection(html: string) {
  const start = html.indexOf('id="paper-title"')
  const section = html.slice(start, html.indexOf('</section>', start))
  return section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

async function reminderMessages() {
  const { db } = await app()
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'params'])
    .where('kind', '=', 'consent-reminder')
    .where('entity_id', '=', ids.visit)
    .execute()
  return rows.map((row) => ({
    userId: row.user_id,
    params: JSON.parse(row.params) as Record<string, unknown>,
  }))
}

async function storedReminders() {
  const { db } = await app()
  return db
    .selectFrom('consent_reminders')
    .select(['class_id', 'sent_by', 'sent_on', 'guardians', 'paper'])
    .where('activity_id', '=', ids.visit)
    .orderBy('id')
    .execute()
}

describe('families only paper reaches', () => {
  it('names per class the pupils with no guardian online, matching the seed', async () => {
    const text = paperSection(await page('jw-teacher'))
    expect(text).toContain('119 名学生需要纸质通知')
    for (const name of ['五(1)班：30 / 30 名学生', '五(2)班：29 / 30 名学生', '五(4)班：30 / 30 名学生']) {
      expect(text).toContain(name)
    }
    // jw-teacher's own class comes first; its one reachable family is not on the paper list.
    expect(text.indexOf('五(2)班')).toBeLessThan(text.indexOf('五(1)班'))
    expect(text).toContain('董嘉怡')
    expect(text).not.toContain('张思远')
  })
})

describe('reminding guardians who have not answered', () => {
  it('refuses another school’s teacher with 404 and a teacher of another class with 403', async () => {
    expect((await remind('zb-teacher', ids.class52)).status).toBe(404)
    expect((await remind('rm-head', ids.class52)).status).toBe(403)
    expect((await remind('rm-head', null)).status).toBe(403)
    expect(await reminderMessages()).toEqual([])
    expect(await storedReminders()).toEqual([])
  })

  it('reminds once a day: the second press the same day reminds nobody, the next day again', {
    timeout: 60_000,
  }, async () => {
    const first = await remind('jw-teacher', ids.class52)
    expect(first.status).toBe(302)
    expect(await page('jw-teacher')).toContain('已提醒 1 位家长。')
    const messages = await reminderMessages()
    expect(messages).toEqual([
      {
        userId: ids.parent,
        params: expect.objectContaining({ activityId: ids.visit, child: '张思远', title: VISIT }),
      },
    ])
    expect(await storedReminders()).toEqual([
      { class_id: ids.class52, sent_by: expect.any(Number), sent_on: '2026-12-07', guardians: 1, paper: 29 },
    ])

    // Same day, same class: nobody is reminded, and the page says when and by whom it was.
    expect((await remind('jw-admin', ids.class52)).status).toBe(302)
    expect(await reminderMessages()).toHaveLength(1)
    const again = await page('jw-admin')
    expect(again).toContain('今天已经提醒过这些家长，这次没有再发送')
    expect(again).toMatch(/10:00 周老师提醒了五\(2\)班：1 位家长收到提醒，29 名未回复的学生需要纸质回执/)
    // The whole activity reaches only the classes nobody reminded today (no account among them)…
    expect((await remind('jw-admin', null)).status).toBe(302)
    expect(await reminderMessages()).toHaveLength(1)
    expect((await storedReminders()).at(-1)).toMatchObject({ class_id: null, guardians: 0, paper: 90 })
    // …and a second press for the whole activity finds every class reminded.
    expect((await remind('jw-teacher', null)).status).toBe(302)
    expect(await page('jw-teacher')).toContain('今天已经提醒过这些家长')
    expect(await storedReminders()).toHaveLength(2)

    // The next school-local day.
    process.env.SIJI_NOW = '2026-12-08T09:00:00+08:00'
    await signInAll()
    expect((await remind('jw-teacher', null)).status).toBe(302)
    expect(await reminderMessages()).toHaveLength(2)
    const stored = await storedReminders()
    expect(stored.at(-1)).toMatchObject({ class_id: null, sent_on: '2026-12-08', guardians: 1, paper: 119 })
  })

  it('lets a head teacher remind their own class, with an audit entry', { timeout: 60_000 }, async () => {
    process.env.SIJI_NOW = '2026-12-09T09:00:00+08:00'
    await signInAll()
    expect((await remind('rm-head', ids.class53)).status).toBe(302)
    const { db } = await app()
    const audit = await db
      .selectFrom('audit_log')
      .select(['user_id', 'detail'])
      .where('action', '=', 'consents-reminded')
      .where('entity_id', '=', ids.visit)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.user_id).toBe(ids.headOf53)
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({ classId: ids.class53, guardians: 0, paper: 30 })
  })
})

describe('the paper figures elsewhere', () => {
  it('the participation sheet says how many on it only paper reaches', async () => {
    const { db, request } = await app()
    // The team on the sheet: 张思远 (reached online) and two classmates (paper only).
    const team = await db
      .selectFrom('students')
      .select(['id', 'class_id as classId'])
      .where('class_id', '=', ids.class52)
      .orderBy('student_number')
      .limit(12)
      .execute()
    const rows = [team[0]!, team[1]!, team[11]!].map((p) => ({
      studentId: p.id,
      classId: p.classId,
      status: null,
      added: true,
    }))
    await createParticipations(db, { schoolId: JIWANG, activityId: ids.visit, rows })
    const html = await (
      await request(`/activities/${ids.visit}/participation`, { cookie: cookies['jw-teacher'] })
    ).text()
    expect(html).toContain('名单上有 2 名学生的家长无法在线联系')
  })

  it('the notice page names the pupils on notice whose families cannot see it online', async () => {
    const { db, request } = await app()
    const window = await db
      .selectFrom('notice_windows')
      .select('id')
      .where('class_id', '=', ids.class52)
      .executeTakeFirstOrThrow()
    const onNotice = await db
      .selectFrom('participations')
      .innerJoin('students', 'students.id', 'participations.student_id')
      .select('students.name')
      .distinct()
      .where('participations.notice_window_id', '=', window.id)
      .execute()
    const names = onNotice.map((row) => row.name)
    // 张思远 volunteered, and his mother has an account: the only family on notice reached online.
    expect(names).toContain('张思远')
    const html = await (await request(`/notices/${window.id}`, { cookie: cookies['jw-teacher'] })).text()
    const text = paperSection(html)
    expect(text).toContain(`${names.length - 1} 名学生需要纸质通知`)
    expect(text).toContain(`五(2)班：${names.length - 1} / ${names.length} 名学生`)
    for (const name of names.filter((n) => n !== '张思远')) expect(text).toContain(name)
    expect(text).not.toContain('张思远')
  })
})
