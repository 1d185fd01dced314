import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findAllConflicts } from '../../app/domain/conflicts'
import { localDay } from '../../app/domain/school-time'
import { shiftDay, shiftInstant } from '../../app/domain/season-copy'
import { listActivitiesOfSeason } from '../../app/models/activities.server'
import { loadFamilyPortal } from '../../app/models/family-portal.server'
import { listReviewQueue } from '../../app/models/reviews.server'
import { verifyPassword } from '../../app/utils/password.server'
import { createDb } from '../../db/client'
import { migrateToLatest } from '../../db/migrate'
import type { Database } from '../../db/schema'
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from '../../seeds/demo'
import { createRandom, fictionalName } from '../../seeds/factories'

const DEMO_ACCOUNTS = {
  'jw-admin': 'admin',
  'jw-teacher': 'teacher',
  'jw-parent': 'parent',
  'zb-admin': 'admin',
  'zb-teacher': 'teacher',
  'zb-parent': 'parent',
  'hs-admin': 'admin',
  'hs-teacher': 'teacher',
  'hs-parent': 'parent',
} as const

let dir: string
let db: Kysely<Database>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siji-'))
  db = createDb(join(dir, 't.db'))
  await migrateToLatest(db)
  expect(await isDatabaseEmpty(db)).toBe(true)
  await seedDemo(db)
})

