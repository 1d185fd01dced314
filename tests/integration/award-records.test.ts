import SQLite from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { todayIn } from '~/utils/dates'
import type { Student } from '../../db/schema'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createAcademicYear,
  createActivity,
  createAward,
  createClass,
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

// Awards on the pupil record, the family's child page, the class page and /reports, in a school of
// this file's own (slug award-records-it), so every count can be asserted exactly. Names start with
// 获奖测试; the database is shared by the test files of a worker, and nothing here counts rows it did
// not make.

type Key =
  | 'school'
  | 'grade6'
  | 'grade7'
  | 'thisYear'
  | 'c61'
  | 'c62'
  | 'c71'
  | 'own'
  | 'other'
  | 'otherClass'
  | 'newcomer'
  | 'movedIn'
  | 'contest'
const ids = {} as Record<Key, number>
const cookies = {} as Record<'admin' | 'teacher' | 'parent' | 'jwAdmin', string>
const names = {
  own: '获奖测试林一',
  other: '获奖测试周二',
  teamOnly: '获奖测试陈三',
  otherClass: '获奖测试吴四',
  grade7a: '获奖测试郑五',
  grade7b: '获奖测试王六',
  newcomer: '获奖测试冯七',
  movedIn: '获奖测试褚八',
}
const titles = {
  own: '获奖测试·演讲比赛个人一等奖',
  other: '获奖测试·演讲比赛区级二等奖',
  team: '获奖测试·演讲比赛团体奖',
  classOwn: '获奖测试·六(1)班优秀班集体',
  classOther: '获奖测试·六(2)班优秀班集体',
  crossGrade: '获奖测试·志愿服务市级特等奖',
  draft: '获奖测试·草稿活动里的奖',
  future: '获奖测试·尚未颁发的奖',
}

