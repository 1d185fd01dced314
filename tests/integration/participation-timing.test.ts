import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createAcademicYear,
  createActivity,
  createClass,
  createRandom,
  createSchool,
  createSeason,
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
  shanghaiInstant,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'
import { edit, sheetForm } from '../setup/sheet-form'

// Records only when they can be true (issue 13): before an activity starts its sheet takes roles
// alone, as planned; attendance, hours and awards are refused. A school of this file's own, with the
// clock pinned by vitest.config.ts at 2026-12-07 10:00 in Shanghai unless a test moves it.

const PINNED = process.env.SIJI_NOW
const own = { school: 0, teacher: '', parent: '', classId: 0, seasonId: 0, organiser: 0 }
const pupils: { id: number; name: string }[] = []

beforeAll(async () => {
  const { db, signIn } = await getTestApp()
  const school = await createSchool(db, {
    slug: 'records-timing-it',
    name: '记录时机测试学校',
    district: '闵行区',
    kind: 'nine_year',
  })
  own.school = school.id
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const teacher = await createUser(db, {
    schoolId: school.id,
    role: 'teacher',
    username: 'rt-teacher',
    displayName: '记录时机测试老师',
    passwordHash,
  })
  own.organiser = teacher.id
  const parent = await createUser(db, {
    schoolId: school.id,
    role: 'parent',
    username: 'rt-parent',
    displayName: '记录时机测试家长',
    passwordHash,
  })
  const grade = school.grades.find((g) => g.level === 5)
  if (!grade) throw new Error('No grade 5')
  const schoolClass = await createClass(db, { schoolId: school.id, gradeId: grade.id, number: 1 })
  own.classId = schoolClass.id
  const made = await createStudents(db, {
    schoolId: school.id,
    classId: schoolClass.id,
    count: 3,
    startNumber: 1,
    random: createRandom(13),
    numberPrefix: 'RT',
    names: ['时机测试甲', '时机测试乙', '时机测试丙'],
  })
  pupils.push(...made.map((p) => ({ id: p.id, name: p.name })))
  await linkGuardian(db, { guardianId: parent.id, studentId: made[0]?.id ?? 0, relation: '母亲' })
  const year = await createAcademicYear(db, {
    schoolId: school.id,
    name: '2026-2027',
    startsOn: '2026-09-01',
    endsOn: '2027-08-31',
  })
  own.seasonId = await createSeason(db, {
    schoolId: school.id,
    academicYearId: year.id,
    title: '记录时机测试·季',
    startsOn: '2026-12-01',
    endsOn: '2027-06-30',
    ownerId: teacher.id,
    status: 'published',
  })
  own.teacher = await signIn('rt-teacher')
  own.parent = await signIn('rt-parent')
})

afterEach(() => {
  process.env.SIJI_NOW = PINNED
})

let count = 0

/** A published three-hour visit for the class, crediting 3 课时 of social investigation. */
async function makeActivity(day: string, time: string, until: string) {
  const { db } = await getTestApp()
  count += 1
  return createActivity(db, {
    schoolId: own.school,
    seasonId: own.seasonId,
    title: `记录时机测试·参观${count}`,
    kind: 'study_tour',
    startsAt: shanghaiInstant(day, time),
    endsAt: shanghaiInstant(day, until),
    offCampus: false,
    needsConsent: false,
    practiceCategory: 'investigation',
    practiceHours: 3,
    status: 'published',
    classIds: [own.classId],
    gradeIds: [],
    organiserId: own.organiser,
  })
}

async function request(path: string, cookie: string, body?: URLSearchParams) {
  const app = await getTestApp()
  return app.request(path, body ? { method: 'POST', body, cookie } : { cookie })
}

async function stored(activityId: number) {
  const { db } = await getTestApp()
  return db
    .selectFrom('participations')
    .select(['student_id', 'status', 'role', 'hours'])
    .where('activity_id', '=', activityId)
    .orderBy('student_id')
    .execute()
}

async function loadSheet(activityId: number) {
  const response = await request(`/activities/${activityId}/participation`, own.teacher)
  expect(response.status).toBe(200)
  const html = await response.text()
  return { html, form: sheetForm(html) }
}

/** The timeline entry of an activity on a pupil's record page. */
function entryOf(html: string, title: string): string {
  const entries = html.split('<li class="timeline-item record-entry">').slice(1)
  const found = entries.find((entry) => entry.includes(`>${title}<`))
  if (!found) throw new Error(`No entry for ${title}`)
  return found.slice(0, found.indexOf('</li>'))
}

const first = () => pupils[0]?.id ?? 0
const second = () => pupils[1]?.id ?? 0
const third = () => pupils[2]?.id ?? 0

