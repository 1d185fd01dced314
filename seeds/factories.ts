import type { Kysely, Transaction } from 'kysely'
import { classNameZh, proposedGrades } from '../app/domain/grades'
import { hashPassword } from '../app/utils/password.server'
import type {
  AcademicYear,
  Database,
  DayOffKind,
  Grade,
  Guardianship,
  Role,
  School,
  SchoolClass,
  SchoolDayOff,
  SchoolKind,
  Student,
  Term,
  User,
} from '../db/schema'

export { hashPassword }

export type Db = Kysely<Database> | Transaction<Database>

/** A deterministic source of numbers in [0, 1). */
export type Random = () => number

/** mulberry32: tiny, fast and good enough to make the same fictional roster on every run. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('pick() needs a non-empty list')
  return item
}

export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢陆金',
]

// Popular, friendly given names of children born 2010-2023; combined with a surname they make no one in particular.
const GIVEN_NAMES: readonly string[] = (
  '子涵 浩宇 欣怡 梓轩 雨泽 思远 嘉怡 一诺 晨曦 佳琪 俊杰 博文 睿哲 心悦 安然 明轩 乐言 可馨 语彤 辰逸 ' +
  '天佑 依依 诗瑶 星辰 若曦 昊天 宇航 奕辰 雨婷 宁宁 舒涵 逸飞 景行 煜城 子墨 清扬 沐阳 家豪 钰涵 瑞霖 ' +
  '锦程 恩泽 梓萱 欣妍 皓轩 书瑶 知远 小禾 田田 希文 佳蕾 萌萌 果果 朵朵 嘉树 子睿 雨萱 思琪 嘉懿 一鸣 ' +
  '文博 浩然 子轩 梓涵 欣然 雅琪 思彤 俊熙 铭泽 宇轩 嘉乐 诗涵 梓琪 若彤 可欣 宸宇 承泽 睿泽 子航 皓然 ' +
  '梦琪 雨桐 静怡 佳怡 晨阳 一凡 明哲 思源 乐瑶 安琪 欣悦 语桐 书恒 嘉禾 沐晨 亦辰 知夏 初晴 暖暖 小满 ' +
  '磊 晨 悦 琪 杰 涛 颖 昕 睿 航 瑶 彤 萱 宁 诺 博 然 乐 欣 越'
).split(' ')

/** Adults named in the source articles: a generated pupil must never carry one of their names. */
const REAL_NAMES = new Set(['何军', '姚丽萍', '姚伟', '林旭程', '朱迟珏', '沈焯', '顾永萍', '李西坪', '汪洁'])

export function fictionalGivenName(random: Random): string {
  return pick(random, GIVEN_NAMES)
}

/** A fictional Chinese name; pass `taken` to avoid names already used (the set is updated). */
export function fictionalName(
  random: Random,
  options: { surname?: string; taken?: Set<string> } = {},
): string {
  for (let attempt = 0; ; attempt++) {
    const name = `${options.surname ?? pick(random, SURNAMES)}${fictionalGivenName(random)}`
    if (REAL_NAMES.has(name)) continue
    if (options.taken?.has(name) && attempt < 100) continue
    options.taken?.add(name)
    return name
  }
}

