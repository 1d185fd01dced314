import { beforeAll, describe, expect, it } from 'vitest'
import { type ActivityInput, insertActivity, insertTasks } from '../../app/models/activities.server'
import { recordReview, snapshotProgramme } from '../../app/models/reviews.server'
import { listGrades } from '../../app/models/school.server'
import { insertSeason, insertStrand } from '../../app/models/seasons.server'
import { insertAccount } from '../../app/models/users.server'
import type { PlanStatus } from '../../db/schema'
import { getTestApp } from '../setup/app'

// The database is shared by the test files of a worker: everything here is made by this file, with
// titles of its own, in a season of 2026-2027 that no other file plans in.

const JIWANG = 1
const ZAOBEI = 2

type Ids = {
  seasonId: number
  strandId: number
  otherSeasonStrandId: number
  grade: Record<number, number>
  class52: number
  class31: number
  teacherId: number
  adminId: number
  guestId: number
  zaobeiGradeId: number
  zaobeiTeacherId: number
}

let ids: Ids
const cookies: Record<string, string> = {}

async function userId(username: string) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return row.id
}

async function classId(schoolId: number, name: string) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom('classes')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.id
}

beforeAll(async () => {
  const app = await getTestApp()
  const year = await app.db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', JIWANG)
    .where('name', '=', '2026-2027')
    .executeTakeFirstOrThrow()
  const grades = await listGrades(app.db, { schoolId: JIWANG })
  const grade = Object.fromEntries(grades.map((g) => [g.level, g.id]))
  const teacherId = await userId('jw-teacher')
  const season = {
    schoolId: JIWANG,
    academicYearId: year.id,
    slogan: '',
    description: '',
    startsOn: '2026-11-02',
    endsOn: '2026-12-25',
    ownerId: teacherId,
  }
  const seasonId = await insertSeason(app.db, { ...season, title: '活动页测试季' })
  const strandId = await insertStrand(app.db, {
    schoolId: JIWANG,
    seasonId,
    strand: { title: '感恩父母（测试）', slogan: '', gradeIds: [grade[1]!, grade[6]!] },
  })
  const otherSeasonId = await insertSeason(app.db, { ...season, title: '活动页测试季（另一个）' })
  const otherSeasonStrandId = await insertStrand(app.db, {
    schoolId: JIWANG,
    seasonId: otherSeasonId,
    strand: { title: '别的主线', slogan: '', gradeIds: [grade[2]!] },
  })
  const guest = await app.db
    .insertInto('partners')
    .values({ school_id: JIWANG, name: '银杏社区（测试）', category: 'community' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const zaobeiGrade = await app.db
    .selectFrom('grades')
    .select('id')
    .where('school_id', '=', ZAOBEI)
    .executeTakeFirstOrThrow()
  ids = {
    seasonId,
    strandId,
    otherSeasonStrandId,
    grade,
    class52: await classId(JIWANG, '五(2)班'),
    class31: await classId(JIWANG, '三(1)班'),
    teacherId,
    adminId: await userId('jw-admin'),
    guestId: guest.id,
    zaobeiGradeId: zaobeiGrade.id,
    zaobeiTeacherId: await userId('zb-teacher'),
  }
  for (const username of ['jw-teacher', 'jw-admin', 'jw-parent', 'zb-admin']) {
    cookies[username] = await app.signIn(username)
  }
})

type Values = Record<string, string | string[]>

/** Whether the page renders this checkbox ticked (React writes `checked` before `value`). */
function isChecked(html: string, name: string, value: number): boolean {
  return new RegExp(`<input type="checkbox" name="${name}" checked="" value="${value}"/>`).test(html)
}

/** A link as React Router renders it. */
function link(href: string, text: string): string {
  return `<a data-discover="true" href="${href}">${text}</a>`
}

function post(values: Values, cookie: string): RequestInit & { cookie: string } {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
  }
  return { method: 'POST', body, cookie }
}

function activityValues(overrides: Values = {}): Values {
  return {
    intent: 'save',
    title: '测试活动',
    kind: 'lecture',
    startsAt: '2026-11-10T09:00',
    endsAt: '2026-11-10T10:00',
    consent: 'auto',
    organiserId: String(ids.teacherId),
    gradeIds: [String(ids.grade[5])],
    ...overrides,
  }
}

/** A page's HTML as the user sees it (jw-teacher unless said), with the flash of their last save. */
async function pageText(path: string, username = 'jw-teacher') {
  const app = await getTestApp()
  return (await app.request(path, { cookie: cookies[username] })).text()
}

async function createThroughApp(overrides: Values) {
  const app = await getTestApp()
  const response = await app.request(
    `/seasons/${ids.seasonId}/activities/new`,
    post(activityValues(overrides), cookies['jw-teacher']!),
  )
  expect(response.status).toBe(302)
  const location = response.headers.get('Location') ?? ''
  expect(location).toMatch(/^\/activities\/\d+$/)
  return Number(location.split('/').pop())
}

/** An activity straight through the model, in any status, for the pages that show or decide it. */
async function createDirectly(input: Partial<ActivityInput> & { title: string }, status: PlanStatus) {
  const app = await getTestApp()
  return insertActivity(app.db, {
    schoolId: JIWANG,
    createdBy: ids.teacherId,
    status,
    input: {
      seasonId: ids.seasonId,
      strandId: null,
      kind: 'lecture',
      lesson: '',
      startsAt: '2026-12-01T01:00:00.000Z',
      endsAt: '2026-12-01T02:00:00.000Z',
      venue: '',
      offCampus: false,
      needsConsent: false,
      organiserId: ids.teacherId,
      capacity: null,
      description: '',
      practiceCategory: null,
      practiceHours: null,
      observance: null,
      gradeIds: [ids.grade[5]!],
      classIds: [],
      staffIds: [],
      partners: [],
      ...input,
    },
  })
}

async function countTitled(title: string) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('title', '=', title)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function statusOf(id: number) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom('activities')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.status
}

