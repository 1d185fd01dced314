import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { countReport } from '~/models/reports.server'
import { applyRetention } from '~/models/retention.server'
import { now } from '~/utils/clock'
import { createDb } from '../../db/client'
import { migrateToLatest } from '../../db/migrate'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createAcademicYear,
  createActivity,
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

// A school of this file's own (slug retain-it, accounts rn-*); retention runs scoped to it, except
// the throttle check, whose rows belong to no school. The clock is the pinned one (2026-12-07).

const ids = {} as Record<string, number>
const OLD_NAME = '留存测试老甲'
const RECENT_NAME = '留存测试新乙'
const LEFT_NAME = '留存测试离丙'
const ACTIVE_NAME = '留存测试在丁'
const DAY = 24 * 60 * 60 * 1000

const ago = (ms: number) => new Date(now().getTime() - ms).toISOString()

beforeAll(async () => {
  const { db } = await getTestApp()
  const school = await createSchool(db, {
    slug: 'retain-it',
    name: '留存测试小学',
    district: '闵行区',
    kind: 'primary',
  })
  ids.school = school.id
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const admin = await createUser(db, {
    schoolId: school.id,
    role: 'admin',
    username: 'rn-admin',
    displayName: '留存管理员',
    passwordHash,
  })
  ids.admin = admin.id
  await createUser(db, {
    schoolId: school.id,
    role: 'teacher',
    username: 'rn-teacher',
    displayName: '留存老师',
    passwordHash,
  })
  const parent = await createUser(db, {
    schoolId: school.id,
    role: 'parent',
    username: 'rn-parent',
    displayName: '留存家长',
    passwordHash,
    phone: '13900007701',
  })
  ids.parent = parent.id
  const year = await createAcademicYear(db, {
    schoolId: school.id,
    name: '2022学年',
    startsOn: '2022-09-01',
    endsOn: '2023-06-30',
  })
  ids.year = year.id
  const grade5 = school.grades.find((g) => g.level === 5)?.id as number
  ids.grade5 = grade5
  const c = await createClass(db, { schoolId: school.id, gradeId: grade5, number: 1 })
  const pupils = await createStudents(db, {
    schoolId: school.id,
    classId: c.id,
    count: 4,
    startNumber: 1,
    numberPrefix: 'RN',
    random: createRandom(2101),
    names: [OLD_NAME, RECENT_NAME, LEFT_NAME, ACTIVE_NAME],
  })
  const [old, recent, left, active] = pupils.map((p) => p.id) as [number, number, number, number]
  Object.assign(ids, { old, recent, left, active })
  await db
    .updateTable('students')
    .set({ active: 0, graduated_on: '2023-07-01' })
    .where('id', '=', old)
    .execute()
  await db
    .updateTable('students')
    .set({ active: 0, graduated_on: '2026-07-01' })
    .where('id', '=', recent)
    .execute()
  await db.updateTable('students').set({ active: 0, left_on: '2026-11-01' }).where('id', '=', left).execute()
  await linkGuardian(db, { guardianId: parent.id, studentId: old, relation: 'mother' })
  await db
    .insertInto('correction_requests')
    .values({
      school_id: school.id,
      student_id: old,
      guardian_id: parent.id,
      section: 'participation',
      message: `${OLD_NAME}的课时少记了`,
      created_at: '2023-05-01T08:00:00.000Z',
    })
    .execute()

  const season = await createSeason(db, {
    schoolId: school.id,
    academicYearId: year.id,
    title: '留存测试·春季',
    startsOn: '2023-03-01',
    endsOn: '2023-04-30',
    ownerId: admin.id,
    status: 'closed',
  })
  const activity = await createActivity(db, {
    schoolId: school.id,
    seasonId: season,
    title: '留存测试·社区服务',
    kind: 'service',
    startsAt: shanghaiInstant('2023-03-10', '09:00'),
    endsAt: shanghaiInstant('2023-03-10', '11:00'),
    practiceCategory: 'public_service',
    practiceHours: 2,
    status: 'closed',
    gradeIds: [grade5],
  })
  await createParticipations(db, {
    schoolId: school.id,
    activityId: activity,
    rows: pupils.map((p) => ({
      studentId: p.id,
      classId: c.id,
      status: 'attended',
      hours: 2,
      note: `${p.name}表现好`,
    })),
  })

  // Sessions and audit entries either side of their periods.
  const session = (id: string, lastSeen: string) =>
    db
      .insertInto('sessions')
      .values({ id, user_id: admin.id, created_at: lastSeen, last_seen_at: lastSeen, expires_at: lastSeen })
      .execute()
  await session('retain-it-old', ago(31 * DAY))
  await session('retain-it-new', ago(29 * DAY))
  const audit = (action: string, createdAt: string) =>
    db
      .insertInto('audit_log')
      .values({ school_id: school.id, user_id: admin.id, action, entity: 'student', created_at: createdAt })
      .execute()
  await audit('retain-it-ancient', ago(3 * 366 * DAY))
  await audit('retain-it-recent', ago(3 * 364 * DAY))
  await db
    .insertInto('audit_log')
    .values({
      school_id: school.id,
      user_id: admin.id,
      action: 'pupil-updated',
      entity: 'student',
      entity_id: old,
      detail: JSON.stringify({ to: { name: OLD_NAME, studentNumber: 'RN01' } }),
      created_at: ago(DAY),
    })
    .execute()
})

