import { beforeAll, describe, expect, it } from 'vitest'
import type { PlanStatus, Student } from '../../db/schema'
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
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
  shanghaiInstant,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// Awards, the ceremony sheet and certificates through the real request handler. A school of this
// file's own (slug awards-it) holds every row asserted on; the demo schools serve only as "another
// school". The grade-8 speech contest: 8 speakers of 八(1)班 and 八(2)班 attended, one pupil was absent.

const ids = {} as Record<
  'school' | 'teacher' | 'season' | 'class1' | 'class2' | 'class3' | 'contest' | 'draft',
  number
>
const cookies = {} as Record<'admin' | 'teacher' | 'parent' | 'jwTeacher' | 'jwParent', string>
let speakers: Student[] = []
let absentee: Student
let foreignPupil: number
const DAY = '2026-04-15'

beforeAll(async () => {
  const { db, signIn } = await getTestApp()
  const school = await createSchool(db, {
    slug: 'awards-it',
    name: '获奖测试学校',
    district: '闵行区',
    kind: 'nine_year',
  })
  ids.school = school.id
  const grade8 = school.grades.find((g) => g.level === 8)?.id as number
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const user = (role: 'admin' | 'teacher' | 'parent', username: string) =>
    createUser(db, { schoolId: school.id, role, username, displayName: username, passwordHash })
  const admin = await user('admin', 'aw-admin')
  const teacher = await user('teacher', 'aw-teacher')
  const parent = await user('parent', 'aw-parent')
  ids.teacher = teacher.id
  const year = await createAcademicYear(db, {
    schoolId: school.id,
    name: '2025学年',
    startsOn: '2025-09-01',
    endsOn: '2026-06-30',
  })
  ids.season = await createSeason(db, {
    schoolId: school.id,
    academicYearId: year.id,
    title: '获奖测试·春季',
    startsOn: '2026-03-01',
    endsOn: '2026-06-30',
    ownerId: admin.id,
    status: 'approved',
  })
  const random = createRandom(818)
  const taken = new Set<string>()
  const pupilsOf = async (number: number) => {
    const schoolClass = await createClass(db, { schoolId: school.id, gradeId: grade8, number })
    const pupils = await createStudents(db, {
      schoolId: school.id,
      classId: schoolClass.id,
      count: 5,
      startNumber: number * 10,
      random,
      taken,
      names: Array.from({ length: 5 }, (_, i) => `获奖测试${number}班${i + 1}`),
    })
    return { classId: schoolClass.id, pupils }
  }
  const one = await pupilsOf(1)
  const two = await pupilsOf(2)
  const three = await pupilsOf(3)
  ids.class1 = one.classId
  ids.class2 = two.classId
  ids.class3 = three.classId
  speakers = [...one.pupils.slice(0, 4), ...two.pupils.slice(0, 4)]
  absentee = one.pupils[4] as Student
  await linkGuardian(db, { guardianId: parent.id, studentId: (speakers[0] as Student).id, relation: '母亲' })

  ids.contest = await makeActivity('国防教育主题演讲比赛', 'approved')
  const rows = [
    ...speakers.map((p) => ({
      studentId: p.id,
      classId: p.class_id,
      status: 'attended' as const,
      role: 'speaker' as const,
    })),
    { studentId: absentee.id, classId: absentee.class_id, status: 'absent' as const },
  ]
  await createParticipations(db, { schoolId: school.id, activityId: ids.contest, rows })
  ids.draft = await makeActivity('获奖测试·草稿活动', 'draft')
  await createParticipations(db, { schoolId: school.id, activityId: ids.draft, rows })

  const jiwangPupil = await db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', 1)
    .executeTakeFirstOrThrow()
  foreignPupil = jiwangPupil.id
  cookies.admin = await signIn('aw-admin')
  cookies.teacher = await signIn('aw-teacher')
  cookies.parent = await signIn('aw-parent')
  cookies.jwTeacher = await signIn('jw-teacher')
  cookies.jwParent = await signIn('jw-parent')
})

