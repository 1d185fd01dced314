import { createHash, randomBytes } from 'node:crypto'
import ICAL from 'ical.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../app/domain/calendar-grid'
import { toInstant } from '../../app/domain/school-time'
import { type ActivityInput, insertActivity } from '../../app/models/activities.server'
import { insertFeed } from '../../app/models/calendar.server'
import { insertSeason } from '../../app/models/seasons.server'
import { todayIn } from '../../app/utils/dates'
import type { PlanStatus } from '../../db/schema'
import { createUser, linkGuardian } from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// Shared worker database: everything made here is named 「订阅测试」 and found by its own id.

const TZ = 'Asia/Shanghai'

const TITLES = {
  grade5: '订阅测试·五年级升旗仪式',
  class52: '订阅测试·五(2)班主题班会',
  closed: '订阅测试·五年级已结束活动',
  draft: '订阅测试·五年级草稿',
  submitted: '订阅测试·五年级待审核',
  grade3: '订阅测试·三年级讲座',
  old: '订阅测试·半年前的活动',
} as const

let ids: Record<keyof typeof TITLES, number>
let day: string
let otherParent: { id: number; token: string; childName: string }

function input(seasonId: number, title: string, overrides: Partial<ActivityInput>): ActivityInput {
  return {
    seasonId,
    title,
    strandId: null,
    kind: 'ceremony',
    lesson: '',
    startsAt: toInstant(`${day}T09:00`, TZ),
    endsAt: toInstant(`${day}T10:00`, TZ),
    venue: '操场',
    offCampus: false,
    needsConsent: false,
    organiserId: null,
    capacity: null,
    description: '全体五年级学生参加。',
    practiceCategory: null,
    practiceHours: null,
    observance: null,
    gradeIds: [],
    classIds: [],
    staffIds: [],
    partners: [],
    ...overrides,
  }
}

beforeAll(async () => {
  const { db } = await getTestApp()
  const school = await db
    .selectFrom('schools')
    .select('id')
    .where('slug', '=', 'jiwang')
    .executeTakeFirstOrThrow()
  const teacher = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'jw-teacher')
    .executeTakeFirstOrThrow()
  const year = await db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', school.id)
    .orderBy('starts_on')
    .executeTakeFirstOrThrow()
  const grades = await db
    .selectFrom('grades')
    .select(['id', 'level'])
    .where('school_id', '=', school.id)
    .execute()
  const gradeId = (level: number) => grades.find((g) => g.level === level)?.id ?? 0
  const classOf = async (level: number, number: number) =>
    (
      await db
        .selectFrom('classes')
        .select('id')
        .where('grade_id', '=', gradeId(level))
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id
  const class52 = await classOf(5, 2)
  day = addDays(todayIn(TZ), 10)

  ids = await db.transaction().execute(async (trx) => {
    const seasonId = await insertSeason(trx, {
      schoolId: school.id,
      academicYearId: year.id,
      title: '订阅测试季',
      slogan: '',
      description: '',
      startsOn: day,
      endsOn: addDays(day, 30),
      ownerId: teacher.id,
    })
    const add = (status: PlanStatus, title: string, overrides: Partial<ActivityInput>) =>
      insertActivity(trx, {
        schoolId: school.id,
        createdBy: teacher.id,
        status,
        input: input(seasonId, title, overrides),
      })
    const at = (offset: number, time: string) => toInstant(`${addDays(day, offset)}T${time}`, TZ)
    return {
      grade5: await add('published', TITLES.grade5, { gradeIds: [gradeId(5)] }),
      class52: await add('published', TITLES.class52, {
        classIds: [class52],
        startsAt: at(1, '14:00'),
        endsAt: at(1, '15:00'),
        offCampus: true,
        needsConsent: true,
        venue: '银杏社区',
      }),
      closed: await add('closed', TITLES.closed, {
        gradeIds: [gradeId(5)],
        startsAt: at(2, '09:00'),
        endsAt: at(2, '10:00'),
      }),
      draft: await add('draft', TITLES.draft, { gradeIds: [gradeId(5)] }),
      submitted: await add('submitted', TITLES.submitted, { gradeIds: [gradeId(5)] }),
      grade3: await add('published', TITLES.grade3, { gradeIds: [gradeId(3)] }),
      old: await add('published', TITLES.old, {
        gradeIds: [gradeId(5)],
        startsAt: at(-200, '09:00'),
        endsAt: at(-200, '10:00'),
      }),
    }
  })

  // A second parent of the same school, with a child in 三(1)班 only.
  const class31 = await classOf(3, 1)
  const child = await db
    .selectFrom('students')
    .select(['id', 'name'])
    .where('class_id', '=', class31)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const parent = await createUser(db, {
    schoolId: school.id,
    role: 'parent',
    username: 'ics-test-parent',
    displayName: '订阅测试家长',
    passwordHash: 'not-a-real-hash',
  })
  await linkGuardian(db, { guardianId: parent.id, studentId: child.id, relation: 'father' })
  const token = randomBytes(32).toString('base64url')
  await insertFeed(db, {
    schoolId: school.id,
    userId: parent.id,
    tokenHash: createHash('sha256').update(token).digest('hex'),
  })
  otherParent = { id: parent.id, token, childName: child.name }
})

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const events = calendar.getAllSubcomponents('vevent')
  return { calendar, events, byUid: new Map(events.map((e) => [new ICAL.Event(e).uid, e])) }
}

