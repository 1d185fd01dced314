import { beforeAll, describe, expect, it } from 'vitest'
import { resetConsentsAfterMove } from '../../app/models/consents.server'
import type { PlanStatus } from '../../db/schema'
import {
  createActivity,
  createConsent,
  createParticipations,
  createSeason,
  shanghaiInstant,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// The database is shared by the test files of a worker: every season and activity here is this
// file's own (titled 同意书测试·…), and no assertion counts rows of activities it did not make.

const JIWANG = 1

const cookies: Record<string, string> = {}
const ids = {
  yearId: 0,
  admin: 0,
  teacher: 0,
  parent: 0,
  grade: {} as Record<number, number>,
  class12: 0,
  class52: 0,
  siyuan: 0,
  yinuo: 0,
  /** A grade-5 pupil of another family */
  stranger: 0,
  /** A grade-6 pupil, added to a grade-5 activity's sheet */
  helper: 0,
  /** A grade-7 pupil, added to the sheet after the requests went out */
  latecomer: 0,
}

async function app() {
  return getTestApp()
}

async function userId(username: string) {
  const { db } = await app()
  return (
    await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id
}

async function pupil(name: string) {
  const { db } = await app()
  return (
    await db
      .selectFrom('students')
      .select('id')
      .where('school_id', '=', JIWANG)
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id
}

/** The first active pupil of a class, by student number, who is not one of jw-parent's children. */
async function firstPupilOf(className: string) {
  const { db } = await app()
  const row = await db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .select('students.id')
    .where('students.school_id', '=', JIWANG)
    .where('classes.name', '=', className)
    .where('students.active', '=', 1)
    .where('students.name', 'not in', ['张思远', '张一诺'])
    .orderBy('students.student_number')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Active pupils of current classes of a grade: who a whole-grade request goes to. */
async function pupilsOfGrade(level: number) {
  const { db } = await app()
  const rows = await db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .select('students.id')
    .where('students.school_id', '=', JIWANG)
    .where('students.active', '=', 1)
    .where('classes.grade_id', '=', ids.grade[level]!)
    .where('classes.archived_at', 'is', null)
    .execute()
  return rows.map((row) => row.id)
}

beforeAll(async () => {
  const { db, signIn } = await app()
  ids.yearId = (
    await db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', JIWANG)
      .where('name', '=', '2026-2027')
      .executeTakeFirstOrThrow()
  ).id
  const grades = await db
    .selectFrom('grades')
    .select(['id', 'level'])
    .where('school_id', '=', JIWANG)
    .execute()
  ids.grade = Object.fromEntries(grades.map((g) => [g.level, g.id]))
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
  ids.class12 = await classId('一(2)班')
  ids.class52 = await classId('五(2)班')
  ids.admin = await userId('jw-admin')
  ids.teacher = await userId('jw-teacher')
  ids.parent = await userId('jw-parent')
  ids.siyuan = await pupil('张思远')
  ids.yinuo = await pupil('张一诺')
  ids.stranger = await firstPupilOf('五(1)班')
  ids.helper = await firstPupilOf('六(1)班')
  ids.latecomer = await firstPupilOf('七(1)班')
  for (const username of ['jw-admin', 'jw-teacher', 'jw-parent', 'zb-admin', 'zb-parent']) {
    cookies[username] = await signIn(username)
  }
})

let seasons = 0
async function season(status: PlanStatus) {
  const { db } = await app()
  return createSeason(db, {
    schoolId: JIWANG,
    academicYearId: ids.yearId,
    title: `同意书测试·活动季${++seasons}`,
    startsOn: '2026-12-01',
    endsOn: '2027-01-15',
    ownerId: ids.teacher,
    status,
  })
}

type ActivityOptions = Partial<Parameters<typeof createActivity>[1]> & { title: string; seasonId: number }

async function activity(options: ActivityOptions) {
  const { db } = await app()
  return createActivity(db, {
    schoolId: JIWANG,
    kind: 'service',
    startsAt: shanghaiInstant('2026-12-10', '13:30'),
    endsAt: shanghaiInstant('2026-12-10', '16:30'),
    venue: '银杏社区',
    offCampus: true,
    needsConsent: true,
    organiserId: ids.teacher,
    transport: '学校统一包车往返',
    contactPhone: '138 1600 2026',
    consentDueOn: '2026-12-07',
    status: 'submitted',
    ...options,
    title: `同意书测试·${options.title}`,
  })
}

async function consentsOf(activityId: number) {
  const { db } = await app()
  return db
    .selectFrom('consents')
    .select(['id', 'student_id', 'status', 'guardian_id', 'note', 'answered_at'])
    .where('activity_id', '=', activityId)
    .orderBy('student_id')
    .execute()
}

async function consentOf(activityId: number, studentId: number) {
  return (await consentsOf(activityId)).find((row) => row.student_id === studentId)
}

async function messagesTo(userId: number, activityId: number) {
  const { db } = await app()
  const rows = await db
    .selectFrom('notifications')
    .select(['kind', 'params'])
    .where('user_id', '=', userId)
    .where('entity', '=', 'consent')
    .where('entity_id', '=', activityId)
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    kind: row.kind,
    params: JSON.parse(row.params) as Record<string, string | number>,
  }))
}

async function auditOf(action: string, entity: string, entityId: number) {
  const { db } = await app()
  return db
    .selectFrom('audit_log')
    .select(['user_id', 'detail'])
    .where('action', '=', action)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .execute()
}

async function request(path: string, who: string, body?: Record<string, string>) {
  const { request } = await app()
  return request(path, body ? { ...form(body), cookie: cookies[who] } : { cookie: cookies[who] })
}

/** A programme approved through the real review action: one outing for grade 5, one without consent. */
async function approvedProgramme() {
  const seasonId = await season('submitted')
  const outing = await activity({ seasonId, title: '银杏社区志愿服务', gradeIds: [ids.grade[5]!] })
  const noConsent = await activity({
    seasonId,
    title: '校外参观（无需同意书）',
    needsConsent: false,
    gradeIds: [ids.grade[5]!],
  })
  const classOnly = await activity({
    seasonId,
    title: '一(2)班亲子研学',
    kind: 'study_tour',
    classIds: [ids.class12],
  })
  const { db } = await app()
  // A grade-6 pupil joins the grade-5 team before approval: asked too.
  await createParticipations(db, {
    schoolId: JIWANG,
    activityId: outing,
    rows: [{ studentId: ids.helper, classId: await classOf(ids.helper), status: null, added: true }],
  })
  const expected = [...(await pupilsOfGrade(5)), ids.helper].sort((a, b) => a - b)
  const approve = () =>
    request(`/seasons/${seasonId}/review`, 'jw-admin', {
      decision: 'approve',
      from: 'submitted',
      comment: '',
    })
  return { seasonId, outing, noConsent, classOnly, expected, approve }
}

async function classOf(studentId: number) {
  const { db } = await app()
  return (
    await db.selectFrom('students').select('class_id').where('id', '=', studentId).executeTakeFirstOrThrow()
  ).class_id
}

describe('requests on approval', () => {
  it('asks every target pupil once when the season is approved, and tells their guardians', async () => {
    const p = await approvedProgramme()
    expect(await consentsOf(p.outing)).toEqual([])
    const response = await p.approve()
    expect(response.status).toBe(302)

    const rows = await consentsOf(p.outing)
    expect(rows.map((row) => row.student_id)).toEqual(p.expected)
    expect(rows.every((row) => row.status === 'requested' && row.guardian_id === null)).toBe(true)
    expect(await consentsOf(p.noConsent)).toEqual([])
    // A class-only activity asks that class: 张一诺 of 一(2)班, not 张思远 of 五(2)班.
    const classRows = await consentsOf(p.classOnly)
    expect(classRows.map((row) => row.student_id)).toContain(ids.yinuo)
    expect(classRows.map((row) => row.student_id)).not.toContain(ids.siyuan)

    expect(await messagesTo(ids.parent, p.outing)).toEqual([
      {
        kind: 'consent-requested',
        // Facts, worded in the reader's language when read
        params: {
          studentId: ids.siyuan,
          child: '张思远',
          title: '同意书测试·银杏社区志愿服务',
          startsAt: shanghaiInstant('2026-12-10', '13:30'),
          endsAt: shanghaiInstant('2026-12-10', '16:30'),
          venue: '银杏社区',
        },
      },
    ])
    expect((await messagesTo(ids.parent, p.classOnly)).map((m) => m.params.child)).toEqual(['张一诺'])
    const inbox = await (await request('/inbox', 'jw-parent')).text()
    expect(inbox).toContain(
      '请为张思远回复活动「同意书测试·银杏社区志愿服务」（2026年12月10日 13:30–16:30，银杏社区）',
    )
  })

  it('makes no second request or message on a double click, or when the season is published', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const again = await p.approve()
    expect(again.status).toBe(302)
    const publish = await request(`/seasons/${p.seasonId}`, 'jw-admin', {
      intent: 'decide',
      decision: 'publish',
      from: 'approved',
    })
    expect(publish.status).toBe(302)
    const { db } = await app()
    const status = await db
      .selectFrom('activities')
      .select('status')
      .where('id', '=', p.outing)
      .executeTakeFirstOrThrow()
    expect(status.status).toBe('published')
    expect((await consentsOf(p.outing)).map((row) => row.student_id)).toEqual(p.expected)
    expect(await messagesTo(ids.parent, p.outing)).toHaveLength(1)
  })

  it('asks when a single activity added to an approved season is approved', async () => {
    const seasonId = await season('approved')
    const added = await activity({ seasonId, title: '季后新增的亲子研学', classIds: [ids.class12] })
    const teacherTry = await request(`/activities/${added}`, 'jw-teacher', { intent: 'approve' })
    expect(teacherTry.status).toBe(403)
    expect(await consentsOf(added)).toEqual([])
    const approved = await request(`/activities/${added}`, 'jw-admin', { intent: 'approve', comment: '' })
    expect(approved.status).toBe(302)
    expect((await consentsOf(added)).map((row) => row.student_id)).toContain(ids.yinuo)
    expect(await messagesTo(ids.parent, added)).toHaveLength(1)
  })

  it('asks nobody for an activity that has already started', async () => {
    const seasonId = await season('submitted')
    const past = await activity({
      seasonId,
      title: '已经开始的外出',
      startsAt: '2026-11-20T01:00:00.000Z',
      endsAt: '2026-11-20T04:00:00.000Z',
      consentDueOn: null,
      gradeIds: [ids.grade[5]!],
    })
    const response = await request(`/seasons/${seasonId}/review`, 'jw-admin', {
      decision: 'approve',
      from: 'submitted',
      comment: '',
    })
    expect(response.status).toBe(302)
    expect(await consentsOf(past)).toEqual([])
  })
})

