import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../app/domain/calendar-grid'
import { toInstant } from '../../app/domain/school-time'
import type { ActivityInput } from '../../app/models/activities.server'
import { insertActivity, insertTasks } from '../../app/models/activities.server'
import { insertDayOff } from '../../app/models/school.server'
import { insertSeason } from '../../app/models/seasons.server'
import { now } from '../../app/utils/clock'
import { todayIn } from '../../app/utils/dates'
import type { PlanStatus } from '../../db/schema'
import { form, getTestApp } from '../setup/app'

// The database is shared by the test files of a worker: everything made here is named 「日历测试」,
// and no assertion counts rows it did not make.

const TZ = 'Asia/Shanghai'

type Fixture = {
  schoolId: number
  teacherId: number
  adminId: number
  parentId: number
  class52: number
  class53: number
  titles: Record<'grade5' | 'draft' | 'grade3' | 'class52' | 'class53' | 'evening', string>
  agenda: {
    organised: string
    helping: string
    past: string
    task: string
    doneTask: string
    otherTask: string
  }
}

let fixture: Fixture

async function idOf(table: 'users' | 'schools', column: 'username' | 'slug', value: string) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom(table)
    .select('id')
    .where(column as never, '=', value as never)
    .executeTakeFirstOrThrow()
  return row.id
}

function input(overrides: Partial<ActivityInput> & Pick<ActivityInput, 'seasonId' | 'title'>): ActivityInput {
  return {
    strandId: null,
    kind: 'other',
    lesson: '',
    startsAt: toInstant('2026-03-06T09:00', TZ),
    endsAt: toInstant('2026-03-06T10:00', TZ),
    venue: '礼堂',
    offCampus: false,
    needsConsent: false,
    organiserId: null,
    capacity: null,
    description: '',
    practiceCategory: null,
    practiceHours: null,
    observance: null,
    gradeIds: [],
    classIds: [],
    staffIds: [],
    partners: [],
    ...overrides,
  }
}