async function snapshot() {
  const { db } = await getTestApp()
  const schoolId = ids.school as number
  return {
    students: await db
      .selectFrom('students')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('id')
      .execute(),
    guardianships: await db
      .selectFrom('guardianships')
      .selectAll()
      .where('student_id', 'in', [ids.old as number, ids.recent as number])
      .execute(),
    users: await db.selectFrom('users').selectAll().where('school_id', '=', schoolId).orderBy('id').execute(),
    sessions: await db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'like', 'retain-it-%')
      .orderBy('id')
      .execute(),
    audit: await db
      .selectFrom('audit_log')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('id')
      .execute(),
    participations: await db
      .selectFrom('participations')
      .selectAll()
      .where('school_id', '=', schoolId)
      .orderBy('id')
      .execute(),
  }
}

async function reportCounts() {
  const { db } = await getTestApp()
  const scope = {
    schoolId: ids.school as number,
    academicYearId: ids.year as number,
    seasonId: null,
    gradeId: null,
  }
  return {
    attendance: await countReport(db, scope, { grouping: 'grade', measure: 'attendance' }),
    hours: await countReport(db, scope, { grouping: 'grade', measure: 'practiceHours' }),
  }
}

describe('retention', () => {
  it('a dry run says what it would do and changes nothing', async () => {
    const { db } = await getTestApp()
    const before = await snapshot()
    const report = await applyRetention(db, { now: now(), dryRun: true, schoolId: ids.school })
    expect(report.schools).toHaveLength(1)
    const [school] = report.schools
    expect(school?.pupils).toEqual([{ id: ids.old, reason: 'graduated', leftOn: '2023-07-01' }])
    expect(school?.counts).toMatchObject({ pupils: 1, guardiansClosed: 1, sessions: 1, audit: 1 })
    expect(await snapshot()).toEqual(before)
  })

  it('anonymises a pupil graduated past the period, keeps the recent ones, purges old rows, and the reports count the same', async () => {
    const { db } = await getTestApp()
    const counts = await reportCounts()
    expect(counts.attendance.length).toBeGreaterThan(0)
    await applyRetention(db, { now: now(), dryRun: false, schoolId: ids.school })

    const pupils = await db
      .selectFrom('students')
      .select(['id', 'name', 'student_number', 'anonymised_at'])
      .where('school_id', '=', ids.school as number)
      .execute()
    const byId = new Map(pupils.map((p) => [p.id, p]))
    const old = byId.get(ids.old as number)
    expect(old?.name).toMatch(/^已匿名学生 /)
    expect(old?.student_number).toMatch(/^ANON-/)
    expect(old?.anonymised_at).not.toBeNull()
    expect(byId.get(ids.recent as number)).toMatchObject({ name: RECENT_NAME, anonymised_at: null })
    expect(byId.get(ids.left as number)).toMatchObject({ name: LEFT_NAME, anonymised_at: null })
    expect(byId.get(ids.active as number)).toMatchObject({ name: ACTIVE_NAME, anonymised_at: null })

    // The family is unlinked; the guardian with no child left is closed, without name or phone.
    expect(
      await db
        .selectFrom('guardianships')
        .select('id')
        .where('student_id', '=', ids.old as number)
        .execute(),
    ).toEqual([])
    const parent = await db
      .selectFrom('users')
      .select(['active', 'phone', 'display_name'])
      .where('id', '=', ids.parent as number)
      .executeTakeFirstOrThrow()
    expect(parent).toMatchObject({ active: 0, phone: '' })
    expect(parent.display_name).not.toBe('留存家长')

    // Participations stay, without their free text; the reports count the same.
    const rows = await db
      .selectFrom('participations')
      .select(['status', 'hours', 'note'])
      .where('student_id', '=', ids.old as number)
      .execute()
    expect(rows).toEqual([{ status: 'attended', hours: 2, note: '' }])
    // A correction request keeps its section and date, not the family's words.
    expect(
      await db
        .selectFrom('correction_requests')
        .select(['section', 'message', 'guardian_id'])
        .where('student_id', '=', ids.old as number)
        .execute(),
    ).toEqual([{ section: 'participation', message: '', guardian_id: null }])
    expect(await reportCounts()).toEqual(counts)

    const sessions = await db.selectFrom('sessions').select('id').where('id', 'like', 'retain-it-%').execute()
    expect(sessions.map((s) => s.id)).toEqual(['retain-it-new'])
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'detail', 'user_id'])
      .where('school_id', '=', ids.school as number)
      .execute()
    const actions = audit.map((a) => a.action)
    expect(actions).not.toContain('retain-it-ancient')
    expect(actions).toContain('retain-it-recent')
    const entry = audit.find((a) => a.action === 'pupil-anonymised')
    expect(entry).toMatchObject({ user_id: null })
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({
      by: 'retention',
      reason: 'graduated',
      leftOn: '2023-07-01',
    })
    // No entry names the pupil any more, not even an older one that quoted the name.
    expect(JSON.stringify(audit)).not.toContain(OLD_NAME)
    expect(JSON.stringify(audit)).not.toContain('"RN01"')
  })

  it('purges sign-in throttle rows after 30 days', async () => {
    const { db } = await getTestApp()
    await db
      .insertInto('sign_in_throttle')
      .values([
        { username_key: 'retain-it-old', failures: 3, first_failure_at: ago(31 * DAY), locked_until: null },
        { username_key: 'retain-it-new', failures: 3, first_failure_at: ago(29 * DAY), locked_until: null },
      ])
      .execute()
    const report = await applyRetention(db, { now: now(), dryRun: false })
    expect(report.signInThrottle).toBeGreaterThanOrEqual(1)
    const left = await db
      .selectFrom('sign_in_throttle')
      .select('username_key')
      .where('username_key', 'like', 'retain-it-%')
      .execute()
    expect(left.map((r) => r.username_key)).toEqual(['retain-it-new'])
  })
})