async function setSeasonStatus(status: PlanStatus) {
  const app = await getTestApp()
  await app.db.updateTable('seasons').set({ status }).where('id', '=', ids.seasonId).execute()
}

describe('/seasons/:seasonId/activities/new', () => {
  it('shows the form to a teacher, with a strand and its grades chosen from the link', async () => {
    const app = await getTestApp()
    const response = await app.request(`/seasons/${ids.seasonId}/activities/new?strand=${ids.strandId}`, {
      cookie: cookies['jw-teacher'],
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('新建活动')
    expect(html).toContain('活动页测试季')
    expect(html).toMatch(new RegExp(`<option value="${ids.strandId}" selected="">感恩父母（测试）</option>`))
    expect(isChecked(html, 'gradeIds', ids.grade[1]!)).toBe(true)
    expect(isChecked(html, 'gradeIds', ids.grade[6]!)).toBe(true)
    expect(isChecked(html, 'gradeIds', ids.grade[2]!)).toBe(false)
    expect(html).toContain('银杏社区（测试）')
    expect(html).toContain('type="datetime-local"')
    // All observances can be chosen; those during the season come first.
    expect(html).toContain('国家宪法日（12月4日）')
    expect(html).toContain('清明节')
  })

  it('tells apart staff who share a name, in the organiser, staff and owner choices', async () => {
    const app = await getTestApp()
    for (const username of ['jw-dup-b', 'jw-dup-a']) {
      await insertAccount(app.db, {
        schoolId: JIWANG,
        role: 'teacher',
        username,
        displayName: '测试同名老师',
        passwordHash: 'not-a-hash',
        mustChangePassword: false,
      })
    }
    const form = await pageText(`/seasons/${ids.seasonId}/activities/new`)
    // Organiser select and staff checkboxes, in username order; a name no one shares stays as it is.
    expect(form).toMatch(
      />测试同名老师（jw-dup-a）<\/option><option [^>]*>测试同名老师（jw-dup-b）<\/option>/,
    )
    expect(form).toMatch(/value="\d+"\/>测试同名老师（jw-dup-a）<\/label>/)
    expect(form).toContain('>德育主任陈老师</option>')
    const id = await createDirectly({ title: '测试：同名老师' }, 'draft')
    const page = await pageText(`/activities/${id}`)
    expect(page).toContain('>测试同名老师（jw-dup-b）</option>')
    const season = await pageText('/seasons/new', 'jw-admin')
    expect(season).toContain('>测试同名老师（jw-dup-a）</option>')
  })

  it('creates the activity with its targets, guests, default checklist and audit entry', async () => {
    const app = await getTestApp()
    const id = await createThroughApp({
      title: '测试：社区志愿服务',
      kind: 'service',
      startsAt: '2026-11-11T13:00',
      endsAt: '2026-11-11T16:00',
      venue: '银杏社区',
      offCampus: 'on',
      guestIds: String(ids.guestId),
      classIds: String(ids.class52),
      gradeIds: [],
      practiceCategory: 'public_service',
      practiceHours: '3',
      strandId: String(ids.strandId),
      description: '四十名五年级学生到社区和敬老院服务。',
    })
    const row = await app.db
      .selectFrom('activities')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      school_id: JIWANG,
      season_id: ids.seasonId,
      strand_id: ids.strandId,
      status: 'draft',
      starts_at: '2026-11-11T05:00:00.000Z',
      ends_at: '2026-11-11T08:00:00.000Z',
      off_campus: 1,
      needs_consent: 1,
      practice_category: 'public_service',
      practice_hours: 3,
      organiser_id: ids.teacherId,
      created_by: ids.teacherId,
    })
    const classes = await app.db
      .selectFrom('activity_classes')
      .selectAll()
      .where('activity_id', '=', id)
      .execute()
    expect(classes.map((c) => c.class_id)).toEqual([ids.class52])
    const partners = await app.db
      .selectFrom('activity_partners')
      .selectAll()
      .where('activity_id', '=', id)
      .execute()
    expect(partners).toEqual([{ activity_id: id, partner_id: ids.guestId, role: 'guest' }])
    const tasks = await app.db
      .selectFrom('activity_tasks')
      .select(['title', 'owner_id', 'due_on', 'school_id'])
      .where('activity_id', '=', id)
      .orderBy('position')
      .execute()
    expect(tasks).toEqual([
      { title: '确认场地', owner_id: ids.teacherId, due_on: '2026-11-08', school_id: JIWANG },
      { title: '邀请嘉宾', owner_id: ids.teacherId, due_on: '2026-11-08', school_id: JIWANG },
      { title: '校外活动安全预案', owner_id: ids.teacherId, due_on: '2026-11-08', school_id: JIWANG },
    ])
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['user_id', 'school_id'])
      .where('action', '=', 'activity-created')
      .where('entity_id', '=', id)
      .execute()
    expect(audit).toEqual([{ user_id: ids.teacherId, school_id: JIWANG }])
    // Still planning the season: nothing to review yet.
    const reviews = await app.db
      .selectFrom('reviews')
      .select('id')
      .where('entity', '=', 'activity')
      .where('entity_id', '=', id)
      .execute()
    expect(reviews).toEqual([])
  })

  it('creates one record for a double-clicked submit', async () => {
    const first = await createThroughApp({ title: '测试：双击' })
    const second = await createThroughApp({ title: '测试：双击' })
    expect(second).toBe(first)
    expect(await countTitled('测试：双击')).toBe(1)
  })

  it.each([
    ['an end before the start', { endsAt: '2026-11-10T08:00' }, '结束时间须晚于开始时间。'],
    [
      'a start outside the academic year',
      { startsAt: '2026-08-20T09:00', endsAt: '2026-08-20T10:00' },
      '活动时间须在本活动季所属学年之内。',
    ],
    ['a grade of another school', { gradeIds: [String(-1)] }, '请选择列表中的一项。'],
    ['no grade or class', { gradeIds: [] }, '请至少选择一个年级或班级。'],
    ['hours without a category', { practiceHours: '2' }, '填写了课时，请选择社会实践类别。'],
    ['a zero capacity', { capacity: '0' }, '人数上限须为正整数。'],
    ['an empty title', { title: '' }, '请填写此项。'],
  ])('refuses %s, keeping what was typed and storing nothing', async (_, change, message) => {
    const app = await getTestApp()
    const title = (change as Values).title ?? '测试：不该保存'
    const values = activityValues({ title: '测试：不该保存', venue: '打字的地点', ...change })
    const response = await app.request(
      `/seasons/${ids.seasonId}/activities/new`,
      post(values, cookies['jw-teacher']!),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain(message)
    expect(html).toContain('value="打字的地点"')
    expect(await countTitled(title as string)).toBe(0)
  })

  it('refuses a grade of another school and a strand of another season as field errors', async () => {
    const app = await getTestApp()
    for (const [field, change] of [
      ['gradeIds', { gradeIds: [String(ids.grade[5]), String(ids.zaobeiGradeId)] }],
      ['strandId', { strandId: String(ids.otherSeasonStrandId) }],
      ['organiserId', { organiserId: String(ids.zaobeiTeacherId) }],
      ['guestIds', { guestIds: '999999' }],
    ] as [string, Values][]) {
      const values = activityValues({ title: '测试：伪造的选项', ...change })
      const response = await app.request(
        `/seasons/${ids.seasonId}/activities/new`,
        post(values, cookies['jw-teacher']!),
      )
      expect(response.status).toBe(400)
      const html = await response.text()
      expect(html).toContain(
        `<ul id="activity-${field}-error" class="field-errors"><li>请选择列表中的一项。</li></ul>`,
      )
    }
    expect(await countTitled('测试：伪造的选项')).toBe(0)
  })

  it('refuses parents, other schools and closed seasons', async () => {
    const app = await getTestApp()
    const path = `/seasons/${ids.seasonId}/activities/new`
    expect((await app.request(path, { cookie: cookies['jw-parent'] })).status).toBe(403)
    expect((await app.request(path, { cookie: cookies['zb-admin'] })).status).toBe(404)
    expect(
      (await app.request(path, post(activityValues({ title: '测试：别校' }), cookies['zb-admin']!))).status,
    ).toBe(404)
    expect((await app.request('/seasons/abc/activities/new', { cookie: cookies['jw-teacher'] })).status).toBe(
      404,
    )
    await setSeasonStatus('closed')
    try {
      expect((await app.request(path, { cookie: cookies['jw-teacher'] })).status).toBe(403)
      const response = await app.request(
        path,
        post(activityValues({ title: '测试：已结束' }), cookies['jw-teacher']!),
      )
      expect(response.status).toBe(403)
    } finally {
      await setSeasonStatus('draft')
    }
    expect(await countTitled('测试：别校')).toBe(0)
    expect(await countTitled('测试：已结束')).toBe(0)
  })

  it('submits a new activity of an approved season for review and tells the admins', async () => {
    const app = await getTestApp()
    await setSeasonStatus('approved')
    try {
      const id = await createThroughApp({
        title: '测试：季后新增',
        startsAt: '2026-11-20T09:00',
        endsAt: '2026-11-20T10:00',
      })
      expect(await statusOf(id)).toBe('submitted')
      const review = await app.db
        .selectFrom('reviews')
        .select(['action', 'actor_id'])
        .where('entity', '=', 'activity')
        .where('entity_id', '=', id)
        .execute()
      expect(review).toEqual([{ action: 'submitted', actor_id: ids.teacherId }])
      const notes = await app.db
        .selectFrom('notifications')
        .select(['user_id', 'kind', 'params'])
        .where('entity', '=', 'activity')
        .where('entity_id', '=', id)
        .execute()
      expect(notes).toContainEqual({
        user_id: ids.adminId,
        kind: 'activity-submitted',
        params: JSON.stringify({ title: '测试：季后新增' }),
      })
      expect(notes.map((n) => n.user_id)).not.toContain(ids.teacherId)
    } finally {
      await setSeasonStatus('draft')
    }
  })
})