async function makeActivity(title: string, status: PlanStatus, withParticipants = false) {
  const { db } = await getTestApp()
  const id = await createActivity(db, {
    schoolId: ids.school,
    seasonId: ids.season,
    title,
    kind: 'contest',
    startsAt: shanghaiInstant(DAY, '14:00'),
    endsAt: shanghaiInstant(DAY, '16:00'),
    venue: '报告厅',
    status,
    classIds: [ids.class1, ids.class2],
  })
  if (withParticipants) {
    await createParticipations(db, {
      schoolId: ids.school,
      activityId: id,
      rows: speakers.map((p) => ({ studentId: p.id, classId: p.class_id, status: 'attended' as const })),
    })
  }
  return id
}

async function awardsOf(activityId: number) {
  const { db } = await getTestApp()
  const awards = await db
    .selectFrom('awards')
    .select(['id', 'title', 'level', 'recipient_kind', 'class_id', 'team_name', 'position', 'presenter_name'])
    .where('activity_id', '=', activityId)
    .orderBy('position')
    .execute()
  const recipients = awards.length
    ? await db
        .selectFrom('award_recipients')
        .select(['award_id', 'student_id', 'class_id'])
        .where(
          'award_id',
          'in',
          awards.map((a) => a.id),
        )
        .execute()
    : []
  return awards.map((award) => ({ ...award, recipients: recipients.filter((r) => r.award_id === award.id) }))
}

const shared = {
  title: '国防教育主题演讲比赛',
  scope: 'school',
  awardedOn: DAY,
  presenterTitle: '党支部书记',
  presenterName: '陆书记',
}

async function post(activityId: number, values: Record<string, string>, cookie = cookies.teacher) {
  const { request } = await getTestApp()
  return request(`/activities/${activityId}/awards`, { ...form(values), cookie })
}

/** The results form: `levels[i]` for speaker i ('' = no award). */
function results(levels: string[], extra: Record<string, string> = {}, pupils: { id: number }[] = speakers) {
  const values: Record<string, string> = { intent: 'results', ...shared, ...extra }
  pupils.forEach((pupil, i) => {
    values[`rows[${i}].studentId`] = String(pupil.id)
    values[`rows[${i}].level`] = levels[i] ?? ''
  })
  return values
}

