import { beforeAll, describe, expect, it } from 'vitest'
import {
  createActivity,
  createClass,
  createDispute,
  createNoticeWindow,
  createParticipations,
  createPartner,
  createSeason,
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
  shanghaiInstant,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'

// The database is shared by the test files of a worker: everything made here is named 档案测试…
// (student numbers DAXX…), and no assertion counts rows it did not make.

const JIWANG = 1
const PARENT_PASSWORD = 'records-parent-2026'

type Fixture = {
  juniorId: number
  juniorClassId: number
  otherPupilId: number
  siyuanId: number
  zaobeiPupilId: number
  publishedForSiyuan: number
  draftForSiyuan: number
  investigationId: number
}

let fixture: Fixture

async function gradeId(level: number) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom('grades')
    .select('id')
    .where('school_id', '=', JIWANG)
    .where('level', '=', level)
    .executeTakeFirstOrThrow()
  return row.id
}

async function pupilNamed(name: string, schoolId: number) {
  const app = await getTestApp()
  const row = await app.db
    .selectFrom('students')
    .select(['id', 'class_id'])
    .where('name', '=', name)
    .where('school_id', '=', schoolId)
    .executeTakeFirstOrThrow()
  return row
}

beforeAll(async () => {
  const app = await getTestApp()
  const db = app.db
  const teacher = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'jw-teacher')
    .executeTakeFirstOrThrow()
  const year = await db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', JIWANG)
    .where('name', '=', '2025-2026')
    .executeTakeFirstOrThrow()
  const seasonId = await createSeason(db, {
    schoolId: JIWANG,
    academicYearId: year.id,
    title: '档案测试·社会实践季',
    startsOn: '2025-09-01',
    endsOn: '2026-06-30',
    ownerId: teacher.id,
    status: 'published',
  })
  const juniorClass = await createClass(db, { schoolId: JIWANG, gradeId: await gradeId(7), number: 87 })
  const primaryClass = await createClass(db, { schoolId: JIWANG, gradeId: await gradeId(5), number: 87 })
  const [junior, other] = await createStudents(db, {
    schoolId: JIWANG,
    classId: juniorClass.id,
    count: 2,
    startNumber: 1,
    numberPrefix: 'DAXX',
    digits: 4,
    names: ['档案测试林小满', '档案测试周知夏'],
    random: Math.random,
  })
  if (!junior || !other) throw new Error('pupils were not made')
  const juniorId = junior.id
  const base = await createPartner(db, {
    schoolId: JIWANG,
    name: '档案测试·龙华烈士陵园',
    category: 'museum',
    patrioticBase: true,
  })

  let day = 1
  /** A published activity in the autumn term of 2025, one day apart, with the pupil's entry. */
  async function practice(
    title: string,
    activity: {
      category: 'investigation' | 'public_service' | 'career' | 'safety' | null
      hours: number | null
    },
    entry: {
      classId?: number
      hours?: number | null
      status?: 'attended' | 'absent'
      role?: 'docent'
      note?: string
    },
    extra: { partnerId?: number } = {},
  ) {
    const on = `2025-10-${String(10 + day++).padStart(2, '0')}`
    const activityId = await createActivity(db, {
      schoolId: JIWANG,
      seasonId,
      title,
      kind: 'study_tour',
      startsAt: shanghaiInstant(on, '09:00'),
      endsAt: shanghaiInstant(on, '11:00'),
      practiceCategory: activity.category,
      practiceHours: activity.hours,
      status: 'published',
      classIds: [juniorClass.id],
      partners: extra.partnerId ? [{ partnerId: extra.partnerId }] : [],
    })
    const [participationId] = await createParticipations(db, {
      schoolId: JIWANG,
      activityId,
      rows: [
        {
          studentId: juniorId,
          classId: entry.classId ?? juniorClass.id,
          hours: entry.hours ?? null,
          status: entry.status ?? 'attended',
          role: entry.role,
          note: entry.note,
        },
      ],
    })
    return { activityId, participationId: participationId as number }
  }

  // 社会考察: 6 planned (hours left empty) + 4.5 recorded = 10.5; the first at a patriotic base.
  const investigation = await practice(
    '档案测试·龙华烈士陵园寻访',
    { category: 'investigation', hours: 6 },
    { hours: null, role: 'docent', note: '讲解认真，准备充分' },
    { partnerId: base },
  )
  await practice('档案测试·社区垃圾分类调查', { category: 'investigation', hours: 4 }, { hours: 4.5 })
  // 公益劳动: three posts of 4 = 12, and 5 more from grade 5 that do not count.
  for (const post of ['敬老院', '图书馆', '地铁站']) {
    await practice(`档案测试·${post}志愿服务`, { category: 'public_service', hours: 4 }, { hours: 4 })
  }
  await practice(
    '档案测试·五年级社区服务',
    { category: 'public_service', hours: 5 },
    { classId: primaryClass.id, hours: 5 },
  )
  await practice('档案测试·消防站职业体验', { category: 'career', hours: 8 }, { hours: 8 })
  // 安全实训: an absence earns nothing, the other entry 3.
  await practice('档案测试·防溺水演练', { category: 'safety', hours: 2 }, { status: 'absent' })
  const safety = await practice('档案测试·应急救护培训', { category: 'safety', hours: 2 }, { hours: 3 })

  // The class's hours went on notice and the notice closed; one entry carries an open objection.
  const windowId = await createNoticeWindow(db, {
    schoolId: JIWANG,
    classId: juniorClass.id,
    opensOn: '2025-11-01',
    closesOn: '2025-11-07',
  })
  await db
    .updateTable('participations')
    .set({ notice_window_id: windowId })
    .where('id', 'in', [investigation.participationId, safety.participationId])
    .execute()
  const guardian = await createUser(db, {
    schoolId: JIWANG,
    role: 'parent',
    username: 'records-parent',
    displayName: '档案测试林妈妈',
    passwordHash: await hashPassword(PARENT_PASSWORD),
  })
  await linkGuardian(db, { guardianId: guardian.id, studentId: junior.id, relation: 'mother' })
  await createDispute(db, {
    schoolId: JIWANG,
    windowId,
    participationId: safety.participationId,
    guardianId: guardian.id,
    reason: '孩子实际参加了 4 课时',
  })

  // jw-parent's 张思远 (五(2)班): a published service aimed at the class, and a draft one.
  const siyuan = await pupilNamed('张思远', JIWANG)
  const publishedForSiyuan = await createActivity(db, {
    schoolId: JIWANG,
    seasonId,
    title: '档案测试·银杏社区志愿服务',
    kind: 'service',
    startsAt: shanghaiInstant('2026-03-05', '13:30'),
    endsAt: shanghaiInstant('2026-03-05', '15:30'),
    practiceCategory: 'public_service',
    practiceHours: 2,
    status: 'published',
    classIds: [siyuan.class_id],
  })
  const draftForSiyuan = await createActivity(db, {
    schoolId: JIWANG,
    seasonId,
    title: '档案测试·未发布的安全课',
    kind: 'lecture',
    startsAt: shanghaiInstant('2026-03-12', '13:30'),
    endsAt: shanghaiInstant('2026-03-12', '14:30'),
    practiceCategory: 'safety',
    practiceHours: 1,
    status: 'approved',
    classIds: [siyuan.class_id],
  })
  for (const activityId of [publishedForSiyuan, draftForSiyuan]) {
    await createParticipations(db, {
      schoolId: JIWANG,
      activityId,
      rows: [{ studentId: siyuan.id, classId: siyuan.class_id, note: '档案测试·仅老师可见' }],
    })
  }

  fixture = {
    juniorId: junior.id,
    juniorClassId: juniorClass.id,
    otherPupilId: other.id,
    siyuanId: siyuan.id,
    zaobeiPupilId: (await pupilNamed('杨乐言', 2)).id,
    publishedForSiyuan,
    draftForSiyuan,
    investigationId: investigation.activityId,
  }
})