export async function createSchool(
  db: Db,
  input: { slug: string; name: string; district: string; kind: SchoolKind; foundedYear?: number | null },
): Promise<School & { grades: Grade[] }> {
  const school = await db
    .insertInto('schools')
    .values({
      slug: input.slug,
      name: input.name,
      district: input.district,
      kind: input.kind,
      founded_year: input.foundedYear ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const grades = await db
    .insertInto('grades')
    .values(proposedGrades(input.kind).map((g) => ({ school_id: school.id, level: g.level, name: g.name })))
    .returningAll()
    .execute()
  grades.sort((a, b) => a.level - b.level)
  return { ...school, grades }
}

export async function createClass(
  db: Db,
  input: { schoolId: number; gradeId: number; number: number; name?: string; headTeacherId?: number | null },
): Promise<SchoolClass> {
  let name = input.name
  if (name === undefined) {
    const grade = await db
      .selectFrom('grades')
      .innerJoin('schools', 'schools.id', 'grades.school_id')
      .select(['grades.level', 'schools.kind'])
      .where('grades.id', '=', input.gradeId)
      .where('grades.school_id', '=', input.schoolId)
      .executeTakeFirstOrThrow()
    name = classNameZh(grade.kind, grade.level, input.number)
  }
  return db
    .insertInto('classes')
    .values({
      school_id: input.schoolId,
      grade_id: input.gradeId,
      number: input.number,
      name,
      head_teacher_id: input.headTeacherId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export type DateRangeInput = { name: string; startsOn: string; endsOn: string }
export type DayOffInput = DateRangeInput & { kind: DayOffKind }

export async function createAcademicYear(
  db: Db,
  input: DateRangeInput & {
    schoolId: number
    terms?: readonly DateRangeInput[]
    daysOff?: readonly DayOffInput[]
  },
): Promise<AcademicYear & { terms: Term[]; daysOff: SchoolDayOff[] }> {
  const year = await db
    .insertInto('academic_years')
    .values({ school_id: input.schoolId, name: input.name, starts_on: input.startsOn, ends_on: input.endsOn })
    .returningAll()
    .executeTakeFirstOrThrow()
  const base = { school_id: input.schoolId, academic_year_id: year.id }
  const terms = input.terms?.length
    ? await db
        .insertInto('terms')
        .values(input.terms.map((t) => ({ ...base, name: t.name, starts_on: t.startsOn, ends_on: t.endsOn })))
        .returningAll()
        .execute()
    : []
  terms.sort((a, b) => a.starts_on.localeCompare(b.starts_on))
  const daysOff = input.daysOff?.length
    ? await db
        .insertInto('school_days_off')
        .values(
          input.daysOff.map((d) => ({
            ...base,
            name: d.name,
            kind: d.kind,
            starts_on: d.startsOn,
            ends_on: d.endsOn,
          })),
        )
        .returningAll()
        .execute()
    : []
  daysOff.sort((a, b) => a.starts_on.localeCompare(b.starts_on))
  return { ...year, terms, daysOff }
}

/** Takes a precomputed hash: Argon2 is deliberately slow, so callers hash once and reuse it. */
export async function createUser(
  db: Db,
  input: { schoolId: number; role: Role; username: string; displayName: string; passwordHash: string },
): Promise<User> {
  return db
    .insertInto('users')
    .values({
      school_id: input.schoolId,
      role: input.role,
      username: input.username.toLowerCase(),
      display_name: input.displayName,
      password_hash: input.passwordHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

// Stays well below SQLite's and PostgreSQL's limits on bound parameters per statement.
const STUDENT_INSERT_CHUNK = 500

/**
 * Inserts `count` pupils with student numbers `${numberPrefix}${seq}`, seq counting from `startNumber`
 * and zero-padded to `digits`. Names are generated from `random` unless `names[i]` is given; names
 * stay unique within `taken` (pass one set per school to keep a school's roster free of namesakes).
 */
export async function createStudents(
  db: Db,
  input: {
    schoolId: number
    classId: number
    count: number
    startNumber: number
    random: Random
    numberPrefix?: string
    digits?: number
    names?: readonly (string | undefined)[]
    taken?: Set<string>
  },
): Promise<Student[]> {
  const taken = input.taken ?? new Set<string>()
  for (const name of input.names ?? []) if (name) taken.add(name)
  const rows = Array.from({ length: input.count }, (_, i) => ({
    school_id: input.schoolId,
    class_id: input.classId,
    student_number: `${input.numberPrefix ?? ''}${String(input.startNumber + i).padStart(input.digits ?? 2, '0')}`,
    name: input.names?.[i] ?? fictionalName(input.random, { taken }),
  }))
  const students: Student[] = []
  for (let i = 0; i < rows.length; i += STUDENT_INSERT_CHUNK) {
    const chunk = rows.slice(i, i + STUDENT_INSERT_CHUNK)
    students.push(...(await db.insertInto('students').values(chunk).returningAll().execute()))
  }
  // RETURNING order is unspecified in SQLite; callers index pupils by seq.
  return students.sort((a, b) => a.id - b.id)
}

export async function linkGuardian(
  db: Db,
  input: { guardianId: number; studentId: number; relation: string },
): Promise<Guardianship> {
  return db
    .insertInto('guardianships')
    .values({ guardian_id: input.guardianId, student_id: input.studentId, relation: input.relation })
    .returningAll()
    .executeTakeFirstOrThrow()
}