describe('entering a contest’s results', () => {
  it('lists the participants, not the absent pupil', async () => {
    const { request } = await getTestApp()
    const response = await request(`/activities/${ids.contest}/awards`, { cookie: cookies.teacher })
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const pupil of speakers) expect(html).toContain(pupil.name)
    expect(html).not.toContain(absentee.name)
  })

  it('stores 8 speakers’ results in one post, lowest level presented first', async () => {
    const activityId = await makeActivity('获奖测试·八人结果', 'approved', true)
    const levels = ['special', 'first', 'first', 'second', 'second', 'third', 'merit', 'merit']
    const response = await post(activityId, results(levels, { 'rows[0].citation': '慷慨激昂，感染全场' }))
    expect(response.status).toBe(302)
    const awards = await awardsOf(activityId)
    expect(awards).toHaveLength(8)
    expect(awards.map((a) => a.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(awards.map((a) => a.level)).toEqual([
      'merit',
      'merit',
      'third',
      'second',
      'second',
      'first',
      'first',
      'special',
    ])
    expect(awards.every((a) => a.recipient_kind === 'pupil' && a.recipients.length === 1)).toBe(true)
    const top = awards.at(-1)
    expect(top?.recipients[0]).toMatchObject({ student_id: speakers[0]?.id, class_id: ids.class1 })
    expect(top?.presenter_name).toBe('陆书记')
  })

  it('refuses a level not in the list, with a message next to the row, storing nothing', async () => {
    const activityId = await makeActivity('获奖测试·错误等级', 'approved', true)
    const response = await post(activityId, results(['first', '最佳风采奖']))
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('这个等级不在本比赛的等级列表中。')
    expect(await awardsOf(activityId)).toEqual([])
  })

  it('refuses another school’s pupil and an absent pupil, storing nothing', async () => {
    const activityId = await makeActivity('获奖测试·冒名', 'approved', true)
    for (const stranger of [foreignPupil, absentee.id]) {
      const response = await post(
        activityId,
        results(['first', 'first'], {}, [speakers[0] as Student, { id: stranger }]),
      )
      expect(response.status).toBe(400)
      expect(await response.text()).toContain('获奖学生须是本活动记为出席的本校学生。')
    }
    expect(await awardsOf(activityId)).toEqual([])
  })

  it('refuses an empty title and a date outside the academic year, keeping what was typed', async () => {
    const activityId = await makeActivity('获奖测试·空标题', 'approved', true)
    const response = await post(
      activityId,
      results(['first'], { title: '', awardedOn: '2026-09-01', presenterName: '已输入的颁奖人' }),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('请填写此项。')
    expect(html).toContain('颁奖日期须在本活动所属学年之内。')
    expect(html).toContain('已输入的颁奖人')
    expect(await awardsOf(activityId)).toEqual([])
  })
})

describe('one award of a title per pupil', () => {
  it('shows winners as such and refuses a second award of the title, storing nothing', async () => {
    const activityId = await makeActivity('获奖测试·重复录入', 'approved', true)
    expect((await post(activityId, results(['first', 'second']))).status).toBe(302)

    // The results table shows the winner's award with a link to correct it, not 不获奖 to choose again.
    const { request } = await getTestApp()
    const page = await (await request(`/activities/${activityId}/awards`, { cookie: cookies.teacher })).text()
    expect(page).toContain('已获一等奖')
    expect(page).not.toContain(`name="rows[0].level"`)
    expect(page).toContain(`name="rows[2].level"`)

    // A stale page (or a forged post) enters the winner again, with another pupil's result.
    const again = await post(activityId, results(['first', '', 'third'], { title: ` ${shared.title}` }))
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('这名学生已获得本活动的同名奖项')
    const body = new URLSearchParams({ intent: 'team', ...shared, level: 'merit', teamName: '八(1)班队' })
    body.append('studentIds', String(speakers[0]?.id))
    body.append('studentIds', String(speakers[3]?.id))
    const team = await request(`/activities/${activityId}/awards`, {
      method: 'POST',
      body,
      cookie: cookies.teacher,
    })
    expect(team.status).toBe(400)
    expect(await team.text()).toContain('有成员已获得本活动的同名奖项')
    expect(await awardsOf(activityId)).toHaveLength(2)

    // Another title is another award.
    const other = await post(activityId, results(['merit'], { title: '最佳风采奖' }))
    expect(other.status).toBe(302)
    expect((await awardsOf(activityId)).map((a) => a.title)).toEqual([
      shared.title,
      shared.title,
      '最佳风采奖',
    ])
  })
})

describe('a contest’s own levels', () => {
  it('accepts a custom level once the list names it, and keeps levels in use', async () => {
    const { db } = await getTestApp()
    const activityId = await makeActivity('获奖测试·自定义等级', 'approved', true)
    expect((await post(activityId, results(['最佳风采奖']))).status).toBe(400)
    const saved = await post(activityId, { intent: 'levels', levels: '最佳风采奖\n一等奖\n\n' })
    expect(saved.status).toBe(302)
    const row = await db
      .selectFrom('activities')
      .select('award_levels')
      .where('id', '=', activityId)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(row.award_levels ?? 'null')).toEqual(['最佳风采奖', 'first'])
    expect((await post(activityId, results(['最佳风采奖', 'first']))).status).toBe(302)
    expect((await awardsOf(activityId)).map((a) => a.level)).toEqual(['first', '最佳风采奖'])
    // Levels given cannot leave the list; the standard list restored would drop 最佳风采奖.
    const dropped = await post(activityId, { intent: 'levels', levels: '' })
    expect(dropped.status).toBe(400)
    expect(await dropped.text()).toContain('已有奖项使用的等级不能删除')
    const after = await db
      .selectFrom('activities')
      .select('award_levels')
      .where('id', '=', activityId)
      .executeTakeFirstOrThrow()
    expect(after.award_levels).toBe(row.award_levels)
  })
})

describe('team and class awards', () => {
  it('stores a team with its members and prints one certificate each', async () => {
    const { request } = await getTestApp()
    const activityId = await makeActivity('获奖测试·团体', 'approved', true)
    const [a, b] = speakers as [Student, Student]
    const lonely = await post(activityId, {
      intent: 'team',
      ...shared,
      level: 'first',
      teamName: '国防小先锋',
      studentIds: String(a.id),
    })
    expect(lonely.status).toBe(400)
    expect(await lonely.text()).toContain('团队至少需要两名成员。')
    expect(await awardsOf(activityId)).toEqual([])

    const body = new URLSearchParams({ intent: 'team', ...shared, level: 'first', teamName: '国防小先锋' })
    body.append('studentIds', String(a.id))
    body.append('studentIds', String(b.id))
    const { request: send } = await getTestApp()
    const response = await send(`/activities/${activityId}/awards`, {
      method: 'POST',
      body,
      cookie: cookies.teacher,
    })
    expect(response.status).toBe(302)
    const [team] = await awardsOf(activityId)
    expect(team).toMatchObject({ recipient_kind: 'team', team_name: '国防小先锋' })
    expect(team?.recipients.map((r) => r.student_id).sort()).toEqual([a.id, b.id].sort())

    const page = await request(`/activities/${activityId}/certificates/${team?.id}`, {
      cookie: cookies.teacher,
    })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html.match(/class="certificate"/g)).toHaveLength(2)
    expect(html).toContain('国防小先锋')
  })

  it('gives a class award to a class of the activity only', async () => {
    const activityId = await makeActivity('获奖测试·班级', 'approved', true)
    const other = await post(activityId, {
      intent: 'class',
      ...shared,
      level: 'merit',
      classId: String(ids.class3),
    })
    expect(other.status).toBe(400)
    expect(await other.text()).toContain('只能选择本活动面向的班级或参与学生所在的班级。')
    const ok = await post(activityId, {
      intent: 'class',
      ...shared,
      level: 'merit',
      classId: String(ids.class2),
    })
    expect(ok.status).toBe(302)
    const [award] = await awardsOf(activityId)
    expect(award).toMatchObject({ recipient_kind: 'class', class_id: ids.class2, recipients: [] })
  })
})