function uid(key: keyof typeof TITLES) {
  return `activity-${ids[key]}@jiwang.siji`
}

async function createFeed(username: string): Promise<string> {
  const app = await getTestApp()
  const response = await app.request('/calendar', {
    ...form({ intent: 'create-feed' }),
    cookie: await app.signIn(username),
  })
  const url = (await response.text()).match(/http:\/\/localhost(\/ics\/private\/[A-Za-z0-9_-]{43}\.ics)/)?.[1]
  if (!url) throw new Error(`No feed address for ${username}`)
  return url
}

describe('GET /ics/:slug/:level.ics', () => {
  it("serves a grade's published activities as iCalendar that an independent parser reads", async () => {
    const app = await getTestApp()
    const response = await app.request('/ics/jiwang/5.ics')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Cache-Control')).toMatch(/^public/)
    const text = await response.text()
    const { calendar, byUid } = parse(text)

    expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('闵行区纪王学校 五年级 · 德育活动')
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(TZ)
    for (const key of ['grade5', 'class52', 'closed'] as const) expect(byUid.has(uid(key))).toBe(true)
    for (const key of ['draft', 'submitted', 'grade3', 'old'] as const)
      expect(byUid.has(uid(key))).toBe(false)

    const vevent = byUid.get(uid('grade5'))
    if (!vevent) throw new Error('missing event')
    const event = new ICAL.Event(vevent)
    expect(event.summary).toBe(TITLES.grade5)
    expect(event.location).toBe('操场')
    expect(event.description).toContain('全体五年级学生参加。')
    expect(vevent.getFirstPropertyValue('url')).toBe(`http://localhost/activities/${ids.grade5}`)
    expect(vevent.getFirstPropertyValue('dtstamp')).toBeTruthy()
    const dtstart = vevent.getFirstProperty('dtstart')
    expect(dtstart?.getParameter('tzid')).toBe(TZ)
    expect(event.startDate.toString()).toBe(`${day}T09:00:00`)
    expect(event.endDate.toString()).toBe(`${day}T10:00:00`)
    // DTSTAMP is a UTC time (RFC 5545 3.8.7.2).
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/)

    const offCampus = new ICAL.Event(byUid.get(uid('class52')))
    expect(offCampus.location).toBe('银杏社区')
    expect(offCampus.description).toContain('校外活动')
  })

  it('keeps every UID the same from one request to the next, and answers 304 to a matching ETag', async () => {
    const app = await getTestApp()
    const first = await app.request('/ics/jiwang/5.ics')
    const second = await app.request('/ics/jiwang/5.ics')
    const uids = (r: string) => [...parse(r).byUid.keys()].sort()
    expect(uids(await second.text())).toEqual(uids(await first.text()))
    const etag = first.headers.get('ETag')
    expect(etag).toBeTruthy()
    const cached = await app.request('/ics/jiwang/5.ics', { headers: { 'If-None-Match': etag ?? '' } })
    expect(cached.status).toBe(304)
  })

  it('names no pupil', async () => {
    const app = await getTestApp()
    const text = await (await app.request('/ics/jiwang/5.ics')).text()
    expect(text).not.toContain('张思远')
    expect(text).not.toContain('张一诺')
  })

  it('speaks English when its address asks', async () => {
    const app = await getTestApp()
    const text = await (await app.request('/ics/jiwang/5.ics?lang=en')).text()
    expect(parse(text).calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      '闵行区纪王学校 Grade 5 · Moral education',
    )
  })

  it('answers 404 for an unknown school, grade or file name', async () => {
    const app = await getTestApp()
    for (const path of [
      '/ics/jiwang/42.ics',
      '/ics/nowhere/5.ics',
      '/ics/jiwang/five.ics',
      '/ics/jiwang/5.txt',
    ]) {
      expect((await app.request(path)).status, path).toBe(404)
    }
    // Zaobei has a grade 5 too, but never Jiwang's activities.
    const zaobei = await app.request('/ics/zaobei/5.ics')
    expect(zaobei.status).toBe(200)
    expect(await zaobei.text()).not.toContain('订阅测试')
  })
})