describe('/activities/:activityId', () => {
  it('warns about a clash with a link to the other activity, and says so after saving', async () => {
    const app = await getTestApp()
    const first = await createThroughApp({
      title: '测试：报告厅讲座',
      startsAt: '2026-11-12T09:00',
      endsAt: '2026-11-12T10:00',
      venue: '报告厅',
    })
    const second = await createThroughApp({
      title: '测试：同时段班会',
      kind: 'class_meeting',
      startsAt: '2026-11-12T09:30',
      endsAt: '2026-11-12T10:30',
      venue: ' 报告厅 ',
    })
    const response = await app.request(`/activities/${second}`, { cookie: cookies['jw-teacher'] })
    expect(response.status).toBe(200)
    const html = await response.text()
    // The flash counts the warnings the page lists: the grade, the venue and the organiser.
    expect(html).toContain('活动已创建，但有 3 条冲突提醒，请查看下方。')
    expect(html).toContain('共 3 条提醒')
    const other = `(<!-- -->)? ${link(`/activities/${first}`, '测试：报告厅讲座')}`
    expect(html).toMatch(new RegExp(`<li>五年级同一时间另有活动：${other}</li>`))
    expect(html).toMatch(new RegExp(`<li>「报告厅」同一时间已安排：${other}</li>`))
    expect(html).toContain('负责人周老师同一时间另有活动：')
    // The other one sees the clash from its side.
    const firstPage = await pageText(`/activities/${first}`)
    expect(firstPage).toContain(link(`/activities/${second}`, '测试：同时段班会'))
    // Saved again unchanged, it still clashes, and the flash says so in English too.
    const saved = await app.request(
      `/activities/${second}/edit`,
      post(
        activityValues({
          title: '测试：同时段班会',
          kind: 'class_meeting',
          startsAt: '2026-11-12T09:30',
          endsAt: '2026-11-12T10:30',
          venue: '报告厅',
        }),
        cookies['jw-teacher']!,
      ),
    )
    expect(saved.status).toBe(302)
    const savedPage = await pageText(`/activities/${second}?lang=en`)
    expect(savedPage).toContain('Activity saved, with 3 warnings: see below.')
  })

  it('warns about a weekend and the outside of the season, and counts the warnings in the flash', async () => {
    const plan = (title: string, day: string) =>
      createThroughApp({
        title,
        startsAt: `${day}T09:00`,
        endsAt: `${day}T10:00`,
        gradeIds: [String(ids.grade[9])],
      })
    expect(await pageText(`/activities/${await plan('测试：周末活动', '2026-11-14')}`)).toContain(
      '2026年11月14日 星期六是周末。',
    )
    const page = await pageText(`/activities/${await plan('测试：季外活动', '2027-01-05')}`)
    expect(page).toContain('活动已创建，但有 1 条冲突提醒，请查看下方。')
    expect(page).toContain('活动时间超出了活动季的起止日期。')
    const english = await pageText(`/activities/${await plan('测试：又一项季外活动', '2027-01-06')}?lang=en`)
    expect(english).toContain('Activity created, with 1 warning: see below.')
  })

  it('shows staff the details, checklist and review history', async () => {
    const id = await createThroughApp({
      title: '测试：详情页',
      startsAt: '2026-11-16T09:00',
      endsAt: '2026-11-16T11:00',
      venue: '陶艺教室',
      lesson: '陶艺课',
      guestIds: String(ids.guestId),
      capacity: '40',
    })
    const html = await pageText(`/activities/${id}`)
    expect(html).toContain('<h1>测试：详情页</h1>')
    // One day: its date is written once.
    expect(html).toContain('2026年11月16日 09:00–11:00')
    expect(html).toContain('陶艺教室（校内）')
    expect(html).toContain('陶艺课')
    expect(html).toContain(link(`/partners/${ids.guestId}`, '银杏社区（测试）'))
    expect(html).toContain('确认场地')
    expect(html).toContain('审核记录')
    expect(html).toContain(`href="/activities/${id}/edit"`)
    // No decision form for a draft, nor for a teacher.
    expect(html).not.toContain('审核这项活动')
  })

  it('refuses hidden characters in an activity title and in a task, and a task due in 9999', async () => {
    const app = await getTestApp()
    const cookie = cookies['jw-teacher']!
    const title = '测试：隐形\u202e字符'
    const created = await app.request(
      `/seasons/${ids.seasonId}/activities/new`,
      post(activityValues({ title, venue: '保留的场地' }), cookie),
    )
    expect(created.status).toBe(400)
    const page = await created.text()
    expect(page).toContain('含有看不见的字符或控制字符')
    expect(page).toContain('value="保留的场地"')
    expect(await countTitled(title)).toBe(0)

    const id = await createDirectly({ title: '测试：任务边界' }, 'draft')
    for (const [values, message] of [
      [{ title: '借\u200b投影仪' }, '含有看不见的字符或控制字符'],
      [{ title: '借投影仪\n两台' }, '请写在一行内（去掉换行）。'],
      [{ title: '借投影仪', dueOn: '9999-12-31' }, '请输入 2000 年至 2099 年之间的日期。'],
      [{ title: '借投影仪', dueOn: '2031-01-05' }, '截止日期须在本活动季所属学年之内'],
    ] as const) {
      const response = await app.request(`/activities/${id}`, post({ intent: 'add-task', ...values }, cookie))
      expect(response.status).toBe(400)
      expect(await response.text()).toContain(message)
    }
    const tasks = await app.db
      .selectFrom('activity_tasks')
      .select('id')
      .where('activity_id', '=', id)
      .where('title', 'like', '借%')
      .execute()
    expect(tasks).toEqual([])
  })

  it('adds, ticks off, reopens and deletes checklist tasks', async () => {
    const app = await getTestApp()
    const id = await createDirectly({ title: '测试：任务清单' }, 'draft')
    const cookie = cookies['jw-teacher']!
    const added = await app.request(
      `/activities/${id}`,
      post(
        { intent: 'add-task', title: '借投影仪', ownerId: String(ids.teacherId), dueOn: '2026-11-28' },
        cookie,
      ),
    )
    expect(added.status).toBe(302)
    const task = await app.db
      .selectFrom('activity_tasks')
      .select(['id', 'title', 'owner_id', 'due_on', 'done_at'])
      .where('activity_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(task).toMatchObject({
      title: '借投影仪',
      owner_id: ids.teacherId,
      due_on: '2026-11-28',
      done_at: null,
    })

    const done = await app.request(
      `/activities/${id}`,
      post({ intent: 'toggle-task', taskId: String(task.id), done: '1' }, cookie),
    )
    expect(done.status).toBe(302)
    const doneRow = await app.db
      .selectFrom('activity_tasks')
      .select('done_at')
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow()
    expect(doneRow.done_at).not.toBeNull()
    const page = await (await app.request(`/activities/${id}`, { cookie })).text()
    expect(page).toContain('撤销完成')

    await app.request(
      `/activities/${id}`,
      post({ intent: 'toggle-task', taskId: String(task.id), done: '0' }, cookie),
    )
    const undone = await app.db
      .selectFrom('activity_tasks')
      .select('done_at')
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow()
    expect(undone.done_at).toBeNull()

    const bad = await app.request(
      `/activities/${id}`,
      post({ intent: 'add-task', title: '别校负责人', ownerId: String(ids.zaobeiTeacherId) }, cookie),
    )
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('请选择列表中的一项。')
    const empty = await app.request(`/activities/${id}`, post({ intent: 'add-task', title: '' }, cookie))
    expect(empty.status).toBe(400)

    const deleted = await app.request(
      `/activities/${id}`,
      post({ intent: 'delete-task', taskId: String(task.id) }, cookie),
    )
    expect(deleted.status).toBe(302)
    const left = await app.db
      .selectFrom('activity_tasks')
      .select('id')
      .where('activity_id', '=', id)
      .execute()
    expect(left).toEqual([])
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'activity')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'task-created',
      'task-updated',
      'task-updated',
      'task-deleted',
    ])
  })

  it('refuses a task of another activity', async () => {
    const app = await getTestApp()
    const one = await createDirectly({ title: '测试：任务甲' }, 'draft')
    const two = await createDirectly({ title: '测试：任务乙' }, 'draft')
    await insertTasks(app.db, {
      schoolId: JIWANG,
      activityId: two,
      tasks: [{ title: '乙的任务', ownerId: null, dueOn: null }],
    })
    const task = await app.db
      .selectFrom('activity_tasks')
      .select('id')
      .where('activity_id', '=', two)
      .executeTakeFirstOrThrow()
    const response = await app.request(
      `/activities/${one}`,
      post({ intent: 'delete-task', taskId: String(task.id) }, cookies['jw-teacher']!),
    )
    expect(response.status).toBe(404)
    expect(
      await app.db.selectFrom('activity_tasks').select('id').where('id', '=', task.id).executeTakeFirst(),
    ).toBeDefined()
  })

  it('hides an activity from another school and from malformed ids', async () => {
    const app = await getTestApp()
    const id = await createDirectly({ title: '测试：别校看不到' }, 'published')
    expect((await app.request(`/activities/${id}`, { cookie: cookies['zb-admin'] })).status).toBe(404)
    expect((await app.request(`/activities/${id}/edit`, { cookie: cookies['zb-admin'] })).status).toBe(404)
    const write = await app.request(
      `/activities/${id}`,
      post({ intent: 'add-task', title: '越权' }, cookies['zb-admin']!),
    )
    expect(write.status).toBe(404)
    expect((await app.request('/activities/0', { cookie: cookies['jw-teacher'] })).status).toBe(404)
    expect((await app.request('/activities/1e3', { cookie: cookies['jw-teacher'] })).status).toBe(404)
  })
})