describe('/family/consents', () => {
  it('shows a guardian the request with what they need to decide, and lets them answer and change it', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const page = await (await request('/family/consents', 'jw-parent')).text()
    expect(page).toContain('同意书测试·银杏社区志愿服务')
    expect(page).toContain('学校统一包车往返')
    expect(page).toContain('href="tel:13816002026"')
    expect(page).toContain('2026年12月7日')
    expect(page).toContain('张思远 · 五(2)班')

    const consent = (await consentOf(p.outing, ids.siyuan))!
    const given = await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(consent.id),
      answer: 'given',
      note: '',
    })
    expect(given.status).toBe(302)
    expect(given.headers.get('Location')).toBe(`/family/consents#child-${ids.siyuan}`)
    expect(await consentOf(p.outing, ids.siyuan)).toMatchObject({ status: 'given', guardian_id: ids.parent })
    expect((await consentOf(p.outing, ids.siyuan))!.answered_at).not.toBeNull()

    const refused = await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(consent.id),
      answer: 'refused',
      note: '那天要去医院复查。',
    })
    expect(refused.status).toBe(302)
    expect(await consentOf(p.outing, ids.siyuan)).toMatchObject({
      status: 'refused',
      guardian_id: ids.parent,
      note: '那天要去医院复查。',
    })
    const audit = await auditOf('consent-answered', 'consent', consent.id)
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}'))).toEqual([
      { activityId: p.outing, studentId: ids.siyuan, from: 'requested', to: 'given' },
      { activityId: p.outing, studentId: ids.siyuan, from: 'given', to: 'refused' },
    ])
    expect(audit.every((a) => a.user_id === ids.parent)).toBe(true)
    // The same answer again records nothing more.
    await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(consent.id),
      answer: 'refused',
      note: '那天要去医院复查。',
    })
    expect(await auditOf('consent-answered', 'consent', consent.id)).toHaveLength(2)
    const after = await (await request('/family/consents', 'jw-parent')).text()
    expect(after).toContain('留言：那天要去医院复查。')
    expect(after).toContain('修改回复')
  })

  it('refuses an answer for another family’s child or from another school, writing nothing', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const theirs = (await consentOf(p.outing, ids.stranger))!
    const before = await consentsOf(p.outing)
    const forged = await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(theirs.id),
      answer: 'given',
    })
    expect(forged.status).toBe(404)
    const mine = (await consentOf(p.outing, ids.siyuan))!
    const otherSchool = await request('/family/consents', 'zb-parent', {
      intent: 'answer',
      consentId: String(mine.id),
      answer: 'given',
    })
    expect(otherSchool.status).toBe(404)
    for (const who of ['jw-teacher', 'jw-admin']) {
      const staff = await request('/family/consents', who, {
        intent: 'answer',
        consentId: String(mine.id),
        answer: 'given',
      })
      expect(staff.status).toBe(403)
    }
    expect((await request('/family/consents', 'jw-teacher')).status).toBe(403)
    expect(await consentsOf(p.outing)).toEqual(before)
    expect(await auditOf('consent-answered', 'consent', theirs.id)).toEqual([])
  })

  it('keeps the note and says why when the answer is missing or too long', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const mine = (await consentOf(p.outing, ids.siyuan))!
    const response = await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(mine.id),
      note: '孩子晕车，请安排坐前排。',
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('请选择同意或不同意。')
    expect(html).toContain('孩子晕车，请安排坐前排。')
    expect(await consentOf(p.outing, ids.siyuan)).toMatchObject({ status: 'requested', note: '' })
  })

  it('refuses an answer once the activity has started', async () => {
    const seasonId = await season('approved')
    const started = await activity({
      seasonId,
      title: '已开始的研学',
      status: 'approved',
      startsAt: '2026-11-27T01:00:00.000Z',
      endsAt: '2026-11-27T04:00:00.000Z',
      consentDueOn: null,
      gradeIds: [ids.grade[5]!],
    })
    const { db } = await app()
    const consentId = await createConsent(db, {
      schoolId: JIWANG,
      activityId: started,
      studentId: ids.siyuan,
    })
    const response = await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(consentId),
      answer: 'given',
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('活动已经开始，不能再回复或修改。')
    expect(await consentOf(started, ids.siyuan)).toMatchObject({ status: 'requested', guardian_id: null })
  })
})