describe('GET /ics/private/:token.ics', () => {
  it("serves the parent's children's activities, saying which child, until it is revoked", async () => {
    const app = await getTestApp()
    const path = await createFeed('jw-parent')
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=300')
    const { byUid } = parse(await response.text())
    for (const key of ['grade5', 'class52', 'closed'] as const) expect(byUid.has(uid(key))).toBe(true)
    for (const key of ['draft', 'submitted', 'grade3', 'old'] as const)
      expect(byUid.has(uid(key))).toBe(false)
    const summary = new ICAL.Event(byUid.get(uid('class52'))).summary
    expect(summary).toBe(`${TITLES.class52}（张思远 · 五(2)班）`)
    const start = byUid.get(uid('class52'))?.getFirstProperty('dtstart')
    expect(start?.getParameter('tzid')).toBe(TZ)
    expect(new ICAL.Event(byUid.get(uid('class52'))).startDate.toString()).toBe(`${addDays(day, 1)}T14:00:00`)

    await app.request('/calendar', {
      ...form({ intent: 'revoke-feed' }),
      cookie: await app.signIn('jw-parent'),
    })
    expect((await app.request(path)).status).toBe(404)
  })

  it('stops working when a new address is made', async () => {
    const app = await getTestApp()
    const old = await createFeed('jw-parent')
    const current = await createFeed('jw-parent')
    expect((await app.request(old)).status).toBe(404)
    expect((await app.request(current)).status).toBe(200)
  })

  it('answers 404 for an unknown or malformed token', async () => {
    const app = await getTestApp()
    const unknown = randomBytes(32).toString('base64url')
    expect((await app.request(`/ics/private/${unknown}.ics`)).status).toBe(404)
    expect((await app.request('/ics/private/short.ics')).status).toBe(404)
  })

  it("never shows one parent another family's children", async () => {
    const app = await getTestApp()
    const response = await app.request(`/ics/private/${otherParent.token}.ics`)
    expect(response.status).toBe(200)
    const text = await response.text()
    const { byUid } = parse(text)
    expect(byUid.has(uid('grade3'))).toBe(true)
    expect(byUid.has(uid('grade5'))).toBe(false)
    expect(byUid.has(uid('class52'))).toBe(false)
    expect(text).not.toContain('张思远')
    expect(text).toContain(otherParent.childName)

    // A parent of another school sees nothing of Jiwang's.
    const zaobei = await (await app.request(await createFeed('zb-parent'))).text()
    expect(zaobei).not.toContain('订阅测试')
    expect(zaobei).not.toContain('张思远')
  })

  it('stops working when the account is deactivated', async () => {
    const app = await getTestApp()
    await app.db.updateTable('users').set({ active: 0 }).where('id', '=', otherParent.id).execute()
    expect((await app.request(`/ics/private/${otherParent.token}.ics`)).status).toBe(404)
    await app.db.updateTable('users').set({ active: 1 }).where('id', '=', otherParent.id).execute()
  })
})