/** The visible text of a page: tags dropped, so assertions read as the page does. */
async function textOf(response: Response) {
  return (await response.text())
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

describe('/students/:id (staff)', () => {
  it('shows the totals against the requirements, milestones and the primary-school hours apart', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const response = await app.request(`/students/${fixture.juniorId}`, { cookie })
    expect(response.status).toBe(200)
    const text = await textOf(response)
    expect(text).toContain('档案测试林小满')
    expect(text).toContain('学号 DAXX0001')
    expect(text).toContain('社会考察 10.5 / 136 课时')
    expect(text).toContain('完成 7% · 还差 125.5 课时')
    expect(text).toContain('公益劳动 12 / 80 课时')
    expect(text).toContain('另有小学阶段 5 课时，不计入')
    expect(text).toContain('职业体验 8 / 32 课时')
    expect(text).toContain('安全实训 3 / 24 课时')
    expect(text).toContain('小学阶段记录 5 课时，不计入初中阶段要求。')
    expect(text).toContain('参观爱国主义教育基地 1 / 1 已完成')
    expect(text).toContain('担任公益岗位 3 / 3 已完成')
    expect(text).toContain('小学阶段另有 1 次，不计入')
  })

  it('lists the timeline newest first with role, status, hours and notice state, and staff-only parts', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const html = await (await app.request(`/students/${fixture.juniorId}`, { cookie })).text()
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('2025-2026学年 第一学期')
    expect(text).toContain('共 9 条，按时间由近及远排列。')
    // Newest first: the first-day visit comes last.
    expect(text.indexOf('档案测试·应急救护培训')).toBeLessThan(text.indexOf('档案测试·龙华烈士陵园寻访'))
    expect(text).toContain('讲解员')
    expect(text).toContain('社会考察 6 课时')
    expect(text).toContain('爱国主义教育基地')
    expect(text).toContain('缺席')
    expect(text).toContain('已锁定')
    expect(text).toContain('有异议，待处理')
    expect(text).toContain('当时在五(87)班')
    expect(text).toContain('小学阶段，不计入初中要求')
    expect(text).toContain('老师备注：讲解认真，准备充分')
    expect(text).toContain('档案测试林妈妈（母亲）')
    expect(html).toContain(`href="/activities/${fixture.investigationId}"`)
    expect(html).toContain(`href="/classes/${fixture.juniorClassId}"`)
    // Only an admin edits the roster.
    expect(html).not.toContain(`/school/roster/${fixture.juniorId}`)
  })

  it('offers an admin the roster edit link, and speaks English', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const html = await (await app.request(`/students/${fixture.juniorId}?lang=en`, { cookie })).text()
    expect(html).toContain(`href="/school/roster/${fixture.juniorId}"`)
    expect(html).toContain('Edit in the roster')
    expect(html).toContain('10.5 / 136 hours')
    expect(html).toContain('5 hours recorded in primary school do not count')
  })

  it('answers 404 to staff of another school and for a missing or malformed id, 403 to a parent', async () => {
    const app = await getTestApp()
    for (const username of ['zb-teacher', 'zb-admin']) {
      const cookie = await app.signIn(username)
      expect((await app.request(`/students/${fixture.juniorId}`, { cookie })).status).toBe(404)
    }
    const teacher = await app.signIn('jw-teacher')
    expect((await app.request('/students/99999999', { cookie: teacher })).status).toBe(404)
    expect((await app.request('/students/abc', { cookie: teacher })).status).toBe(404)
    expect((await app.request(`/students/${fixture.zaobeiPupilId}`, { cookie: teacher })).status).toBe(404)
    const parent = await app.signIn('jw-parent')
    expect((await app.request(`/students/${fixture.siyuanId}`, { cookie: parent })).status).toBe(403)
  })

  it('has no social-practice section in a kindergarten', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-teacher')
    const child = await pupilNamed('赵朵朵', 3)
    const response = await app.request(`/students/${child.id}`, { cookie })
    expect(response.status).toBe(200)
    const text = await textOf(response)
    expect(text).toContain('赵朵朵')
    expect(text).toContain('活动记录')
    expect(text).not.toContain('社会实践')
    expect(text).not.toContain('课时')
  })

  it('sends a visitor to sign in', async () => {
    const app = await getTestApp()
    const response = await app.request(`/students/${fixture.juniorId}`)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toContain('/login')
  })
})