describe('photo-use preference', () => {
  it('is set by a guardian of the child, and by nobody else', async () => {
    const { db } = await app()
    const photo = async (studentId: number) =>
      db
        .selectFrom('students')
        .select(['photo_consent', 'photo_consent_by'])
        .where('id', '=', studentId)
        .executeTakeFirstOrThrow()
    const strangerBefore = await photo(ids.stranger)

    const set = await request('/family/consents', 'jw-parent', {
      intent: 'photo',
      studentId: String(ids.yinuo),
      photoConsent: 'school',
    })
    expect(set.status).toBe(302)
    expect(await photo(ids.yinuo)).toEqual({ photo_consent: 'school', photo_consent_by: ids.parent })
    const audit = await auditOf('photo-consent-set', 'student', ids.yinuo)
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}')).at(-1)).toMatchObject({ to: 'school' })
    const page = await (await request('/family/consents', 'jw-parent')).text()
    expect(page).toMatch(new RegExp(`id="photo-${ids.yinuo}-school"[^>]*checked=""`))

    const bad = await request('/family/consents', 'jw-parent', {
      intent: 'photo',
      studentId: String(ids.yinuo),
      photoConsent: 'everyone',
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('请选择一种照片使用方式。')
    expect((await photo(ids.yinuo)).photo_consent).toBe('school')

    const forged = await request('/family/consents', 'jw-parent', {
      intent: 'photo',
      studentId: String(ids.stranger),
      photoConsent: 'public',
    })
    expect(forged.status).toBe(404)
    const otherSchool = await request('/family/consents', 'zb-parent', {
      intent: 'photo',
      studentId: String(ids.yinuo),
      photoConsent: 'public',
    })
    expect(otherSchool.status).toBe(404)
    expect(await photo(ids.stranger)).toEqual(strangerBefore)
    expect((await photo(ids.yinuo)).photo_consent).toBe('school')
  })
})

describe('/activities/:id/consents', () => {
  it('shows staff the tallies per class, the names with who answered, and pupils present without consent', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const mine = (await consentOf(p.outing, ids.siyuan))!
    await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(mine.id),
      answer: 'given',
      note: '需带哮喘喷雾。',
    })
    const { db } = await app()
    // The stranger went without an answer from home: flagged.
    await createParticipations(db, {
      schoolId: JIWANG,
      activityId: p.outing,
      rows: [
        { studentId: ids.stranger, classId: await classOf(ids.stranger), status: 'attended' },
        { studentId: ids.siyuan, classId: ids.class52, status: 'attended' },
      ],
    })
    const pupilsOf52 = await db
      .selectFrom('students')
      .select('id')
      .where('class_id', '=', ids.class52)
      .where('active', '=', 1)
      .execute()

    const response = await request(`/activities/${p.outing}/consents`, 'jw-teacher')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('家长同意书：同意书测试·银杏社区志愿服务')
    expect(html).toContain(`同意 1 · 不同意 0 · 待回复 ${pupilsOf52.length - 1}`)
    expect(html).toContain('张妈妈（母亲）')
    expect(html).toContain('需带哮喘喷雾。')
    expect(html).toMatch(/1 名学生已记为出席，但没有家长同意/)
    const stranger = await db
      .selectFrom('students')
      .select('name')
      .where('id', '=', ids.stranger)
      .executeTakeFirstOrThrow()
    expect(html).toContain(`${stranger.name}（五(1)班）：待回复`)
    expect(html).not.toContain('张思远（五(2)班）：')
    // The helper from grade 6 is listed under their own class.
    expect(html).toContain('六(1)班')
  })

  it('is for staff of the school only, and says when an activity needs no consent', async () => {
    const p = await approvedProgramme()
    await p.approve()
    expect((await request(`/activities/${p.outing}/consents`, 'jw-parent')).status).toBe(403)
    expect((await request(`/activities/${p.outing}/consents`, 'zb-admin')).status).toBe(404)
    expect((await request('/activities/999999999/consents', 'jw-admin')).status).toBe(404)
    const none = await request(`/activities/${p.noConsent}/consents`, 'jw-admin')
    expect(none.status).toBe(200)
    expect(await none.text()).toContain('这项活动不需要家长同意书。')
  })

  it('sends the request to pupils added later, once, and only for staff of the school', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const { db } = await app()
    await createParticipations(db, {
      schoolId: JIWANG,
      activityId: p.outing,
      rows: [{ studentId: ids.latecomer, classId: await classOf(ids.latecomer), status: null, added: true }],
    })
    const page = await (await request(`/activities/${p.outing}/consents`, 'jw-teacher')).text()
    expect(page).toContain('有 1 名学生还没有收到同意书')
    const before = await consentsOf(p.outing)
    for (const [who, status] of [
      ['jw-parent', 403],
      ['zb-admin', 404],
    ] as const) {
      const refused = await request(`/activities/${p.outing}/consents`, who, { intent: 'send-requests' })
      expect(refused.status).toBe(status)
    }
    expect(await consentsOf(p.outing)).toEqual(before)

    const sent = await request(`/activities/${p.outing}/consents`, 'jw-teacher', { intent: 'send-requests' })
    expect(sent.status).toBe(302)
    expect(await consentOf(p.outing, ids.latecomer)).toMatchObject({ status: 'requested' })
    expect(await consentsOf(p.outing)).toHaveLength(before.length + 1)
    const audit = await auditOf('consents-requested', 'activity', p.outing)
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}').pupils)).toEqual([1])

    const again = await request(`/activities/${p.outing}/consents`, 'jw-teacher', { intent: 'send-requests' })
    expect(again.status).toBe(302)
    expect(await consentsOf(p.outing)).toHaveLength(before.length + 1)
    expect(await auditOf('consents-requested', 'activity', p.outing)).toHaveLength(1)
  })
})

