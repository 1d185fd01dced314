import SQLite from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { todayIn } from '~/utils/dates'
import type { AttendanceStatus, ConsentStatus, PlanStatus, PracticeCategory, Student } from '../../db/schema'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createAcademicYear,
  createActivity,
  createClass,
  createConsent,
  createParticipations,
  createRandom,
  createSchool,
  createSeason,
  createStrand,
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
  shanghaiInstant,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'

// A school of this file's own (slug reports-it) with known attendance, hours and consents, so every
// rate and sum on the page and in the CSVs can be asserted exactly. The database is shared by the
// test files of a worker: nothing here counts rows it did not make.

const ids = {} as Record<string, number>
const cookies = {} as Record<'admin' | 'teacher' | 'parent' | 'jwAdmin', string>
const PUPIL_NAME = '报表测试甲'

beforeAll(async () => {
  const app = await getTestApp()
  const { db } = app
  const school = await createSchool(db, {
    slug: 'reports-it',
    name: '报表测试小学',
    district: '闵行区',
    kind: 'primary',
  })
  const grade = (level: number) => school.grades.find((g) => g.level === level)?.id as number
  ids.school = school.id
  ids.grade1 = grade(1)
  ids.grade5 = grade(5)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const user = (role: 'admin' | 'teacher' | 'parent', username: string) =>
    createUser(db, { schoolId: school.id, role, username, displayName: username, passwordHash })
  const admin = await user('admin', 'rp-admin')
  await user('teacher', 'rp-teacher')
  const parent = await user('parent', 'rp-parent')

  const thisYear = await createAcademicYear(db, {
    schoolId: school.id,
    name: '2025学年',
    startsOn: '2025-09-01',
    endsOn: '2026-06-30',
  })
  const lastYear = await createAcademicYear(db, {
    schoolId: school.id,
    name: '2024学年',
    startsOn: '2024-09-01',
    endsOn: '2025-06-30',
  })
  ids.thisYear = thisYear.id
  ids.lastYear = lastYear.id

  const random = createRandom(46)
  const taken = new Set<string>()
  const classOf = async (level: number, number: number, count: number, names?: string[]) => {
    const c = await createClass(db, { schoolId: school.id, gradeId: grade(level), number })
    const pupils = await createStudents(db, {
      schoolId: school.id,
      classId: c.id,
      count,
      startNumber: level * 100 + number * 10,
      random,
      taken,
      names,
    })
    return { id: c.id, pupils }
  }
  const c1a = await classOf(1, 1, 5, [PUPIL_NAME])
  const c1b = await classOf(1, 2, 1)
  const c5a = await classOf(5, 1, 4)
  ids.class1a = c1a.id
  await linkGuardian(db, {
    guardianId: parent.id,
    studentId: (c5a.pupils[0] as Student).id,
    relation: '母亲',
  })

  const spring = await createSeason(db, {
    schoolId: school.id,
    academicYearId: thisYear.id,
    title: '报表测试·春季感恩季',
    startsOn: '2026-03-01',
    endsOn: '2026-04-30',
    ownerId: admin.id,
    status: 'published',
  })
  const qingming = await createSeason(db, {
    schoolId: school.id,
    academicYearId: thisYear.id,
    title: '报表测试·清明系列',
    startsOn: '2026-03-30',
    endsOn: '2026-04-10',
    ownerId: admin.id,
    status: 'published',
  })
  const past = await createSeason(db, {
    schoolId: school.id,
    academicYearId: lastYear.id,
    title: '报表测试·去年秋季',
    startsOn: '2024-10-01',
    endsOn: '2024-10-31',
    ownerId: admin.id,
    status: 'closed',
  })
  ids.spring = spring
  ids.qingming = qingming
  ids.past = past
  const parents = await createStrand(db, {
    schoolId: school.id,
    seasonId: spring,
    title: '报表测试·感恩父母',
    position: 1,
    gradeIds: [grade(1)],
  })
  const society = await createStrand(db, {
    schoolId: school.id,
    seasonId: spring,
    title: '报表测试·感恩社会',
    position: 2,
    gradeIds: [grade(5)],
  })

  const activity = (input: {
    title: string
    seasonId: number
    strandId?: number
    status: PlanStatus
    day: string
    gradeId: number
    practiceCategory?: PracticeCategory
    practiceHours?: number
  }) =>
    createActivity(db, {
      schoolId: school.id,
      kind: 'service',
      startsAt: shanghaiInstant(input.day, '09:00'),
      endsAt: shanghaiInstant(input.day, '11:00'),
      gradeIds: [input.gradeId],
      ...input,
    })
  const mark = (
    activityId: number,
    rows: { pupil: Student; classId: number; status: AttendanceStatus | null; hours?: number }[],
  ) =>
    createParticipations(db, {
      schoolId: school.id,
      activityId,
      rows: rows.map((r) => ({
        studentId: r.pupil.id,
        classId: r.classId,
        status: r.status,
        hours: r.hours,
      })),
    })
  const [a1, a2, a3, a4, a5] = c1a.pupils as [Student, Student, Student, Student, Student]
  const [b1] = c1b.pupils as [Student]
  const [f1, f2, f3, f4] = c5a.pupils as [Student, Student, Student, Student]

  // Grade 1, strand 感恩父母: 4 attended, 1 absent, 1 excused. The excused pupil is in 一(1)班 now but
  // took part with 一(2)班, and counts there.
  const letters = await activity({
    title: '报表测试·给父母的一封信',
    seasonId: spring,
    strandId: parents,
    status: 'published',
    day: '2026-03-10',
    gradeId: grade(1),
  })
  await mark(letters, [
    { pupil: a1, classId: c1a.id, status: 'attended' },
    { pupil: a2, classId: c1a.id, status: 'attended' },
    { pupil: a3, classId: c1a.id, status: 'attended' },
    { pupil: a4, classId: c1a.id, status: 'absent' },
    { pupil: b1, classId: c1b.id, status: 'attended' },
    { pupil: a5, classId: c1b.id, status: 'excused' },
  ])

  // Grade 5, strand 感恩社会, off campus: 2 attended (2 课时 by default, 3 recorded), 1 absent, 1 not marked.
  const service = await activity({
    title: '报表测试·敬老院志愿服务',
    seasonId: spring,
    strandId: society,
    status: 'closed',
    day: '2026-03-20',
    gradeId: grade(5),
    practiceCategory: 'public_service',
    practiceHours: 2,
  })
  ids.service = service
  await mark(service, [
    { pupil: f1, classId: c5a.id, status: 'attended' },
    { pupil: f2, classId: c5a.id, status: 'attended', hours: 3 },
    { pupil: f3, classId: c5a.id, status: 'absent' },
    { pupil: f4, classId: c5a.id, status: null },
  ])
  const consent = (activityId: number, pupil: Student, status: ConsentStatus) =>
    createConsent(db, { schoolId: school.id, activityId, studentId: pupil.id, status })
  await consent(service, f1, 'given')
  await consent(service, f2, 'given')
  await consent(service, f3, 'refused')
  await consent(service, f4, 'requested')

  // Grade 5, Qingming, outside any strand: 1 attended (1.5 课时 of 社会考察), 1 excused.
  const tour = await activity({
    title: '报表测试·烈士陵园研学',
    seasonId: qingming,
    status: 'approved',
    day: '2026-04-02',
    gradeId: grade(5),
    practiceCategory: 'investigation',
    practiceHours: 1.5,
  })
  await mark(tour, [
    { pupil: f1, classId: c5a.id, status: 'attended' },
    { pupil: f2, classId: c5a.id, status: 'excused' },
  ])

  // Not counted: a draft (its rows and consents stay out) ...
  const draft = await activity({
    title: '报表测试·草稿活动',
    seasonId: spring,
    strandId: parents,
    status: 'draft',
    day: '2026-03-12',
    gradeId: grade(1),
    practiceCategory: 'career',
    practiceHours: 4,
  })
  await mark(draft, [
    { pupil: a1, classId: c1a.id, status: 'attended' },
    { pupil: a2, classId: c1a.id, status: 'absent' },
  ])
  await consent(draft, a1, 'refused')

  // ... and last year's activity, unless last year is asked for.
  const old = await activity({
    title: '报表测试·去年的活动',
    seasonId: past,
    status: 'closed',
    day: '2024-10-15',
    gradeId: grade(1),
  })
  await mark(old, [{ pupil: a1, classId: c1a.id, status: 'attended' }])

  cookies.admin = await app.signIn('rp-admin')
  cookies.teacher = await app.signIn('rp-teacher')
  cookies.parent = await app.signIn('rp-parent')
  cookies.jwAdmin = await app.signIn('jw-admin')
})