describe('reviewing a single activity', () => {
  it('shows the admin which grades an approved activity gained since the programme was decided', async () => {
    const app = await getTestApp()
    await setSeasonStatus('approved')
    try {
      const id = await createDirectly({ title: '测试：加年级', gradeIds: [ids.grade[5]!] }, 'approved')
      await recordReview(app.db, {
        schoolId: JIWANG,
        entity: 'season',
        entityId: ids.seasonId,
        actorId: ids.adminId,
        action: 'approved',
        snapshot: await snapshotProgramme(app.db, { schoolId: JIWANG, seasonId: ids.seasonId }),
      })
      const edited = await app.request(
        `/activities/${id}/edit`,
        post(
          activityValues({
            title: '测试：加年级',
            startsAt: '2026-12-01T09:00',
            endsAt: '2026-12-01T10:00',
            gradeIds: [String(ids.grade[5]), String(ids.grade[2])],
          }),
          cookies['jw-teacher']!,
        ),
      )
      expect(edited.status).toBe(302)
      expect(await statusOf(id)).toBe('submitted')
      const page = await pageText(`/activities/${id}`, 'jw-admin')
      expect(page).toContain('自上次审核以来的修改')
      expect(page).toContain('新增年级：二年级')
    } finally {
      await setSeasonStatus('draft')
    }
  })

  it('sends an approved activity whose date moves back for review and tells the admin', async () => {
    const app = await getTestApp()
    await setSeasonStatus('approved')
    try {
      const id = await createDirectly({ title: '测试：改期' }, 'approved')
      const edit = await app.request(`/activities/${id}/edit`, { cookie: cookies['jw-teacher'] })
      expect(edit.status).toBe(200)
      const form = await edit.text()
      expect(form).toContain('value="测试：改期"')
      expect(form).toContain('value="2026-12-01T09:00"')
      // Approved activities are withdrawn through review, not deleted.
      expect(form).not.toContain('删除这项活动')

      const unchanged = await app.request(
        `/activities/${id}/edit`,
        post(
          activityValues({
            title: '测试：改期',
            startsAt: '2026-12-01T09:00',
            endsAt: '2026-12-01T10:00',
            description: '只改说明',
          }),
          cookies['jw-teacher']!,
        ),
      )
      expect(unchanged.status).toBe(302)
      expect(await statusOf(id)).toBe('approved')

      const moved = await app.request(
        `/activities/${id}/edit`,
        post(
          activityValues({ title: '测试：改期', startsAt: '2026-12-02T09:00', endsAt: '2026-12-02T10:00' }),
          cookies['jw-teacher']!,
        ),
      )
      expect(moved.status).toBe(302)
      expect(moved.headers.get('Location')).toBe(`/activities/${id}`)
      expect(await statusOf(id)).toBe('submitted')
      const page = await pageText(`/activities/${id}`)
      expect(page).toContain('因为日期、年级班级或地点有变动，活动已重新提交审核')
      const reviews = await app.db
        .selectFrom('reviews')
        .select(['action', 'actor_id'])
        .where('entity', '=', 'activity')
        .where('entity_id', '=', id)
        .execute()
      expect(reviews).toEqual([{ action: 'submitted', actor_id: ids.teacherId }])
      const notes = await app.db
        .selectFrom('notifications')
        .select(['user_id', 'kind'])
        .where('entity', '=', 'activity')
        .where('entity_id', '=', id)
        .execute()
      // Every admin of the school reviews; the teacher who made the change is not told about it.
      expect(notes).toContainEqual({ user_id: ids.adminId, kind: 'activity-submitted' })
      expect(notes.map((n) => n.user_id)).not.toContain(ids.teacherId)
      const audit = await app.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'activity')
        .where('entity_id', '=', id)
        .orderBy('id')
        .execute()
      expect(audit.map((a) => a.action)).toEqual([
        'activity-updated',
        'activity-updated',
        'activity-submitted',
      ])

      // A teacher cannot decide, however the form is posted.
      const teacher = await app.request(
        `/activities/${id}`,
        post({ intent: 'approve' }, cookies['jw-teacher']!),
      )
      expect(teacher.status).toBe(403)
      expect(await statusOf(id)).toBe('submitted')

      const adminPage = await pageText(`/activities/${id}`, 'jw-admin')
      expect(adminPage).toContain('审核这项活动')

      const approved = await app.request(
        `/activities/${id}`,
        post({ intent: 'approve', comment: '' }, cookies['jw-admin']!),
      )
      expect(approved.status).toBe(302)
      expect(await statusOf(id)).toBe('approved')
      // A second click finds nothing left to decide.
      const again = await app.request(`/activities/${id}`, post({ intent: 'approve' }, cookies['jw-admin']!))
      expect(again.status).toBe(302)
      const decisions = await app.db
        .selectFrom('reviews')
        .select('action')
        .where('entity', '=', 'activity')
        .where('entity_id', '=', id)
        .where('action', '=', 'approved')
        .execute()
      expect(decisions).toHaveLength(1)
      const told = await app.db
        .selectFrom('notifications')
        .select(['user_id', 'kind'])
        .where('entity_id', '=', id)
        .where('kind', '=', 'activity-approved')
        .execute()
      expect(told).toEqual([{ user_id: ids.teacherId, kind: 'activity-approved' }])
      const history = await pageText(`/activities/${id}`)
      expect(history).toContain('德育主任陈老师 · 通过')
    } finally {
      await setSeasonStatus('draft')
    }
  })

  it('needs a comment to request changes', async () => {
    const app = await getTestApp()
    await setSeasonStatus('published')
    try {
      const id = await createDirectly({ title: '测试：退回' }, 'submitted')
      const bare = await app.request(
        `/activities/${id}`,
        post({ intent: 'request-changes', comment: '  ' }, cookies['jw-admin']!),
      )
      expect(bare.status).toBe(400)
      expect(await bare.text()).toContain('退回修改时，请写明需要修改的地方。')
      expect(await statusOf(id)).toBe('submitted')

      const back = await app.request(
        `/activities/${id}`,
        post({ intent: 'request-changes', comment: '请改到下午。' }, cookies['jw-admin']!),
      )
      expect(back.status).toBe(302)
      expect(await statusOf(id)).toBe('changes_requested')
      const note = await app.db
        .selectFrom('notifications')
        .select(['user_id', 'params'])
        .where('entity_id', '=', id)
        .where('kind', '=', 'activity-changes_requested')
        .executeTakeFirstOrThrow()
      expect(note.user_id).toBe(ids.teacherId)
      expect(JSON.parse(note.params)).toEqual({ title: '测试：退回', comment: '请改到下午。' })
      const page = await pageText(`/activities/${id}`)
      expect(page).toContain('请改到下午。')

      // The teacher makes the changes and sends it back; a double click submits once.
      expect(page).toContain('重新提交审核')
      for (let click = 0; click < 2; click++) {
        const resubmit = await app.request(
          `/activities/${id}`,
          post({ intent: 'submit' }, cookies['jw-teacher']!),
        )
        expect(resubmit.status).toBe(302)
      }
      expect(await statusOf(id)).toBe('submitted')
      const actions = await app.db
        .selectFrom('reviews')
        .select('action')
        .where('entity', '=', 'activity')
        .where('entity_id', '=', id)
        .orderBy('id')
        .execute()
      expect(actions.map((a) => a.action)).toEqual(['changes_requested', 'submitted'])
    } finally {
      await setSeasonStatus('draft')
    }
  })

  it('approves into a published season as published', async () => {
    const app = await getTestApp()
    await setSeasonStatus('published')
    try {
      const id = await createDirectly({ title: '测试：发布季中通过' }, 'submitted')
      const response = await app.request(
        `/activities/${id}`,
        post({ intent: 'approve' }, cookies['jw-admin']!),
      )
      expect(response.status).toBe(302)
      expect(await statusOf(id)).toBe('published')
    } finally {
      await setSeasonStatus('draft')
    }
  })

  it('refuses a decision or a single submission while the season itself is still being planned', async () => {
    const app = await getTestApp()
    const id = await createDirectly({ title: '测试：随季审核' }, 'submitted')
    const response = await app.request(`/activities/${id}`, post({ intent: 'approve' }, cookies['jw-admin']!))
    expect(response.status).toBe(403)
    expect(await statusOf(id)).toBe('submitted')
    const draft = await createDirectly({ title: '测试：随季提交' }, 'draft')
    const submit = await app.request(
      `/activities/${draft}`,
      post({ intent: 'submit' }, cookies['jw-teacher']!),
    )
    expect(submit.status).toBe(403)
    expect(await statusOf(draft)).toBe('draft')
  })
})