beforeAll(async () => {
  const app = await getTestApp()
  const { db } = app
  const school = await createSchool(db, {
    slug: 'award-records-it',
    name: '获奖测试初级中学',
    district: '闵行区',
    kind: 'junior',
  })
  const grade = (level: number) => school.grades.find((g) => g.level === level)?.id as number
  ids.school = school.id
  ids.grade6 = grade(6)
  ids.grade7 = grade(7)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const user = (role: 'admin' | 'teacher' | 'parent', username: string) =>
    createUser(db, { schoolId: school.id, role, username, displayName: username, passwordHash })
  const admin = await user('admin', 'ar-admin')
  await user('teacher', 'ar-teacher')
  const parent = await user('parent', 'ar-parent')

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

  const random = createRandom(58)
  const classOf = async (level: number, number: number, pupilNames: string[]) => {
    const c = await createClass(db, { schoolId: school.id, gradeId: grade(level), number })
    const pupils = await createStudents(db, {
      schoolId: school.id,
      classId: c.id,
      count: pupilNames.length,
      startNumber: level * 100 + number * 10,
      numberPrefix: 'HJ',
      random,
      names: pupilNames,
    })
    return { id: c.id, pupils }
  }
  const c61 = await classOf(6, 1, [names.own, names.other, names.teamOnly, names.newcomer, names.movedIn])
  const c62 = await classOf(6, 2, [names.otherClass])
  const c71 = await classOf(7, 1, [names.grade7a, names.grade7b])
  const [own, other, teamOnly, newcomer, movedIn] = c61.pupils as [
    Student,
    Student,
    Student,
    Student,
    Student,
  ]
  const [otherClass] = c62.pupils as [Student]
  const [g7a, g7b] = c71.pupils as [Student, Student]
  Object.assign(ids, {
    c61: c61.id,
    c62: c62.id,
    c71: c71.id,
    own: own.id,
    other: other.id,
    otherClass: otherClass.id,
    newcomer: newcomer.id,
    movedIn: movedIn.id,
  })
  await linkGuardian(db, { guardianId: parent.id, studentId: own.id, relation: '母亲' })

  const season = await createSeason(db, {
    schoolId: school.id,
    academicYearId: thisYear.id,
    title: '获奖测试·春季感恩季',
    startsOn: '2026-03-01',
    endsOn: '2026-04-30',
    ownerId: admin.id,
    status: 'published',
  })
  const pastSeason = await createSeason(db, {
    schoolId: school.id,
    academicYearId: lastYear.id,
    title: '获奖测试·去年秋季',
    startsOn: '2024-10-01',
    endsOn: '2024-10-31',
    ownerId: admin.id,
    status: 'closed',
  })
  const parents = await createStrand(db, {
    schoolId: school.id,
    seasonId: season,
    title: '获奖测试·感恩父母',
    position: 1,
    gradeIds: [grade(6)],
  })
  const society = await createStrand(db, {
    schoolId: school.id,
    seasonId: season,
    title: '获奖测试·感恩社会',
    position: 2,
    gradeIds: [grade(7)],
  })
  const activity = (input: {
    title: string
    seasonId: number
    strandId?: number
    status: 'draft' | 'published' | 'closed'
    day: string
    gradeId: number
  }) =>
    createActivity(db, {
      schoolId: school.id,
      kind: 'contest',
      startsAt: shanghaiInstant(input.day, '09:00'),
      endsAt: shanghaiInstant(input.day, '11:00'),
      gradeIds: [input.gradeId],
      ...input,
    })
  const contest = await activity({
    title: '获奖测试·感恩主题演讲比赛',
    seasonId: season,
    strandId: parents,
    status: 'published',
    day: '2026-03-20',
    gradeId: grade(6),
  })
  ids.contest = contest
  // The newcomer is not on the sheet; the pupil who moved into 六(1)班 took part with 六(2)班.
  await createParticipations(db, {
    schoolId: school.id,
    activityId: contest,
    rows: [
      { studentId: own.id, classId: c61.id },
      { studentId: other.id, classId: c61.id },
      { studentId: teamOnly.id, classId: c61.id },
      { studentId: otherClass.id, classId: c62.id },
      { studentId: movedIn.id, classId: c62.id },
    ],
  })
  const service = await activity({
    title: '获奖测试·敬老院志愿服务',
    seasonId: season,
    strandId: society,
    status: 'closed',
    day: '2026-04-10',
    gradeId: grade(7),
  })
  const draft = await activity({
    title: '获奖测试·草稿活动',
    seasonId: season,
    strandId: parents,
    status: 'draft',
    day: '2026-04-20',
    gradeId: grade(6),
  })
  const past = await activity({
    title: '获奖测试·去年的活动',
    seasonId: pastSeason,
    status: 'closed',
    day: '2024-10-15',
    gradeId: grade(6),
  })

  const award = (input: Omit<Parameters<typeof createAward>[1], 'schoolId' | 'position'>, position: number) =>
    createAward(db, { schoolId: school.id, position, ...input })
  const at = (pupil: Student, classId: number) => ({ studentId: pupil.id, classId })
  await award(
    {
      activityId: contest,
      title: titles.own,
      level: 'first',
      recipientKind: 'pupil',
      presenterName: '获奖测试王芳',
      presenterTitle: '党支部书记',
      citation: '声情并茂，讲述了妈妈的一天。',
      awardedOn: '2026-03-20',
      recipients: [at(own, c61.id)],
    },
    1,
  )
  await award(
    {
      activityId: contest,
      title: titles.other,
      level: 'second',
      scope: 'district',
      recipientKind: 'pupil',
      awardedOn: '2026-03-21',
      recipients: [at(other, c61.id)],
    },
    2,
  )
  // A team across two classes of grade 6, under the contest's own level name.
  await award(
    {
      activityId: contest,
      title: titles.team,
      level: '最佳风采奖',
      recipientKind: 'team',
      teamName: '获奖测试·朗诵队',
      awardedOn: '2026-03-22',
      recipients: [at(own, c61.id), at(other, c61.id), at(otherClass, c62.id)],
    },
    3,
  )
  await award(
    {
      activityId: contest,
      title: titles.classOwn,
      level: 'merit',
      recipientKind: 'class',
      classId: c61.id,
      awardedOn: '2026-03-23',
    },
    4,
  )
  await award(
    {
      activityId: contest,
      title: titles.classOther,
      level: 'first',
      recipientKind: 'class',
      classId: c62.id,
      awardedOn: '2026-03-19',
    },
    5,
  )
  // A team of grade 7 with one grade-6 pupil: it counts once in each grade.
  await award(
    {
      activityId: service,
      title: titles.crossGrade,
      level: 'special',
      scope: 'city',
      recipientKind: 'team',
      teamName: '获奖测试·志愿小队',
      awardedOn: '2026-04-10',
      recipients: [at(g7a, c71.id), at(g7b, c71.id), at(teamOnly, c61.id)],
    },
    1,
  )
  await award(
    {
      activityId: draft,
      title: titles.draft,
      level: 'first',
      recipientKind: 'pupil',
      awardedOn: '2026-04-20',
      recipients: [at(own, c61.id)],
    },
    1,
  )
  await award(
    {
      activityId: past,
      title: titles.future,
      level: 'third',
      recipientKind: 'pupil',
      awardedOn: '2099-06-01',
      recipients: [at(own, c61.id)],
    },
    1,
  )

  cookies.admin = await app.signIn('ar-admin')
  cookies.teacher = await app.signIn('ar-teacher')
  cookies.parent = await app.signIn('ar-parent')
  cookies.jwAdmin = await app.signIn('jw-admin')
})