async function page(path: string, cookie = cookies.admin) {
  const app = await getTestApp()
  const response = await app.request(path, { cookie })
  return { status: response.status, html: await response.text(), response }
}

async function csv(path: string, cookie = cookies.admin) {
  const app = await getTestApp()
  const response = await app.request(path, { cookie })
  expect(response.status).toBe(200)
  const text = (await response.text()).replace(/^\uFEFF/, '')
  // The first line says who exported it (a `#` line); the table follows.
  const [stamp = '', table = ''] = text.split(/\r\n(.*)/s)
  const records = parse(table) as string[][]
  return { response, stamp, header: records[0] ?? [], rows: records.slice(1) }
}

/** The HTML of one section of the page, from its heading to the next section. */
function section(html: string, slug: string): string {
  const start = html.indexOf(`<section id="${slug}"`)
  if (start < 0) throw new Error(`no section ${slug}`)
  const next = html.indexOf('<section id="', start + 1)
  return html.slice(start, next < 0 ? html.indexOf('</main>', start) : next)
}

const year = () => `year=${ids.thisYear}`

describe('/reports', () => {
  it('shows attendance rates with their counts by grade, class, strand and season', async () => {
    const { status, html } = await page(`/reports?${year()}`)
    expect(status).toBe(200)
    expect(html).toContain('<h1>德育报表</h1>')
    expect(html).toContain('统计范围：2025学年已批准、已发布和已结束的活动。')

    const byGrade = section(html, 'by-grade')
    expect(byGrade).toContain('出席率 = 出席人次 ÷ 已记录考勤的人次')
    expect(byGrade).toContain('role="img"')
    expect(byGrade).toContain('66.7%（4/6）')
    expect(byGrade).toContain('60%（3/5）')
    expect(byGrade).toMatch(
      /<th scope="row">一年级<\/th><td class="cell-number">4<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td><td[^>]*>6<\/td><td[^>]*>66.7%<\/td>/,
    )
    expect(byGrade).toContain(`href="/reports/by-grade.csv?year=${ids.thisYear}"`)

    const byClass = section(html, 'by-class')
    expect(byClass).toContain('75%（3/4）')
    // The excused pupil took part with 一(2)班: its rate is 1 of 2, not 1 of 1.
    expect(byClass).toContain('50%（1/2）')
    expect(byClass).toContain('五(1)班')

    const byStrand = section(html, 'by-strand')
    expect(byStrand).toContain('报表测试·感恩父母')
    expect(byStrand).toContain('66.7%（2/3）')
    expect(byStrand).toContain('未归入主线')
    expect(byStrand).toContain('50%（1/2）')

    const bySeason = section(html, 'by-season')
    expect(bySeason).toContain('报表测试·春季感恩季')
    expect(bySeason).toContain('66.7%（6/9）')
    expect(bySeason).not.toContain('报表测试·去年秋季')

    // Totals of the selection; a draft never counts.
    expect(html).not.toContain('报表测试·草稿活动')
    expect(html).toMatch(/<dt>出席率<\/dt><dd>63.6%<\/dd>/)
  })

  it('sums social-practice hours per grade and category, with the pupils reached', async () => {
    const { html } = await page(`/reports?${year()}`)
    const hours = section(html, 'hours-by-category')
    expect(hours).toContain('五年级')
    expect(hours).toContain('6.5 课时 · 2 人')
    expect(hours).toContain('scope="colgroup"')
    expect(hours).toContain('公益劳动')
    // Grade 1 attended nothing credited to a category; the draft's 职业体验 hours are not counted.
    expect(hours).not.toContain('<th scope="row">一年级</th>')
    expect(hours).toMatch(
      /<th scope="row">五年级<\/th><td[^>]*>1.5<\/td><td[^>]*>1<\/td><td[^>]*>5<\/td><td[^>]*>2<\/td><td[^>]*>0<\/td><td[^>]*>0<\/td><td[^>]*>0<\/td><td[^>]*>0<\/td><td[^>]*>6.5<\/td><td[^>]*>2<\/td>/,
    )
    expect(html).toMatch(/<dt>社会实践课时<\/dt><dd>6.5<\/dd>/)
  })

  it('shows consent return and consent rates per activity and per grade', async () => {
    const { html } = await page(`/reports?${year()}`)
    const byActivity = section(html, 'consents-by-activity')
    expect(byActivity).toContain('报表测试·敬老院志愿服务')
    expect(byActivity).toContain('2026年3月20日')
    expect(byActivity).toContain('75%（3/4）')
    expect(byActivity).toMatch(
      /<td[^>]*>4<\/td><td[^>]*>2<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td><td[^>]*>75%<\/td><td[^>]*>50%<\/td>/,
    )
    expect(byActivity).toContain('未回复')
    const byGrade = section(html, 'consents-by-grade')
    expect(byGrade).toContain('<th scope="row">五年级</th>')
    expect(byGrade).not.toContain('一年级')
    expect(html).toMatch(/<dt>回执回收率<\/dt><dd>75%<\/dd>/)
  })

  it('never lists a pupil', async () => {
    const { html } = await page(`/reports?${year()}`)
    expect(html).not.toContain(PUPIL_NAME)
  })

  it('narrows to a season, a grade or another year', async () => {
    const qingming = await page(`/reports?${year()}&season=${ids.qingming}`)
    expect(qingming.status).toBe(200)
    expect(section(qingming.html, 'by-grade')).toContain('50%（1/2）')
    expect(section(qingming.html, 'by-grade')).not.toContain('一年级')
    expect(section(qingming.html, 'hours-by-category')).toContain('1.5 课时 · 1 人')
    expect(section(qingming.html, 'consents-by-activity')).toContain('所选范围内的活动没有发出回执。')
    expect(qingming.html).toContain('活动季：报表测试·清明系列')
    expect(qingming.html).toContain(`<option value="${ids.qingming}" selected="">`)

    const grade1 = await page(`/reports?${year()}&grade=${ids.grade1}`)
    expect(section(grade1.html, 'by-grade')).toContain('66.7%（4/6）')
    expect(section(grade1.html, 'by-grade')).not.toContain('五年级')
    expect(section(grade1.html, 'hours-by-category')).toContain('所选范围内还没有计入社会实践的出席记录。')
    expect(section(grade1.html, 'by-class')).not.toContain('五(1)班')

    const last = await page(`/reports?year=${ids.lastYear}`)
    expect(section(last.html, 'by-grade')).toContain('100%（1/1）')
    expect(last.html).toContain('报表测试·去年秋季')
    expect(last.html).not.toContain('报表测试·春季感恩季')

    // A season asked without a year brings its year; with another year, the season filter is dropped.
    const bySeasonOnly = await page(`/reports?season=${ids.past}`)
    expect(bySeasonOnly.html).toContain('统计范围：2024学年')
    const mismatched = await page(`/reports?year=${ids.thisYear}&season=${ids.past}`)
    expect(mismatched.html).toContain('66.7%（6/9）')
    expect(mismatched.html).not.toContain('活动季：报表测试·去年秋季')
  })

  it('defaults to a year and reads in English', async () => {
    const { status, html } = await page(`/reports?${year()}&lang=en`)
    expect(status).toBe(200)
    expect(html).toContain('<h1>Reports</h1>')
    expect(section(html, 'by-grade')).toContain('66.7% (4/6)')
    expect(section(html, 'by-grade')).toContain('<th scope="row">Grade 1</th>')
    expect(section(html, 'by-class')).toContain('Class 1-2')
    expect(section(html, 'hours-by-category')).toContain('6.5 h · 2 pupils')
    expect(section(html, 'by-strand')).toContain('No strand')

    const plain = await page('/reports')
    expect(plain.status).toBe(200)
    expect(plain.html).toMatch(/统计范围：\d{4}学年/)
  })

  it('lets teachers read, keeps parents and visitors out', async () => {
    expect((await page(`/reports?${year()}`, cookies.teacher)).status).toBe(200)
    expect((await page(`/reports?${year()}`, cookies.parent)).status).toBe(403)
    expect((await page(`/reports/by-grade.csv?${year()}`, cookies.parent)).status).toBe(403)
    const app = await getTestApp()
    const anonymous = await app.request('/reports')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toContain('/login')
    expect((await app.request('/reports/by-grade.csv')).status).toBe(302)
  })

  it('refuses another school’s year, season or grade with 404, and never shows this school to another', async () => {
    const { db } = await getTestApp()
    const jiwangYear = await db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', 1)
      .executeTakeFirstOrThrow()
    expect((await page(`/reports?year=${jiwangYear.id}`)).status).toBe(404)
    expect((await page(`/reports?season=${ids.spring}`, cookies.jwAdmin)).status).toBe(404)
    expect((await page(`/reports?grade=${ids.grade5}`, cookies.jwAdmin)).status).toBe(404)
    expect((await page(`/reports/by-grade.csv?year=${ids.thisYear}`, cookies.jwAdmin)).status).toBe(404)
    expect((await page('/reports?grade=abc')).status).toBe(404)

    const jiwang = await page('/reports', cookies.jwAdmin)
    expect(jiwang.status).toBe(200)
    expect(jiwang.html).not.toContain('报表测试')
  })

  it('runs one statement per table, however many rows there are', async () => {
    const prepare = vi.spyOn(SQLite.prototype, 'prepare')
    const reportStatements = () =>
      prepare.mock.calls.filter(([sql]) =>
        /from "(participations|participation_tallies|consents)" as "(p|t|k)"/.test(String(sql)),
      ).length
    try {
      await page(`/reports?year=${ids.lastYear}`)
      const few = reportStatements()
      prepare.mockClear()
      await page(`/reports?${year()}`)
      const more = reportStatements()
      expect(few).toBe(7)
      expect(more).toBe(few)
    } finally {
      prepare.mockRestore()
    }
  })
})

