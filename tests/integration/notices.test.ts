import { addDays, format, parseISO } from 'date-fns'
import { beforeAll, describe, expect, it } from 'vitest'
import { todayIn } from '~/utils/dates'
import { now } from '../../app/utils/clock'
import {
  createActivity,
  createClass,
  createDispute,
  createNoticeWindow,
  createParticipations,
  createSeason,
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
  shanghaiInstant,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// The database is shared by the test files of a worker: everything here is this file's own — classes
// 七(71)班 to 七(74)班, pupils numbered GS…, accounts gs-… — and no assertion counts rows it did not make.

const JIWANG = 1
const PASSWORD = 'notice-test-pass-2026'
const HEADER = '学号,姓名,班级,活动,日期,类别,课时,角色,出勤,公示期,异议,处理结果'

const today = todayIn('Asia/Shanghai')
function dayFrom(days: number) {
  return format(addDays(parseISO(today), days), 'yyyy-MM-dd')
}

/** Ids made in beforeAll. */
const ids = {
  classA: 0,
  classEmpty: 0,
  classClosed: 0,
  classUpcoming: 0,
  head: 0,
  parentA: 0,
  parentB: 0,
  parentC: 0,
  parentClosed: 0,
  /** A1's entry at the public-service activity (2 课时 planned, none recorded) */
  a1Service: 0,
  /** A1's volunteer hours at the cleanup (1.5 recorded) */
  a1Cleanup: 0,
  a2Service: 0,
  /** A3, parentB's child */
  a3Service: 0,
  /** Not eligible: absent, no credit, or a talk with no hours */
  a4Absent: 0,
  a1Talk: 0,
  closedWindow: 0,
  closedEntry: 0,
  closedFormulaEntry: 0,
  upcomingWindow: 0,
  upcomingEntry: 0,
}
const DEMO_ACCOUNTS = ['jw-admin', 'jw-teacher', 'jw-parent', 'zb-admin', 'zb-parent'] as const
const OWN_ACCOUNTS = ['gs-head', 'gs-parent-a', 'gs-parent-b', 'gs-parent-d'] as const
type Account = (typeof DEMO_ACCOUNTS)[number] | (typeof OWN_ACCOUNTS)[number]
const cookies = {} as Record<Account, string>

async function makeClass(gradeId: number, number: number, headTeacherId: number | null = null) {
  const app = await getTestApp()
  return createClass(app.db, { schoolId: JIWANG, gradeId, number, headTeacherId })
}

beforeAll(async () => {
  const app = await getTestApp()
  const { db } = app
  const passwordHash = await hashPassword(PASSWORD)
  const user = (username: string, role: 'teacher' | 'parent', displayName: string) =>
    createUser(db, { schoolId: JIWANG, role, username, displayName, passwordHash })
  const head = await user('gs-head', 'teacher', '公示测试班主任')
  const [parentA, parentB, parentC, parentClosed] = await Promise.all([
    user('gs-parent-a', 'parent', '公示测试家长甲'),
    user('gs-parent-b', 'parent', '公示测试家长乙'),
    user('gs-parent-c', 'parent', '公示测试家长丙'),
    user('gs-parent-d', 'parent', '公示测试家长丁'),
  ])
  Object.assign(ids, {
    head: head.id,
    parentA: parentA!.id,
    parentB: parentB!.id,
    parentC: parentC!.id,
    parentClosed: parentClosed!.id,
  })

  const grade = await db
    .selectFrom('grades')
    .select('id')
    .where('school_id', '=', JIWANG)
    .where('level', '=', 7)
    .executeTakeFirstOrThrow()
  const classA = await makeClass(grade.id, 71, head.id)
  const classEmpty = await makeClass(grade.id, 72)
  const classClosed = await makeClass(grade.id, 73)
  const classUpcoming = await makeClass(grade.id, 74)
  Object.assign(ids, {
    classA: classA.id,
    classEmpty: classEmpty.id,
    classClosed: classClosed.id,
    classUpcoming: classUpcoming.id,
  })
  const random = () => 0.5
  const [a1, a2, a3, a4] = await createStudents(db, {
    schoolId: JIWANG,
    classId: classA.id,
    count: 4,
    startNumber: 1,
    numberPrefix: 'GS71',
    random,
    names: ['公示甲一', '公示甲二', '公示乙三', '公示丙四'],
  })
  await createStudents(db, {
    schoolId: JIWANG,
    classId: classEmpty.id,
    count: 2,
    startNumber: 1,
    numberPrefix: 'GS72',
    random,
    names: ['公示空一', '公示空二'],
  })
  const [c1, c2] = await createStudents(db, {
    schoolId: JIWANG,
    classId: classClosed.id,
    count: 2,
    startNumber: 1,
    numberPrefix: 'GS73',
    random,
    names: ['公示结一', '=HYPERLINK("http://evil.example","点我")'],
  })
  const [u1] = await createStudents(db, {
    schoolId: JIWANG,
    classId: classUpcoming.id,
    count: 1,
    startNumber: 1,
    numberPrefix: 'GS74',
    random,
    names: ['公示未一'],
  })
  for (const [guardianId, studentId] of [
    [parentA!.id, a1!.id],
    [parentA!.id, a2!.id],
    [parentB!.id, a3!.id],
    [parentC!.id, a4!.id],
    [parentClosed!.id, c1!.id],
    [parentA!.id, u1!.id],
  ] as const) {
    await linkGuardian(db, { guardianId, studentId, relation: '母亲' })
  }

  const year = await db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', JIWANG)
    .orderBy('starts_on', 'desc')
    .executeTakeFirstOrThrow()
  const seasonId = await createSeason(db, {
    schoolId: JIWANG,
    academicYearId: year.id,
    title: '公示测试季',
    startsOn: dayFrom(-60),
    endsOn: dayFrom(30),
    ownerId: head.id,
    status: 'published',
  })
  const activity = (title: string, daysAgo: number, practice: boolean) =>
    createActivity(db, {
      schoolId: JIWANG,
      seasonId,
      title,
      kind: 'service',
      startsAt: shanghaiInstant(dayFrom(-daysAgo), '09:00'),
      endsAt: shanghaiInstant(dayFrom(-daysAgo), '11:00'),
      status: 'published',
      practiceCategory: practice ? 'public_service' : null,
      practiceHours: practice ? 2 : null,
    })
  const service = await activity('公示测试·社区公益劳动', 10, true)
  const cleanup = await activity('公示测试·校园志愿清扫', 8, false)
  const talk = await activity('公示测试·主题班会', 6, false)
  const [a1Service, a2Service, a3Service, a4Absent] = await createParticipations(db, {
    schoolId: JIWANG,
    activityId: service,
    rows: [
      { studentId: a1!.id, classId: classA.id },
      { studentId: a2!.id, classId: classA.id, role: 'volunteer', hours: 3 },
      { studentId: a3!.id, classId: classA.id },
      { studentId: a4!.id, classId: classA.id, status: 'absent' },
    ],
  })
  const [a1Cleanup] = await createParticipations(db, {
    schoolId: JIWANG,
    activityId: cleanup,
    rows: [{ studentId: a1!.id, classId: classA.id, hours: 1.5 }],
  })
  const [a1Talk] = await createParticipations(db, {
    schoolId: JIWANG,
    activityId: talk,
    rows: [{ studentId: a1!.id, classId: classA.id }],
  })
  Object.assign(ids, {
    a1Service: a1Service!,
    a2Service: a2Service!,
    a3Service: a3Service!,
    a4Absent: a4Absent!,
    a1Cleanup: a1Cleanup!,
    a1Talk: a1Talk!,
  })

  // A window that ran earlier and has closed, with one dispute upheld and one left open.
  const closedWindow = await createNoticeWindow(db, {
    schoolId: JIWANG,
    classId: classClosed.id,
    opensOn: dayFrom(-14),
    closesOn: dayFrom(-7),
  })
  const [closedEntry, closedFormulaEntry] = await createParticipations(db, {
    schoolId: JIWANG,
    activityId: service,
    noticeWindowId: closedWindow,
    rows: [
      { studentId: c1!.id, classId: classClosed.id, role: 'docent' },
      { studentId: c2!.id, classId: classClosed.id, hours: 2.5 },
    ],
  })
  await createDispute(db, {
    schoolId: JIWANG,
    windowId: closedWindow,
    participationId: closedEntry!,
    guardianId: parentClosed!.id,
    reason: '孩子担任的是讲解员，时长应为3课时',
    status: 'upheld',
    resolution: '已核实，更正为3课时',
    resolvedBy: head.id,
    resolvedAt: now().toISOString(),
  })
  await createDispute(db, {
    schoolId: JIWANG,
    windowId: closedWindow,
    participationId: closedFormulaEntry!,
    guardianId: null,
    reason: '=1+1 这一条我们没有参加',
  })
  // A window that starts later: seen by the family, not yet open to disputes.
  const upcomingWindow = await createNoticeWindow(db, {
    schoolId: JIWANG,
    classId: classUpcoming.id,
    opensOn: dayFrom(3),
    closesOn: dayFrom(9),
  })
  const [upcomingEntry] = await createParticipations(db, {
    schoolId: JIWANG,
    activityId: service,
    noticeWindowId: upcomingWindow,
    rows: [{ studentId: u1!.id, classId: classUpcoming.id }],
  })
  Object.assign(ids, {
    closedWindow,
    closedEntry: closedEntry!,
    closedFormulaEntry: closedFormulaEntry!,
    upcomingWindow,
    upcomingEntry: upcomingEntry!,
  })

  for (const name of DEMO_ACCOUNTS) cookies[name] = await app.signIn(name)
  for (const name of OWN_ACCOUNTS) cookies[name] = await app.signIn(name, PASSWORD)
})

async function windowsOf(classId: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('notice_windows')
    .select(['id', 'opens_on', 'closes_on', 'created_by'])
    .where('class_id', '=', classId)
    .execute()
}

async function entry(id: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('participations')
    .select(['notice_window_id', 'hours', 'role', 'revision', 'recorded_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function disputesOf(participationId: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('notice_disputes')
    .select(['id', 'window_id', 'guardian_id', 'reason', 'status', 'resolution', 'resolved_by'])
    .where('participation_id', '=', participationId)
    .orderBy('id')
    .execute()
}

async function notificationsOf(userId: number, kind: string, windowId: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('notifications')
    .select(['params'])
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('entity', '=', 'notice')
    .where('entity_id', '=', windowId)
    .execute()
}

function openForm(values: Record<string, string>) {
  return form({ intent: 'open', opensOn: today, closesOn: dayFrom(7), ...values })
}

/** The window opened for 七(71)班 by the first test; later tests build on it. */
let windowA = 0

async function openWindowA() {
  const app = await getTestApp()
  const response = await app.request('/notices', {
    ...openForm({ classId: String(ids.classA) }),
    cookie: cookies['jw-admin'],
  })
  expect(response.status).toBe(302)
  const [window] = await windowsOf(ids.classA)
  if (!window) throw new Error('no window stored')
  expect(response.headers.get('Location')).toBe(`/notices/${window.id}`)
  windowA = window.id
}

describe('opening a notice window (/notices)', () => {
  it('shows admins the form with a class’s waiting entries and a default of five school days', async () => {
    const app = await getTestApp()
    const html = await (await app.request('/notices', { cookie: cookies['jw-admin'] })).text()
    expect(html).toContain('<h1>实践记录公示</h1>')
    // 3 attended with practice credit + 1 cleanup with hours; the absent entry and the talk do not count.
    expect(html).toContain('七(71)班（4 条待公示）')
    expect(html).toContain(`value="${today}"`)
    expect(html).toContain('默认为开始后的第5个上课日')
  })

  it('puts the class’s eligible entries on notice, tells their guardians and records it', async () => {
    const app = await getTestApp()
    await openWindowA()
    const [window] = await windowsOf(ids.classA)
    expect(window).toMatchObject({ opens_on: today, closes_on: dayFrom(7) })
    for (const id of [ids.a1Service, ids.a2Service, ids.a3Service, ids.a1Cleanup]) {
      expect((await entry(id)).notice_window_id).toBe(windowA)
    }
    expect((await entry(ids.a4Absent)).notice_window_id).toBeNull()
    expect((await entry(ids.a1Talk)).notice_window_id).toBeNull()

    const told = await notificationsOf(ids.parentA, 'notice-opened', windowA)
    expect(told).toHaveLength(1)
    // Facts, worded when read: the class by id, the day as an ISO date.
    expect(JSON.parse(told[0]!.params)).toEqual({ classId: ids.classA, closesOn: dayFrom(7) })
    expect(await notificationsOf(ids.parentB, 'notice-opened', windowA)).toHaveLength(1)
    // Only an absent entry: nothing of this child's is on notice.
    expect(await notificationsOf(ids.parentC, 'notice-opened', windowA)).toHaveLength(0)

    const audit = await app.db
      .selectFrom('audit_log')
      .select(['user_id', 'detail'])
      .where('action', '=', 'notice-opened')
      .where('entity_id', '=', windowA)
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.detail ?? '{}')).toMatchObject({ className: '七(71)班', entries: 4 })

    const html = await (await app.request(`/notices/${windowA}`, { cookie: cookies['jw-admin'] })).text()
    expect(html).toContain('公示已开启，共 4 条记录，已通知相关家长。')
    expect(html).toContain('七(71)班实践记录公示')
    expect(html).toContain('公示测试·校园志愿清扫')
    expect(html).toContain('公示乙三')
    expect(html).not.toContain('公示丙四')
    expect(html).toContain('公示中')
    expect(html).toContain('导出格式')
  })

  it('refuses a second window for a class while one has not closed', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const response = await app.request('/notices', {
      ...openForm({ classId: String(ids.classA), opensOn: dayFrom(1), closesOn: dayFrom(5) }),
      cookie: cookies['jw-admin'],
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('这个班级已有尚未结束的公示')
    expect(html).toContain(`value="${dayFrom(5)}"`)
    expect(await windowsOf(ids.classA)).toHaveLength(1)
  })

  it('refuses a class with nothing waiting, and writes nothing', async () => {
    const app = await getTestApp()
    const response = await app.request('/notices', {
      ...openForm({ classId: String(ids.classEmpty) }),
      cookie: cookies['jw-admin'],
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('这个班级没有待公示的记录')
    expect(await windowsOf(ids.classEmpty)).toHaveLength(0)
  })

  it('refuses dates in the past, in the wrong order or too long, next to the field', async () => {
    const app = await getTestApp()
    const cookie = cookies['jw-admin']
    const past = await app.request('/notices', {
      ...openForm({ classId: String(ids.classEmpty), opensOn: dayFrom(-1) }),
      cookie,
    })
    expect(past.status).toBe(400)
    const pastHtml = await past.text()
    expect(pastHtml).toContain('开始日期不能早于今天。')
    expect(pastHtml).toContain(`value="${dayFrom(-1)}"`)
    const reversed = await app.request('/notices', {
      ...openForm({ classId: String(ids.classEmpty), opensOn: dayFrom(3), closesOn: dayFrom(2) }),
      cookie,
    })
    expect(reversed.status).toBe(400)
    expect(await reversed.text()).toContain('结束日期不能早于开始日期。')
    const long = await app.request('/notices', {
      ...openForm({ classId: String(ids.classEmpty), closesOn: dayFrom(30) }),
      cookie,
    })
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('公示期最长 30 天。')
    const noClass = await app.request('/notices', { ...openForm({ classId: '' }), cookie })
    expect(noClass.status).toBe(400)
    expect(await noClass.text()).toContain('请选择班级。')
    expect(await windowsOf(ids.classEmpty)).toHaveLength(0)
  })

  it('lets teachers look but not open; keeps parents out', async () => {
    const app = await getTestApp()
    const teacherPage = await app.request('/notices', { cookie: cookies['jw-teacher'] })
    expect(teacherPage.status).toBe(200)
    const html = await teacherPage.text()
    expect(html).toContain('<h1>实践记录公示</h1>')
    expect(html).not.toContain('开启公示</h2>')
    const post = await app.request('/notices', {
      ...openForm({ classId: String(ids.classEmpty) }),
      cookie: cookies['jw-teacher'],
    })
    expect(post.status).toBe(403)
    expect((await app.request('/notices', { cookie: cookies['jw-parent'] })).status).toBe(403)
    expect(await windowsOf(ids.classEmpty)).toHaveLength(0)
  })
})

describe('guardians dispute (/family/notices)', () => {
  function disputeForm(participationId: number, reason: string) {
    return form({ intent: 'dispute', participationId: String(participationId), reason })
  }

  it('shows a guardian their own children’s entries only', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const html = await (await app.request('/family/notices', { cookie: cookies['gs-parent-a'] })).text()
    expect(html).toContain('<h1>记录公示</h1>')
    expect(html).toContain('公示甲一的记录')
    expect(html).toContain('公示甲二的记录')
    expect(html).toContain('公益劳动 · 2 课时 · 参与者')
    expect(html).toContain('志愿服务 · 1.5 课时 · 参与者')
    expect(html).not.toContain('公示乙三')
    expect(html).toContain(`name="participationId" value="${ids.a1Service}"`)
    // The upcoming window is shown, without a dispute form.
    expect(html).toContain('公示未一的记录')
    expect(html).toContain('公示将于')
    expect(html).not.toContain(`name="participationId" value="${ids.upcomingEntry}"`)
  })

  it('stores a dispute on an own child’s entry and tells the head teacher and the admins', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const response = await app.request('/family/notices', {
      ...disputeForm(ids.a1Cleanup, '孩子清扫了2小时，不是1.5小时'),
      cookie: cookies['gs-parent-a'],
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/family/notices#entry-${ids.a1Cleanup}`)
    const [dispute] = await disputesOf(ids.a1Cleanup)
    expect(dispute).toMatchObject({
      window_id: windowA,
      guardian_id: ids.parentA,
      reason: '孩子清扫了2小时，不是1.5小时',
      status: 'open',
    })
    const toHead = await notificationsOf(ids.head, 'dispute-raised', windowA)
    expect(toHead).toHaveLength(1)
    expect(JSON.parse(toHead[0]!.params)).toEqual({
      disputeId: dispute!.id,
      child: '公示甲一',
      title: '公示测试·校园志愿清扫',
      reason: '孩子清扫了2小时，不是1.5小时',
    })
    const admin = await app.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-admin')
      .executeTakeFirstOrThrow()
    expect(await notificationsOf(admin.id, 'dispute-raised', windowA)).toHaveLength(1)

    const page = await (await app.request('/family/notices', { cookie: cookies['gs-parent-a'] })).text()
    expect(page).toContain('异议已提交，学校处理后会通知您。')
    expect(page).toContain('等待学校处理。')
    expect(page).not.toContain(`name="participationId" value="${ids.a1Cleanup}"`)

    // One open dispute per entry: a second one is refused and not stored.
    const again = await app.request('/family/notices', {
      ...disputeForm(ids.a1Cleanup, '再提一次'),
      cookie: cookies['gs-parent-a'],
    })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('这条记录已有一条等待处理的异议。')
    expect(await disputesOf(ids.a1Cleanup)).toHaveLength(1)
  })

  it('refuses an empty or overlong reason next to the field, keeping what was typed', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const empty = await app.request('/family/notices', {
      ...disputeForm(ids.a2Service, '   '),
      cookie: cookies['gs-parent-a'],
    })
    expect(empty.status).toBe(400)
    const html = await empty.text()
    expect(html).toContain('请填写此项。')
    expect(html).toMatch(/<details class="notice-raise" open="">/)
    const long = `${'长'.repeat(501)}`
    const tooLong = await app.request('/family/notices', {
      ...disputeForm(ids.a2Service, long),
      cookie: cookies['gs-parent-a'],
    })
    expect(tooLong.status).toBe(400)
    const longHtml = await tooLong.text()
    expect(longHtml).toContain('最多 500 个字符。')
    expect(longHtml).toContain(long)
    expect(await disputesOf(ids.a2Service)).toHaveLength(0)
  })

  it('answers 404 for another family’s entry or another school’s parent, and stores nothing', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    for (const cookie of [cookies['gs-parent-b'], cookies['jw-parent'], cookies['zb-parent']]) {
      const response = await app.request('/family/notices', {
        ...disputeForm(ids.a2Service, '不是我的孩子'),
        cookie,
      })
      expect(response.status).toBe(404)
    }
    const forged = await app.request('/family/notices', {
      ...disputeForm(999_999_999, '不存在'),
      cookie: cookies['gs-parent-b'],
    })
    expect(forged.status).toBe(404)
    expect(await disputesOf(ids.a2Service)).toHaveLength(0)
    const page = await (await app.request('/family/notices', { cookie: cookies['gs-parent-b'] })).text()
    expect(page).toContain('公示乙三')
    expect(page).not.toContain('公示甲一')
  })

  it('refuses a dispute once the window has closed, or before it opens', async () => {
    const app = await getTestApp()
    const closed = await app.request('/family/notices', {
      ...disputeForm(ids.closedEntry, '晚了也想说'),
      cookie: cookies['gs-parent-d'],
    })
    expect(closed.status).toBe(400)
    expect(await closed.text()).toContain('现在不在公示期内，不能提出异议。')
    expect(await disputesOf(ids.closedEntry)).toHaveLength(1)

    const page = await (await app.request('/family/notices', { cookie: cookies['gs-parent-d'] })).text()
    expect(page).toContain('记录已锁定')
    expect(page).toContain('已核实，更正为3课时')
    expect(page).not.toContain('name="participationId"')
  })

  it('keeps staff out of the family page', async () => {
    const app = await getTestApp()
    expect((await app.request('/family/notices', { cookie: cookies['jw-teacher'] })).status).toBe(403)
    const post = await app.request('/family/notices', {
      ...disputeForm(ids.a3Service, '老师代提'),
      cookie: cookies['jw-admin'],
    })
    expect(post.status).toBe(403)
    expect(await disputesOf(ids.a3Service)).toHaveLength(0)
  })
})

describe('staff resolve (/notices/:id)', () => {
  async function raise(participationId: number, cookie: string, reason: string) {
    const app = await getTestApp()
    const response = await app.request('/family/notices', {
      ...form({ intent: 'dispute', participationId: String(participationId), reason }),
      cookie,
    })
    expect(response.status).toBe(302)
    const disputes = await disputesOf(participationId)
    return disputes[disputes.length - 1]!.id
  }

  function resolveForm(values: Record<string, string>) {
    return form({ role: 'participant', resolution: '', ...values })
  }

  it('upholds with corrected hours and role: the entry changes, its revision moves on, the guardian hears', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const disputeId = await raise(ids.a3Service, cookies['gs-parent-b'], '孩子做的是讲解员，共3课时')
    const page = await (await app.request(`/notices/${windowA}`, { cookie: cookies['jw-teacher'] })).text()
    expect(page).toContain('孩子做的是讲解员，共3课时')
    expect(page).toContain('公示测试家长乙')
    expect(page).toContain(`name="disputeId" value="${disputeId}"`)
    const before = await entry(ids.a3Service)
    const response = await app.request(`/notices/${windowA}`, {
      ...resolveForm({
        intent: 'uphold',
        disputeId: String(disputeId),
        revision: String(before.revision),
        hours: '3',
        role: 'docent',
        resolution: '已向带队老师核实，更正为讲解员3课时。',
      }),
      cookie: cookies['jw-teacher'],
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/notices/${windowA}`)
    const teacher = await app.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-teacher')
      .executeTakeFirstOrThrow()
    expect(await entry(ids.a3Service)).toMatchObject({
      hours: 3,
      role: 'docent',
      revision: before.revision + 1,
      recorded_by: teacher.id,
    })
    expect((await disputesOf(ids.a3Service))[0]).toMatchObject({
      status: 'upheld',
      resolution: '已向带队老师核实，更正为讲解员3课时。',
      resolved_by: teacher.id,
    })
    const told = await notificationsOf(ids.parentB, 'dispute-upheld', windowA)
    expect(told).toHaveLength(1)
    expect(JSON.parse(told[0]!.params)).toEqual({
      disputeId,
      title: '公示测试·社区公益劳动',
      resolution: '已向带队老师核实，更正为讲解员3课时。',
    })
    const after = await (await app.request(`/notices/${windowA}`, { cookie: cookies['jw-teacher'] })).text()
    expect(after).toContain('已采纳异议，并通知了家长。')
    // A second click finds it decided, and changes nothing more.
    const again = await app.request(`/notices/${windowA}`, {
      ...resolveForm({
        intent: 'uphold',
        disputeId: String(disputeId),
        revision: String(before.revision + 1),
        hours: '4',
        resolution: '再来一次',
      }),
      cookie: cookies['jw-teacher'],
    })
    expect(again.status).toBe(302)
    expect((await entry(ids.a3Service)).hours).toBe(3)
  })

  it('refuses a rejection without a note, and a correction of an entry changed meanwhile', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const disputeId = await raise(ids.a2Service, cookies['gs-parent-a'], '时长记错了')
    const before = await entry(ids.a2Service)
    const noNote = await app.request(`/notices/${windowA}`, {
      ...resolveForm({ intent: 'reject', disputeId: String(disputeId), revision: String(before.revision) }),
      cookie: cookies['jw-teacher'],
    })
    expect(noNote.status).toBe(400)
    expect(await noNote.text()).toContain('请填写此项。')

    const badHours = await app.request(`/notices/${windowA}`, {
      ...resolveForm({
        intent: 'uphold',
        disputeId: String(disputeId),
        revision: String(before.revision),
        hours: '25',
        resolution: '更正',
      }),
      cookie: cookies['jw-teacher'],
    })
    expect(badHours.status).toBe(400)
    expect(await badHours.text()).toContain('课时须为0–24之间、以0.5为单位的数字。')

    const stale = await app.request(`/notices/${windowA}`, {
      ...resolveForm({
        intent: 'uphold',
        disputeId: String(disputeId),
        revision: String(before.revision + 5),
        hours: '4',
        role: 'volunteer',
        resolution: '更正为4课时',
      }),
      cookie: cookies['jw-teacher'],
    })
    expect(stale.status).toBe(400)
    expect(await stale.text()).toContain('这条记录在您打开页面后被修改过')
    expect(await entry(ids.a2Service)).toMatchObject({ hours: 3, revision: before.revision })
    expect((await disputesOf(ids.a2Service))[0]?.status).toBe('open')
    expect(await notificationsOf(ids.parentA, 'dispute-upheld', windowA)).toHaveLength(0)

    const rejected = await app.request(`/notices/${windowA}`, {
      ...resolveForm({
        intent: 'reject',
        disputeId: String(disputeId),
        revision: String(before.revision),
        hours: '9',
        resolution: '签到表显示为3课时，维持原记录。',
      }),
      cookie: cookies['jw-admin'],
    })
    expect(rejected.status).toBe(302)
    expect(await entry(ids.a2Service)).toMatchObject({ hours: 3, revision: before.revision })
    expect((await disputesOf(ids.a2Service))[0]).toMatchObject({
      status: 'rejected',
      resolution: '签到表显示为3课时，维持原记录。',
    })
    expect(await notificationsOf(ids.parentA, 'dispute-rejected', windowA)).toHaveLength(1)
    const family = await (await app.request('/family/notices', { cookie: cookies['gs-parent-a'] })).text()
    expect(family).toContain('签到表显示为3课时，维持原记录。')
    expect(family).toContain('未采纳')
  })

  it('answers 400 to an unknown intent and 403 to a parent extending, and changes nothing', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const before = (await windowsOf(ids.classA))[0]?.closes_on
    const disputes = (await disputesOf(ids.a3Service)).length
    for (const intent of ['close', '']) {
      const response = await app.request(`/notices/${windowA}`, {
        ...form({ intent, closesOn: dayFrom(12) }),
        cookie: cookies['jw-admin'],
      })
      expect(response.status).toBe(400)
    }
    const byParent = await app.request(`/notices/${windowA}`, {
      ...form({ intent: 'extend', closesOn: dayFrom(12) }),
      cookie: cookies['gs-parent-a'],
    })
    expect(byParent.status).toBe(403)
    const family = await app.request('/family/notices', {
      ...form({ intent: 'withdraw', participationId: String(ids.a3Service), reason: '撤回' }),
      cookie: cookies['gs-parent-a'],
    })
    expect(family.status).toBe(400)
    expect((await windowsOf(ids.classA))[0]?.closes_on).toBe(before)
    expect(await disputesOf(ids.a3Service)).toHaveLength(disputes)
  })

  it('lets the admin extend an open window, and no one else', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const byTeacher = await app.request(`/notices/${windowA}`, {
      ...form({ intent: 'extend', closesOn: dayFrom(9) }),
      cookie: cookies['jw-teacher'],
    })
    expect(byTeacher.status).toBe(403)
    const earlier = await app.request(`/notices/${windowA}`, {
      ...form({ intent: 'extend', closesOn: dayFrom(6) }),
      cookie: cookies['jw-admin'],
    })
    expect(earlier.status).toBe(400)
    expect(await earlier.text()).toContain('新的结束日期须晚于现在的结束日期。')
    expect((await windowsOf(ids.classA))[0]?.closes_on).toBe(dayFrom(7))
    const extended = await app.request(`/notices/${windowA}`, {
      ...form({ intent: 'extend', closesOn: dayFrom(10) }),
      cookie: cookies['jw-admin'],
    })
    expect(extended.status).toBe(302)
    expect((await windowsOf(ids.classA))[0]?.closes_on).toBe(dayFrom(10))
    const closed = await app.request(`/notices/${ids.closedWindow}`, {
      ...form({ intent: 'extend', closesOn: dayFrom(2) }),
      cookie: cookies['jw-admin'],
    })
    expect(closed.status).toBe(400)
    expect(await closed.text()).toContain('公示期已结束，不能再延长。')
  })
})

describe('export (/notices/:id/export)', () => {
  it('refuses before the window has closed', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const response = await app.request(`/notices/${windowA}/export`, { cookie: cookies['jw-admin'] })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/notices/${windowA}`)
    expect(response.headers.get('Content-Type') ?? '').not.toContain('text/csv')
    const page = await (await app.request(`/notices/${windowA}`, { cookie: cookies['jw-admin'] })).text()
    expect(page).toContain('公示期结束后才能导出。')
    expect(page).not.toContain(`href="/notices/${windowA}/export"`)
  })

  it('exports a closed window in the documented layout, formula-safe, in Chinese for every reader', async () => {
    const app = await getTestApp()
    const page = await app.request(`/notices/${ids.closedWindow}?lang=en`, { cookie: cookies['jw-teacher'] })
    const pageHtml = await page.text()
    expect(pageHtml).toContain(`href="/notices/${ids.closedWindow}/export"`)
    expect(pageHtml).toContain('Export format')
    const response = await app.request(`/notices/${ids.closedWindow}/export?lang=en`, {
      cookie: cookies['jw-teacher'],
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toContain(
      encodeURIComponent(`公示-闵行区纪王学校-七(73)班-${dayFrom(-14)}至${dayFrom(-7)}-jw-teacher.csv`),
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    // The byte-order mark that makes Excel read UTF-8; the decoder drops it.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [stamp, ...lines] = new TextDecoder().decode(bytes).trimEnd().split('\r\n')
    // Who exported, for which school and when, in Chinese like the rest of the file.
    expect(stamp).toMatch(/^# 闵行区纪王学校 · 导出人：.+ \(jw-teacher\) · 导出时间：\d{4}年/)
    expect(lines[0]).toBe(HEADER)
    expect(lines).toHaveLength(3)
    const period = `${dayFrom(-14)}至${dayFrom(-7)}`
    expect(lines[1]).toBe(
      `GS7301,公示结一,七(73)班,公示测试·社区公益劳动,${dayFrom(-10)},公益劳动,2,讲解员,出席,${period},孩子担任的是讲解员，时长应为3课时,已采纳：已核实，更正为3课时`,
    )
    // A name or a reason that a spreadsheet would run as a formula stays text.
    expect(lines[2]).toBe(
      `GS7302,"'=HYPERLINK(""http://evil.example"",""点我"")",七(73)班,公示测试·社区公益劳动,${dayFrom(-10)},公益劳动,2.5,参与者,出席,${period},'=1+1 这一条我们没有参加,未处理`,
    )
    const audit = await app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'notice-exported')
      .where('entity_id', '=', ids.closedWindow)
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(1)
    // The export names the pupils whose rows left the system.
    const covered = await app.db
      .selectFrom('audit_log_pupils')
      .innerJoin('students', 'students.id', 'audit_log_pupils.student_id')
      .select('students.student_number')
      .where('audit_id', '=', audit.at(-1)!.id)
      .execute()
    expect(covered.map((row) => row.student_number).sort()).toEqual(['GS7301', 'GS7302'])
  })
})

describe('another school', () => {
  it('answers 404 everywhere for another school’s admin, and changes nothing', async () => {
    const app = await getTestApp()
    if (!windowA) await openWindowA()
    const cookie = cookies['zb-admin']
    expect((await app.request(`/notices/${windowA}`, { cookie })).status).toBe(404)
    expect((await app.request(`/notices/${ids.closedWindow}/export`, { cookie })).status).toBe(404)
    const extend = await app.request(`/notices/${windowA}`, {
      ...form({ intent: 'extend', closesOn: dayFrom(20) }),
      cookie,
    })
    expect(extend.status).toBe(404)
    const [closedDispute] = await disputesOf(ids.closedFormulaEntry)
    const resolve = await app.request(`/notices/${ids.closedWindow}`, {
      ...form({
        intent: 'reject',
        disputeId: String(closedDispute!.id),
        revision: '1',
        role: 'participant',
        resolution: '越权',
      }),
      cookie,
    })
    expect(resolve.status).toBe(404)
    const open = await app.request('/notices', { ...openForm({ classId: String(ids.classEmpty) }), cookie })
    expect(open.status).toBe(404)
    expect(await windowsOf(ids.classEmpty)).toHaveLength(0)
    expect((await disputesOf(ids.closedFormulaEntry))[0]?.status).toBe('open')
    expect((await windowsOf(ids.classA))[0]?.closes_on).not.toBe(dayFrom(20))
    const list = await (await app.request('/notices', { cookie })).text()
    expect(list).not.toContain('七(71)班')
  })

  it('resolves a dispute left open after the window closed (the one change allowed after the lock)', async () => {
    const app = await getTestApp()
    const [open] = (await disputesOf(ids.closedFormulaEntry)).filter((d) => d.status === 'open')
    const before = await entry(ids.closedFormulaEntry)
    const page = await (
      await app.request(`/notices/${ids.closedWindow}`, { cookie: cookies['gs-head'] })
    ).text()
    expect(page).toContain('公示期已结束。采纳异议时的更正是记录锁定后唯一允许的修改')
    const response = await app.request(`/notices/${ids.closedWindow}`, {
      ...form({
        intent: 'uphold',
        disputeId: String(open!.id),
        revision: String(before.revision),
        hours: '0',
        role: 'participant',
        resolution: '核实未参加，课时更正为0。',
      }),
      cookie: cookies['gs-head'],
    })
    expect(response.status).toBe(302)
    expect(await entry(ids.closedFormulaEntry)).toMatchObject({ hours: 0, revision: before.revision + 1 })
  })
})