async function page(path: string, cookie: string = cookies.admin) {
  const app = await getTestApp()
  const response = await app.request(path, { cookie })
  return { status: response.status, html: await response.text() }
}

/** The HTML from an element with this id to the end of its section (the next heading of its rank). */
function block(html: string, id: string, until: string): string {
  const start = html.indexOf(`id="${id}"`)
  if (start < 0) throw new Error(`no ${id}`)
  const end = html.indexOf(until, start + 1)
  return html.slice(start, end < 0 ? undefined : end)
}

const recordAwards = (html: string) => block(html, 'record-awards-title', 'id="record-timeline-title"')

describe('awards on the pupil record', () => {
  it('lists the pupil’s own, team and class awards with level, scope, activity and presenter', async () => {
    const { status, html } = await page(`/students/${ids.own}`)
    expect(status).toBe(200)
    const awards = recordAwards(html)
    expect(awards).toContain('id="record-awards-title">获奖情况</h2>')
    // Staff see every award, also those of a draft activity and one not yet presented.
    expect(awards).toContain('共 5 项，按颁奖日期由近及远排列。')
    expect(awards).toContain(titles.own)
    expect(awards).toContain('一等奖')
    expect(awards).toContain('校级')
    expect(awards).toContain('颁奖：党支部书记获奖测试王芳')
    expect(awards).toContain('声情并茂，讲述了妈妈的一天。')
    expect(awards).toContain(`href="/activities/${ids.contest}">获奖测试·感恩主题演讲比赛</a>`)
    expect(awards).toContain(titles.team)
    expect(awards).toContain('团体奖 · 获奖测试·朗诵队')
    expect(awards).toContain('最佳风采奖')
    expect(awards).toContain(titles.classOwn)
    expect(awards).toContain('班级奖 · 六(1)班')
    expect(awards).toContain(titles.draft)
    expect(awards).toContain(titles.future)
    // Newest first.
    expect(awards.indexOf(titles.future)).toBeLessThan(awards.indexOf(titles.draft))
    expect(awards.indexOf(titles.classOwn)).toBeLessThan(awards.indexOf(titles.team))
    expect(awards.indexOf(titles.team)).toBeLessThan(awards.indexOf(titles.own))
    // Not another pupil's award, nor another class's, and never the team's other members.
    expect(awards).not.toContain(titles.other)
    expect(awards).not.toContain(titles.classOther)
    expect(awards).not.toContain(names.other)
  })

  it('counts a class award for the class the pupil took part with, else their current class', async () => {
    const otherClass = recordAwards((await page(`/students/${ids.otherClass}`)).html)
    expect(otherClass).toContain(titles.classOther)
    expect(otherClass).toContain(titles.team)
    expect(otherClass).not.toContain(titles.classOwn)

    // Now in 六(1)班 but took part with 六(2)班: the award of 六(2)班 is theirs, not that of 六(1)班.
    const movedIn = recordAwards((await page(`/students/${ids.movedIn}`)).html)
    expect(movedIn).toContain(titles.classOther)
    expect(movedIn).not.toContain(titles.classOwn)

    // Not on the sheet: the award of their current class.
    const newcomer = recordAwards((await page(`/students/${ids.newcomer}`)).html)
    expect(newcomer).toContain('共 1 项')
    expect(newcomer).toContain(titles.classOwn)
  })

  it('reads in English', async () => {
    const awards = recordAwards((await page(`/students/${ids.own}?lang=en`)).html)
    expect(awards).toContain('id="record-awards-title">Awards</h2>')
    expect(awards).toContain('5 awards, most recent first.')
    expect(awards).toContain('First prize')
    expect(awards).toContain('Presented by 获奖测试王芳, 党支部书记')
    expect(awards).toContain('Class award · Class 6-1')
  })

  it('says so when there are none', async () => {
    const { db } = await getTestApp()
    const pupil = await db
      .selectFrom('students')
      .select('id')
      .where('name', '=', names.grade7a)
      .executeTakeFirstOrThrow()
    expect(recordAwards((await page(`/students/${pupil.id}`)).html)).toContain('共 1 项')
    const [none] = await createStudents(db, {
      schoolId: ids.school,
      classId: ids.c71,
      count: 1,
      startNumber: 990,
      numberPrefix: 'HJ',
      random: createRandom(3),
      names: ['获奖测试无奖'],
    })
    expect(recordAwards((await page(`/students/${none?.id}`)).html)).toContain('还没有获奖记录。')
  })

  it('keeps the number of statements constant, however many awards', async () => {
    const prepare = vi.spyOn(SQLite.prototype, 'prepare')
    try {
      await page(`/students/${ids.newcomer}`)
      const few = prepare.mock.calls.length
      prepare.mockClear()
      await page(`/students/${ids.own}`)
      expect(prepare.mock.calls.length).toBe(few)
    } finally {
      prepare.mockRestore()
    }
  })
})