describe('/reports/<table>.csv', () => {
  it('downloads a table with the page’s columns and numbers, formula-safe and with a BOM', async () => {
    const { response, stamp, header, rows } = await csv(`/reports/by-grade.csv?${year()}`)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`报表测试小学-各年级出席率-2025学年-${todayIn('Asia/Shanghai')}-rp-admin.csv`)}`,
    )
    expect(stamp).toMatch(/^# 报表测试小学 · 导出人：.+ \(rp-admin\) · 导出时间：\d{4}年/)
    expect(header).toEqual(['年级', '出席', '缺席', '请假', '已记录', '出席率（%）'])
    expect(rows).toEqual([
      ['一年级', '4', '1', '1', '6', '66.7'],
      ['五年级', '3', '1', '1', '5', '60'],
    ])
  })

  it('has one for every table, under the same filters', async () => {
    const strands = await csv(`/reports/by-strand.csv?${year()}`)
    expect(strands.header).toEqual(['主线', '活动季', '出席', '缺席', '请假', '已记录', '出席率（%）'])
    expect(strands.rows).toEqual([
      ['报表测试·感恩父母', '报表测试·春季感恩季', '4', '1', '1', '6', '66.7'],
      ['报表测试·感恩社会', '报表测试·春季感恩季', '2', '1', '0', '3', '66.7'],
      ['未归入主线', '报表测试·清明系列', '1', '0', '1', '2', '50'],
    ])

    const classes = await csv(`/reports/by-class.csv?${year()}&grade=${ids.grade1}`)
    expect(classes.rows).toEqual([
      ['一(1)班', '3', '1', '0', '4', '75'],
      ['一(2)班', '1', '0', '1', '2', '50'],
    ])

    const seasons = await csv(`/reports/by-season.csv?${year()}&season=${ids.qingming}`)
    expect(seasons.rows).toEqual([['报表测试·清明系列', '1', '0', '1', '2', '50']])

    const hours = await csv(`/reports/hours-by-category.csv?${year()}`)
    expect(hours.header).toEqual([
      '年级',
      '社会考察·课时',
      '社会考察·人数',
      '公益劳动·课时',
      '公益劳动·人数',
      '职业体验·课时',
      '职业体验·人数',
      '安全实训·课时',
      '安全实训·人数',
      '合计·课时',
      '合计·人数',
    ])
    expect(hours.rows).toEqual([['五年级', '1.5', '1', '5', '2', '0', '0', '0', '0', '6.5', '2']])

    const consents = await csv(`/reports/consents-by-activity.csv?${year()}`)
    expect(consents.header).toEqual([
      '活动',
      '日期',
      '发出',
      '同意',
      '不同意',
      '未回复',
      '回收率（%）',
      '同意率（%）',
    ])
    expect(consents.rows).toEqual([['报表测试·敬老院志愿服务', '2026-03-20', '4', '2', '1', '1', '75', '50']])

    const consentGrades = await csv(`/reports/consents-by-grade.csv?${year()}`)
    expect(consentGrades.rows).toEqual([['五年级', '4', '2', '1', '1', '75', '50']])

    const empty = await csv(`/reports/consents-by-grade.csv?${year()}&grade=${ids.grade1}`)
    expect(empty.rows).toEqual([])
  })

  it('speaks the reader’s language', async () => {
    const { header, rows, response } = await csv(`/reports/by-grade.csv?${year()}&lang=en`)
    expect(header).toEqual(['Grade', 'Attended', 'Absent', 'Excused', 'Marked', 'Attendance rate (%)'])
    expect(rows[0]).toEqual(['Grade 1', '4', '1', '1', '6', '66.7'])
    expect(response.headers.get('Content-Disposition')).toContain(
      encodeURIComponent(
        `Attendance rate by grade 2025学年 - 报表测试小学 ${todayIn('Asia/Shanghai')} rp-admin.csv`,
      ),
    )
  })

  it('answers 404 for a table that does not exist', async () => {
    expect((await page(`/reports/by-pupil.csv?${year()}`)).status).toBe(404)
    expect((await page(`/reports/by-grade.txt?${year()}`)).status).toBe(404)
  })
})