describe('the awards list', () => {
  async function threeAwards() {
    const activityId = await makeActivity(`获奖测试·列表${Math.random()}`, 'approved', true)
    await post(activityId, results(['first', 'second', 'third']))
    return { activityId, awards: await awardsOf(activityId) }
  }

  it('moves an award up and down the presenting order', async () => {
    const { activityId, awards } = await threeAwards()
    const [third, second, first] = awards.map((a) => a.id)
    expect((await post(activityId, { intent: 'move', awardId: String(first), direction: 'up' })).status).toBe(
      302,
    )
    expect((await awardsOf(activityId)).map((a) => a.id)).toEqual([third, first, second])
    await post(activityId, { intent: 'move', awardId: String(third), direction: 'down' })
    expect((await awardsOf(activityId)).map((a) => a.id)).toEqual([first, third, second])
  })

  it('edits and deletes one award, and not another activity’s', async () => {
    const { db } = await getTestApp()
    const { activityId, awards } = await threeAwards()
    const [victim, kept] = awards
    const edited = await post(activityId, {
      intent: 'edit',
      awardId: String(kept?.id),
      ...shared,
      title: '改过的名称',
      level: 'special',
      citation: '改过的颁奖词',
    })
    expect(edited.status).toBe(302)
    expect((await awardsOf(activityId))[1]).toMatchObject({ title: '改过的名称', level: 'special' })

    expect((await post(ids.contest, { intent: 'delete', awardId: String(victim?.id) })).status).toBe(404)
    expect((await post(activityId, { intent: 'delete', awardId: String(victim?.id) })).status).toBe(302)
    expect((await awardsOf(activityId)).map((a) => a.id)).not.toContain(victim?.id)
    const orphans = await db
      .selectFrom('award_recipients')
      .select('student_id')
      .where('award_id', '=', victim?.id as number)
      .execute()
    expect(orphans).toEqual([])
  })
})

