import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createAcademicYear,
  createActivity,
  createSchool,
  createSeason,
  createUser,
  hashPassword,
  shanghaiInstant,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// A school of its own (the clock is the suite's 2026-12-07): its current year 2026-2027 has two
// seasons and the flow creates 2027-2028. Nothing here touches the demo schools' years.
const ids = {} as Record<'school' | 'thisYear' | 'spring' | 'autumn' | 'springActivity', number>
const cookies = {} as Record<'admin' | 'teacher' | 'parent' | 'jwAdmin', string>

beforeAll(async () => {
  const app = await getTestApp()
  const { db } = app
  const school = await createSchool(db, {
    slug: 'year-start-it',
    name: '学年测试小学',
    district: '闵行区',
    kind: 'primary',
  })
  ids.school = school.id
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const user = (role: 'admin' | 'teacher' | 'parent', username: string) =>
    createUser(db, { schoolId: school.id, role, username, displayName: username, passwordHash })
  const admin = await user('admin', 'ys-admin')
  await user('teacher', 'ys-teacher')
  await user('parent', 'ys-parent')
  const year = await createAcademicYear(db, {
    schoolId: school.id,
    name: '2026-2027',
    startsOn: '2026-09-01',
    endsOn: '2027-08-31',
  })
  ids.thisYear = year.id
  ids.spring = await createSeason(db, {
    schoolId: school.id,
    academicYearId: year.id,
    title: '春·播感恩季（2027）',
    startsOn: '2027-03-01',
    endsOn: '2027-03-31',
    ownerId: admin.id,
    status: 'published',
  })
  ids.autumn = await createSeason(db, {
    schoolId: school.id,
    academicYearId: year.id,
    title: '秋·启航季',
    startsOn: '2026-09-14',
    endsOn: '2026-10-16',
    ownerId: admin.id,
  })
  // Tied to 妇女节 (Mon 8 March 2027): in 2028 the 8th is a Wednesday, so it stays a school day.
  ids.springActivity = await createActivity(db, {
    schoolId: school.id,
    seasonId: ids.spring,
    title: '感恩母亲主题班会',
    kind: 'class_meeting',
    startsAt: shanghaiInstant('2027-03-08', '09:00'),
    endsAt: shanghaiInstant('2027-03-08', '10:00'),
    observance: 'womens-day',
  })
  for (const name of ['admin', 'teacher', 'parent'] as const) cookies[name] = await app.signIn(`ys-${name}`)
  cookies.jwAdmin = await app.signIn('jw-admin')
})

/** What step 1 posts when the admin accepts the proposal, with `changes` on top. */
function yearForm(changes: Record<string, string> = {}) {
  return form({
    intent: 'create-year',
    name: '2027-2028',
    startsOn: '2027-09-01',
    endsOn: '2028-08-31',
    'terms[0].name': '第一学期',
    'terms[0].startsOn': '2027-09-01',
    'terms[0].endsOn': '2028-01-21',
    'terms[1].name': '第二学期',
    'terms[1].startsOn': '2028-02-21',
    'terms[1].endsOn': '2028-06-30',
    'daysOff[0].proposed': '1',
    'daysOff[0].keep': 'on',
    'daysOff[0].kind': 'holiday',
    'daysOff[0].name': '国庆节',
    'daysOff[0].startsOn': '2027-10-01',
    'daysOff[0].endsOn': '2027-10-07',
    // A proposal the admin unticked: not stored.
    'daysOff[1].proposed': '1',
    'daysOff[1].kind': 'holiday',
    'daysOff[1].name': '元旦',
    'daysOff[1].startsOn': '2028-01-01',
    'daysOff[1].endsOn': '2028-01-03',
    'daysOff[2].kind': 'workday',
    'daysOff[2].name': '国庆调休上班',
    'daysOff[2].startsOn': '2027-09-26',
    'daysOff[2].endsOn': '2027-09-26',
    // A blank extra row: ignored.
    'daysOff[3].kind': 'exam',
    ...changes,
  })
}

async function yearsNamed(name: string) {
  const app = await getTestApp()
  return app.db
    .selectFrom('academic_years')
    .select(['id', 'starts_on'])
    .where('school_id', '=', ids.school)
    .where('name', '=', name)
    .execute()
}

describe('/school/calendar', () => {
  it('gives the 新增学年 form an id no other element has, so its inputs belong to it', async () => {
    const app = await getTestApp()
    const html = await (await app.request('/school/calendar', { cookie: cookies.admin })).text()
    expect(html.match(/id="add-year"/g)).toHaveLength(1)
    expect(html).toMatch(/<form[^>]*id="add-year"/)
    expect(html).toMatch(
      /<input[^>]*form="add-year"[^>]*name="name"|<input[^>]*name="name"[^>]*form="add-year"/,
    )
  })
})