beforeAll(async () => {
  const app = await getTestApp()
  const { db } = app
  const schoolId = await idOf('schools', 'slug', 'jiwang')
  const teacherId = await idOf('users', 'username', 'jw-teacher')
  const adminId = await idOf('users', 'username', 'jw-admin')
  const parentId = await idOf('users', 'username', 'jw-parent')
  const year = await db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('name', '=', '2025-2026')
    .executeTakeFirstOrThrow()
  const grades = await db
    .selectFrom('grades')
    .select(['id', 'level'])
    .where('school_id', '=', schoolId)
    .execute()
  const gradeId = (level: number) => grades.find((g) => g.level === level)?.id ?? 0
  const classOf = async (level: number, number: number) =>
    (
      await db
        .selectFrom('classes')
        .select('id')
        .where('grade_id', '=', gradeId(level))
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id
  const class52 = await classOf(5, 2)
  const class53 = await classOf(5, 3)
  const titles = {
    grade5: '日历测试·五年级志愿服务',
    draft: '日历测试·五年级草稿活动',
    grade3: '日历测试·三年级讲座',
    class52: '日历测试·五(2)班主题班会',
    class53: '日历测试·五(3)班主题班会',
    evening: '日历测试·五年级观星晚会',
  }
  const today = todayIn(TZ)
  const agenda = {
    organised: '日历测试·我组织的活动',
    helping: '日历测试·我协助的活动',
    past: '日历测试·我组织的旧活动',
    task: '日历测试·借用礼堂',
    doneTask: '日历测试·已完成的任务',
    otherTask: '日历测试·别人的任务',
  }
  await db.transaction().execute(async (trx) => {
    const seasonId = await insertSeason(trx, {
      schoolId,
      academicYearId: year.id,
      title: '日历测试季',
      slogan: '',
      description: '',
      startsOn: '2026-03-01',
      endsOn: '2026-04-30',
      ownerId: teacherId,
    })
    const add = (status: PlanStatus, values: Partial<ActivityInput> & { title: string }) =>
      insertActivity(trx, { schoolId, createdBy: teacherId, status, input: input({ seasonId, ...values }) })
    await add('published', { title: titles.grade5, gradeIds: [gradeId(5)], offCampus: true })
    await add('draft', {
      title: titles.draft,
      gradeIds: [gradeId(5)],
      startsAt: toInstant('2026-03-10T09:00', TZ),
      endsAt: toInstant('2026-03-10T10:00', TZ),
    })
    await add('published', {
      title: titles.grade3,
      gradeIds: [gradeId(3)],
      startsAt: toInstant('2026-03-12T09:00', TZ),
      endsAt: toInstant('2026-03-12T10:00', TZ),
    })
    await add('published', {
      title: titles.class52,
      classIds: [class52],
      startsAt: toInstant('2026-03-13T14:00', TZ),
      endsAt: toInstant('2026-03-13T15:00', TZ),
    })
    await add('published', {
      title: titles.class53,
      classIds: [class53],
      startsAt: toInstant('2026-03-13T14:00', TZ),
      endsAt: toInstant('2026-03-13T15:00', TZ),
    })
    await add('closed', {
      title: titles.evening,
      gradeIds: [gradeId(5)],
      startsAt: toInstant('2026-03-19T20:00', TZ),
      endsAt: toInstant('2026-03-19T21:30', TZ),
    })
    await insertDayOff(trx, {
      schoolId,
      academicYearId: year.id,
      name: '日历测试调休日',
      kind: 'other',
      startsOn: '2026-03-16',
      endsOn: '2026-03-16',
    })

    const soon = addDays(today, 7)
    const organised = await add('draft', {
      title: agenda.organised,
      organiserId: teacherId,
      gradeIds: [gradeId(5)],
      startsAt: toInstant(`${soon}T10:00`, TZ),
      endsAt: toInstant(`${soon}T11:00`, TZ),
    })
    await add('published', {
      title: agenda.helping,
      organiserId: adminId,
      staffIds: [teacherId],
      startsAt: toInstant(`${addDays(today, 3)}T10:00`, TZ),
      endsAt: toInstant(`${addDays(today, 3)}T11:00`, TZ),
    })
    await add('published', {
      title: agenda.past,
      organiserId: teacherId,
      startsAt: toInstant(`${addDays(today, -3)}T10:00`, TZ),
      endsAt: toInstant(`${addDays(today, -3)}T11:00`, TZ),
    })
    await insertTasks(trx, {
      schoolId,
      activityId: organised,
      tasks: [
        { title: agenda.task, ownerId: teacherId, dueOn: addDays(today, 5) },
        { title: agenda.doneTask, ownerId: teacherId, dueOn: addDays(today, 5) },
        { title: agenda.otherTask, ownerId: adminId, dueOn: addDays(today, 5) },
      ],
    })
    await trx
      .updateTable('activity_tasks')
      .set({ done_at: now().toISOString() })
      .where('title', '=', agenda.doneTask)
      .execute()
  })
  fixture = { schoolId, teacherId, adminId, parentId, class52, class53, titles, agenda }
})

async function page(path: string, username: string) {
  const app = await getTestApp()
  const response = await app.request(path, { cookie: await app.signIn(username) })
  return { status: response.status, html: await response.text() }
}

describe('/calendar for staff', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const app = await getTestApp()
    const response = await app.request('/calendar?date=2026-03-05')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(
      `/login?${new URLSearchParams({ redirectTo: '/calendar?date=2026-03-05' })}`,
    )
  })

  it('shows the teacher every activity of the month, drafts labelled, with observances and days off', async () => {
    const { status, html } = await page('/calendar?date=2026-03-05', 'jw-teacher')
    expect(status).toBe(200)
    for (const title of Object.values(fixture.titles)) expect(html).toContain(title)
    expect(html).toContain('草稿')
    expect(html).toContain('学雷锋日')
    expect(html).toContain('日历测试调休日')
    // The grid runs from Monday 23 February to Sunday 5 April, one list item per day.
    expect(html).toContain('<time dateTime="2026-02-23">')
    expect(html).toContain('<time dateTime="2026-04-05">')
    expect(html).not.toContain('<time dateTime="2026-04-06">')
    expect(html).toContain('2026年3月5日 星期四')
    expect(html).toContain('20:00–21:30')
    expect(html).toContain('校外')
    expect(html).toMatch(/href="\/activities\/\d+"[^>]*>日历测试·五年级志愿服务</)
  })

  it('marks today with aria-current', async () => {
    const { html } = await page('/calendar', 'jw-admin')
    expect(html).toContain('aria-current="date"')
    expect(html).toContain(`<time dateTime="${todayIn(TZ)}">`)
  })

  it('filters by grade: the whole grade or any of its classes', async () => {
    const { html } = await page('/calendar?date=2026-03-05&grade=5', 'jw-teacher')
    const { titles } = fixture
    for (const title of [titles.grade5, titles.draft, titles.class52, titles.class53])
      expect(html).toContain(title)
    expect(html).not.toContain(titles.grade3)
    const third = await page('/calendar?date=2026-03-05&grade=3', 'jw-teacher')
    expect(third.html).toContain(titles.grade3)
    expect(third.html).not.toContain(titles.grade5)
  })

  it('filters by class: that class or its whole grade', async () => {
    const { html } = await page(`/calendar?date=2026-03-05&class=${fixture.class52}`, 'jw-teacher')
    const { titles } = fixture
    for (const title of [titles.grade5, titles.draft, titles.class52]) expect(html).toContain(title)
    expect(html).not.toContain(titles.class53)
    expect(html).not.toContain(titles.grade3)
  })

  it('shows one week with links to the weeks around it', async () => {
    const { html } = await page('/calendar?view=week&date=2026-03-05&grade=5', 'jw-teacher')
    expect(html).toContain(fixture.titles.grade5)
    expect(html).not.toContain(fixture.titles.class52)
    expect(html).toContain('<time dateTime="2026-03-02">')
    expect(html).toContain('<time dateTime="2026-03-08">')
    expect(html).toContain('href="/calendar?view=week&amp;date=2026-02-26&amp;grade=5"')
    expect(html).toContain('href="/calendar?view=week&amp;date=2026-03-12&amp;grade=5"')
  })

  it('refuses a class, grade or school that is not there', async () => {
    const zbClass = await (await getTestApp()).db
      .selectFrom('classes')
      .innerJoin('schools', 'schools.id', 'classes.school_id')
      .select('classes.id')
      .where('schools.slug', '=', 'zaobei')
      .executeTakeFirstOrThrow()
    for (const query of [`class=${zbClass.id}`, 'class=abc', 'class=999999', 'grade=42', 'grade=x']) {
      expect((await page(`/calendar?${query}`, 'jw-teacher')).status).toBe(404)
    }
  })

  it("never shows another school's activities", async () => {
    const { status, html } = await page('/calendar?date=2026-03-05', 'zb-teacher')
    expect(status).toBe(200)
    expect(html).not.toContain('日历测试')
  })

  it("shows a teacher's agenda: what they organise or help with from today, and their open tasks", async () => {
    const { status, html } = await page('/calendar?view=agenda', 'jw-teacher')
    const { agenda } = fixture
    expect(status).toBe(200)
    expect(html).toContain(agenda.organised)
    expect(html).toContain(agenda.helping)
    expect(html).toContain(agenda.task)
    expect(html).not.toContain(agenda.past)
    expect(html).not.toContain(agenda.doneTask)
    expect(html).not.toContain(agenda.otherTask)
    expect(html.indexOf(agenda.helping)).toBeLessThan(html.indexOf(agenda.task))
    expect(html.indexOf(agenda.task)).toBeLessThan(html.indexOf(agenda.organised))
  })
})