describe('awards on the family’s child page', () => {
  it('shows the child’s presented awards of activities families see, and nothing of other children', async () => {
    const { status, html } = await page(`/family/children/${ids.own}`, cookies.parent)
    expect(status).toBe(200)
    const awards = recordAwards(html)
    expect(awards).toContain('共 3 项')
    expect(awards).toContain(titles.own)
    expect(awards).toContain(titles.team)
    expect(awards).toContain(titles.classOwn)
    expect(awards).toContain(`href="/activities/${ids.contest}">获奖测试·感恩主题演讲比赛</a>`)
    // Not yet presented, or of an activity families do not see.
    expect(html).not.toContain(titles.future)
    expect(html).not.toContain(titles.draft)
    // Another child's award and name never show, not even as a teammate.
    expect(html).not.toContain(titles.other)
    expect(html).not.toContain(names.other)
    expect(html).not.toContain(names.otherClass)
  })

  it('answers 404 for another child, showing none of their awards', async () => {
    const { status, html } = await page(`/family/children/${ids.other}`, cookies.parent)
    expect(status).toBe(404)
    expect(html).not.toContain(titles.other)
    expect((await page(`/students/${ids.own}`, cookies.parent)).status).toBe(403)
  })
})

describe('awards on the class page', () => {
  const classAwards = (html: string) => block(html, 'class-awards-title', '</main>')

  it('lists the class award and its pupils’ awards by date, with counts', async () => {
    const { status, html } = await page(`/classes/${ids.c61}`, cookies.teacher)
    expect(status).toBe(200)
    const awards = classAwards(html)
    expect(awards).toContain('id="class-awards-title">班级荣誉</h2>')
    expect(awards).toMatch(/<dt>奖项<\/dt><dd>7<\/dd>/)
    expect(awards).toMatch(/<dt>班级奖<\/dt><dd>1<\/dd>/)
    expect(awards).toMatch(/<dt>个人和团体奖<\/dt><dd>6<\/dd>/)
    expect(awards).toMatch(/<dt>获奖学生<\/dt><dd>3<\/dd>/)
    for (const title of [titles.own, titles.other, titles.team, titles.classOwn, titles.crossGrade]) {
      expect(awards).toContain(title)
    }
    expect(awards).not.toContain(titles.classOther)
    // A team shared with 六(2)班 and 七(1)班 names only this class's pupils.
    expect(awards).toMatch(
      new RegExp(
        `本班获奖学生：<a [^>]*href="/students/${ids.own}">${names.own}</a>、<a [^>]*href="/students/${ids.other}">${names.other}</a></p>`,
      ),
    )
    expect(awards).not.toContain(names.otherClass)
    expect(awards).not.toContain(names.grade7a)
    // By date, newest first: never ordered by who won most.
    expect(awards.indexOf(titles.crossGrade)).toBeLessThan(awards.indexOf(titles.classOwn))
    expect(awards.indexOf(titles.classOwn)).toBeLessThan(awards.indexOf(titles.own))
  })

  it('says so when the class has no awards, and reads in English', async () => {
    const { db } = await getTestApp()
    const empty = await createClass(db, { schoolId: ids.school, gradeId: ids.grade7, number: 9 })
    expect(classAwards((await page(`/classes/${empty.id}`)).html)).toContain(
      '这个班级和班上的学生还没有获奖记录。',
    )
    const english = classAwards((await page(`/classes/${ids.c62}?lang=en`)).html)
    expect(english).toContain('id="class-awards-title">Awards</h2>')
    expect(english).toMatch(/<dt>Class awards<\/dt><dd>1<\/dd>/)
  })

  it('is not shown to another school or to parents', async () => {
    expect((await page(`/classes/${ids.c61}`, cookies.jwAdmin)).status).toBe(404)
    expect((await page(`/classes/${ids.c61}`, cookies.parent)).status).toBe(403)
  })
})