describe('a moved activity', () => {
  it('voids the answers and asks the guardians again when its day or place moves, not otherwise', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const mine = (await consentOf(p.outing, ids.siyuan))!
    await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(mine.id),
      answer: 'given',
    })
    const { db } = await app()
    const before = {
      startsAt: shanghaiInstant('2026-12-10', '13:30'),
      endsAt: shanghaiInstant('2026-12-10', '16:30'),
      venue: '银杏社区',
    }
    const unchanged = await db.transaction().execute((trx) =>
      resetConsentsAfterMove(trx, {
        schoolId: JIWANG,
        userId: ids.teacher,
        activityId: p.outing,
        before,
        after: { ...before },
      }),
    )
    expect(unchanged).toBe(0)
    expect(await consentOf(p.outing, ids.siyuan)).toMatchObject({ status: 'given' })

    const after = {
      startsAt: shanghaiInstant('2026-12-17', '13:30'),
      endsAt: shanghaiInstant('2026-12-17', '16:30'),
      venue: '银杏社区',
    }
    await db
      .updateTable('activities')
      .set({ starts_at: after.startsAt, ends_at: after.endsAt })
      .where('id', '=', p.outing)
      .execute()
    const voided = await db.transaction().execute((trx) =>
      resetConsentsAfterMove(trx, {
        schoolId: JIWANG,
        userId: ids.teacher,
        activityId: p.outing,
        before,
        after,
      }),
    )
    expect(voided).toBe(1)
    expect(await consentOf(p.outing, ids.siyuan)).toMatchObject({
      status: 'requested',
      guardian_id: null,
      answered_at: null,
    })
    const messages = await messagesTo(ids.parent, p.outing)
    expect(messages).toHaveLength(2)
    expect(messages[1]!.params.startsAt).toBe(shanghaiInstant('2026-12-17', '13:30'))
    expect(await auditOf('consents-reset', 'activity', p.outing)).toHaveLength(1)
  })
})