describe('/school/year-start', () => {
  it('is for admins only: teachers and parents are refused', async () => {
    const app = await getTestApp()
    for (const who of ['teacher', 'parent'] as const) {
      const page = await app.request('/school/year-start', { cookie: cookies[who] })
      expect([403, 404]).toContain(page.status)
      const post = await app.request('/school/year-start', { ...yearForm(), cookie: cookies[who] })
      expect([403, 404]).toContain(post.status)
    }
    expect(await yearsNamed('2027-2028')).toHaveLength(0)
  })

  it('proposes the next year, its terms and the national holidays it can compute', async () => {
    const app = await getTestApp()
    const html = await (await app.request('/school/year-start', { cookie: cookies.admin })).text()
    expect(html).toContain('value="2027-2028"')
    expect(html).toContain('value="2027-09-01"')
    expect(html).toContain('value="2028-08-31"')
    for (const day of ['2027-10-01', '2027-10-07', '2028-01-25', '2028-04-04', '2028-05-01']) {
      expect(html).toContain(`value="${day}"`)
    }
    for (const name of ['国庆节', '元旦', '春节', '清明节', '劳动节', '端午节'])
      expect(html).toContain(`value="${name}"`)
    const en = await (await app.request('/school/year-start?lang=en', { cookie: cookies.admin })).text()
    expect(en).toContain('value="Spring Festival"')
    expect(en).toContain('Make-up working day')
  })

  it('keeps the typed values, says what is wrong next to each field and stores nothing', async () => {
    const app = await getTestApp()
    const response = await app.request('/school/year-start', {
      ...yearForm({
        'terms[1].endsOn': '2028-02-01',
        'daysOff[2].startsOn': '',
        'daysOff[0].startsOn': '2027-08-30',
      }),
      cookie: cookies.admin,
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('结束日期不能早于开始日期')
    expect(html).toContain('请填写此项。')
    expect(html).toContain('value="国庆调休上班"')
    expect(html).toContain('value="2028-02-01"')
    expect(await yearsNamed('2027-2028')).toHaveLength(0)

    // Past the form's own rules, the calendar's: a holiday outside the year is refused as a whole.
    const outside = await app.request('/school/year-start', {
      ...yearForm({ 'daysOff[0].startsOn': '2027-08-30' }),
      cookie: cookies.admin,
    })
    expect(outside.status).toBe(400)
    expect(await outside.text()).toContain('value="2027-08-30"')
    expect(await yearsNamed('2027-2028')).toHaveLength(0)
  })

  it('creates the year with its terms and kept days off in one go, and once only', async () => {
    const app = await getTestApp()
    const response = await app.request('/school/year-start', { ...yearForm(), cookie: cookies.admin })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/school/year-start#step-roster')
    const [year] = await yearsNamed('2027-2028')
    expect(year).toBeDefined()
    const terms = await app.db
      .selectFrom('terms')
      .select(['name', 'starts_on', 'ends_on'])
      .where('academic_year_id', '=', year!.id)
      .orderBy('starts_on')
      .execute()
    expect(terms).toEqual([
      { name: '第一学期', starts_on: '2027-09-01', ends_on: '2028-01-21' },
      { name: '第二学期', starts_on: '2028-02-21', ends_on: '2028-06-30' },
    ])
    const daysOff = await app.db
      .selectFrom('school_days_off')
      .select(['name', 'kind', 'starts_on', 'ends_on'])
      .where('academic_year_id', '=', year!.id)
      .orderBy('starts_on')
      .execute()
    expect(daysOff).toEqual([
      { name: '国庆调休上班', kind: 'workday', starts_on: '2027-09-26', ends_on: '2027-09-26' },
      { name: '国庆节', kind: 'holiday', starts_on: '2027-10-01', ends_on: '2027-10-07' },
    ])
    const page = await (await app.request('/school/year-start', { cookie: cookies.admin })).text()
    expect(page).toContain('新学年已建立，含两个学期和 2 项假日安排。')
    expect(page).toContain('2027-2028 学年已建立')
    expect(page).not.toContain('name="terms[0].name"')

    // Step 1 again (an old tab, a second click): refused by the year's name, nothing doubled.
    const again = await app.request('/school/year-start', { ...yearForm(), cookie: cookies.admin })
    expect(again.status).toBe(302)
    const told = await (await app.request('/school/year-start', { cookie: cookies.admin })).text()
    expect(told).toContain('新学年已经建立，没有重复创建。')
    expect(await yearsNamed('2027-2028')).toHaveLength(1)
    expect(
      await app.db.selectFrom('terms').select('id').where('academic_year_id', '=', year!.id).execute(),
    ).toHaveLength(2)

    // The make-up working day shows on the calendar page with its kind.
    const calendar = await (await app.request('/school/calendar', { cookie: cookies.admin })).text()
    expect(calendar).toContain('调休上班')

    // On the calendar, Sunday 26 September 2027 is a school day, not a weekend or a day off.
    const week = await (
      await app.request('/calendar?view=week&date=2027-09-26', { cookie: cookies.admin })
    ).text()
    const cell = (day: string) =>
      week.match(new RegExp(`<li class="([^"]*)"[^>]*><h3[^>]*><time dateTime="${day}"`))?.[1]
    expect(cell('2027-09-25')).toContain('calendar-day-weekend')
    expect(cell('2027-09-26')).toBeDefined()
    expect(cell('2027-09-26')).not.toContain('calendar-day-weekend')
    expect(cell('2027-09-26')).not.toContain('calendar-day-off')
  })

  it('copies the chosen seasons into the new year with the new year in their titles, once', async () => {
    const app = await getTestApp()
    const page = await (await app.request('/school/year-start', { cookie: cookies.admin })).text()
    expect(page).toContain('春·播感恩季（2028）')
    expect(page).toContain('秋·启航季（2027）')
    const response = await app.request('/school/year-start', {
      ...form({ intent: 'copy-seasons', seasonIds: String(ids.spring) }),
      cookie: cookies.admin,
    })
    expect(response.status).toBe(302)
    const copies = () =>
      app.db
        .selectFrom('seasons')
        .select(['id', 'title', 'status', 'starts_on'])
        .where('school_id', '=', ids.school)
        .where('copied_from_id', '=', ids.spring)
        .execute()
    const [copy] = await copies()
    expect(copy).toMatchObject({ title: '春·播感恩季（2028）', status: 'draft', starts_on: '2028-02-28' })
    const after = await (await app.request('/school/year-start', { cookie: cookies.admin })).text()
    expect(after).toContain('已复制 1 个活动季。')
    expect(after).toContain(`href="/seasons/${copy!.id}"`)

    // Both ticked now: the spring season is not copied a second time, the autumn one is.
    const again = await app.request('/school/year-start', {
      body: new URLSearchParams([
        ['intent', 'copy-seasons'],
        ['seasonIds', String(ids.spring)],
        ['seasonIds', String(ids.autumn)],
      ]),
      method: 'POST',
      cookie: cookies.admin,
    })
    expect(again.status).toBe(302)
    expect(await copies()).toHaveLength(1)
    const autumn = await app.db
      .selectFrom('seasons')
      .select('title')
      .where('copied_from_id', '=', ids.autumn)
      .executeTakeFirstOrThrow()
    expect(autumn.title).toBe('秋·启航季（2027）')
  })

  it('lists what a copy needs re-dated: an activity whose shifted day is a day off', async () => {
    const app = await getTestApp()
    const [year] = await yearsNamed('2027-2028')
    // 妇女节 2028 (Wed 8 March) declared a day off: the copied class meeting now lands on it.
    await app.db
      .insertInto('school_days_off')
      .values({
        school_id: ids.school,
        academic_year_id: year!.id,
        name: '校运动会',
        kind: 'other',
        starts_on: '2028-03-08',
        ends_on: '2028-03-08',
      })
      .execute()
    const page = await (await app.request('/school/year-start', { cookie: cookies.admin })).text()
    expect(page).toContain('1 项活动需要重新确定日期')
    expect(page).toContain('感恩母亲主题班会')
    expect(page).toContain('是校运动会')
  })

  it('answers 404 for a season or year of another school', async () => {
    const app = await getTestApp()
    const jiwangSeason = await app.db
      .selectFrom('seasons')
      .innerJoin('schools', 'schools.id', 'seasons.school_id')
      .select('seasons.id')
      .where('schools.slug', '=', 'jiwang')
      .executeTakeFirstOrThrow()
    const copy = await app.request('/school/year-start', {
      ...form({ intent: 'copy-seasons', seasonIds: String(jiwangSeason.id) }),
      cookie: cookies.admin,
    })
    expect(copy.status).toBe(404)
    const term = await app.request('/school/calendar', {
      ...form({
        intent: 'add-term',
        academicYearId: String(ids.thisYear),
        name: '别校学期',
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
      }),
      cookie: cookies.jwAdmin,
    })
    expect(term.status).toBe(404)
  })
})

describe('copying one season on /seasons/:id', () => {
  it('proposes the title with the year the copy lands in', async () => {
    const app = await getTestApp()
    const html = await (await app.request(`/seasons/${ids.spring}`, { cookie: cookies.admin })).text()
    expect(html).toContain('value="春·播感恩季（2028）"')
  })
})
