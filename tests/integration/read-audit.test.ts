import { beforeAll, describe, expect, it } from 'vitest'
import { recordAudit, recordRead } from '~/models/audit.server'
import { createDb } from '../../db/client'
import { migrateToLatest } from '../../db/migrate'
import { withStatementTally } from '../../db/statement-counter'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createAcademicYear,
  createClass,
  createRandom,
  createSchool,
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
} from '../../seeds/factories'
import { getTestApp, TEST_CLIENT } from '../setup/app'

// This file makes a school of its own (slug readaudit, accounts ra-*) and counts only its rows: the
// database is shared by the test files of a worker.

const ids = {
  school: 0,
  classA: 0,
  classB: 0,
  pupilsA: [] as number[],
  child: 0,
  otherSchoolPupil: 0,
}
const cookies: Record<string, string> = {}

beforeAll(async () => {
  const app = await getTestApp()
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const school = await createSchool(app.db, {
    slug: 'readaudit',
    name: '查看审计小学',
    district: '闵行区',
    kind: 'primary',
  })
  ids.school = school.id
  // The clock is 2026-12-07: the first term is the current one.
  await createAcademicYear(app.db, {
    schoolId: school.id,
    name: '2026-2027',
    startsOn: '2026-09-01',
    endsOn: '2027-08-31',
    terms: [
      { name: '第一学期', startsOn: '2026-09-01', endsOn: '2027-01-22' },
      { name: '第二学期', startsOn: '2027-02-20', endsOn: '2027-07-02' },
    ],
  })
  const user = (role: 'admin' | 'teacher' | 'parent', username: string, displayName: string) =>
    createUser(app.db, { schoolId: school.id, role, username, displayName, passwordHash })
  await user('admin', 'ra-admin', '审计主任')
  const head = await user('teacher', 'ra-head', '班主任甲')
  await user('teacher', 'ra-teacher', '科任老师乙')
  const parent = await user('parent', 'ra-parent', '家长丙')
  const grade = school.grades.find((g) => g.level === 3)!
  const classA = await createClass(app.db, {
    schoolId: school.id,
    gradeId: grade.id,
    number: 1,
    headTeacherId: head.id,
  })
  const classB = await createClass(app.db, { schoolId: school.id, gradeId: grade.id, number: 2 })
  ids.classA = classA.id
  ids.classB = classB.id
  const random = createRandom(2108)
  const taken = new Set<string>()
  const a = await createStudents(app.db, {
    schoolId: school.id,
    classId: classA.id,
    count: 30,
    startNumber: 1,
    numberPrefix: 'RA',
    random,
    taken,
  })
  ids.pupilsA = a.map((p) => p.id)
  const [child] = await createStudents(app.db, {
    schoolId: school.id,
    classId: classB.id,
    count: 1,
    startNumber: 1,
    numberPrefix: 'RB',
    names: ['查看审计'],
    random,
    taken,
  })
  ids.child = child!.id
  await linkGuardian(app.db, { guardianId: parent.id, studentId: child!.id, relation: 'mother' })
  const callable = await createUser(app.db, {
    schoolId: school.id,
    role: 'parent',
    username: 'ra-father',
    displayName: '家长丁',
    passwordHash,
    phone: '13912345678',
  })
  await linkGuardian(app.db, { guardianId: callable.id, studentId: a[0]!.id, relation: '父亲' })
  const other = await app.db
    .selectFrom('students')
    .select('id')
    .where('school_id', '!=', school.id)
    .executeTakeFirstOrThrow()
  ids.otherSchoolPupil = other.id
  for (const name of ['ra-admin', 'ra-head', 'ra-teacher', 'ra-parent'])
    cookies[name] = await app.signIn(name)
})

/** The entries written by `fn`, each with the pupils it names. */
async function entriesWrittenBy(fn: () => Promise<unknown>, schoolId = ids.school) {
  const app = await getTestApp()
  const { max } = await app.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow()
  await fn()
  const entries = await app.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select(['audit_log.id', 'action', 'entity', 'entity_id', 'ip', 'users.username'])
    .where('audit_log.id', '>', Number(max ?? 0))
    .where('audit_log.school_id', '=', schoolId)
    .execute()
  return Promise.all(
    entries.map(async (entry) => ({
      ...entry,
      pupils: (
        await app.db
          .selectFrom('audit_log_pupils')
          .select('student_id')
          .where('audit_id', '=', entry.id)
          .orderBy('student_id')
          .execute()
      ).map((row) => row.student_id),
    })),
  )
}

async function get(path: string, username: string) {
  const app = await getTestApp()
  return app.request(path, { cookie: cookies[username] })
}