describe('anonymising at once', () => {
  const path = () => `/school/roster/${ids.left}`

  it('asks for a reason, refuses a pupil in school, and answers 403 and 404 to others', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('rn-admin')
    const empty = await app.request(path(), { ...form({ intent: 'anonymise', reason: '' }), cookie: admin })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('请填写此项。')
    const active = await app.request(`/school/roster/${ids.active}`, {
      ...form({ intent: 'anonymise', reason: '家长要求', confirmed: 'yes' }),
      cookie: admin,
    })
    expect(active.status).toBe(400)
    expect(await active.text()).toContain('只有已毕业或已离校的学生才能匿名化。')
    const teacher = await app.signIn('rn-teacher')
    const refused = await app.request(path(), {
      ...form({ intent: 'anonymise', reason: '家长要求', confirmed: 'yes' }),
      cookie: teacher,
    })
    expect(refused.status).toBe(403)
    const other = await app.signIn('jw-admin')
    const hidden = await app.request(path(), {
      ...form({ intent: 'anonymise', reason: '家长要求', confirmed: 'yes' }),
      cookie: other,
    })
    expect(hidden.status).toBe(404)
    const rows = await app.db
      .selectFrom('students')
      .select(['name', 'anonymised_at'])
      .where('id', 'in', [ids.left as number, ids.active as number])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { name: LEFT_NAME, anonymised_at: null },
      { name: ACTIVE_NAME, anonymised_at: null },
    ])
  })

  it('confirms, then anonymises a departed pupil and audits it without the name', async () => {
    const app = await getTestApp()
    const admin = await app.signIn('rn-admin')
    const asked = await app.request(path(), {
      ...form({ intent: 'anonymise', reason: '家长书面申请删除' }),
      cookie: admin,
    })
    expect(asked.status).toBe(200)
    expect(await asked.text()).toContain('确认匿名化')
    const untouched = await app.db
      .selectFrom('students')
      .select('name')
      .where('id', '=', ids.left as number)
      .executeTakeFirstOrThrow()
    expect(untouched.name).toBe(LEFT_NAME)

    const done = await app.request(path(), {
      ...form({ intent: 'anonymise', reason: '家长书面申请删除', confirmed: 'yes' }),
      cookie: admin,
    })
    expect(done.status).toBe(302)
    const pupil = await app.db
      .selectFrom('students')
      .select(['name', 'anonymised_at'])
      .where('id', '=', ids.left as number)
      .executeTakeFirstOrThrow()
    expect(pupil.name).toMatch(/^已匿名学生 /)
    const entry = await app.db
      .selectFrom('audit_log')
      .select(['user_id', 'detail'])
      .where('action', '=', 'pupil-anonymised')
      .where('entity_id', '=', ids.left as number)
      .executeTakeFirstOrThrow()
    expect(entry.user_id).toBe(ids.admin)
    expect(JSON.parse(entry.detail ?? '{}')).toEqual({ by: 'admin', reason: '家长书面申请删除' })
    expect(entry.detail).not.toContain(LEFT_NAME)

    // Final: the record cannot be edited back.
    const again = await app.request(path(), {
      ...form({ intent: 'save', studentNumber: 'RN03', name: LEFT_NAME, classId: '1', active: 'on' }),
      cookie: admin,
    })
    expect(again.status).toBe(409)
    const page = await app.request(path(), { cookie: admin })
    const html = await page.text()
    expect(html).toContain('已匿名化')
    expect(html).not.toContain(LEFT_NAME)
  })
})