describe('a sheet before the activity starts', () => {
  it('says when attendance opens and offers roles only', async () => {
    const activityId = await makeActivity('2027-03-05', '09:00', '12:00')
    const { html, form } = await loadSheet(activityId)
    expect(html).toContain('出席、课时和请假在活动开始后（2027年3月5日 09:00）才能记录')
    expect(html).toContain('保存计划角色')
    expect(html).not.toContain('全部出席')
    expect([...form.keys()].some((name) => /\.(status|hours|reason)$/.test(name))).toBe(false)
    expect(form.getAll(`rows[0].role`)).toEqual(['participant'])

    const en = await request(`/activities/${activityId}/participation?lang=en`, own.teacher)
    expect(await en.text()).toContain('can be recorded once the activity has started (5 Mar 2027, 09:00)')
  })

  it('refuses attendance and hours with a message, keeps what was typed and stores nothing', async () => {
    const activityId = await makeActivity('2027-03-05', '09:00', '12:00')
    const { form } = await loadSheet(activityId)
    const crafted = edit(form, 'save', [
      { studentId: first(), values: { status: 'attended', role: 'docent', hours: '3' } },
      { studentId: second(), values: { role: 'speaker' } },
    ])
    const response = await request(`/activities/${activityId}/participation`, own.teacher, crafted)
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('活动尚未开始，不能记录出席、课时或请假')
    // The typed roles are still chosen in the form, to be saved again as planned.
    const again = sheetForm(html)
    expect(again.get('rows[0].role')).toBe('docent')
    expect(again.get('rows[1].role')).toBe('speaker')
    expect(await stored(activityId)).toEqual([])

    const hoursOnly = edit(form, 'save', [{ studentId: first(), values: { hours: '3' } }])
    const refused = await request(`/activities/${activityId}/participation`, own.teacher, hoursOnly)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('活动尚未开始，不能记录出席、课时或请假')
    expect(await stored(activityId)).toEqual([])
  })

  it('refuses "all present" in the reader\'s language', async () => {
    const activityId = await makeActivity('2027-03-05', '09:00', '12:00')
    const { form } = await loadSheet(activityId)
    const response = await request(
      `/activities/${activityId}/participation?lang=en`,
      own.teacher,
      edit(form, 'all-present'),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('The activity has not started, so attendance, hours and absences')
    expect(await stored(activityId)).toEqual([])
  })

  it('stores roles as planned, shown as planned to staff and the parent, never as attended', async () => {
    const activityId = await makeActivity('2027-03-05', '09:00', '12:00')
    const title = `记录时机测试·参观${count}`
    const { form } = await loadSheet(activityId)
    const planned = edit(form, 'save', [
      { studentId: first(), values: { role: 'docent' } },
      { studentId: second(), values: { role: 'docent' } },
    ])
    const response = await request(`/activities/${activityId}/participation`, own.teacher, planned)
    expect(response.status).toBe(302)
    expect(await stored(activityId)).toEqual([
      { student_id: first(), status: null, role: 'docent', hours: null },
      { student_id: second(), status: null, role: 'docent', hours: null },
    ])

    const record = await request(`/students/${first()}`, own.teacher)
    const entry = entryOf(await record.text(), title)
    expect(entry).toContain('计划：讲解员')
    expect(entry).not.toContain('出席')
    expect(entry).not.toContain('课时')

    const child = await request(`/family/children/${first()}`, own.parent)
    expect(child.status).toBe(200)
    const childEntry = entryOf(await child.text(), title)
    expect(childEntry).toContain('计划：讲解员')
    expect(childEntry).not.toContain('出席')
    expect(childEntry).not.toContain('课时')
    const childEn = await request(`/family/children/${first()}?lang=en`, own.parent)
    expect(entryOf(await childEn.text(), title)).toContain('Planned: Docent')

    // The sheet shows the planned roles chosen when it is opened again.
    const reopened = await loadSheet(activityId)
    expect(reopened.form.get('rows[0].role')).toBe('docent')
  })

  it('refuses awards with a message, stores none, and says when they open', async () => {
    const activityId = await makeActivity('2027-03-05', '09:00', '12:00')
    const page = await request(`/activities/${activityId}/awards`, own.teacher)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('活动尚未开始，开始后（2027年3月5日 09:00）才能登记获奖')
    const body = new URLSearchParams({
      intent: 'class',
      title: '优秀班集体',
      level: 'excellent',
      scope: 'school',
      awardedOn: '2027-03-05',
      classId: String(own.classId),
    })
    const response = await request(`/activities/${activityId}/awards`, own.teacher, body)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('活动尚未开始，不能登记获奖；本次没有保存任何内容。')
    const { db } = await getTestApp()
    const awards = await db.selectFrom('awards').select('id').where('activity_id', '=', activityId).execute()
    expect(awards).toEqual([])
  })
})

describe('the sheet once the activity has started', () => {
  it('shows the planned roles chosen and saves them as attended records', async () => {
    // Today at 15:00; the clock stands at 10:00.
    const activityId = await makeActivity('2026-12-07', '15:00', '18:00')
    const title = `记录时机测试·参观${count}`
    const { form } = await loadSheet(activityId)
    const planned = edit(form, 'save', [
      { studentId: first(), values: { role: 'docent' } },
      { studentId: second(), values: { role: 'docent' } },
    ])
    expect((await request(`/activities/${activityId}/participation`, own.teacher, planned)).status).toBe(302)

    const before = await request(`/family/children/${first()}`, own.parent)
    expect(entryOf(await before.text(), title)).toContain('计划：讲解员')

    process.env.SIJI_NOW = '2026-12-07T15:30:00+08:00'
    const { html, form: onTheDay } = await loadSheet(activityId)
    expect(html).toContain('全部出席')
    expect(onTheDay.get('rows[0].role')).toBe('docent')
    expect(onTheDay.get('rows[1].role')).toBe('docent')
    expect(onTheDay.get('rows[2].role')).toBe('participant')
    const saved = await request(
      `/activities/${activityId}/participation`,
      own.teacher,
      edit(onTheDay, 'all-present'),
    )
    expect(saved.status).toBe(302)
    expect(await stored(activityId)).toEqual([
      { student_id: first(), status: 'attended', role: 'docent', hours: 3 },
      { student_id: second(), status: 'attended', role: 'docent', hours: 3 },
      { student_id: third(), status: 'attended', role: 'participant', hours: 3 },
    ])

    const child = await request(`/family/children/${first()}`, own.parent)
    const entry = entryOf(await child.text(), title)
    expect(entry).toContain('出席')
    expect(entry).toContain('讲解员')
    expect(entry).not.toContain('计划')
  })
})