/** The HTML of one report section, from its opening to the next section. */
function section(html: string, slug: string): string {
  const start = html.indexOf(`<section id="${slug}"`)
  if (start < 0) throw new Error(`no section ${slug}`)
  const next = html.indexOf('<section id="', start + 1)
  return html.slice(start, next < 0 ? html.indexOf('</main>', start) : next)
}

async function csv(path: string) {
  const app = await getTestApp()
  const response = await app.request(path, { cookie: cookies.admin })
  expect(response.status).toBe(200)
  const text = (await response.text()).replace(/^\uFEFF/, '')
  // The first line says who exported it (a `#` line); the table follows.
  const [stamp = '', table = ''] = text.split(/\r\n(.*)/s)
  const records = parse(table) as string[][]
  return { response, stamp, header: records[0] ?? [], rows: records.slice(1) }
}

const year = () => `year=${ids.thisYear}`
const HEADER = ['个人奖', '团体奖', '班级奖', '奖项合计', '获奖学生']

describe('awards in /reports', () => {
  it('counts awards and pupils recognised by grade, strand, level and scope', async () => {
    const { status, html } = await page(`/reports?${year()}`)
    expect(status).toBe(200)
    const byGrade = section(html, 'awards-by-grade')
    expect(byGrade).toContain('<h2 id="awards-by-grade-title">各年级获奖情况</h2>')
    expect(byGrade).toContain('role="img"')
    expect(byGrade).toContain('6 项 · 4 人')
    // Grade 6: two individual, two team (one shared with grade 7), two class awards; four pupils.
    expect(byGrade).toMatch(
      /<th scope="row">六年级<\/th><td[^>]*>2<\/td><td[^>]*>2<\/td><td[^>]*>2<\/td><td[^>]*>6<\/td><td[^>]*>4<\/td>/,
    )
    expect(byGrade).toMatch(
      /<th scope="row">七年级<\/th><td[^>]*>0<\/td><td[^>]*>1<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td><td[^>]*>2<\/td>/,
    )
    expect(byGrade).toContain(`href="/reports/awards-by-grade.csv?${year()}"`)

    expect(section(html, 'awards-by-strand')).toContain('获奖测试·感恩社会')
    expect(section(html, 'awards-by-level')).toContain('最佳风采奖')
    expect(section(html, 'awards-by-scope')).toContain('市级')
    // Every award once, whatever its grades; the draft's and last year's never.
    expect(html).toMatch(/<dt>获奖数<\/dt><dd>6<\/dd>/)
  })

  it('never names or ranks a pupil', async () => {
    const { html } = await page(`/reports?${year()}`)
    for (const name of Object.values(names)) expect(html).not.toContain(name)
    for (const title of Object.values(titles)) expect(html).not.toContain(title)
  })

  it('downloads each table as CSV with the page’s columns', async () => {
    const grades = await csv(`/reports/awards-by-grade.csv?${year()}`)
    expect(grades.header).toEqual(['年级', ...HEADER])
    expect(grades.rows).toEqual([
      ['六年级', '2', '2', '2', '6', '4'],
      ['七年级', '0', '1', '0', '1', '2'],
    ])
    expect(grades.response.headers.get('Content-Disposition')).toContain(
      encodeURIComponent(`获奖测试初级中学-各年级获奖情况-2025学年-${todayIn('Asia/Shanghai')}-ar-admin.csv`),
    )

    const strands = await csv(`/reports/awards-by-strand.csv?${year()}`)
    expect(strands.header).toEqual(['主线', '活动季', ...HEADER])
    expect(strands.rows).toEqual([
      ['获奖测试·感恩父母', '获奖测试·春季感恩季', '2', '1', '2', '5', '3'],
      ['获奖测试·感恩社会', '获奖测试·春季感恩季', '0', '1', '0', '1', '3'],
    ])

    // Standard levels highest first, then the contest's own.
    const levels = await csv(`/reports/awards-by-level.csv?${year()}`)
    expect(levels.header).toEqual(['奖项等级', ...HEADER])
    expect(levels.rows).toEqual([
      ['特等奖', '0', '1', '0', '1', '3'],
      ['一等奖', '1', '0', '1', '2', '1'],
      ['二等奖', '1', '0', '0', '1', '1'],
      ['优秀奖', '0', '0', '1', '1', '0'],
      ['最佳风采奖', '0', '1', '0', '1', '3'],
    ])

    const scopes = await csv(`/reports/awards-by-scope.csv?${year()}`)
    expect(scopes.header).toEqual(['级别', ...HEADER])
    expect(scopes.rows).toEqual([
      ['校级', '1', '1', '2', '4', '3'],
      ['区级', '1', '0', '0', '1', '1'],
      ['市级', '0', '1', '0', '1', '3'],
    ])
  })

  it('narrows to a grade: a shared team counts only the pupils of that grade', async () => {
    const levels = await csv(`/reports/awards-by-level.csv?${year()}&grade=${ids.grade7}`)
    expect(levels.rows).toEqual([['特等奖', '0', '1', '0', '1', '2']])
    const { html } = await page(`/reports?${year()}&grade=${ids.grade7}`)
    expect(section(html, 'awards-by-grade')).not.toContain('六年级')
  })

  it('reads in English', async () => {
    const { html } = await page(`/reports?${year()}&lang=en`)
    const byLevel = section(html, 'awards-by-level')
    expect(byLevel).toContain('Awards by level')
    expect(byLevel).toContain('<th scope="row">Special prize</th>')
    expect(section(html, 'awards-by-grade')).toContain('6 awards · 4 pupils')
    const scopes = await csv(`/reports/awards-by-scope.csv?${year()}&lang=en`)
    expect(scopes.header).toEqual(['Scope', 'Individual', 'Team', 'Class', 'Awards', 'Pupils recognised'])
  })

  it('shows nothing of this school to another, and keeps parents out', async () => {
    const jiwang = await page('/reports', cookies.jwAdmin)
    expect(jiwang.status).toBe(200)
    expect(jiwang.html).not.toContain('获奖测试')
    expect((await page(`/reports/awards-by-grade.csv?${year()}`, cookies.jwAdmin)).status).toBe(404)
    expect((await page(`/reports/awards-by-grade.csv?${year()}`, cookies.parent)).status).toBe(403)
  })

  it('runs one statement per award table, however many awards', async () => {
    const prepare = vi.spyOn(SQLite.prototype, 'prepare')
    const awardStatements = () =>
      prepare.mock.calls.filter(([sql]) => /from "awards" as "w"/.test(String(sql))).length
    try {
      await page(`/reports?year=${ids.thisYear}&grade=${ids.grade7}`)
      const few = awardStatements()
      prepare.mockClear()
      await page(`/reports?${year()}`)
      expect(few).toBe(4)
      expect(awardStatements()).toBe(few)
    } finally {
      prepare.mockRestore()
    }
  })
})