describe('/calendar for parents', () => {
  it("shows only published activities for their children's grades and classes", async () => {
    const { status, html } = await page('/calendar?date=2026-03-05', 'jw-parent')
    const { titles } = fixture
    expect(status).toBe(200)
    expect(html).toContain(titles.grade5)
    expect(html).toContain(titles.class52)
    expect(html).toContain(titles.evening)
    expect(html).not.toContain(titles.draft)
    expect(html).not.toContain(titles.grade3)
    expect(html).not.toContain(titles.class53)
    expect(html).not.toContain('草稿')
    expect(html).toContain('学雷锋日')
    expect(html).toContain('日历测试调休日')
  })

  it('offers their children as the filter, not all grades', async () => {
    const { html } = await page('/calendar?date=2026-03-05', 'jw-parent')
    expect(html).toContain('张思远 · 五(2)班')
    expect(html).toContain('张一诺 · 一(2)班')
    expect(html).not.toContain('全部年级')
    const filtered = await page(`/calendar?date=2026-03-05&class=${fixture.class52}`, 'jw-parent')
    expect(filtered.html).toContain(fixture.titles.class52)
  })

  it('refuses classes and grades that are not their children’s, and the staff agenda', async () => {
    expect((await page(`/calendar?class=${fixture.class53}`, 'jw-parent')).status).toBe(404)
    expect((await page('/calendar?grade=3', 'jw-parent')).status).toBe(404)
    expect((await page('/calendar?view=agenda', 'jw-parent')).status).toBe(403)
  })

  it('lists the public calendars of their children’s grades', async () => {
    const { html } = await page('/calendar', 'jw-parent')
    expect(html).toContain('订阅到手机日历')
    expect(html).toContain('value="http://localhost/ics/jiwang/5.ics"')
    expect(html).toContain('value="http://localhost/ics/jiwang/1.ics"')
    expect(html).toContain('href="webcal://localhost/ics/jiwang/5.ics"')
  })
})