describe('audited reads', () => {
  it('writes one entry per read with the pupils it covered and the client address', async () => {
    const [pupil] = ids.pupilsA
    const record = await entriesWrittenBy(async () => {
      expect((await get(`/students/${pupil}`, 'ra-teacher')).status).toBe(200)
    })
    expect(record).toEqual([
      expect.objectContaining({
        action: 'read-pupil-record',
        entity: 'student',
        entity_id: pupil,
        ip: TEST_CLIENT,
        username: 'ra-teacher',
        pupils: [pupil],
      }),
    ])

    const roster = await entriesWrittenBy(async () => {
      expect((await get(`/classes/${ids.classA}`, 'ra-head')).status).toBe(200)
    })
    expect(roster).toEqual([
      expect.objectContaining({
        action: 'read-class-roster',
        entity: 'class',
        entity_id: ids.classA,
        ip: TEST_CLIENT,
        username: 'ra-head',
        pupils: [...ids.pupilsA].sort((x, y) => x - y),
      }),
    ])

    const admin = await entriesWrittenBy(async () => {
      expect((await get(`/school/roster/${pupil}`, 'ra-admin')).status).toBe(200)
    })
    expect(admin).toEqual([
      expect.objectContaining({ action: 'read-pupil-record', username: 'ra-admin', pupils: [pupil] }),
    ])

    const exported = await entriesWrittenBy(async () => {
      expect((await get('/school/roster/export', 'ra-admin')).status).toBe(200)
    })
    expect(exported).toEqual([
      expect.objectContaining({
        action: 'roster-exported',
        ip: TEST_CLIENT,
        pupils: [...ids.pupilsA, ids.child].sort((x, y) => x - y),
      }),
    ])
  })

  it('audits a consent list with the pupils it lists', async () => {
    const app = await getTestApp()
    // The demo's follow-up visit to 银杏社区 asks grade 5's families for consent.
    const activity = await app.db
      .selectFrom('activities')
      .innerJoin('schools', 'schools.id', 'activities.school_id')
      .select(['activities.id', 'activities.school_id as schoolId'])
      .where('schools.slug', '=', 'jiwang')
      .where('activities.needs_consent', '=', 1)
      .orderBy('activities.id', 'desc')
      .executeTakeFirstOrThrow()
    const cookie = await app.signIn('jw-teacher')
    const entries = await entriesWrittenBy(async () => {
      const response = await app.request(`/activities/${activity.id}/consents`, { cookie })
      expect(response.status).toBe(200)
    }, activity.schoolId)
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'read-consent-list',
        entity: 'activity',
        entity_id: activity.id,
        ip: TEST_CLIENT,
        username: 'jw-teacher',
      }),
    ])
    expect(entries[0]!.pupils.length).toBeGreaterThan(1)
  })

  it('writes nothing when a parent reads their own child, nor for a refused read', async () => {
    const parent = await entriesWrittenBy(async () => {
      expect((await get(`/family/children/${ids.child}`, 'ra-parent')).status).toBe(200)
    })
    expect(parent).toEqual([])
    const refused = await entriesWrittenBy(async () => {
      expect((await get(`/students/${ids.otherSchoolPupil}`, 'ra-teacher')).status).toBe(404)
    })
    expect(refused).toEqual([])
  })

  it('costs the same two statements for a class of 30 as for one pupil', async () => {
    // The app's handle counts statements only under `npm run bench`; a handle of its own counts here.
    const previous = process.env.SIJI_BENCH
    process.env.SIJI_BENCH = '1'
    const db = createDb(':memory:')
    if (previous === undefined) delete process.env.SIJI_BENCH
    else process.env.SIJI_BENCH = previous
    await migrateToLatest(db)
    const school = await createSchool(db, {
      slug: 'count',
      name: '计数',
      district: '闵行区',
      kind: 'primary',
    })
    const user = await createUser(db, {
      schoolId: school.id,
      role: 'teacher',
      username: 'count',
      displayName: '计数',
      passwordHash: 'x',
    })
    const schoolClass = await createClass(db, {
      schoolId: school.id,
      gradeId: school.grades[0]!.id,
      number: 1,
    })
    const pupils = await createStudents(db, {
      schoolId: school.id,
      classId: schoolClass.id,
      count: 30,
      startNumber: 1,
      random: createRandom(1),
    })
    const statementsFor = async (pupilIds: number[]) => {
      const { tally, result } = withStatementTally(() =>
        recordRead(db, {
          schoolId: school.id,
          userId: user.id,
          action: 'read-class-roster',
          entity: 'class',
          entityId: schoolClass.id,
          pupilIds,
          clientAddress: TEST_CLIENT,
        }),
      )
      await result
      return tally.statements
    }
    expect(await statementsFor(pupils.map((p) => p.id))).toBe(2)
    expect(await statementsFor([pupils[0]!.id])).toBe(2)
    expect(
      await db
        .selectFrom('audit_log_pupils')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    ).toEqual({ n: 31 })
    await db.destroy()
  })
})