describe('/family/children/:id', () => {
  it("shows jw-parent 张思远's record: hours against the requirements, primary hours apart", async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-parent')
    const response = await app.request(`/family/children/${fixture.siyuanId}`, { cookie })
    expect(response.status).toBe(200)
    const html = await response.text()
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('张思远')
    expect(text).toContain('公益劳动 0 / 80 课时')
    expect(text).toContain('初中阶段的要求从六年级开始累计。')
    // Both entries fell in grade 5: shown, and said plainly not to count.
    expect(text).toMatch(/小学阶段记录 [\d.]+ 课时，不计入初中阶段要求。/)
    expect(text).toContain('公益劳动 2 课时')
    expect(text).toContain('档案测试·银杏社区志愿服务')
    // A parent may open the published activity aimed at the class, not the unpublished one.
    expect(html).toContain(`href="/activities/${fixture.publishedForSiyuan}"`)
    expect(text).toContain('档案测试·未发布的安全课')
    expect(html).not.toContain(`href="/activities/${fixture.draftForSiyuan}"`)
    // Staff-only parts stay with staff.
    expect(text).not.toContain('档案测试·仅老师可见')
    expect(text).not.toContain('监护人')
    expect(html).not.toContain('href="/classes/')
    const linked = await app.request(`/activities/${fixture.publishedForSiyuan}`, { cookie })
    expect(linked.status).toBe(200)
  })

  it('shows a guardian the notice state of their child’s entries without the guardians list', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('records-parent', PARENT_PASSWORD)
    const response = await app.request(`/family/children/${fixture.juniorId}`, { cookie })
    expect(response.status).toBe(200)
    const text = await textOf(response)
    expect(text).toContain('社会考察 10.5 / 136 课时')
    expect(text).toContain('有异议，待处理')
    expect(text).not.toContain('档案测试林妈妈（母亲）')
    expect(text).not.toContain('讲解认真')
  })

  it('answers 404, the same as a missing pupil, for another family’s child or another school’s', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-parent')
    const missing = await app.request('/family/children/99999999', { cookie })
    expect(missing.status).toBe(404)
    const mainOf = async (response: Response) => (await response.text()).match(/<main[\s\S]*<\/main>/)?.[0]
    const missingMain = await mainOf(missing)
    expect(missingMain).toContain('404')
    for (const id of [fixture.juniorId, fixture.otherPupilId, fixture.zaobeiPupilId]) {
      const response = await app.request(`/family/children/${id}`, { cookie })
      expect(response.status).toBe(404)
      expect(await mainOf(response)).toBe(missingMain)
    }
    const zbParent = await app.signIn('zb-parent')
    expect((await app.request(`/family/children/${fixture.siyuanId}`, { cookie: zbParent })).status).toBe(404)
  })

  it('is for parents only', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    expect((await app.request(`/family/children/${fixture.siyuanId}`, { cookie })).status).toBe(403)
  })
})