describe('private calendar feeds', () => {
  const feedsOf = async (userId: number) =>
    (await getTestApp()).db
      .selectFrom('calendar_feeds')
      .select(['id', 'token_hash', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute()

  const auditCount = async (action: string, userId: number) => {
    const row = await (await getTestApp()).db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  it('shows the address once, stores only its hash, and replaces the old one', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-parent')
    const before = await feedsOf(fixture.parentId)
    const created = await auditCount('calendar-feed-created', fixture.parentId)

    const response = await app.request('/calendar', { ...form({ intent: 'create-feed' }), cookie })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const html = await response.text()
    const token = html.match(/http:\/\/localhost\/ics\/private\/([A-Za-z0-9_-]{43})\.ics/)?.[1]
    expect(token).toBeDefined()
    expect(html).toContain(`href="webcal://localhost/ics/private/${token}.ics"`)

    const after = await feedsOf(fixture.parentId)
    expect(after).toHaveLength(before.length + 1)
    const row = after.at(-1)
    expect(row?.token_hash).toBe(
      createHash('sha256')
        .update(token ?? '')
        .digest('hex'),
    )
    expect(row?.token_hash).not.toContain(token)
    expect(row?.revoked_at).toBeNull()
    expect(await auditCount('calendar-feed-created', fixture.parentId)).toBe(created + 1)

    // Afterwards the page says a feed exists but cannot show its address again.
    const later = await (await app.request('/calendar', { cookie })).text()
    expect(later).not.toContain(token)
    expect(later).toContain('私人日历创建于')

    const again = await app.request('/calendar', { ...form({ intent: 'create-feed' }), cookie })
    expect(again.status).toBe(200)
    const rows = await feedsOf(fixture.parentId)
    expect(rows.filter((r) => r.revoked_at === null)).toHaveLength(1)
    expect(rows.find((r) => r.id === row?.id)?.revoked_at).not.toBeNull()
  })

  it('revokes the feed', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-parent')
    await app.request('/calendar', { ...form({ intent: 'create-feed' }), cookie })
    const revoked = await auditCount('calendar-feed-revoked', fixture.parentId)
    const response = await app.request('/calendar?date=2026-03-05', {
      ...form({ intent: 'revoke-feed' }),
      cookie,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/calendar?date=2026-03-05#feeds')
    const rows = await feedsOf(fixture.parentId)
    expect(rows.every((r) => r.revoked_at !== null)).toBe(true)
    expect(await auditCount('calendar-feed-revoked', fixture.parentId)).toBe(revoked + 1)
    const html = await (await app.request('/calendar', { cookie })).text()
    expect(html).toContain('私人日历已停用')
    expect(html).toContain('您还没有私人日历。')
  })

  it('is for parents only', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const before = await feedsOf(fixture.teacherId)
    const response = await app.request('/calendar', { ...form({ intent: 'create-feed' }), cookie })
    expect(response.status).toBe(403)
    expect(await feedsOf(fixture.teacherId)).toEqual(before)
    const unknown = await app.request('/calendar', {
      ...form({ intent: 'nonsense' }),
      cookie: await app.signIn('jw-parent'),
    })
    expect(unknown.status).toBe(400)
  })
})