describe('the activity form', () => {
  it('stores transport, contact phone and due date, and keeps them with a message when the date is wrong', async () => {
    const seasonId = await season('draft')
    const values = {
      title: '同意书测试·表单',
      kind: 'study_tour',
      startsAt: '2026-12-15T08:30',
      endsAt: '2026-12-15T15:00',
      venue: '上海科技馆',
      offCampus: 'on',
      consent: 'auto',
      organiserId: String(ids.teacher),
      gradeIds: String(ids.grade[5]),
      transport: '地铁往返，老师带队',
      contactPhone: '021-6438 1234',
    }
    const wrong = await request(`/seasons/${seasonId}/activities/new`, 'jw-teacher', {
      ...values,
      consentDueOn: '2026-12-15',
    })
    expect(wrong.status).toBe(400)
    const html = await wrong.text()
    expect(html).toContain('回复截止日期须早于活动当天。')
    expect(html).toContain('地铁往返，老师带队')

    const created = await request(`/seasons/${seasonId}/activities/new`, 'jw-teacher', {
      ...values,
      consentDueOn: '2026-12-11',
    })
    expect(created.status).toBe(302)
    const { db } = await app()
    const row = await db
      .selectFrom('activities')
      .select(['transport', 'contact_phone', 'consent_due_on', 'needs_consent'])
      .where('season_id', '=', seasonId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      transport: '地铁往返，老师带队',
      contact_phone: '021-6438 1234',
      consent_due_on: '2026-12-11',
      needs_consent: 1,
    })
  })
})
describe('editing a moved activity (lead hook)', () => {
  it('keeps the consent details on an unrelated edit, and voids answers when the day moves', async () => {
    const p = await approvedProgramme()
    await p.approve()
    const mine = (await consentOf(p.outing, ids.siyuan))!
    await request('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(mine.id),
      answer: 'given',
    })
    const editPage = await (await request(`/activities/${p.outing}/edit`, 'jw-teacher')).text()
    expect(editPage).toContain('value="学校统一包车往返"')
    expect(editPage).toContain('value="2026-12-07"')
    const base = {
      intent: 'save',
      title: '同意书测试·银杏社区志愿服务',
      kind: 'service',
      startsAt: '2026-12-10T13:30',
      endsAt: '2026-12-10T16:30',
      venue: '银杏社区',
      offCampus: 'on',
      consent: 'auto',
      organiserId: String(ids.teacher),
      gradeIds: String(ids.grade[5]),
      transport: '学校统一包车往返',
      contactPhone: '138 1600 2026',
      consentDueOn: '2026-12-07',
    }
    const same = await request(`/activities/${p.outing}/edit`, 'jw-teacher', {
      ...base,
      description: '带好水杯。',
    })
    expect(same.status).toBe(302)
    expect(await consentOf(p.outing, ids.siyuan)).toMatchObject({ status: 'given' })
    const moved = await request(`/activities/${p.outing}/edit`, 'jw-teacher', {
      ...base,
      startsAt: '2026-12-17T13:30',
      endsAt: '2026-12-17T16:30',
      consentDueOn: '2026-12-14',
    })
    expect(moved.status).toBe(302)
    expect(await consentOf(p.outing, ids.siyuan)).toMatchObject({ status: 'requested', guardian_id: null })
    const messages = await messagesTo(ids.parent, p.outing)
    expect(messages.map((m) => m.params.startsAt)).toEqual([
      shanghaiInstant('2026-12-10', '13:30'),
      shanghaiInstant('2026-12-17', '13:30'),
    ])
  })
})