describe('/students (search)', () => {
  it('finds pupils by student number and by name, linking to their records', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const byNumber = await (await app.request('/students?q=daxx0002', { cookie })).text()
    expect(byNumber).toContain('档案测试周知夏')
    expect(byNumber).not.toContain('档案测试林小满')
    expect(byNumber).toContain(`href="/students/${fixture.otherPupilId}"`)
    expect(byNumber).toContain('七(87)班')

    const byName = await (
      await app.request(`/students?q=${encodeURIComponent('档案测试林')}`, { cookie })
    ).text()
    expect(byName).toContain(`href="/students/${fixture.juniorId}"`)
    expect(byName).not.toContain('档案测试周知夏')
    expect(byName).toContain('找到 1 名学生')
  })

  it('keeps to the school and reads LIKE wildcards as plain characters', async () => {
    const app = await getTestApp()
    const zb = await app.signIn('zb-teacher')
    const elsewhere = await (
      await app.request(`/students?q=${encodeURIComponent('档案测试')}`, { cookie: zb })
    ).text()
    expect(elsewhere).not.toContain('档案测试林小满')
    expect(elsewhere).toContain('没有找到')
    const jw = await app.signIn('jw-teacher')
    const wildcard = await (await app.request('/students?q=%25', { cookie: jw })).text()
    expect(wildcard).not.toContain('档案测试林小满')
  })

  it('stops at 50 results and says so; without a search it only asks for one', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    // Every demo pupil of 纪王 has a student number starting JW.
    const many = await (await app.request('/students?q=jw', { cookie })).text()
    expect(many.match(/href="\/students\/\d+"/g)).toHaveLength(50)
    expect(many).toContain('只列出前 50 名')
    const empty = await (await app.request('/students', { cookie })).text()
    expect(empty).toContain('输入学生姓名或学号')
    expect(empty).not.toContain('href="/students/')
  })

  it('is for staff', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-parent')
    expect((await app.request('/students?q=jw', { cookie })).status).toBe(403)
  })
})

describe('/classes/:id', () => {
  it('links each pupil to their record', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const html = await (await app.request(`/classes/${fixture.juniorClassId}`, { cookie })).text()
    expect(html).toContain(`href="/students/${fixture.juniorId}"`)
    expect(html).toContain(`href="/students/${fixture.otherPupilId}"`)
  })
})