describe('who looked at a pupil', () => {
  it('counts this term’s staff views on the family page, never who', async () => {
    const app = await getTestApp()
    // A view from the last term does not count.
    const { id } = await app.db
      .insertInto('audit_log')
      .values({
        school_id: ids.school,
        user_id: null,
        action: 'read-pupil-record',
        entity: 'student',
        entity_id: ids.child,
        created_at: '2026-06-01T02:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await app.db.insertInto('audit_log_pupils').values({ audit_id: id, student_id: ids.child }).execute()
    const countOnPage = async () => {
      const html = await (await get(`/family/children/${ids.child}`, 'ra-parent')).text()
      return /本学期教职工查看 (\d+) 次/.exec(html)?.[1]
    }
    const before = Number(await countOnPage())
    expect((await get(`/students/${ids.child}`, 'ra-teacher')).status).toBe(200)
    expect((await get(`/classes/${ids.classB}`, 'ra-head')).status).toBe(200)
    // An export is a file for the school's records, not a view of the child.
    expect((await get('/school/roster/export', 'ra-admin')).status).toBe(200)
    expect(Number(await countOnPage())).toBe(before + 2)
    const html = await (await get(`/family/children/${ids.child}`, 'ra-parent')).text()
    expect(html).not.toContain('科任老师乙')
    expect(html).not.toContain('查看记录')
  })

  it('lists the latest views on the pupil’s record for admins only', async () => {
    expect((await get(`/students/${ids.child}`, 'ra-teacher')).status).toBe(200)
    const adminPage = await (await get(`/students/${ids.child}`, 'ra-admin')).text()
    expect(adminPage).toContain('查看记录')
    const views = adminPage.slice(adminPage.indexOf('id="record-views-title"'))
    expect(views).toContain('科任老师乙')
    expect(views).toContain('查看学生档案')
    expect(views).toContain(`href="/school/audit?pupil=${ids.child}"`)
    const teacherPage = await (await get(`/students/${ids.child}`, 'ra-teacher')).text()
    expect(teacherPage).not.toContain('id="record-views-title"')
  })

  it('filters /school/audit by pupil: their changes and reads, nothing of another pupil', async () => {
    const app = await getTestApp()
    const other = ids.pupilsA[1]!
    for (const studentId of [ids.child, other]) {
      await recordAudit(app.db, {
        schoolId: ids.school,
        userId: null,
        action: 'pupil-updated',
        entity: 'student',
        entityId: studentId,
      })
    }
    expect((await get(`/students/${other}`, 'ra-teacher')).status).toBe(200)
    const response = await get(`/school/audit?pupil=${ids.child}`, 'ra-admin')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('与 查看审计（学号 RB01）有关的记录')
    expect(html).toContain(`student #${ids.child}`)
    expect(html).toContain('修改学生信息')
    expect(html).toContain(`class #${ids.classB}`)
    expect(html).toContain(TEST_CLIENT)
    expect(html).not.toContain(`student #${other}`)
    expect(html).not.toContain(`class #${ids.classA}`)

    const search = await (await get(`/school/audit?q=${encodeURIComponent('查看审')}`, 'ra-admin')).text()
    expect(search).toContain(`href="/school/audit?pupil=${ids.child}"`)

    expect((await get(`/school/audit?pupil=${ids.child}`, 'ra-teacher')).status).toBe(403)
    expect((await get(`/school/audit?pupil=${ids.otherSchoolPupil}`, 'ra-admin')).status).toBe(404)
    expect((await get('/school/audit?pupil=abc', 'ra-admin')).status).toBe(404)
  })
})

describe("guardians' phones on the class page", () => {
  it('shows them in full to the head teacher and admins, masked to another teacher, never in full in the HTML', async () => {
    for (const [username, full] of [
      ['ra-head', true],
      ['ra-admin', true],
      ['ra-teacher', false],
    ] as const) {
      const response = await get(`/classes/${ids.classA}`, username)
      expect(response.status).toBe(200)
      const html = await response.text()
      expect(html).toContain('父亲')
      if (full) {
        expect(html).toContain('href="tel:13912345678"')
        expect(html).not.toContain('家长手机号仅对本班班主任和学校管理员完整显示')
      } else {
        expect(html).toContain('139****5678')
        expect(html).not.toContain('13912345678')
        expect(html).toContain('家长手机号仅对本班班主任和学校管理员完整显示')
      }
    }
  })
})