describe('/activities/:activityId/edit', () => {
  it('deletes a draft and returns to the season', async () => {
    const app = await getTestApp()
    const id = await createDirectly({ title: '测试：删除草稿' }, 'draft')
    const page = await pageText(`/activities/${id}/edit`)
    expect(page).toContain('删除这项活动')
    const response = await app.request(
      `/activities/${id}/edit`,
      post({ intent: 'delete' }, cookies['jw-teacher']!),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/seasons/${ids.seasonId}`)
    expect(await countTitled('测试：删除草稿')).toBe(0)
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'activity')
      .where('entity_id', '=', id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['activity-deleted'])
  })

  it('refuses to delete an approved activity and to edit a closed one', async () => {
    const app = await getTestApp()
    const approved = await createDirectly({ title: '测试：不可删除' }, 'approved')
    const response = await app.request(
      `/activities/${approved}/edit`,
      post({ intent: 'delete' }, cookies['jw-teacher']!),
    )
    expect(response.status).toBe(403)
    expect(await countTitled('测试：不可删除')).toBe(1)

    const closed = await createDirectly({ title: '测试：已结束活动' }, 'closed')
    expect((await app.request(`/activities/${closed}/edit`, { cookie: cookies['jw-teacher'] })).status).toBe(
      403,
    )
    const save = await app.request(
      `/activities/${closed}/edit`,
      post(activityValues({ title: '测试：已结束活动（改）' }), cookies['jw-teacher']!),
    )
    expect(save.status).toBe(403)
    expect(await countTitled('测试：已结束活动（改）')).toBe(0)
    expect((await app.request(`/activities/${closed}/edit`, { cookie: cookies['jw-parent'] })).status).toBe(
      403,
    )
  })

  it('keeps typed values and stores nothing on bad input', async () => {
    const app = await getTestApp()
    const id = await createDirectly({ title: '测试：修改出错' }, 'draft')
    const response = await app.request(
      `/activities/${id}/edit`,
      post(
        activityValues({ title: '测试：修改出错（新名）', endsAt: '2026-11-10T08:00' }),
        cookies['jw-teacher']!,
      ),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('结束时间须晚于开始时间。')
    expect(html).toContain('value="测试：修改出错（新名）"')
    expect(await countTitled('测试：修改出错')).toBe(1)
    expect(await countTitled('测试：修改出错（新名）')).toBe(0)
  })
})

describe('parents', () => {
  it("see a published activity of their child's grade, without staff details", async () => {
    const app = await getTestApp()
    const id = await createDirectly(
      {
        title: '测试：五年级观影',
        venue: '梅陇镇影院',
        offCampus: true,
        needsConsent: true,
        description: '观看电影并与作者交流。',
        partners: [{ partnerId: ids.guestId, role: 'guest' }],
        staffIds: [ids.adminId],
      },
      'published',
    )
    await insertTasks(app.db, {
      schoolId: JIWANG,
      activityId: id,
      tasks: [{ title: '联系影院包场', ownerId: ids.teacherId, dueOn: '2026-11-25' }],
    })
    const response = await app.request(`/activities/${id}`, { cookie: cookies['jw-parent'] })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('测试：五年级观影')
    expect(html).toContain('2026年12月1日 09:00–10:00')
    expect(html).toContain('梅陇镇影院（校外）')
    expect(html).toContain('张思远（五(2)班）')
    expect(html).not.toContain('张一诺')
    expect(html).toContain('需要您填写家长同意书')
    expect(html).toContain('银杏社区（测试）')
    expect(html).not.toContain(`/partners/${ids.guestId}`)
    expect(html).not.toContain('联系影院包场')
    expect(html).not.toContain('准备事项')
    expect(html).not.toContain('审核记录')
    expect(html).not.toContain('德育主任陈老师')
    expect(html).not.toContain('/edit')
  })

  it('see an activity for their child’s class only', async () => {
    const app = await getTestApp()
    const id = await createDirectly(
      { title: '测试：五(2)班班会', gradeIds: [], classIds: [ids.class52] },
      'published',
    )
    expect((await app.request(`/activities/${id}`, { cookie: cookies['jw-parent'] })).status).toBe(200)
  })

  it('do not see drafts, other grades or other classes', async () => {
    const app = await getTestApp()
    const draft = await createDirectly({ title: '测试：五年级草稿' }, 'draft')
    const third = await createDirectly({ title: '测试：三年级活动', gradeIds: [ids.grade[3]!] }, 'published')
    const otherClass = await createDirectly(
      { title: '测试：三(1)班活动', gradeIds: [], classIds: [ids.class31] },
      'published',
    )
    for (const id of [draft, third, otherClass]) {
      expect((await app.request(`/activities/${id}`, { cookie: cookies['jw-parent'] })).status).toBe(404)
    }
    const write = await app.request(
      `/activities/${third}`,
      post({ intent: 'add-task', title: '家长加的' }, cookies['jw-parent']!),
    )
    expect(write.status).toBe(403)
  })
})

describe('the checklist when the organiser changes', () => {
  it('hands the tasks Siji added, not yet done, to the new organiser; tasks people added stay', async () => {
    const app = await getTestApp()
    const id = await createThroughApp({ title: '换负责人的活动', venue: '礼堂', offCampus: 'on' })
    const tasks = () =>
      app.db
        .selectFrom('activity_tasks')
        .select(['title', 'owner_id as ownerId', 'done_at as doneAt'])
        .where('activity_id', '=', id)
        .orderBy('position')
        .execute()
    const created = await tasks()
    expect(created.map((t) => [t.title, t.ownerId])).toEqual([
      ['确认场地', ids.teacherId],
      ['校外活动安全预案', ids.teacherId],
    ])
    // The venue is already booked; a person adds a task of their own for the same teacher.
    await app.db
      .updateTable('activity_tasks')
      .set({ done_at: '2026-11-01T02:00:00.000Z' })
      .where('activity_id', '=', id)
      .where('title', '=', '确认场地')
      .execute()
    await insertTasks(app.db, {
      schoolId: JIWANG,
      activityId: id,
      tasks: [{ title: '准备话筒', ownerId: ids.teacherId, dueOn: null }],
    })

    const response = await app.request(
      `/activities/${id}/edit`,
      post(
        activityValues({
          title: '换负责人的活动',
          venue: '礼堂',
          offCampus: 'on',
          organiserId: String(ids.adminId),
        }),
        cookies['jw-teacher']!,
      ),
    )
    expect(response.status).toBe(302)
    expect((await tasks()).map((t) => [t.title, t.ownerId])).toEqual([
      ['确认场地', ids.teacherId],
      ['校外活动安全预案', ids.adminId],
      ['准备话筒', ids.teacherId],
    ])
  })
})
