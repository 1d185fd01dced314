import type { Kysely, Transaction } from 'kysely'
import { classNameZh, proposedGrades } from '../app/domain/grades'
import { nowIso } from '../app/utils/clock'
import { hashPassword } from '../app/utils/password.server'
import type {
  AcademicYear,
  ActivityKind,
  AttendanceStatus,
  AwardRecipientKind,
  AwardScope,
  ConsentStatus,
  Database,
  DayOffKind,
  DisputeStatus,
  Grade,
  Guardianship,
  ParticipationRole,
  PartnerCategory,
  PartnerRole,
  PlanStatus,
  PracticeCategory,
  RecapAudience,
  RecapEventAction,
  RecapStatus,
  ReviewAction,
  ReviewEntity,
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
  input: {
    schoolId: number
    role: Role
    username: string
    displayName: string
    passwordHash: string
    phone?: string
  },
): Promise<User> {
  return db
    .insertInto('users')
    .values({
      school_id: input.schoolId,
      role: input.role,
      username: input.username.toLowerCase(),
      display_name: input.displayName,
      password_hash: input.passwordHash,
      phone: input.phone ?? '',
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

/** A wall-clock time in Shanghai as a UTC instant: '2026-03-06', '09:00' → '2026-03-06T01:00:00.000Z'. */
export function shanghaiInstant(day: string, time: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const [h, min] = time.split(':').map(Number) as [number, number]
  // China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
  return new Date(Date.UTC(y, m - 1, d, h - 8, min)).toISOString()
}

export async function createPartner(
  db: Db,
  input: {
    schoolId: number
    name: string
    category: PartnerCategory
    offers?: string
    patrioticBase?: boolean
    contactName?: string
    contactPhone?: string
    notes?: string
    active?: boolean
  },
): Promise<number> {
  const row = await db
    .insertInto('partners')
    .values({
      school_id: input.schoolId,
      name: input.name,
      category: input.category,
      offers: input.offers ?? '',
      patriotic_base: input.patrioticBase ? 1 : 0,
      contact_name: input.contactName ?? '',
      contact_phone: input.contactPhone ?? '',
      notes: input.notes ?? '',
      active: input.active === false ? 0 : 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function createSeason(
  db: Db,
  input: {
    schoolId: number
    academicYearId: number
    title: string
    slogan?: string
    description?: string
    startsOn: string
    endsOn: string
    ownerId: number
    status?: PlanStatus
    copiedFromId?: number | null
    /** ISO instants; the database's clock when omitted */
    createdAt?: string
    updatedAt?: string
  },
): Promise<number> {
  const row = await db
    .insertInto('seasons')
    .values({
      school_id: input.schoolId,
      academic_year_id: input.academicYearId,
      title: input.title,
      slogan: input.slogan ?? '',
      description: input.description ?? '',
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      owner_id: input.ownerId,
      status: input.status ?? 'draft',
      copied_from_id: input.copiedFromId ?? null,
      created_at: input.createdAt,
      updated_at: input.updatedAt ?? input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function createStrand(
  db: Db,
  input: {
    schoolId: number
    seasonId: number
    title: string
    slogan?: string
    position: number
    gradeIds: readonly number[]
  },
): Promise<number> {
  const row = await db
    .insertInto('strands')
    .values({
      school_id: input.schoolId,
      season_id: input.seasonId,
      title: input.title,
      slogan: input.slogan ?? '',
      position: input.position,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.gradeIds.length) {
    await db
      .insertInto('strand_grades')
      .values(input.gradeIds.map((gradeId) => ({ strand_id: row.id, grade_id: gradeId })))
      .execute()
  }
  return row.id
}

export type TaskSeed = {
  title: string
  ownerId?: number | null
  dueOn?: string | null
  doneAt?: string | null
}

/** An activity with its targets, staff, partners and checklist; times are UTC instants (see shanghaiInstant). */
export async function createActivity(
  db: Db,
  input: {
    schoolId: number
    seasonId: number
    strandId?: number | null
    title: string
    kind: ActivityKind
    lesson?: string
    startsAt: string
    endsAt: string
    venue?: string
    offCampus?: boolean
    needsConsent?: boolean
    organiserId?: number | null
    capacity?: number | null
    description?: string
    practiceCategory?: PracticeCategory | null
    practiceHours?: number | null
    observance?: string | null
    transport?: string
    contactPhone?: string
    consentDueOn?: string | null
    status?: PlanStatus
    createdBy?: number | null
    createdAt?: string
    updatedAt?: string
    gradeIds?: readonly number[]
    classIds?: readonly number[]
    staffIds?: readonly number[]
    partners?: readonly { partnerId: number; role?: PartnerRole }[]
    tasks?: readonly TaskSeed[]
  },
): Promise<number> {
  const { id } = await db
    .insertInto('activities')
    .values({
      school_id: input.schoolId,
      season_id: input.seasonId,
      strand_id: input.strandId ?? null,
      title: input.title,
      kind: input.kind,
      lesson: input.lesson ?? '',
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      venue: input.venue ?? '',
      off_campus: input.offCampus ? 1 : 0,
      needs_consent: input.needsConsent ? 1 : 0,
      organiser_id: input.organiserId ?? null,
      capacity: input.capacity ?? null,
      description: input.description ?? '',
      practice_category: input.practiceCategory ?? null,
      practice_hours: input.practiceHours ?? null,
      observance: input.observance ?? null,
      transport: input.transport ?? '',
      contact_phone: input.contactPhone ?? '',
      consent_due_on: input.consentDueOn ?? null,
      status: input.status ?? 'draft',
      created_by: input.createdBy ?? null,
      created_at: input.createdAt,
      updated_at: input.updatedAt ?? input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.gradeIds?.length) {
    await db
      .insertInto('activity_grades')
      .values(input.gradeIds.map((gradeId) => ({ activity_id: id, grade_id: gradeId })))
      .execute()
  }
  if (input.classIds?.length) {
    await db
      .insertInto('activity_classes')
      .values(input.classIds.map((classId) => ({ activity_id: id, class_id: classId })))
      .execute()
  }
  const staffIds = [...new Set(input.staffIds ?? [])]
  if (staffIds.length) {
    await db
      .insertInto('activity_staff')
      .values(staffIds.map((userId) => ({ activity_id: id, user_id: userId })))
      .execute()
  }
  if (input.partners?.length) {
    await db
      .insertInto('activity_partners')
      .values(
        input.partners.map((p) => ({ activity_id: id, partner_id: p.partnerId, role: p.role ?? 'partner' })),
      )
      .execute()
  }
  if (input.tasks?.length) {
    await db
      .insertInto('activity_tasks')
      .values(
        input.tasks.map((task, index) => ({
          school_id: input.schoolId,
          activity_id: id,
          title: task.title,
          owner_id: task.ownerId ?? null,
          due_on: task.dueOn ?? null,
          done_at: task.doneAt ?? null,
          position: index + 1,
        })),
      )
      .execute()
  }
  return id
}

export async function createReview(
  db: Db,
  input: {
    schoolId: number
    entity: ReviewEntity
    entityId: number
    actorId: number
    action: ReviewAction
    comment?: string
    snapshot?: string | null
    createdAt?: string
  },
): Promise<number> {
  const row = await db
    .insertInto('reviews')
    .values({
      school_id: input.schoolId,
      entity: input.entity,
      entity_id: input.entityId,
      actor_id: input.actorId,
      action: input.action,
      comment: input.comment ?? '',
      snapshot: input.snapshot ?? null,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function createNotification(
  db: Db,
  input: {
    schoolId: number
    userId: number
    kind: string
    entity: string
    entityId: number
    /** Facts, as notify stores them (see app/models/notifications.server.ts) */
    params?: Record<string, string | number>
    readAt?: string | null
    createdAt?: string
  },
): Promise<number> {
  const row = await db
    .insertInto('notifications')
    .values({
      school_id: input.schoolId,
      user_id: input.userId,
      kind: input.kind,
      entity: input.entity,
      entity_id: input.entityId,
      params: JSON.stringify(input.params ?? {}),
      read_at: input.readAt ?? null,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type ParticipationSeed = {
  studentId: number
  classId: number
  status?: AttendanceStatus | null
  role?: ParticipationRole
  hours?: number | null
  excuseReason?: string
  note?: string
  added?: boolean
}

/** Participation rows of one activity, written in chunks; returns their ids in input order. */
export async function createParticipations(
  db: Db,
  input: {
    schoolId: number
    activityId: number
    recordedBy?: number | null
    recordedAt?: string
    noticeWindowId?: number | null
    rows: readonly ParticipationSeed[]
  },
): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < input.rows.length; i += STUDENT_INSERT_CHUNK) {
    const chunk = input.rows.slice(i, i + STUDENT_INSERT_CHUNK).map((row) => ({
      school_id: input.schoolId,
      activity_id: input.activityId,
      student_id: row.studentId,
      class_id: row.classId,
      status: row.status === undefined ? 'attended' : row.status,
      role: row.role ?? 'participant',
      hours: row.hours ?? null,
      excuse_reason: row.excuseReason ?? '',
      note: row.note ?? '',
      added: row.added ? (1 as const) : (0 as const),
      recorded_by: input.recordedBy ?? null,
      recorded_at: input.recordedAt,
      notice_window_id: input.noticeWindowId ?? null,
    }))
    const inserted = await db
      .insertInto('participations')
      .values(chunk)
      .returning(['id', 'student_id'])
      .execute()
    const byStudent = new Map(inserted.map((r) => [r.student_id, r.id]))
    for (const row of chunk) ids.push(byStudent.get(row.student_id) as number)
  }
  return ids
}

export async function createConsent(
  db: Db,
  input: {
    schoolId: number
    activityId: number
    studentId: number
    status?: ConsentStatus
    guardianId?: number | null
    note?: string
    requestedAt?: string
    answeredAt?: string | null
  },
): Promise<number> {
  const row = await db
    .insertInto('consents')
    .values({
      school_id: input.schoolId,
      activity_id: input.activityId,
      student_id: input.studentId,
      status: input.status ?? 'requested',
      guardian_id: input.guardianId ?? null,
      note: input.note ?? '',
      requested_at: input.requestedAt,
      answered_at: input.answeredAt ?? null,
      source: input.status === 'given' || input.status === 'refused' ? 'online' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // An answered request has its answer in the history too, as if the guardian had given it online.
  if (input.status === 'given' || input.status === 'refused') {
    await db
      .insertInto('consent_answers')
      .values({
        school_id: input.schoolId,
        consent_id: row.id,
        source: 'online',
        status: input.status,
        guardian_id: input.guardianId ?? null,
        note: input.note ?? '',
        answered_at: input.answeredAt ?? input.requestedAt ?? nowIso(),
      })
      .execute()
  }
  return row.id
}

export async function createNoticeWindow(
  db: Db,
  input: { schoolId: number; classId: number; opensOn: string; closesOn: string; createdBy?: number | null },
): Promise<number> {
  const row = await db
    .insertInto('notice_windows')
    .values({
      school_id: input.schoolId,
      class_id: input.classId,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      created_by: input.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function createDispute(
  db: Db,
  input: {
    schoolId: number
    windowId: number
    participationId: number
    guardianId: number | null
    reason: string
    status?: DisputeStatus
    resolution?: string
    resolvedBy?: number | null
    resolvedAt?: string | null
  },
): Promise<number> {
  const row = await db
    .insertInto('notice_disputes')
    .values({
      school_id: input.schoolId,
      window_id: input.windowId,
      participation_id: input.participationId,
      guardian_id: input.guardianId,
      reason: input.reason,
      status: input.status ?? 'open',
      resolution: input.resolution ?? '',
      resolved_by: input.resolvedBy ?? null,
      resolved_at: input.resolvedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** An award of an activity with its recipients (pupils with their class at the time). */
export async function createAward(
  db: Db,
  input: {
    schoolId: number
    activityId: number
    title: string
    level: string
    scope?: AwardScope
    recipientKind: AwardRecipientKind
    classId?: number | null
    teamName?: string
    presenterName?: string
    presenterTitle?: string
    awardedOn: string
    citation?: string
    position: number
    createdBy?: number | null
    recipients?: readonly { studentId: number; classId: number }[]
  },
): Promise<number> {
  const { id } = await db
    .insertInto('awards')
    .values({
      school_id: input.schoolId,
      activity_id: input.activityId,
      title: input.title,
      level: input.level,
      scope: input.scope ?? 'school',
      recipient_kind: input.recipientKind,
      class_id: input.classId ?? null,
      team_name: input.teamName ?? '',
      presenter_name: input.presenterName ?? '',
      presenter_title: input.presenterTitle ?? '',
      awarded_on: input.awardedOn,
      citation: input.citation ?? '',
      position: input.position,
      created_by: input.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.recipients?.length) {
    await db
      .insertInto('award_recipients')
      .values(input.recipients.map((r) => ({ award_id: id, student_id: r.studentId, class_id: r.classId })))
      .execute()
  }
  return id
}

/**
 * A recap with its linked activities, audience targets and history. A published recap gets a
 * published_at (now unless given) and a 'published' event by its reviewer.
 */
export async function createRecap(
  db: Db,
  input: {
    schoolId: number
    title: string
    body?: string
    authorId: number | null
    seasonId?: number | null
    status?: RecapStatus
    audience?: RecapAudience
    reviewerId?: number | null
    publishedAt?: string | null
    activityIds?: readonly number[]
    gradeIds?: readonly number[]
    classIds?: readonly number[]
    events?: readonly { action: RecapEventAction; actorId: number | null; comment?: string }[]
  },
): Promise<number> {
  const status = input.status ?? 'draft'
  const publishedAt = status === 'published' ? (input.publishedAt ?? nowIso()) : null
  const { id } = await db
    .insertInto('recaps')
    .values({
      school_id: input.schoolId,
      season_id: input.seasonId ?? null,
      title: input.title,
      body: input.body ?? '',
      status,
      audience: input.audience ?? 'parents',
      author_id: input.authorId,
      reviewer_id: input.reviewerId ?? null,
      published_at: publishedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.activityIds?.length) {
    await db
      .insertInto('recap_activities')
      .values(input.activityIds.map((activityId) => ({ recap_id: id, activity_id: activityId })))
      .execute()
  }
  if (input.gradeIds?.length) {
    await db
      .insertInto('recap_grades')
      .values(input.gradeIds.map((gradeId) => ({ recap_id: id, grade_id: gradeId })))
      .execute()
  }
  if (input.classIds?.length) {
    await db
      .insertInto('recap_classes')
      .values(input.classIds.map((classId) => ({ recap_id: id, class_id: classId })))
      .execute()
  }
  const events = input.events ?? [{ action: 'created' as const, actorId: input.authorId }]
  if (events.length) {
    await db
      .insertInto('recap_events')
      .values(
        events.map((event) => ({
          school_id: input.schoolId,
          recap_id: id,
          actor_id: event.actorId,
          action: event.action,
          comment: event.comment ?? '',
        })),
      )
      .execute()
  }
  return id
}

/**
 * A photo row of a recap, with the pupils it shows. The files themselves are written by
 * app/utils/photo-files.server.ts; tests that serve the photo store them first.
 */
export async function createPhoto(
  db: Db,
  input: {
    schoolId: number
    recapId: number
    fileKey: string
    width: number
    height: number
    bytes: number
    caption?: string
    pupilIds?: readonly number[]
    position: number
    createdBy?: number | null
  },
): Promise<number> {
  const { id } = await db
    .insertInto('photos')
    .values({
      school_id: input.schoolId,
      recap_id: input.recapId,
      file_key: input.fileKey,
      width: input.width,
      height: input.height,
      bytes: input.bytes,
      caption: input.caption ?? '',
      shows_pupils: input.pupilIds?.length ? 1 : 0,
      position: input.position,
      created_by: input.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.pupilIds?.length) {
    await db
      .insertInto('photo_pupils')
      .values(input.pupilIds.map((studentId) => ({ photo_id: id, student_id: studentId })))
      .execute()
  }
  return id
}
