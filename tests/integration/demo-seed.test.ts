import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  })

  it('is prevented from seeding twice', async () => {
    expect(await isDatabaseEmpty(db)).toBe(false)
    const before = await db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await expect(seedDemo(db)).rejects.toThrow(/empty/)
    const after = await db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
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
