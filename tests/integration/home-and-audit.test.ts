import { formatISO, parseISO, subDays } from 'date-fns'
import { describe, expect, it } from 'vitest'
import { now } from '../../app/utils/clock'
import { formatDayRange, todayIn } from '../../app/utils/dates'
import { createActivity, createSeason, createUser } from '../../seeds/factories'
import { getTestApp } from '../setup/app'

async function schoolIdOf(slug: string) {
  const { db } = await getTestApp()
  const row = await db.selectFrom('schools').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  return row.id
}

describe('homes', () => {
  it("shows the admin the school's structure and accounts at a glance", async () => {
    const app = await getTestApp()
    const html = await (await app.request('/', { cookie: await app.signIn('zb-admin') })).text()
    expect(html).toContain('学校结构')
    // 5 grades × 3 classes × 30 pupils in the demo primary school.
    expect(html).toMatch(/<dt>年级<\/dt><dd>5<\/dd>/)
    expect(html).toMatch(/<dt>班级<\/dt><dd>15<\/dd>/)
  })

  it("shows a teacher their classes and the school's next day off", async () => {
    const app = await getTestApp()
    const html = await (await app.request('/', { cookie: await app.signIn('zb-teacher') })).text()
    expect(html).toContain('三(1)班')
    const schoolId = await schoolIdOf('zaobei')
    const next = await app.db
      .selectFrom('school_days_off')
      .select(['name', 'starts_on', 'ends_on'])
      .where('school_id', '=', schoolId)
      .where('ends_on', '>=', todayIn('Asia/Shanghai'))
      .orderBy('starts_on')
      .executeTakeFirst()
    if (next) expect(html).toContain(formatDayRange(next.starts_on, next.ends_on, 'zh'))
    else expect(html).toContain('本学年没有待放的假日。')
  })

  it("shows a teacher their overdue tasks and their class's open notice window, and exam weeks apart", async () => {
    const app = await getTestApp()
    const schoolId = await schoolIdOf('jiwang')
    const teacher = await app.db
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where('username', '=', 'jw-teacher')
      .executeTakeFirstOrThrow()
    const season = await app.db
      .selectFrom('seasons')
      .select(['id'])
      .where('school_id', '=', schoolId)
      .executeTakeFirstOrThrow()
    const today = todayIn('Asia/Shanghai')
    const yesterday = formatISO(subDays(parseISO(today), 1), { representation: 'date' })
    const later = (hours: number) => new Date(now().getTime() + (20 * 24 + hours) * 3_600_000).toISOString()
    const activityId = await createActivity(app.db, {
      schoolId,
      seasonId: season.id,
      title: '逾期任务测试活动',
      kind: 'class_meeting',
      startsAt: later(0),
      endsAt: later(1),
      tasks: [
        { title: '预约讲解员（逾期）', ownerId: teacher.id, dueOn: yesterday },
        { title: '打印签到表（今天到期）', ownerId: teacher.id, dueOn: today },
        { title: '联系大巴（已完成）', ownerId: teacher.id, dueOn: yesterday, doneAt: now().toISOString() },
      ],
    })
    const window = await app.db
      .selectFrom('notice_windows')
      .innerJoin('classes', 'classes.id', 'notice_windows.class_id')
      .select('notice_windows.id')
      .where('notice_windows.school_id', '=', schoolId)
      .where('classes.name', '=', '五(2)班')
      .executeTakeFirstOrThrow()

    const html = await (await app.request('/', { cookie: await app.signIn('jw-teacher') })).text()
    expect(html).toContain('我的逾期任务')
    expect(html).toContain('预约讲解员（逾期）')
    expect(html).toContain(`href="/activities/${activityId}"`)
    expect(html).not.toContain('打印签到表（今天到期）')
    expect(html).not.toContain('联系大巴（已完成）')
    expect(html).toContain(`href="/notices/${window.id}"`)
    expect(html).toContain('五(2)班实践记录公示')
    // An exam week is no holiday: listed under its own heading.
    const holidays = html.slice(html.indexOf('id="days-off-title"'))
    expect(holidays.slice(0, holidays.indexOf('</section>'))).not.toContain('期末考试周')
    const exams = html.slice(html.indexOf('id="exams-title"'))
    expect(exams).toContain('接下来的考试周')
    expect(exams.slice(0, exams.indexOf('</section>'))).toContain('期末考试周')

    const english = await (await app.request('/?lang=en', { cookie: await app.signIn('jw-teacher') })).text()
    expect(english).toContain('My overdue tasks')
    expect(english).toContain('Notice of records, Class 5-2')

    await createUser(app.db, {
      schoolId,
      role: 'teacher',
      username: 'jw-home-no-class',
      displayName: '任课老师',
      passwordHash: teacher.password_hash,
    })
    const other = await (await app.request('/', { cookie: await app.signIn('jw-home-no-class') })).text()
    expect(other).toContain('没有逾期的任务。')
    expect(other).toContain('您的班级目前没有进行中的公示。')
    expect(other).not.toContain('预约讲解员（逾期）')
    expect(other).not.toContain(`href="/notices/${window.id}"`)
  })

  it("lists exam weeks apart from the days off on the admin's year card", async () => {
    const app = await getTestApp()
    const html = await (await app.request('/', { cookie: await app.signIn('jw-admin') })).text()
    const card = html.slice(html.indexOf('id="year-title"'))
    const daysOff = card.slice(0, card.indexOf('<h3>考试周</h3>'))
    expect(daysOff).toContain('学期与假日')
    expect(daysOff).not.toContain('期末考试周')
    expect(card.slice(card.indexOf('<h3>考试周</h3>'), card.indexOf('</section>'))).toContain('期末考试周')
  })

  it('shows a parent only their own children, with class and head teacher', async () => {
    const app = await getTestApp()
    const html = await (
      await app.request('/family?lang=en', { cookie: await app.signIn('jw-parent') })
    ).text()
    expect(html).toContain('Class 1-2')
    expect(html).toContain('Class 5-2')
    expect(html).toContain('Head teacher: 周老师')
    const otherPupil = await app.db
      .selectFrom('students')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .select('students.name')
      .where('classes.name', '=', '五(2)班')
      .where('students.student_number', '!=', 'JW2025050212')
      .where('students.name', 'not like', '张%')
      .executeTakeFirstOrThrow()
    expect(html).not.toContain(otherPupil.name)
  })

  it("lists a parent's coming published activities for their children, and nothing unpublished", async () => {
    const app = await getTestApp()
    const schoolId = await schoolIdOf('jiwang')
    const teacher = await app.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-teacher')
      .executeTakeFirstOrThrow()
    const year = await app.db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('starts_on', '<=', todayIn('Asia/Shanghai'))
      .where('ends_on', '>=', todayIn('Asia/Shanghai'))
      .executeTakeFirstOrThrow()
    const grade = (level: number) =>
      app.db
        .selectFrom('grades')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('level', '=', level)
        .executeTakeFirstOrThrow()
    const seasonId = await createSeason(app.db, {
      schoolId,
      academicYearId: year.id,
      title: '首页测试活动季',
      startsOn: todayIn('Asia/Shanghai'),
      endsOn: todayIn('Asia/Shanghai'),
      ownerId: teacher.id,
      status: 'published',
    })
    const soon = (days: number, hours: number) =>
      new Date(now().getTime() + days * 86_400_000 + hours * 3_600_000).toISOString()
    const plan = async (title: string, level: number, status: 'published' | 'draft') =>
      createActivity(app.db, {
        schoolId,
        seasonId,
        title,
        kind: 'class_meeting',
        startsAt: soon(3, 0),
        endsAt: soon(3, 1),
        gradeIds: [(await grade(level)).id],
        status,
      })
    await plan('五年级即将到来的班会', 5, 'published')
    await plan('五年级草稿活动', 5, 'draft')
    await plan('三年级的班会', 3, 'published')
    const html = await (await app.request('/family', { cookie: await app.signIn('jw-parent') })).text()
    expect(html).toContain('接下来的活动')
    expect(html).toContain('五年级即将到来的班会')
    expect(html).toContain('张思远')
    expect(html).not.toContain('五年级草稿活动')
    expect(html).not.toContain('三年级的班会')
  })
})