afterAll(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

function schoolId(slug: string): Promise<number> {
  return db
    .selectFrom('schools')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
    .then((s) => s.id)
}

function headTeacherOf(slug: string, className: string) {
  return db
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .innerJoin('users', 'users.id', 'classes.head_teacher_id')
    .select('users.username')
    .where('schools.slug', '=', slug)
    .where('classes.name', '=', className)
    .executeTakeFirstOrThrow()
}

describe('demo seed', () => {
  it('creates the three demo schools with their kinds', async () => {
    const schools = await db
      .selectFrom('schools')
      .select(['slug', 'name', 'district', 'kind', 'founded_year'])
      .orderBy('slug')
      .execute()
    expect(schools).toEqual([
      {
        slug: 'huaishao',
        name: '嘉定区怀少幼儿园',
        district: '嘉定区',
        kind: 'kindergarten',
        founded_year: null,
      },
      { slug: 'jiwang', name: '闵行区纪王学校', district: '闵行区', kind: 'nine_year', founded_year: null },
      { slug: 'zaobei', name: '宝山区藻北小学', district: '宝山区', kind: 'primary', founded_year: 1944 },
    ])
  })

  it('gives jiwang nine grades of four classes', async () => {
    const id = await schoolId('jiwang')
    const grades = await db
      .selectFrom('grades')
      .select('level')
      .where('school_id', '=', id)
      .orderBy('level')
      .execute()
    expect(grades.map((g) => g.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    const classes = await db.selectFrom('classes').select('name').where('school_id', '=', id).execute()
    expect(classes).toHaveLength(36)
    expect(classes.map((c) => c.name)).toEqual(expect.arrayContaining(['一(1)班', '五(2)班', '九(4)班']))
  })

  it('names kindergarten classes 小一班…大四班', async () => {
    const id = await schoolId('huaishao')
    const classes = await db.selectFrom('classes').select('name').where('school_id', '=', id).execute()
    expect(classes).toHaveLength(12)
    expect(classes.map((c) => c.name)).toEqual(expect.arrayContaining(['小一班', '中三班', '大四班']))
  })

  it('fills every class with pupils whose numbers are unique per school', async () => {
    const perClass = await db
      .selectFrom('students')
      .innerJoin('schools', 'schools.id', 'students.school_id')
      .select(['schools.kind', 'students.class_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['schools.kind', 'students.class_id'])
      .execute()
    expect(perClass).toHaveLength(36 + 15 + 12)
    for (const row of perClass) expect(row.n).toBe(row.kind === 'kindergarten' ? 25 : 30)
    const dupes = await db
      .selectFrom('students')
      .select(['school_id', 'student_number'])
      .groupBy(['school_id', 'student_number'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute()
    expect(dupes).toEqual([])
  })

  it('creates the nine demo accounts, each signing in with the demo password', async () => {
    const users = await db
      .selectFrom('users')
      .select(['username', 'role', 'password_hash'])
      .where('username', 'in', Object.keys(DEMO_ACCOUNTS))
      .execute()
    expect(Object.fromEntries(users.map((u) => [u.username, u.role]))).toEqual(DEMO_ACCOUNTS)
    for (const user of users) expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(true)
  })

  it('makes the demo teachers head teachers of their classes', async () => {
    expect(await headTeacherOf('jiwang', '五(2)班')).toEqual({ username: 'jw-teacher' })
    expect(await headTeacherOf('zaobei', '三(1)班')).toEqual({ username: 'zb-teacher' })
    expect(await headTeacherOf('huaishao', '大四班')).toEqual({ username: 'hs-teacher' })
  })

  it('gives every other class a head teacher who cannot use the demo password', async () => {
    const classes = await db.selectFrom('classes').select('head_teacher_id').execute()
    expect(classes.every((c) => c.head_teacher_id !== null)).toBe(true)
    const others = await db
      .selectFrom('users')
      .select(['username', 'password_hash'])
      .where('username', 'like', '%-t-%')
      .execute()
    expect(others).toHaveLength(36 - 1 + 15 - 1 + 12 - 1)
    expect(others.map((u) => u.username)).toContain('jw-t-0101')
    expect(others.map((u) => u.username)).not.toContain('jw-t-0502')
    for (const user of [others[0]!, others.at(-1)!]) {
      expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(false)
    }
    // They share one hash, so checking two covers them all.
    expect(new Set(others.map((u) => u.password_hash)).size).toBe(1)
  })

  it('links jw-parent to two children, in grades 1 and 5', async () => {
    const children = await db
      .selectFrom('guardianships')
      .innerJoin('users', 'users.id', 'guardianships.guardian_id')
      .innerJoin('students', 'students.id', 'guardianships.student_id')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select(['grades.level', 'classes.name as className', 'guardianships.relation', 'students.school_id'])
      .where('users.username', '=', 'jw-parent')
      .orderBy('grades.level')
      .execute()
    const jiwang = await schoolId('jiwang')
    expect(children).toEqual([
      { level: 1, className: '一(2)班', relation: 'mother', school_id: jiwang },
      { level: 5, className: '五(2)班', relation: 'mother', school_id: jiwang },
    ])
  })

  it('links zb-parent and hs-parent to one child each', async () => {
    const rows = await db
      .selectFrom('guardianships')
      .innerJoin('users', 'users.id', 'guardianships.guardian_id')
      .innerJoin('students', 'students.id', 'guardianships.student_id')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .select(['users.username', 'classes.name'])
      .where('users.username', 'in', ['zb-parent', 'hs-parent'])
      .orderBy('users.username')
      .execute()
    expect(rows).toEqual([
      { username: 'hs-parent', name: '大四班' },
      { username: 'zb-parent', name: '三(1)班' },
    ])
  })

  it('gives each school the 2025-2026 year with terms, holidays and an exam week, and the next year', async () => {
    const years = await db.selectFrom('academic_years').select(['name', 'starts_on', 'ends_on']).execute()
    expect(years).toHaveLength(6)
    expect(years.filter((y) => y.name === '2025-2026')).toEqual(
      Array(3).fill({ name: '2025-2026', starts_on: '2025-09-01', ends_on: '2026-08-31' }),
    )
    expect(years.filter((y) => y.name === '2026-2027')).toHaveLength(3)
    const id = await schoolId('zaobei')
    const terms = await db
      .selectFrom('terms')
      .select(['name', 'starts_on', 'ends_on'])
      .where('school_id', '=', id)
      .where('starts_on', '<', '2026-09-01')
      .orderBy('starts_on')
      .execute()
    expect(terms).toEqual([
      { name: '第一学期', starts_on: '2025-09-01', ends_on: '2026-01-23' },
      { name: '第二学期', starts_on: '2026-02-23', ends_on: '2026-07-03' },
    ])
    const daysOff = await db
      .selectFrom('school_days_off')
      .select(['name', 'kind', 'starts_on', 'ends_on'])
      .where('school_id', '=', id)
      .execute()
    expect(daysOff).toEqual(
      expect.arrayContaining([
        { name: '清明节', kind: 'holiday', starts_on: '2026-04-04', ends_on: '2026-04-06' },
        { name: '劳动节', kind: 'holiday', starts_on: '2026-05-01', ends_on: '2026-05-05' },
        { name: '期末考试周', kind: 'exam', starts_on: '2026-06-22', ends_on: '2026-06-26' },
      ]),
    )
  })

  it('records the seed in every school’s audit log', async () => {
    const rows = await db.selectFrom('audit_log').select(['school_id', 'action']).execute()
    expect(rows).toHaveLength(3)
    expect(rows.every((r) => r.action === 'seed')).toBe(true)
    const jiwang = await db
      .selectFrom('audit_log')
      .select('detail')
      .where('school_id', '=', await schoolId('jiwang'))
      .executeTakeFirstOrThrow()
    // The spring season and its copy (8 activities each), and the 校园四季活动 of the weeks ahead: at the
    // pinned Monday 2026-12-07, Friday's class meeting, two weeks of flag-raising and class meetings,
    // and the follow-up visit to 银杏社区.
    expect(JSON.parse(jiwang.detail!)).toMatchObject({ seasons: 3, activities: 22, partners: 6 })
  })

  it('is prevented from seeding twice', async () => {
    expect(await isDatabaseEmpty(db)).toBe(false)
    const count = async () => {
      const n = async (table: 'students' | 'seasons' | 'activities' | 'partners') =>
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n
      return [await n('students'), await n('seasons'), await n('activities'), await n('partners')]
    }
    const before = await count()
    await expect(seedDemo(db)).rejects.toThrow(/empty/)
    expect(await count()).toEqual(before)
  })
})

const TZ = 'Asia/Shanghai'

function seasonNamed(slug: string, title: string) {
  return db
    .selectFrom('seasons')
    .innerJoin('schools', 'schools.id', 'seasons.school_id')
    .innerJoin('academic_years', 'academic_years.id', 'seasons.academic_year_id')
    .innerJoin('users as owner', 'owner.id', 'seasons.owner_id')
    .select([
      'seasons.id',
      'seasons.school_id as schoolId',
      'seasons.title',
      'seasons.slogan',
      'seasons.starts_on as startsOn',
      'seasons.ends_on as endsOn',
      'seasons.status',
      'seasons.copied_from_id as copiedFromId',
      'academic_years.name as year',
      'owner.username as owner',
    ])
    .where('schools.slug', '=', slug)
    .where('seasons.title', '=', title)
    .executeTakeFirstOrThrow()
}

const SPRING = '春·播感恩季'
const SPRING_2027 = '春·播感恩季（2027）'
const QINGMING = '「铭记藻北历史」清明系列主题活动'

/** The activity of a season whose title contains `part`, with its targets and partners. */
async function activityOf(seasonId: number, part: string) {
  const activity = await db
    .selectFrom('activities')
    .selectAll()
    .where('season_id', '=', seasonId)
    .where('title', 'like', `%${part}%`)
    .executeTakeFirstOrThrow()
  const [grades, partners, staff, tasks] = await Promise.all([
    db
      .selectFrom('activity_grades')
      .innerJoin('grades', 'grades.id', 'activity_grades.grade_id')
      .select('grades.level')
      .where('activity_grades.activity_id', '=', activity.id)
      .orderBy('grades.level')
      .execute(),
    db
      .selectFrom('activity_partners')
      .innerJoin('partners', 'partners.id', 'activity_partners.partner_id')
      .select(['partners.name', 'partners.category', 'activity_partners.role'])
      .where('activity_partners.activity_id', '=', activity.id)
      .orderBy('partners.id')
      .execute(),
    db
      .selectFrom('activity_staff')
      .innerJoin('users', 'users.id', 'activity_staff.user_id')
      .select(['users.username', 'users.role', 'users.display_name as displayName'])
      .where('activity_staff.activity_id', '=', activity.id)
      .execute(),
    db
      .selectFrom('activity_tasks')
      .select(['title', 'done_at as doneAt'])
      .where('activity_id', '=', activity.id)
      .orderBy('position')
      .execute(),
  ])
  return { ...activity, levels: grades.map((g) => g.level), partners, staff, tasks }
}

async function conflictContext(schoolId: number, season: { startsOn: string; endsOn: string }) {
  const [daysOff, classes] = await Promise.all([
    db
      .selectFrom('school_days_off')
      .select(['name', 'starts_on as startsOn', 'ends_on as endsOn'])
      .where('school_id', '=', schoolId)
      .execute(),
    db.selectFrom('classes').select(['id', 'grade_id']).where('school_id', '=', schoolId).execute(),
  ])
  return {
    timeZone: TZ,
    season,
    daysOff,
    gradeOfClass: new Map(classes.map((c) => [c.id, c.grade_id])),
  }
}

describe('demo planning', () => {
  it('gives jiwang the 2026 春·播感恩季, published, for March 2026', async () => {
    expect(await seasonNamed('jiwang', SPRING)).toMatchObject({
      schoolId: await schoolId('jiwang'),
      slogan: '策马笃行启新章，感恩润心伴成长',
      startsOn: '2026-03-02',
      endsOn: '2026-03-31',
      status: 'published',
      copiedFromId: null,
      year: '2025-2026',
      owner: 'jw-teacher',
    })
  })

  it('splits 春·播感恩季 into four strands, each served to a pair of grades', async () => {
    const season = await seasonNamed('jiwang', SPRING)
    const strands = await db
      .selectFrom('strands')
      .select(['id', 'title', 'slogan', 'position'])
      .where('season_id', '=', season.id)
      .orderBy('position')
      .execute()
    const grades = await db
      .selectFrom('strand_grades')
      .innerJoin('grades', 'grades.id', 'strand_grades.grade_id')
      .select(['strand_grades.strand_id as strandId', 'grades.level'])
      .where(
        'strand_grades.strand_id',
        'in',
        strands.map((s) => s.id),
      )
      .orderBy('grades.level')
      .execute()
    expect(
      strands.map((s) => ({
        title: s.title,
        slogan: s.slogan,
        levels: grades.filter((g) => g.strandId === s.id).map((g) => g.level),
      })),
    ).toEqual([
      { title: '感恩父母', slogan: '感恩父母·指尖传爱·孝暖庭闱', levels: [1, 6] },
      { title: '感恩生命', slogan: '感恩生命·心绘韶光·向阳而生', levels: [2, 7] },
      { title: '感恩自然', slogan: '探微知宏，艺护共生', levels: [2, 4] },
      { title: '感恩社会', slogan: '心怀国之大者，勇担时代使命', levels: [5, 8] },
    ])
    expect(strands.map((s) => s.position)).toEqual([1, 2, 3, 4])
  })

  it('reaches every grade each strand targets, in every demo season', async () => {
    const targeted = await db
      .selectFrom('strand_grades')
      .innerJoin('strands', 'strands.id', 'strand_grades.strand_id')
      .select([
        'strands.id as strandId',
        'strands.season_id as seasonId',
        'strand_grades.grade_id as gradeId',
      ])
      .execute()
    const reached = await db
      .selectFrom('activities')
      .innerJoin('activity_grades', 'activity_grades.activity_id', 'activities.id')
      .select(['activities.strand_id as strandId', 'activity_grades.grade_id as gradeId'])
      .unionAll(
        db
          .selectFrom('activities')
          .innerJoin('activity_classes', 'activity_classes.activity_id', 'activities.id')
          .innerJoin('classes', 'classes.id', 'activity_classes.class_id')
          .select(['activities.strand_id as strandId', 'classes.grade_id as gradeId']),
      )
      .execute()
    const reachedKeys = new Set(reached.map((r) => `${r.strandId}:${r.gradeId}`))
    expect(new Set(targeted.map((t) => t.seasonId)).size).toBe(4)
    expect(targeted.filter((t) => !reachedKeys.has(`${t.strandId}:${t.gradeId}`))).toEqual([])
  })

  it('weaves the grade-1 and grade-6 gifts into 陶艺课 and 劳技课, the bouquets just before 妇女节', async () => {
    const season = await seasonNamed('jiwang', SPRING)
    const pottery = await activityOf(season.id, '陶艺感恩花束')
    expect(pottery).toMatchObject({
      kind: 'workshop',
      lesson: '陶艺课',
      observance: 'womens-day',
      levels: [1],
    })
    expect(localDay(pottery.starts_at, TZ) < '2026-03-08').toBe(true)
    expect(await activityOf(season.id, '手串')).toMatchObject({
      kind: 'workshop',
      lesson: '劳技课',
      levels: [6],
    })
  })

  it('has the psychology teacher lead grade 2 and counsel grade 7 in 心理课', async () => {
    const season = await seasonNamed('jiwang', SPRING)
    const lecture = await activityOf(season.id, '遇见独一无二的我')
    const counselling = await activityOf(season.id, '绘制我的高光时刻')
    expect(lecture).toMatchObject({ kind: 'lecture', levels: [2] })
    expect(counselling).toMatchObject({ kind: 'counselling', lesson: '心理课', levels: [7] })
    const psychologist = await db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('username', '=', 'jw-psychology')
      .executeTakeFirstOrThrow()
    expect(psychologist.role).toBe('teacher')
    expect([lecture.organiser_id, counselling.organiser_id]).toEqual([psychologist.id, psychologist.id])
  })

  it('brings 汪洁 to the grade-2 screening as a guest', async () => {
    const season = await seasonNamed('jiwang', SPRING)
    const screening = await activityOf(season.id, '地磁倒转')
    expect(screening).toMatchObject({ kind: 'screening', levels: [2] })
    expect(screening.partners).toEqual([{ name: '汪洁', category: 'expert', role: 'guest' }])
  })

  it('sends 40 grade-5 volunteers off campus to 银杏社区 and the care home on 学雷锋日', async () => {
    const season = await seasonNamed('jiwang', SPRING)
    const service = await activityOf(season.id, '学雷锋')
    expect(service).toMatchObject({
      kind: 'service',
      off_campus: 1,
      needs_consent: 1,
      capacity: 40,
      practice_category: 'public_service',
      practice_hours: 2,
      observance: 'lei-feng-day',
      levels: [5],
      status: 'published',
    })
    expect(localDay(service.starts_at, TZ)).toBe('2026-03-05')
    expect(service.partners).toEqual(
      expect.arrayContaining([
        { name: '银杏社区', category: 'community', role: 'partner' },
        expect.objectContaining({ category: 'care_home', role: 'partner' }),
      ]),
    )
    expect(service.tasks).toContainEqual({ title: '校外活动安全预案', doneAt: expect.any(String) })
    const organiser = await db
      .selectFrom('users')
      .select('username')
      .where('id', '=', service.organiser_id!)
      .executeTakeFirstOrThrow()
    expect(organiser.username).toBe('jw-teacher')
    expect(service.staff.map((s) => s.username)).toEqual(expect.arrayContaining(['jw-t-0501', 'jw-t-0503']))
  })

  it('holds the grade-8 speech contest for 8 class representatives, the Party secretary presenting', async () => {
    const season = await seasonNamed('jiwang', SPRING)
    const contest = await activityOf(season.id, 'TED')
    expect(contest).toMatchObject({ kind: 'contest', capacity: 8, levels: [8] })
    expect(contest.description).toContain('智能时代的国防新边界')
    expect(contest.description).toContain('动荡世界里的中国国防')
    expect(contest.staff).toContainEqual({
      username: 'jw-secretary',
      role: 'admin',
      displayName: expect.stringContaining('党支部书记'),
    })
  })

  it('gives zaobei its Qingming series: the ceremony on 31 March for every grade, the study tour on 2 April', async () => {
    const season = await seasonNamed('zaobei', QINGMING)
    expect(season).toMatchObject({ status: 'published', year: '2025-2026', owner: 'zb-teacher' })
    const ceremony = await activityOf(season.id, '升旗仪式')
    expect(ceremony).toMatchObject({ kind: 'ceremony', observance: 'qingming', levels: [1, 2, 3, 4, 5] })
    expect(localDay(ceremony.starts_at, TZ)).toBe('2026-03-31')
    expect(ceremony.starts_at).toBe('2026-03-31T00:00:00.000Z')
    expect(ceremony.description).toContain('李西坪')

    const docents = await activityOf(season.id, '纪念广场')
    expect(docents).toMatchObject({ venue: '学校纪念广场', observance: 'qingming' })
    await activityOf(season.id, '红色宣讲员')
    await activityOf(season.id, '红色数字探秘')

    const tour = await activityOf(season.id, '追寻红色足迹·凝聚网格合力')
    expect(tour).toMatchObject({ kind: 'study_tour', off_campus: 1, needs_consent: 1 })
    expect(localDay(tour.starts_at, TZ)).toBe('2026-04-02')
    expect(tour.partners.filter((p) => p.category === 'party_branch').map((p) => p.name)).toEqual([
      expect.stringMatching(/^顾村镇.+党支部$/),
      expect.stringMatching(/^顾村镇.+党支部$/),
      expect.stringMatching(/^顾村镇.+党支部$/),
    ])
  })

  it('gives huaishao a published exchange with the parents of 大四班', async () => {
    const [season] = await db
      .selectFrom('seasons')
      .select(['id', 'status'])
      .where('school_id', '=', await schoolId('huaishao'))
      .execute()
    expect(season?.status).toBe('published')
    const forum = await activityOf(season!.id, '嘉家分享社团')
    const classes = await db
      .selectFrom('activity_classes')
      .innerJoin('classes', 'classes.id', 'activity_classes.class_id')
      .select('classes.name')
      .where('activity_classes.activity_id', '=', forum.id)
      .execute()
    expect(classes).toEqual([{ name: '大四班' }])
    expect(forum.partners.map((p) => p.category)).toEqual(['other', 'parent_volunteer'])
  })

  it('fills each school’s talent pool, with a patriotic-education base where a school goes on study tours', async () => {
    const partners = await db
      .selectFrom('partners')
      .innerJoin('schools', 'schools.id', 'partners.school_id')
      .select(['schools.slug', 'partners.name', 'partners.category', 'partners.patriotic_base as base'])
      .execute()
    const of = (slug: string) => partners.filter((p) => p.slug === slug)
    expect(of('jiwang').map((p) => p.name)).toEqual(expect.arrayContaining(['银杏社区', '汪洁']))
    expect(of('jiwang').some((p) => p.category === 'care_home')).toBe(true)
    expect(of('jiwang').some((p) => p.category === 'parent_volunteer')).toBe(true)
    expect(of('jiwang').some((p) => p.base === 1)).toBe(true)
    expect(of('zaobei').filter((p) => p.category === 'party_branch')).toHaveLength(3)
    expect(of('zaobei').some((p) => p.base === 1)).toBe(true)
    expect(of('huaishao').map((p) => p.name)).toContain('嘉定区家委会「嘉家分享社团」')
  })

  it('records submit, approve and publish of each published season, before it starts', async () => {
    const seasons = await db
      .selectFrom('seasons')
      .innerJoin('users as owner', 'owner.id', 'seasons.owner_id')
      .select(['seasons.id', 'seasons.starts_on as startsOn', 'owner.username as owner'])
      .where('seasons.status', '=', 'published')
      .execute()
    // The articles' three seasons and each school's programme of the weeks ahead.
    expect(seasons).toHaveLength(6)
    for (const season of seasons) {
      const reviews = await db
        .selectFrom('reviews')
        .innerJoin('users', 'users.id', 'reviews.actor_id')
        .select([
          'reviews.action',
          'users.username',
          'users.role',
          'reviews.created_at as at',
          'reviews.snapshot',
        ])
        .where('reviews.entity', '=', 'season')
        .where('reviews.entity_id', '=', season.id)
        .orderBy('reviews.id')
        .execute()
      expect(reviews.map((r) => r.action)).toEqual(['submitted', 'approved', 'published'])
      expect(reviews[0]!.username).toBe(season.owner)
      expect(reviews.slice(1).map((r) => r.role)).toEqual(['admin', 'admin'])
      expect(reviews.map((r) => r.at)).toEqual(reviews.map((r) => r.at).sort())
      expect(reviews.at(-1)!.at < season.startsOn).toBe(true)
      expect(reviews.every((r) => r.snapshot === null)).toBe(true)
    }
  })

  it('leaves the 2027 copy of 春·播感恩季 in jiwang’s review queue and jw-admin’s inbox', async () => {
    const jiwang = await schoolId('jiwang')
    const [spring, copy] = await Promise.all([
      seasonNamed('jiwang', SPRING),
      seasonNamed('jiwang', SPRING_2027),
    ])
    expect(copy).toMatchObject({
      status: 'submitted',
      copiedFromId: spring.id,
      year: '2026-2027',
      owner: 'jw-teacher',
    })
    const queue = await listReviewQueue(db, { schoolId: jiwang })
    expect(queue.seasons).toEqual([
      expect.objectContaining({ id: copy.id, title: SPRING_2027, activityCount: 8 }),
    ])
    expect(queue.activities).toEqual([])
    const statuses = await db
      .selectFrom('activities')
      .select('status')
      .distinct()
      .where('season_id', '=', copy.id)
      .execute()
    expect(statuses).toEqual([{ status: 'submitted' }])
    const reviews = await db
      .selectFrom('reviews')
      .innerJoin('users', 'users.id', 'reviews.actor_id')
      .select(['reviews.action', 'users.username'])
      .where('reviews.entity', '=', 'season')
      .where('reviews.entity_id', '=', copy.id)
      .execute()
    expect(reviews).toEqual([{ action: 'submitted', username: 'jw-teacher' }])
    const inbox = await db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select([
        'notifications.kind',
        'notifications.entity',
        'notifications.entity_id',
        'notifications.params',
      ])
      .where('users.username', '=', 'jw-admin')
      .where('notifications.read_at', 'is', null)
      .execute()
    expect(inbox).toEqual([
      {
        kind: 'season-submitted',
        entity: 'season',
        entity_id: copy.id,
        params: JSON.stringify({ title: SPRING_2027 }),
      },
    ])
    // The other schools have nothing waiting.
    for (const slug of ['zaobei', 'huaishao']) {
      expect((await listReviewQueue(db, { schoolId: await schoolId(slug) })).seasons).toEqual([])
    }
  })

  it('dates the copy as the app’s season copy would, its checklists still to do', async () => {
    const jiwang = await schoolId('jiwang')
    const [spring, copy] = await Promise.all([
      seasonNamed('jiwang', SPRING),
      seasonNamed('jiwang', SPRING_2027),
    ])
    expect([copy.startsOn, copy.endsOn]).toEqual([shiftDay(spring.startsOn, 1), shiftDay(spring.endsOn, 1)])
    const [before, after] = await Promise.all([
      listActivitiesOfSeason(db, { schoolId: jiwang, seasonId: spring.id }),
      listActivitiesOfSeason(db, { schoolId: jiwang, seasonId: copy.id }),
    ])
    expect(after).toHaveLength(before.length)
    for (const original of before) {
      const copied = after.find((a) => a.title === original.title)!
      const observance = original.observance as Parameters<typeof shiftInstant>[3]
      expect(copied.startsAt).toBe(shiftInstant(original.startsAt, TZ, 1, observance))
      expect(copied.endsAt).toBe(shiftInstant(original.endsAt, TZ, 1, observance))
      expect(copied).toMatchObject({
        kind: original.kind,
        observance: original.observance,
        gradeIds: original.gradeIds,
        venue: original.venue,
      })
    }
    const pottery = after.find((a) => a.title === '陶艺感恩花束')!
    expect(localDay(pottery.startsAt, TZ)).toBe('2027-03-06')
    const done = await db
      .selectFrom('activity_tasks')
      .innerJoin('activities', 'activities.id', 'activity_tasks.activity_id')
      .select('activity_tasks.id')
      .where('activities.season_id', '=', copy.id)
      .where('activity_tasks.done_at', 'is not', null)
      .execute()
    expect(done).toEqual([])
  })

  it('schedules every activity inside its season, on school days and without clashes', async () => {
    const seasons = await db
      .selectFrom('seasons')
      .select(['id', 'school_id as schoolId', 'title', 'starts_on as startsOn', 'ends_on as endsOn'])
      .execute()
    expect(seasons).toHaveLength(7)
    for (const season of seasons) {
      const activities = await listActivitiesOfSeason(db, { schoolId: season.schoolId, seasonId: season.id })
      expect(activities.length).toBeGreaterThan(0)
      for (const activity of activities) {
        expect(localDay(activity.startsAt, TZ) >= season.startsOn).toBe(true)
        expect(localDay(activity.endsAt, TZ) <= season.endsOn).toBe(true)
        expect(activity.startsAt < activity.endsAt).toBe(true)
      }
      const conflicts = findAllConflicts(activities, await conflictContext(season.schoolId, season))
      const found = [...conflicts].map(([id, list]) => ({
        title: activities.find((a) => a.id === id)!.title,
        kinds: list.map((c) => c.kind),
      }))
      // The bouquets stay two days before 妇女节, which falls on a Saturday in 2027: the reviewer should see it.
      expect(found).toEqual(
        season.title === SPRING_2027 ? [{ title: '陶艺感恩花束', kinds: ['weekend'] }] : [],
      )
    }
  })

  it('keeps every planning row inside its own school, staffed by staff', async () => {
    const foreign = await Promise.all([
      db
        .selectFrom('activities')
        .innerJoin('seasons', 'seasons.id', 'activities.season_id')
        .innerJoin('users', 'users.id', 'activities.organiser_id')
        .select('activities.id')
        .where((eb) =>
          eb.or([
            eb('seasons.school_id', '!=', eb.ref('activities.school_id')),
            eb('users.school_id', '!=', eb.ref('activities.school_id')),
            eb('users.role', '=', 'parent'),
          ]),
        )
        .execute(),
      db
        .selectFrom('activity_staff')
        .innerJoin('activities', 'activities.id', 'activity_staff.activity_id')
        .innerJoin('users', 'users.id', 'activity_staff.user_id')
        .select('activities.id')
        .where((eb) =>
          eb.or([
            eb('users.school_id', '!=', eb.ref('activities.school_id')),
            eb('users.role', '=', 'parent'),
          ]),
        )
        .execute(),
      db
        .selectFrom('activity_partners')
        .innerJoin('activities', 'activities.id', 'activity_partners.activity_id')
        .innerJoin('partners', 'partners.id', 'activity_partners.partner_id')
        .select('activities.id')
        .whereRef('partners.school_id', '!=', 'activities.school_id')
        .execute(),
      db
        .selectFrom('activity_grades')
        .innerJoin('activities', 'activities.id', 'activity_grades.activity_id')
        .innerJoin('grades', 'grades.id', 'activity_grades.grade_id')
        .select('activities.id')
        .whereRef('grades.school_id', '!=', 'activities.school_id')
        .execute(),
      db
        .selectFrom('activity_tasks')
        .innerJoin('activities', 'activities.id', 'activity_tasks.activity_id')
        .innerJoin('users', 'users.id', 'activity_tasks.owner_id')
        .select('activity_tasks.id')
        .where((eb) =>
          eb.or([
            eb('activity_tasks.school_id', '!=', eb.ref('activities.school_id')),
            eb('users.school_id', '!=', eb.ref('activities.school_id')),
            eb('users.role', '=', 'parent'),
          ]),
        )
        .execute(),
      db
        .selectFrom('strand_grades')
        .innerJoin('strands', 'strands.id', 'strand_grades.strand_id')
        .innerJoin('grades', 'grades.id', 'strand_grades.grade_id')
        .select('strands.id')
        .whereRef('grades.school_id', '!=', 'strands.school_id')
        .execute(),
    ])
    expect(foreign).toEqual([[], [], [], [], [], []])
    const unorganised = await db
      .selectFrom('activities')
      .select('id')
      .where('organiser_id', 'is', null)
      .execute()
    expect(unorganised).toEqual([])
    // As the activity form stores it, the organiser is not listed again among the staff.
    const doubled = await db
      .selectFrom('activity_staff')
      .innerJoin('activities', 'activities.id', 'activity_staff.activity_id')
      .select('activities.id')
      .whereRef('activity_staff.user_id', '=', 'activities.organiser_id')
      .execute()
    expect(doubled).toEqual([])
  })

  it('leaves some checklist items of the published seasons done and some open', async () => {
    const tasks = await db
      .selectFrom('activity_tasks')
      .innerJoin('activities', 'activities.id', 'activity_tasks.activity_id')
      .select(['activity_tasks.done_at as doneAt', 'activity_tasks.due_on as dueOn'])
      .where('activities.status', '=', 'published')
      .execute()
    expect(tasks.filter((t) => t.doneAt !== null).length).toBeGreaterThan(tasks.length / 2)
    expect(tasks.some((t) => t.doneAt === null)).toBe(true)
    expect(tasks.every((t) => t.dueOn !== null)).toBe(true)
  })

  it('adds the psychology teacher and the Party secretary without the demo password', async () => {
    const users = await db
      .selectFrom('users')
      .select(['username', 'role', 'password_hash'])
      .where('username', 'in', ['jw-psychology', 'jw-secretary'])
      .orderBy('username')
      .execute()
    expect(users.map((u) => [u.username, u.role])).toEqual([
      ['jw-psychology', 'teacher'],
      ['jw-secretary', 'admin'],
    ])
    for (const user of users) expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(false)
  })
})

describe('demo recaps', () => {
  function recapsOf(slug: string) {
    return db
      .selectFrom('recaps')
      .innerJoin('schools', 'schools.id', 'recaps.school_id')
      .leftJoin('users', 'users.id', 'recaps.author_id')
      .select([
        'recaps.id',
        'recaps.title',
        'recaps.status',
        'recaps.audience',
        'recaps.published_at',
        'users.username',
      ])
      .where('schools.slug', '=', slug)
      .orderBy('recaps.id')
      .execute()
  }

  it('gives each strand of 春·播感恩季 a recap: one public, one in review, the others for their grades', async () => {
    const recaps = await recapsOf('jiwang')
    expect(recaps).toHaveLength(4)
    expect(recaps.map((r) => [r.status, r.audience])).toEqual([
      ['published', 'grades'],
      ['published', 'grades'],
      ['published', 'public'],
      ['in_review', 'grades'],
    ])
    expect(recaps.every((r) => r.username === 'jw-teacher')).toBe(true)
    expect(recaps.filter((r) => r.published_at !== null)).toHaveLength(3)
    const grades = await db
      .selectFrom('recap_grades')
      .innerJoin('grades', 'grades.id', 'recap_grades.grade_id')
      .select(['recap_grades.recap_id', 'grades.level'])
      .where(
        'recap_grades.recap_id',
        'in',
        recaps.map((r) => r.id),
      )
      .orderBy('grades.level')
      .execute()
    const levelsOf = (index: number) =>
      grades.filter((g) => g.recap_id === recaps[index]?.id).map((g) => g.level)
    expect([levelsOf(0), levelsOf(1), levelsOf(3)]).toEqual([
      [1, 6],
      [2, 7],
      [5, 8],
    ])
  })

  it('links each recap to the activities it tells of, and keeps its review history', async () => {
    const [recap] = await recapsOf('zaobei')
    expect(recap?.audience).toBe('parents')
    const [links, events] = await Promise.all([
      db
        .selectFrom('recap_activities')
        .select('activity_id')
        .where('recap_id', '=', recap?.id ?? 0)
        .execute(),
      db
        .selectFrom('recap_events')
        .innerJoin('users', 'users.id', 'recap_events.actor_id')
        .select(['recap_events.action', 'users.username'])
        .where('recap_id', '=', recap?.id ?? 0)
        .orderBy('recap_events.id')
        .execute(),
    ])
    expect(links).toHaveLength(4)
    expect(events.map((e) => [e.action, e.username])).toEqual([
      ['created', 'zb-teacher'],
      ['submitted', 'zb-teacher'],
      ['published', 'zb-admin'],
    ])
  })
})

describe('fictional names', () => {
  it('are deterministic for a seed', () => {
    const a = createRandom(7)
    const b = createRandom(7)
    const names = Array.from({ length: 20 }, () => fictionalName(a))
    expect(Array.from({ length: 20 }, () => fictionalName(b))).toEqual(names)
  })
})

/** Independent of the seed's own helpers: a weekday inside a term and outside every day off. */
function isSchoolDayIn(day: string, terms: DayRows, daysOff: DayRows): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  const inside = (r: DayRows[number]) => r.starts_on <= day && day <= r.ends_on
  return weekday !== 0 && weekday !== 6 && terms.some(inside) && !daysOff.some(inside)
}

type DayRows = { starts_on: string; ends_on: string }[]

const plus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

describe.each([
  { at: '2027-02-20T10:00:00+08:00', today: '2027-02-20', spring: 2026, holiday: true },
  { at: '2027-03-10T10:00:00+08:00', today: '2027-03-10', spring: 2026, holiday: false },
  // The last day of the spring term, before its class meetings: the summer holidays are close.
  { at: '2027-07-02T07:00:00+08:00', today: '2027-07-02', spring: 2027, holiday: false },
  { at: '2027-08-10T10:00:00+08:00', today: '2027-08-10', spring: 2027, holiday: true },
  { at: '2027-10-20T10:00:00+08:00', today: '2027-10-20', spring: 2027, holiday: false },
])('the demo seeded on $today', ({ at, today, spring, holiday }) => {
  let dated: Kysely<Database>
  let datedDir: string
  const now = new Date(at).toISOString()

  beforeAll(async () => {
    datedDir = mkdtempSync(join(tmpdir(), 'siji-dated-'))
    dated = createDb(join(datedDir, 't.db'))
    await migrateToLatest(dated)
    const pinned = process.env.SIJI_NOW
    process.env.SIJI_NOW = at
    try {
      await seedDemo(dated)
    } finally {
      process.env.SIJI_NOW = pinned
    }
  })

  afterAll(async () => {
    await dated.destroy()
    rmSync(datedDir, { recursive: true, force: true })
  })

  async function calendarOf(schoolId: number) {
    const [terms, daysOff] = await Promise.all([
      dated.selectFrom('terms').select(['starts_on', 'ends_on']).where('school_id', '=', schoolId).execute(),
      dated
        .selectFrom('school_days_off')
        .select(['starts_on', 'ends_on'])
        .where('school_id', '=', schoolId)
        .execute(),
    ])
    return { terms, daysOff }
  }

  it('has the year with the last spring that has passed and the next one, one of them holding today', async () => {
    const years = await dated
      .selectFrom('academic_years')
      .select(['school_id', 'name', 'starts_on', 'ends_on'])
      .orderBy('school_id')
      .orderBy('starts_on')
      .execute()
    expect(years.map((y) => y.name)).toEqual(
      Array(3)
        .fill([`${spring - 1}-${spring}`, `${spring}-${spring + 1}`])
        .flat(),
    )
    for (const schoolId of new Set(years.map((y) => y.school_id))) {
      const current = years.filter(
        (y) => y.school_id === schoolId && y.starts_on <= today && today <= y.ends_on,
      )
      expect(current).toHaveLength(1)
    }
  })

  it('gives every grade of every school a published activity in the next 21 days, or in a holiday in the next term’s first week', async () => {
    const schools = await dated.selectFrom('schools').select(['id', 'slug']).execute()
    expect(schools).toHaveLength(3)
    for (const school of schools) {
      const { terms, daysOff } = await calendarOf(school.id)
      const inTerm = terms.some((t) => t.starts_on <= today && today <= t.ends_on)
      expect(inTerm).toBe(!holiday)
      // The last day it may come: 21 days on in term time; in a holiday, the Sunday ending the next
      // term's first school week.
      let next = plus(today, 1)
      while (!isSchoolDayIn(next, terms, daysOff)) next = plus(next, 1)
      if (holiday) expect(terms.some((t) => t.starts_on <= next && next < plus(t.starts_on, 7))).toBe(true)
      const latest = holiday
        ? plus(next, (7 - new Date(`${next}T00:00:00Z`).getUTCDay()) % 7)
        : plus(today, 21)

      const grades = await dated
        .selectFrom('grades')
        .select(['id', 'level'])
        .where('school_id', '=', school.id)
        .execute()
      const covered = await dated
        .selectFrom('activities')
        .innerJoin('activity_grades', 'activity_grades.activity_id', 'activities.id')
        .select('activity_grades.grade_id')
        .distinct()
        .where('activities.school_id', '=', school.id)
        .where('activities.status', '=', 'published')
        .where('activities.starts_at', '>', now)
        .where('activities.starts_at', '<', new Date(`${plus(latest, 1)}T00:00:00+08:00`).toISOString())
        .execute()
      expect(covered.map((c) => c.grade_id).sort()).toEqual(grades.map((g) => g.id).sort())
      // Every published activity ahead is on a school day.
      const ahead = await dated
        .selectFrom('activities')
        .select('starts_at')
        .where('school_id', '=', school.id)
        .where('status', '=', 'published')
        .where('starts_at', '>', now)
        .execute()
      for (const a of ahead) expect(isSchoolDayIn(localDay(a.starts_at, TZ), terms, daysOff)).toBe(true)
    }
  })

  it('keeps 五(2)班’s notice window open today', async () => {
    const windows = await dated
      .selectFrom('notice_windows')
      .innerJoin('classes', 'classes.id', 'notice_windows.class_id')
      .select(['classes.name', 'notice_windows.opens_on', 'notice_windows.closes_on'])
      .execute()
    expect(windows).toHaveLength(1)
    expect(windows[0]!.name).toBe('五(2)班')
    expect(windows[0]!.opens_on <= today && today <= windows[0]!.closes_on).toBe(true)
  })

  it('leaves jw-parent a consent to give for a visit ahead, which /family lists as upcoming and waiting', async () => {
    const parent = await dated
      .selectFrom('users')
      .select(['id', 'school_id'])
      .where('username', '=', 'jw-parent')
      .executeTakeFirstOrThrow()
    const waiting = await dated
      .selectFrom('consents')
      .innerJoin('guardianships', 'guardianships.student_id', 'consents.student_id')
      .innerJoin('activities', 'activities.id', 'consents.activity_id')
      .select([
        'consents.student_id',
        'activities.id',
        'activities.starts_at',
        'activities.consent_due_on as dueOn',
      ])
      .where('guardianships.guardian_id', '=', parent.id)
      .where('consents.status', '=', 'requested')
      .where('activities.status', '=', 'published')
      .where('activities.needs_consent', '=', 1)
      .where('activities.starts_at', '>', now)
      .execute()
    expect(waiting).toHaveLength(1)
    expect(waiting[0]!.dueOn! >= today).toBe(true)

    const children = await dated
      .selectFrom('guardianships')
      .innerJoin('students', 'students.id', 'guardianships.student_id')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .select(['students.id', 'classes.grade_id as gradeId', 'students.class_id as classId'])
      .where('guardianships.guardian_id', '=', parent.id)
      .execute()
    const portal = await loadFamilyPortal(dated, {
      schoolId: parent.school_id,
      guardianId: parent.id,
      children,
      now: new Date(at),
      today,
    })
    for (const child of children) expect(portal.children.upcoming.get(child.id)?.length).toBeGreaterThan(0)
    const visit = waiting[0]!
    // /family lists two months ahead: on the last morning of a term the visit waits in the next one.
    const listed = Date.parse(visit.starts_at) < Date.parse(now) + 60 * 86_400_000
    expect(listed).toBe(today !== '2027-07-02')
    expect(portal.children.upcoming.get(visit.student_id)?.some((a) => a.id === visit.id)).toBe(listed)
    expect(portal.children.consents.get(visit.student_id)).toHaveLength(1)
  })

  it('records only activities that have passed, the spring season in the last spring', async () => {
    const season = await dated
      .selectFrom('seasons')
      .select(['id', 'starts_on'])
      .where('title', '=', SPRING)
      .executeTakeFirstOrThrow()
    expect(season.starts_on.slice(0, 4)).toBe(String(spring))
    const rows = await dated
      .selectFrom('participations')
      .innerJoin('activities', 'activities.id', 'participations.activity_id')
      .select(['activities.season_id', 'activities.ends_at'])
      .execute()
    expect(rows.filter((r) => r.season_id === season.id).length).toBeGreaterThan(0)
    expect(rows.filter((r) => r.ends_at >= now)).toEqual([])
  })

  it('titles the copy waiting for review with the year of its spring, submitted before now', async () => {
    const copy = await dated
      .selectFrom('seasons')
      .select(['id', 'title', 'starts_on', 'status'])
      .where('copied_from_id', 'is not', null)
      .executeTakeFirstOrThrow()
    expect(copy).toMatchObject({ title: `春·播感恩季（${spring + 1}）`, status: 'submitted' })
    expect(copy.starts_on.slice(0, 4)).toBe(String(spring + 1))
    const reviews = await dated
      .selectFrom('reviews')
      .select('created_at')
      .where('entity', '=', 'season')
      .where('entity_id', '=', copy.id)
      .execute()
    expect(reviews.map((r) => r.created_at < now)).toEqual([true])
  })
})
