import { beforeAll, describe, expect, it } from 'vitest'
import { requestConsents } from '../../app/models/consents.server'
import { createActivity, createSeason, createUser, shanghaiInstant } from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// Paper consent slips recorded on the consents page. Every activity here is this file's own
// (titled 纸质回执测试·…), organised by the admin so that jw-teacher acts as head teacher of 五(2)班.

const JIWANG = 1
const cookies: Record<string, string> = {}
const ids = { yearId: 0, admin: 0, teacher: 0, class51: 0, class52: 0, siyuan: 0, other52: 0, pupil51: 0 }

async function app() {
  return getTestApp()
}

async function request(path: string, who: string, body?: Record<string, string>) {
  const { request } = await app()
  return request(path, body ? { ...form(body), cookie: cookies[who] } : { cookie: cookies[who] })
}

beforeAll(async () => {
  const { db, signIn } = await app()
  const one = <T>(rows: T[]) => rows[0]!
  ids.yearId = one(
    await db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', JIWANG)
      .where('name', '=', '2026-2027')
      .execute(),
  ).id
  const user = (username: string) =>
    db
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  const teacher = await user('jw-teacher')
  ids.teacher = teacher.id
  ids.admin = (await user('jw-admin')).id
  const classId = async (name: string) =>
    (
      await db
        .selectFrom('classes')
        .select('id')
        .where('school_id', '=', JIWANG)
        .where('name', '=', name)
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).id
  ids.class51 = await classId('五(1)班')
  ids.class52 = await classId('五(2)班')
  const pupilsOf = (classId: number) =>
    db
      .selectFrom('students')
      .select(['id', 'name'])
      .where('class_id', '=', classId)
      .where('active', '=', 1)
      .orderBy('student_number')
      .execute()
  const of52 = await pupilsOf(ids.class52)
  ids.siyuan = of52.find((p) => p.name === '张思远')!.id
  ids.other52 = of52.find((p) => p.name !== '张思远')!.id
  ids.pupil51 = one(await pupilsOf(ids.class51)).id
  // A teacher of the school who neither teaches 五(2)班 nor organises the activity.
  await createUser(db, {
    schoolId: JIWANG,
    role: 'teacher',
    username: 'jw-paper-other',
    displayName: '纸质回执测试老师',
    passwordHash: teacher.password_hash,
  })
  for (const username of ['jw-admin', 'jw-teacher', 'jw-parent', 'jw-paper-other', 'zb-teacher']) {
    cookies[username] = await signIn(username)
  }
  // Seeding the demo takes a while on a busy machine.
}, 60_000)

let made = 0
/** An approved grade-5 outing with its requests sent, organised by the admin. */
async function outing() {
  const { db } = await app()
  const seasonId = await createSeason(db, {
    schoolId: JIWANG,
    academicYearId: ids.yearId,
    title: `纸质回执测试·活动季${++made}`,
    startsOn: '2026-12-01',
    endsOn: '2027-01-15',
    ownerId: ids.admin,
    status: 'approved',
  })
  const activityId = await createActivity(db, {
    schoolId: JIWANG,
    seasonId,
    title: `纸质回执测试·银杏社区${made}`,
    kind: 'service',
    startsAt: shanghaiInstant('2026-12-10', '13:30'),
    endsAt: shanghaiInstant('2026-12-10', '16:30'),
    venue: '银杏社区',
    offCampus: true,
    needsConsent: true,
    organiserId: ids.admin,
    gradeIds: [await gradeId(5)],
    status: 'approved',
  })
  await requestConsents(db, { schoolId: JIWANG, activityId })
  return activityId
}

async function gradeId(level: number) {
  const { db } = await app()
  return (
    await db
      .selectFrom('grades')
      .select('id')
      .where('school_id', '=', JIWANG)
      .where('level', '=', level)
      .executeTakeFirstOrThrow()
  ).id
}

async function consentOf(activityId: number, studentId: number) {
  const { db } = await app()
  return db
    .selectFrom('consents')
    .select(['id', 'status', 'source', 'recorded_by', 'guardian_id', 'answered_at'])
    .where('activity_id', '=', activityId)
    .where('student_id', '=', studentId)
    .executeTakeFirstOrThrow()
}