describe('audit log', () => {
  it('lists sign-ins and changes for admins, newest first, with paging', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('hs-admin')
    const schoolId = await schoolIdOf('huaishao')
    await app.db
      .insertInto('audit_log')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          school_id: schoolId,
          user_id: null,
          action: 'class-updated',
          entity: 'class',
          entity_id: 1000 + i,
        })),
      )
      .execute()
    const first = await (await app.request('/school/audit', { cookie })).text()
    expect(first).toContain('#1059')
    expect(first).not.toContain('#1005')
    const older = first.match(/href="\/school\/audit\?before=(\d+)"/)
    expect(older).not.toBeNull()
    const second = await (await app.request(`/school/audit?before=${older?.[1]}`, { cookie })).text()
    expect(second).toContain('#1005')
    expect(second).toContain('回到最新')
  })

  it("never shows another school's entries, and is for admins only", async () => {
    const app = await getTestApp()
    await app.signIn('jw-teacher')
    const zaobei = await (await app.request('/school/audit', { cookie: await app.signIn('zb-admin') })).text()
    expect(zaobei).not.toContain('周老师')
    const teacher = await app.request('/school/audit', { cookie: await app.signIn('zb-teacher') })
    expect(teacher.status).toBe(403)
  })
})

describe('streamed pages', () => {
  it('never carry NUL bytes, wherever a Chinese character meets a 2 KB buffer boundary', async () => {
    const app = await getTestApp()
    const pages: [string, string[]][] = [
      [
        'jw-admin',
        ['/', '/school', '/school/calendar', '/school/accounts', '/school/audit', '/classes', '/classes/1'],
      ],
      ['jw-teacher', ['/', '/classes']],
      ['jw-parent', ['/family', '/account/password']],
    ]
    for (const [username, paths] of pages) {
      const cookie = await app.signIn(username)
      for (const lang of ['zh', 'en']) {
        for (const path of paths) {
          const html = await (await app.request(`${path}?lang=${lang}`, { cookie })).text()
          expect(html.includes('\u0000'), `${username} ${path} (${lang})`).toBe(false)
        }
      }
    }
  })
})
