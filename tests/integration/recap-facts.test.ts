import SQLite from 'better-sqlite3'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { draftRecap, type RecapActivityFacts, type RecapFacts } from '~/domain/recap-draft'
import { loadRecapFacts } from '~/models/recap-facts.server'
import { createI18n } from '~/utils/i18n'
import type { Student } from '../../db/schema'
import {
  createAcademicYear,
  createActivity,
  createAward,
  createClass,
  createParticipations,
  createPartner,
  createRandom,
  createSchool,
  createSeason,
  createStrand,
  createStudents,
  createUser,
  shanghaiInstant,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'

// The facts a recap draft is written from: first on the demo schools (jiwang's spring season and
// zaobei's Qingming series, as seeded), then on a school of this file's own (slug recap-facts-it,
// names starting with 草稿测试) whose every count is known. The database is shared by the test files
// of a worker: nothing here counts rows it did not make.

type Db = Awaited<ReturnType<typeof getTestApp>>['db']
let db: Db

const JIWANG = 1
const SPRING_SEASON = 1
const VOLUNTEER_SERVICE = 7

async function schoolOf(slug: string) {
  return db.selectFrom('schools').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
}

async function activityIds(schoolId: number, seasonId?: number) {
  let query = db
    .selectFrom('activities')
    .select(['id', 'title', 'season_id as seasonId'])
    .where('school_id', '=', schoolId)
  if (seasonId !== undefined) query = query.where('season_id', '=', seasonId)
  return query.orderBy('id').execute()
}

function only(facts: RecapFacts, title: string): RecapActivityFacts {
  const found = facts.activities.filter((a) => a.title === title)
  expect(found).toHaveLength(1)
  return found[0] as RecapActivityFacts
}

/** How many statements a call prepares. */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  const prepare = vi.spyOn(SQLite.prototype, 'prepare')
  try {
    await run()
    return prepare.mock.calls.length
  } finally {
    prepare.mockRestore()
  }
}

beforeAll(async () => {
  db = (await getTestApp()).db
})