async function historyOf(consentId: number) {
  const { db } = await app()
  return db
    .selectFrom('consent_answers')
    .select(['source', 'status', 'photo_consent', 'guardian_id', 'recorded_by', 'withdrawn_at'])
    .where('consent_id', '=', consentId)
    .orderBy('id')
    .execute()
}

async function auditOf(action: string, consentId: number) {
  const { db } = await app()
  return db
    .selectFrom('audit_log')
    .select(['user_id', 'detail'])
    .where('action', '=', action)
    .where('entity', '=', 'consent')
    .where('entity_id', '=', consentId)
    .execute()
}

const paper = (studentId: number, answer: string, extra: Record<string, string> = {}) => ({
  intent: 'record-paper',
  studentId: String(studentId),
  answer,
  photoConsent: '',
  ...extra,
})

describe('recording a paper slip', () => {
  it('stores the answer as paper, with who recorded it, the photo choice, its history and audit entry', async () => {
    const activityId = await outing()
    const response = await request(
      `/activities/${activityId}/consents`,
      'jw-teacher',
      paper(ids.other52, 'given', { photoConsent: 'school' }),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(
      `/activities/${activityId}/consents?class=${ids.class52}#pupil-${ids.other52}`,
    )
    const consent = await consentOf(activityId, ids.other52)
    expect(consent).toMatchObject({
      status: 'given',
      source: 'paper',
      recorded_by: ids.teacher,
      guardian_id: null,
    })
    expect(await historyOf(consent.id)).toEqual([
      {
        source: 'paper',
        status: 'given',
        photo_consent: 'school',
        guardian_id: null,
        recorded_by: ids.teacher,
        withdrawn_at: null,
      },
    ])
    const { db } = await app()
    const pupil = await db
      .selectFrom('students')
      .select(['photo_consent', 'photo_consent_by'])
      .where('id', '=', ids.other52)
      .executeTakeFirstOrThrow()
    expect(pupil).toEqual({ photo_consent: 'school', photo_consent_by: ids.teacher })
    const audit = await auditOf('consent-paper-recorded', consent.id)
    expect(audit.map((a) => a.user_id)).toEqual([ids.teacher])
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({
      from: 'requested',
      to: 'given',
      photoConsent: 'school',
    })
    expect(await auditOf('consent-answered', consent.id)).toEqual([])

    // A tap through a fetcher is answered in place; the other answer corrects the first.
    const fixed = await request(
      `/activities/${activityId}/consents`,
      'jw-teacher',
      paper(ids.other52, 'refused', { via: 'fetcher' }),
    )
    expect(fixed.status).toBe(200)
    expect(await consentOf(activityId, ids.other52)).toMatchObject({ status: 'refused', source: 'paper' })
    expect(await historyOf(consent.id)).toHaveLength(2)

    const page = await (
      await request(`/activities/${activityId}/consents?class=${ids.class52}`, 'jw-teacher')
    ).text()
    expect(page).toContain('当前：不同意（纸质）')
    expect(page).toContain('回复记录（2 条）')
  })

  it('is for the head teacher of the class, the organiser and admins only; others store nothing', async () => {
    const activityId = await outing()
    const before = await consentOf(activityId, ids.other52)
    for (const [who, status] of [
      ['zb-teacher', 404],
      ['jw-parent', 403],
      ['jw-paper-other', 403],
    ] as const) {
      const refused = await request(`/activities/${activityId}/consents`, who, paper(ids.other52, 'given'))
      expect(refused.status, who).toBe(status)
    }
    // jw-teacher heads 五(2)班, not 五(1)班.
    const notMine = await request(
      `/activities/${activityId}/consents`,
      'jw-teacher',
      paper(ids.pupil51, 'given'),
    )
    expect(notMine.status).toBe(403)
    expect(await consentOf(activityId, ids.other52)).toEqual(before)
    expect(await historyOf(before.id)).toEqual([])
    expect((await consentOf(activityId, ids.pupil51)).status).toBe('requested')

    // The admin records any class.
    const admin = await request(`/activities/${activityId}/consents`, 'jw-admin', paper(ids.pupil51, 'given'))
    expect(admin.status).toBe(302)
    expect(await consentOf(activityId, ids.pupil51)).toMatchObject({
      source: 'paper',
      recorded_by: ids.admin,
    })
    // The print is refused alike.
    expect(
      (await request(`/activities/${activityId}/consents/print?class=${ids.class51}`, 'jw-teacher')).status,
    ).toBe(403)
    expect(
      (await request(`/activities/${activityId}/consents/print?class=${ids.class52}`, 'zb-teacher')).status,
    ).toBe(404)
  })

  it('refuses an unknown pupil or answer with a message and stores nothing', async () => {
    const activityId = await outing()
    const before = await consentOf(activityId, ids.other52)
    const path = `/activities/${activityId}/consents?class=${ids.class52}`
    const unknown = await request(path, 'jw-teacher', paper(999999999, 'given'))
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('这名学生不在这项活动的同意书名单上。')
    const badAnswer = await request(path, 'jw-teacher', paper(ids.other52, 'maybe'))
    expect(badAnswer.status).toBe(400)
    expect(await badAnswer.text()).toContain('请选择同意或不同意。')
    const badPhoto = await request(
      path,
      'jw-teacher',
      paper(ids.other52, 'given', { photoConsent: 'everyone' }),
    )
    expect(badPhoto.status).toBe(400)
    expect(await badPhoto.text()).toContain('请选择一种照片使用方式。')
    expect(await consentOf(activityId, ids.other52)).toEqual(before)
    expect(await historyOf(before.id)).toEqual([])
  })

  it('gives way to a later online answer, keeps both, and shows the disagreement', async () => {
    const activityId = await outing()
    const onPaper = await request(
      `/activities/${activityId}/consents`,
      'jw-teacher',
      paper(ids.siyuan, 'given'),
    )
    expect(onPaper.status).toBe(302)
    const consent = await consentOf(activityId, ids.siyuan)
    const { db } = await app()
    // The guardian answers online a little later (the clock is pinned, so the row says when).
    await db
      .updateTable('consent_answers')
      .set({ answered_at: '2026-12-07T01:00:00.000Z' })
      .where('consent_id', '=', consent.id)
      .execute()
    const online = await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(consent.id),
      answer: 'refused',
      note: '',
    })
    expect(online.status).toBe(302)
    expect(await consentOf(activityId, ids.siyuan)).toMatchObject({ status: 'refused', source: 'online' })
    expect((await historyOf(consent.id)).map((h) => [h.source, h.status])).toEqual([
      ['paper', 'given'],
      ['online', 'refused'],
    ])
    const page = await (
      await request(`/activities/${activityId}/consents?class=${ids.class52}`, 'jw-teacher')
    ).text()
    expect(page).toContain('当前：不同意（网上）')
    expect(page).toContain('网上回复与纸质回执不一致：网上 不同意')
    expect(page).toContain('<div><dt>网上回复</dt><dd>1</dd></div><div><dt>纸质回执</dt><dd>0</dd></div>')

    // The paper record can be cleared; the online answer stays current.
    const cleared = await request(`/activities/${activityId}/consents`, 'jw-teacher', {
      intent: 'clear-paper',
      studentId: String(ids.siyuan),
    })
    expect(cleared.status).toBe(302)
    expect(await consentOf(activityId, ids.siyuan)).toMatchObject({ status: 'refused', source: 'online' })
    const history = await historyOf(consent.id)
    expect(history[0]!.withdrawn_at).not.toBeNull()
    expect(history[1]!.withdrawn_at).toBeNull()
  })

  it('clears a mistaken tap back to no answer, keeping it in the history', async () => {
    const activityId = await outing()
    await request(`/activities/${activityId}/consents`, 'jw-teacher', paper(ids.other52, 'refused'))
    const consent = await consentOf(activityId, ids.other52)
    const cleared = await request(`/activities/${activityId}/consents`, 'jw-teacher', {
      intent: 'clear-paper',
      studentId: String(ids.other52),
    })
    expect(cleared.status).toBe(302)
    expect(await consentOf(activityId, ids.other52)).toMatchObject({
      status: 'requested',
      source: null,
      recorded_by: null,
      answered_at: null,
    })
    expect(await historyOf(consent.id)).toHaveLength(1)
    expect(await auditOf('consent-paper-cleared', consent.id)).toHaveLength(1)
  })
})