describe('npm run db:retain -- --dry-run', () => {
  it('prints what it would do per school and kind', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'siji-retain-')), 'siji.db')
    const db = createDb(file)
    await migrateToLatest(db)
    const school = await createSchool(db, {
      slug: 'retain-cli',
      name: '命令测试小学',
      district: '闵行区',
      kind: 'primary',
    })
    const c = await createClass(db, {
      schoolId: school.id,
      gradeId: school.grades[0]?.id as number,
      number: 1,
    })
    const [pupil] = await createStudents(db, {
      schoolId: school.id,
      classId: c.id,
      count: 1,
      startNumber: 1,
      random: createRandom(7),
    })
    await db.updateTable('students').set({ active: 0, graduated_on: '2020-07-01' }).execute()
    await db.destroy()
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'db:retain', '--', '--dry-run'], {
      env: { ...process.env, DATABASE_PATH: file },
    })
    expect(stdout).toContain(`[dry run] would: retain-cli: pupils anonymised 1 (ids ${pupil?.id})`)
    expect(stdout).toContain('sign-in throttle rows purged 0')
    const after = createDb(file)
    const row = await after.selectFrom('students').select('anonymised_at').executeTakeFirstOrThrow()
    await after.destroy()
    expect(row.anonymised_at).toBeNull()
  }, 60_000)
})