describe('the demo’s spring season at 纪王学校', () => {
  let facts: RecapFacts
  beforeAll(async () => {
    const ids = (await activityIds(JIWANG, SPRING_SEASON)).map((a) => a.id)
    facts = await loadRecapFacts(db, {
      schoolId: JIWANG,
      activityIds: ids,
      seasonId: SPRING_SEASON,
      locale: 'zh',
    })
  })

  it('reads the school and the season', () => {
    expect(facts.schoolName).toBe('闵行区纪王学校')
    expect(facts.schoolKind).toBe('nine_year')
    expect(facts.timeZone).toBe('Asia/Shanghai')
    expect(facts.season).toEqual({
      title: '春·播感恩季',
      slogan: '策马笃行启新章，感恩润心伴成长',
      startsOn: '2026-03-02',
      endsOn: '2026-03-31',
    })
    const starts = facts.activities.map((a) => a.startsAt)
    expect(starts).toEqual([...starts].sort())
  })

  it('reads the volunteer service: 40 grade-5 volunteers, 2 课时 each of 公益劳动, and its partners', () => {
    const service = facts.activities.find((a) => a.id === VOLUNTEER_SERVICE) as RecapActivityFacts
    expect(service).toMatchObject({
      title: '学雷锋志愿服务：走进银杏社区和敬老院',
      kind: 'service',
      venue: '银杏社区、纪王敬老院',
      offCampus: true,
      grades: ['五年级'],
      wholeSchool: false,
      classes: [],
      attended: 40,
      hours: { category: 'public_service', pupils: 40, total: 80, each: 2 },
      guests: [],
      awards: [],
    })
    expect(service.strand).toMatchObject({ title: '感恩社会', slogan: '心怀国之大者，勇担时代使命' })
    expect(service.partners).toEqual(expect.arrayContaining(['银杏社区', '纪王敬老院']))
    expect(service.roles).toEqual([
      { role: 'volunteer', count: 40, classes: ['五(1)班', '五(2)班', '五(3)班', '五(4)班'], names: [] },
    ])
  })

  it('reads the speech contest: 8 named speakers of 4 classes and 8 awards the Party secretary presented', () => {
    const contest = only(facts, '国防热点TED演讲及颁奖仪式')
    const speakers = contest.roles.find((r) => r.role === 'speaker')
    expect(speakers?.count).toBe(8)
    expect(speakers?.names).toHaveLength(8)
    expect(speakers?.classes).toEqual(['八(1)班', '八(2)班', '八(3)班', '八(4)班'])
    expect(contest.awards).toHaveLength(8)
    for (const award of contest.awards) {
      expect(award).toMatchObject({
        recipientKind: 'pupil',
        presenterName: '孙老师',
        presenterTitle: '校党支部书记',
      })
      expect(award.pupils).toHaveLength(1)
      expect(speakers?.names).toContain(award.pupils[0])
    }
    expect(contest.awards.filter((a) => a.level === 'first')).toHaveLength(1)
  })

  it('reads the film’s guest', () => {
    expect(only(facts, '科普电影《寻觅自然：地磁倒转》观影与映后交流').guests).toEqual(['汪洁'])
  })

  it('drafts a recap that reads like the article, with the records’ numbers and names', () => {
    const { title, body } = draftRecap(facts, createI18n('zh').t)
    expect(title).toBe('闵行区纪王学校「春·播感恩季」回顾')
    expect(body).toContain('以「策马笃行启新章，感恩润心伴成长」为主题，举办「春·播感恩季」。')
    expect(body).toContain('活动围绕感恩父母、感恩生命、感恩自然、感恩社会4条主线展开。')
    expect(body).toContain(
      '3月5日，五年级40名学生走进银杏社区、纪王敬老院，参加了「学雷锋志愿服务：走进银杏社区和敬老院」。',
    )
    expect(body).toContain('本次活动计入社会实践（公益劳动），40名同学每人2课时，共计80课时。')
    expect(body).toContain('4个班的8名同学登台演讲：')
    expect(body).toContain('「国防热点TED演讲」共评出8个奖项：一等奖授予')
    expect(body).toContain('校党支部书记孙老师为获奖同学颁奖。')
    expect(body).toContain('嘉宾汪洁应邀出席。')
    expect(body.split('\n').filter((line) => line.startsWith('## '))).toEqual([
      '## 感恩父母',
      '## 感恩生命',
      '## 感恩自然',
      '## 感恩社会',
    ])
  })

  it('labels grades and classes in English for an English reader', async () => {
    const en = await loadRecapFacts(db, {
      schoolId: JIWANG,
      activityIds: [VOLUNTEER_SERVICE],
      seasonId: SPRING_SEASON,
      locale: 'en',
    })
    const [service] = en.activities
    expect(service?.grades).toEqual(['Grade 5'])
    expect(service?.roles[0]?.classes).toEqual(['Class 5-1', 'Class 5-2', 'Class 5-3', 'Class 5-4'])
    const { body } = draftRecap(en, createI18n('en').t)
    expect(body).toContain(
      'On 5 Mar 2026, 40 pupils from Grade 5 of 闵行区纪王学校 went out to 银杏社区、纪王敬老院',
    )
    expect(body).toContain('40 pupils were credited 2 h each, 80 h in all.')
  })
})

describe('the demo’s Qingming series at 藻北小学', () => {
  it('names the flag-raiser, the flag guards and the 12 docents', async () => {
    const zaobei = await schoolOf('zaobei')
    const activities = await activityIds(zaobei.id)
    const seasonId = activities[0]?.seasonId as number
    const facts = await loadRecapFacts(db, {
      schoolId: zaobei.id,
      activityIds: activities.map((a) => a.id),
      seasonId,
      locale: 'zh',
    })
    const ceremony = only(facts, '清明主题升旗仪式·微思政课')
    expect(ceremony.wholeSchool).toBe(true)
    const role = (a: RecapActivityFacts, name: string) => a.roles.find((r) => r.role === name)
    expect(role(ceremony, 'flag_raiser')).toMatchObject({ count: 1, classes: ['五(1)班'] })
    expect(role(ceremony, 'flag_raiser')?.names).toHaveLength(1)
    expect(role(ceremony, 'flag_guard')).toMatchObject({ count: 2, classes: ['五(1)班'] })
    expect(role(ceremony, 'flag_guard')?.names).toHaveLength(2)
    const docents = role(only(facts, '纪念广场师生讲解与《光荣的藻北 战斗的藻北》主题演讲'), 'docent')
    expect(docents?.count).toBe(12)
    expect(docents?.names).toHaveLength(12)
    const { body } = draftRecap(facts, createI18n('zh').t)
    expect(body).toContain(
      `3月31日，全校${ceremony.attended}名学生在操场参加了「清明主题升旗仪式·微思政课」。`,
    )
    expect(body).toContain(`五(1)班的${role(ceremony, 'flag_raiser')?.names[0]}担任升旗手。`)
    expect(body).toContain('名同学担任讲解员：')
  })
})