describe('ceremony sheet and certificates', () => {
  it('show names, classes, levels and presenter, one certificate per pupil', async () => {
    const { db, request } = await getTestApp()
    const activityId = await makeActivity('获奖测试·典礼', 'approved', true)
    await post(activityId, results(['first', 'merit', 'merit']))
    await post(activityId, { intent: 'class', ...shared, level: 'third', classId: String(ids.class1) })
    const ceremony = await request(`/activities/${activityId}/ceremony`, { cookie: cookies.teacher })
    expect(ceremony.status).toBe(200)
    const sheet = await ceremony.text()
    for (const pupil of speakers.slice(0, 3)) expect(sheet).toContain(pupil.name)
    expect(sheet).toContain('一等奖')
    expect(sheet).toContain('优秀奖')
    expect(sheet).toContain('党支部书记 陆书记')
    expect(sheet).toContain('八(1)班')

    const certificates = await request(`/activities/${activityId}/certificates`, { cookie: cookies.teacher })
    expect(certificates.status).toBe(200)
    const html = await certificates.text()
    // Three pupils and one class.
    expect(html.match(/class="certificate"/g)).toHaveLength(4)
    expect(html).toContain('获奖测试学校')
    expect(html).toContain('荣誉证书')
    expect(html).toContain('2026年4月15日')
    expect(html).toContain('校级一等奖')

    const en = await request(`/activities/${activityId}/certificates?lang=en`, { cookie: cookies.teacher })
    const english = await en.text()
    expect(english).toContain('First prize (School level)')
    expect(english).toContain('15 Apr 2026')

    const other = await db
      .selectFrom('awards')
      .select('id')
      .where('activity_id', '=', ids.contest)
      .executeTakeFirst()
    const foreignAward = other?.id ?? 999999
    expect(
      (await request(`/activities/${activityId}/certificates/${foreignAward}`, { cookie: cookies.teacher }))
        .status,
    ).toBe(404)
  })
})

describe('who may', () => {
  const pages = (id: number) => [
    `/activities/${id}/awards`,
    `/activities/${id}/ceremony`,
    `/activities/${id}/certificates`,
  ]

  it('parents get 403 everywhere, and their posts write nothing', async () => {
    const { request, db } = await getTestApp()
    const awardId = await createAward(db, {
      schoolId: ids.school,
      activityId: ids.contest,
      title: '家长不可见',
      level: 'first',
      recipientKind: 'pupil',
      awardedOn: DAY,
      position: 1,
      recipients: [{ studentId: (speakers[0] as Student).id, classId: ids.class1 }],
    })
    for (const cookie of [cookies.parent, cookies.jwParent]) {
      for (const path of [...pages(ids.contest), `/activities/${ids.contest}/certificates/${awardId}`]) {
        expect((await request(path, { cookie })).status).toBe(403)
      }
      expect((await post(ids.contest, results(['first']), cookie)).status).toBe(403)
    }
    expect((await awardsOf(ids.contest)).map((a) => a.id)).toEqual([awardId])
  })

  it('another school’s staff get 404 and write nothing', async () => {
    const { request } = await getTestApp()
    for (const path of pages(ids.contest)) {
      expect((await request(path, { cookie: cookies.jwTeacher })).status).toBe(404)
    }
    expect((await post(ids.contest, results(['first']), cookies.jwTeacher)).status).toBe(404)
    expect((await awardsOf(ids.contest)).every((a) => a.title === '家长不可见')).toBe(true)
  })

  it('a draft activity takes no awards', async () => {
    const { request } = await getTestApp()
    const page = await request(`/activities/${ids.draft}/awards`, { cookie: cookies.admin })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('活动通过审批后才能登记获奖。')
    expect((await post(ids.draft, results(['first']), cookies.admin)).status).toBe(409)
    expect(await awardsOf(ids.draft)).toEqual([])
  })
})