describe('scoping', () => {
  it('ignores another school’s activities and season', async () => {
    const zaobei = await schoolOf('zaobei')
    const [theirs] = await activityIds(zaobei.id)
    const facts = await loadRecapFacts(db, {
      schoolId: JIWANG,
      activityIds: [theirs?.id as number, VOLUNTEER_SERVICE],
      seasonId: theirs?.seasonId as number,
      locale: 'zh',
    })
    expect(facts.schoolName).toBe('闵行区纪王学校')
    expect(facts.season).toBeNull()
    expect(facts.activities.map((a) => a.id)).toEqual([VOLUNTEER_SERVICE])
  })

  it('answers with no activities when none of the ids is the school’s', async () => {
    const facts = await loadRecapFacts(db, {
      schoolId: JIWANG,
      activityIds: [999_999],
      seasonId: null,
      locale: 'zh',
    })
    expect(facts.activities).toEqual([])
    expect(facts.season).toBeNull()
  })
})

describe('a school of this file’s own', () => {
  const ids = {} as Record<'school' | 'season' | 'service' | 'contest' | 'unmarked' | 'c31' | 'c32', number>
  const extras: number[] = []
  let pupils31: Student[]
  let pupils32: Student[]

  beforeAll(async () => {
    const school = await createSchool(db, {
      slug: 'recap-facts-it',
      name: '草稿测试小学',
      district: '闵行区',
      kind: 'primary',
    })
    ids.school = school.id
    const grade3 = school.grades.find((g) => g.level === 3)?.id as number
    const owner = await createUser(db, {
      schoolId: school.id,
      role: 'teacher',
      username: 'rf-teacher',
      displayName: '草稿测试老师',
      passwordHash: 'x',
    })
    const year = await createAcademicYear(db, {
      schoolId: school.id,
      name: '2025学年',
      startsOn: '2025-09-01',
      endsOn: '2026-06-30',
    })
    const random = createRandom(61)
    const c31 = await createClass(db, { schoolId: school.id, gradeId: grade3, number: 1 })
    const c32 = await createClass(db, { schoolId: school.id, gradeId: grade3, number: 2 })
    ids.c31 = c31.id
    ids.c32 = c32.id
    pupils31 = await createStudents(db, {
      schoolId: school.id,
      classId: c31.id,
      count: 6,
      startNumber: 1,
      numberPrefix: 'RF31',
      random,
      names: ['草稿测试甲', '草稿测试乙', '草稿测试丙', '草稿测试丁', '草稿测试戊', '草稿测试己'],
    })
    pupils32 = await createStudents(db, {
      schoolId: school.id,
      classId: c32.id,
      count: 4,
      startNumber: 1,
      numberPrefix: 'RF32',
      random,
      names: ['草稿测试庚', '草稿测试辛', '草稿测试壬', '草稿测试癸'],
    })
    ids.season = await createSeason(db, {
      schoolId: school.id,
      academicYearId: year.id,
      title: '草稿测试季',
      slogan: '*不是强调*',
      startsOn: '2026-04-01',
      endsOn: '2026-04-30',
      ownerId: owner.id,
    })
    const strand = (title: string, position: number) =>
      createStrand(db, { schoolId: school.id, seasonId: ids.season, title, position, gradeIds: [grade3] })
    const serving = await strand('服务社区', 1)
    const speaking = await strand('勇敢表达', 2)
    const guest = await createPartner(db, { schoolId: school.id, name: '草稿测试嘉宾', category: 'expert' })
    const community = await createPartner(db, {
      schoolId: school.id,
      name: '草稿测试社区',
      category: 'community',
    })
    const activity = (title: string, day: string, more: Partial<Parameters<typeof createActivity>[1]> = {}) =>
      createActivity(db, {
        schoolId: school.id,
        seasonId: ids.season,
        title,
        kind: 'other',
        startsAt: shanghaiInstant(day, '13:30'),
        endsAt: shanghaiInstant(day, '15:00'),
        gradeIds: [grade3],
        ...more,
      })
    const row = (
      pupil: Student,
      more: Partial<Parameters<typeof createParticipations>[1]['rows'][number]> = {},
    ) => ({
      studentId: pupil.id,
      classId: pupil.class_id,
      ...more,
    })

    ids.service = await activity('草稿测试·社区服务', '2026-04-08', {
      strandId: serving,
      kind: 'service',
      venue: '草稿测试社区',
      offCampus: true,
      practiceCategory: 'public_service',
      practiceHours: 2,
      partners: [
        { partnerId: community, role: 'partner' },
        { partnerId: guest, role: 'guest' },
      ],
    })
    const [a, b, c, d, e, f] = pupils31 as [Student, Student, Student, Student, Student, Student]
    const [g, h] = pupils32 as [Student, Student]
    await createParticipations(db, {
      schoolId: school.id,
      activityId: ids.service,
      rows: [
        row(a, { role: 'host' }),
        row(b, { role: 'volunteer' }),
        row(c, { role: 'volunteer', hours: 3 }),
        row(g, { role: 'volunteer' }),
        row(d, { role: 'volunteer', status: 'absent' }),
        row(e, { role: 'host', status: 'excused', excuseReason: '病假' }),
        row(f, { status: null }),
      ],
    })

    ids.contest = await activity('草稿测试·演讲比赛', '2026-04-15', { strandId: speaking, kind: 'contest' })
    await createParticipations(db, {
      schoolId: school.id,
      activityId: ids.contest,
      rows: [row(a, { role: 'speaker' }), row(b, { role: 'speaker' }), row(g, { role: 'speaker' }), row(h)],
    })
    const awardOf = (input: Partial<Parameters<typeof createAward>[1]>) =>
      createAward(db, {
        schoolId: school.id,
        activityId: ids.contest,
        title: '草稿测试演讲奖',
        level: 'first',
        recipientKind: 'pupil',
        awardedOn: '2026-04-15',
        position: 1,
        presenterName: '草稿测试校长',
        ...input,
      })
    await awardOf({ position: 3, recipients: [{ studentId: a.id, classId: a.class_id }] })
    await awardOf({
      position: 1,
      level: '最佳台风',
      recipientKind: 'team',
      teamName: '草稿测试队',
      recipients: [
        { studentId: b.id, classId: b.class_id },
        { studentId: g.id, classId: g.class_id },
      ],
    })
    await awardOf({
      position: 2,
      level: 'merit',
      recipientKind: 'class',
      classId: c32.id,
      title: '草稿测试班级奖',
    })

    ids.unmarked = await activity('草稿测试·尚未点名', '2026-04-20', { classIds: [c31.id], gradeIds: [] })
    await createParticipations(db, {
      schoolId: school.id,
      activityId: ids.unmarked,
      rows: [row(a, { status: null })],
    })

    // More activities with attendance, to show the statements do not grow with them.
    for (let i = 0; i < 6; i++) {
      const id = await activity(`草稿测试·加练${i}`, `2026-04-2${i + 1}`, { strandId: speaking })
      await createParticipations(db, {
        schoolId: school.id,
        activityId: id,
        rows: [...pupils31, ...pupils32].map((p) => row(p, { role: i % 2 ? 'performer' : 'docent' })),
      })
      extras.push(id)
    }
  })

  const load = (activityIds: number[], locale: 'zh' | 'en' = 'zh') =>
    loadRecapFacts(db, { schoolId: ids.school, activityIds, seasonId: ids.season, locale })

  it('counts who attended, by role, with the hours they are credited and who was named', async () => {
    const [service] = (await load([ids.service])).activities
    expect(service).toMatchObject({
      title: '草稿测试·社区服务',
      attended: 4,
      partners: ['草稿测试社区'],
      guests: ['草稿测试嘉宾'],
      // Two planned 课时 each, one pupil recorded with three; the host too is credited.
      hours: { category: 'public_service', pupils: 4, total: 9, each: null },
    })
    expect(service?.roles).toEqual(
      expect.arrayContaining([
        { role: 'host', count: 1, classes: ['三(1)班'], names: ['草稿测试甲'] },
        { role: 'volunteer', count: 3, classes: ['三(1)班', '三(2)班'], names: [] },
      ]),
    )
    expect(service?.roles).toHaveLength(2)
  })

  it('reads pupil, team and class awards in presenting order', async () => {
    const [contest] = (await load([ids.contest])).activities
    expect(contest?.awards.map((a) => [a.level, a.recipientKind, a.pupils, a.teamName, a.className])).toEqual(
      [
        ['最佳台风', 'team', ['草稿测试乙', '草稿测试庚'], '草稿测试队', null],
        ['merit', 'class', [], '', '三(2)班'],
        ['first', 'pupil', ['草稿测试甲'], '', null],
      ],
    )
    const en = (await load([ids.contest], 'en')).activities[0]
    expect(en?.awards[1]?.className).toBe('Class 3-2')
    const speakers = contest?.roles.find((r) => r.role === 'speaker')
    expect(speakers).toEqual({
      role: 'speaker',
      count: 3,
      classes: ['三(1)班', '三(2)班'],
      names: ['草稿测试甲', '草稿测试乙', '草稿测试庚'],
    })
  })

  it('tells an activity whose attendance is not taken from one nobody came to', async () => {
    const [unmarked] = (await load([ids.unmarked])).activities
    expect(unmarked).toMatchObject({
      attended: null,
      roles: [],
      hours: null,
      grades: [],
      classes: ['三(1)班'],
    })
    const { body } = draftRecap(await load([ids.unmarked]), createI18n('zh').t)
    expect(body).toContain('三(1)班学生参加了「草稿测试·尚未点名」。')
    expect(body).toContain('出勤尚未登记')
  })

  it('drafts every kind of fact, escaping the season’s Markdown', async () => {
    const facts = await load([ids.contest, ids.service])
    const { body } = draftRecap(facts, createI18n('zh').t)
    expect(body).toContain('以「\\*不是强调\\*」为主题')
    expect(body).toContain(
      '4月8日，三年级4名学生走进草稿测试社区，参加了「草稿测试·社区服务」。嘉宾草稿测试嘉宾应邀出席。三(1)班的草稿测试甲担任主持人。',
    )
    expect(body).toContain('本次活动计入社会实践（公益劳动），4名同学共计9课时。')
    expect(body).toContain(
      '「草稿测试演讲奖」共评出2个奖项：一等奖授予草稿测试甲；最佳台风授予「草稿测试队」（草稿测试乙、草稿测试庚）。',
    )
    expect(body).toContain('「草稿测试班级奖」共评出1个奖项：优秀奖授予三(2)班。草稿测试校长为获奖班级颁奖。')
  })

  it('prepares the same number of statements for one activity as for ten, however many pupils', async () => {
    const one = await statementsOf(() => load([ids.service]))
    const all = await statementsOf(() => load([ids.service, ids.contest, ids.unmarked, ...extras]))
    expect(one).toBe(10)
    expect(all).toBe(one)
    // The demo's season: eight activities, over eight hundred attendances.
    const demo = await statementsOf(async () => {
      const spring = (await activityIds(JIWANG, SPRING_SEASON)).map((a) => a.id)
      return loadRecapFacts(db, {
        schoolId: JIWANG,
        activityIds: spring,
        seasonId: SPRING_SEASON,
        locale: 'zh',
      })
    })
    // One more: the query listing the season's activities.
    expect(demo).toBe(one + 1)
  })
})
