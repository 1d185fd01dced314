import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { now } from '../../app/utils/clock'
import type { PlanStatus } from '../../db/schema'
import {
  createActivity,
  createNotification,
  createPartner,
  createSeason,
  createStrand,
  shanghaiInstant,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'

// Who may do what in planning, every route and intent against every role, and that a refusal writes
// nothing. The database is shared by the files of a worker: every record here is this file's own,
// titled 权限矩阵·…, and the "nothing written" check compares whole-table counts and this file's rows.

const JIWANG = 1
const ZAOBEI = 2

const ACCOUNTS = ['jw-parent', 'jw-teacher', 'jw-admin', 'zb-admin', 'zb-teacher', 'zb-parent'] as const
type Account = (typeof ACCOUNTS)[number]
type Who = Account | 'anon'
type Values = Record<string, string | string[]>

/** Ids made in beforeAll, named in the table as `{name}`. */
const refs: Record<string, number | string> = {}
const cookies = {} as Record<Account, string>
const mine = {
  seasons: [] as number[],
  strands: [] as number[],
  activities: [] as number[],
  partners: [] as number[],
  notifications: [] as number[],
}

/** Sign-in, when asked for while signed out. */
const L = 'login' as const

type Outcome =
  | number
  | typeof L
  | {
      status: number | typeof L
      /** Text the answer must contain: a message, a typed value kept */
      shows?: string[]
      /** Text it must not contain: another school's or a hidden record */
      hides?: string[]
      /** An allowed write: the database may change */
      writes?: boolean
      /** Where a 302 goes (a prefix) */
      location?: string
    }

type Req = {
  method?: 'GET' | 'POST'
  path: string
  body?: Values
  headers?: Record<string, string>
  /** Tells apart rows with the same path and intent */
  label?: string
}

type Case = Req & { who: Who; outcome: Outcome; title: string }

function rows(req: Req, outcomes: Partial<Record<Who, Outcome>>): Case[] {
  return Object.entries(outcomes).map(([who, outcome]) => {
    const method = req.method ?? (req.body ? 'POST' : 'GET')
    const intent = typeof req.body?.intent === 'string' ? ` ${req.body.intent}` : ''
    const label = req.label ? ` (${req.label})` : ''
    const status = typeof outcome === 'object' ? outcome.status : outcome
    return {
      ...req,
      method,
      who: who as Who,
      outcome: outcome as Outcome,
      title: `${who} ${method} ${req.path}${intent}${label} → ${status}`,
    }
  })
}

function fill(text: string): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = refs[name]
    if (value === undefined) throw new Error(`No ref {${name}}`)
    return String(value)
  })
}

function bodyOf(values: Values): URLSearchParams {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, fill(item))
  }
  return body
}

const TABLES = [
  'seasons',
  'strands',
  'strand_grades',
  'partners',
  'activities',
  'activity_grades',
  'activity_classes',
  'activity_staff',
  'activity_partners',
  'activity_tasks',
  'reviews',
  'notifications',
  'calendar_feeds',
  'audit_log',
] as const

/** Every planning table's size, and every column of this file's records and their links. */
async function snapshot() {
  const { db } = await getTestApp()
  const counts = await sql<Record<string, number>>`select ${sql.join(
    TABLES.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`),
  )}`.execute(db)
  const activityIds = mine.activities
  const links = (table: 'activity_grades' | 'activity_classes' | 'activity_staff' | 'activity_partners') =>
    db.selectFrom(table).selectAll().where('activity_id', 'in', activityIds).execute()
  const rowsOf = await Promise.all([
    db.selectFrom('seasons').selectAll().where('id', 'in', mine.seasons).orderBy('id').execute(),
    db.selectFrom('strands').selectAll().where('id', 'in', mine.strands).orderBy('id').execute(),
    db
      .selectFrom('strand_grades')
      .selectAll()
      .where('strand_id', 'in', mine.strands)
      .orderBy('strand_id')
      .orderBy('grade_id')
      .execute(),
    db.selectFrom('activities').selectAll().where('id', 'in', activityIds).orderBy('id').execute(),
    links('activity_grades'),
    links('activity_classes'),
    links('activity_staff'),
    links('activity_partners'),
    db
      .selectFrom('activity_tasks')
      .selectAll()
      .where('activity_id', 'in', activityIds)
      .orderBy('id')
      .execute(),
    db.selectFrom('partners').selectAll().where('id', 'in', mine.partners).orderBy('id').execute(),
    db.selectFrom('notifications').selectAll().where('id', 'in', mine.notifications).execute(),
  ])
  return { counts: counts.rows[0], rows: rowsOf }
}

async function userId(username: string) {
  const { db } = await getTestApp()
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return row.id
}

/** A Shanghai day `days` from today: public feeds and the calendar show what is near. */
function dayFromToday(days: number): string {
  return new Date(now().getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

beforeAll(async () => {
  const app = await getTestApp()
  const { db } = app
  for (const account of ACCOUNTS) cookies[account] = await app.signIn(account)

  const teacher = await userId('jw-teacher')
  const zbTeacher = await userId('zb-teacher')
  const year = async (schoolId: number, name: string) =>
    (
      await db
        .selectFrom('academic_years')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id
  const grade = async (schoolId: number, level: number) =>
    (
      await db
        .selectFrom('grades')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('level', '=', level)
        .executeTakeFirstOrThrow()
    ).id
  const classOf = async (schoolId: number, name: string) =>
    (
      await db
        .selectFrom('classes')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id
  Object.assign(refs, {
    teacher,
    admin: await userId('jw-admin'),
    parent: await userId('jw-parent'),
    zbTeacher,
    y2627: await year(JIWANG, '2026-2027'),
    y2526: await year(JIWANG, '2025-2026'),
    zbYear: await year(ZAOBEI, '2026-2027'),
    grade1: await grade(JIWANG, 1),
    grade3: await grade(JIWANG, 3),
    zbGrade: await grade(ZAOBEI, 1),
    class12: await classOf(JIWANG, '一(2)班'),
    class31: await classOf(JIWANG, '三(1)班'),
    zbClass: (
      await db.selectFrom('classes').select('id').where('school_id', '=', ZAOBEI).executeTakeFirstOrThrow()
    ).id,
  })
  const grade1 = refs.grade1 as number

  async function season(name: string, title: string, status: PlanStatus, schoolId = JIWANG) {
    const id = await createSeason(db, {
      schoolId,
      academicYearId: (schoolId === JIWANG ? refs.y2627 : refs.zbYear) as number,
      title: `权限矩阵·${title}`,
      slogan: '权限测试',
      startsOn: '2027-03-01',
      endsOn: '2027-03-31',
      ownerId: schoolId === JIWANG ? teacher : zbTeacher,
      status,
    })
    refs[name] = id
    refs[`${name}Title`] = `权限矩阵·${title}`
    mine.seasons.push(id)
    return id
  }
  async function strand(name: string, seasonId: number, gradeId = grade1, schoolId = JIWANG) {
    const id = await createStrand(db, {
      schoolId,
      seasonId,
      title: `权限矩阵·${name}`,
      position: mine.strands.length + 1,
      gradeIds: [gradeId],
    })
    refs[name] = id
    refs[`${name}Title`] = `权限矩阵·${name}`
    mine.strands.push(id)
    return id
  }
  async function activity(
    name: string,
    seasonId: number,
    status: PlanStatus,
    options: { day?: string; gradeId?: number; schoolId?: number; strandId?: number; task?: string } = {},
  ) {
    const day = options.day ?? '2027-03-10'
    const schoolId = options.schoolId ?? JIWANG
    const id = await createActivity(db, {
      schoolId,
      seasonId,
      strandId: options.strandId ?? null,
      title: `权限矩阵·${name}`,
      kind: 'lecture',
      startsAt: shanghaiInstant(day, '09:00'),
      endsAt: shanghaiInstant(day, '10:00'),
      organiserId: schoolId === JIWANG ? teacher : zbTeacher,
      status,
      gradeIds: [options.gradeId ?? grade1],
      tasks: options.task ? [{ title: `权限矩阵·${options.task}` }] : [],
    })
    refs[name] = id
    refs[`${name}Title`] = `权限矩阵·${name}`
    mine.activities.push(id)
    if (options.task) {
      const task = await db
        .selectFrom('activity_tasks')
        .select('id')
        .where('activity_id', '=', id)
        .executeTakeFirstOrThrow()
      refs[options.task] = task.id
    }
    return id
  }

  // A draft season being planned, the target of most refusals: allowed writes only add and remove strands.
  const s1 = await season('s1', '草稿季', 'draft')
  const st1 = await strand('st1', s1)
  await strand('stSpare', s1)
  await activity('a1', s1, 'draft', { strandId: st1, task: 'k1' })
  await activity('aDel', s1, 'draft')
  // The same school's other season: its strand and task are forged ids for s1 and a1.
  const sOther = await season('sOther', '另一季', 'draft')
  await strand('stOther', sOther)
  await activity('aOther', sOther, 'draft', { task: 'kOther' })
  const sSub = await season('sSub', '待审季', 'submitted')
  await activity('aOfSub', sSub, 'submitted')
  const sSub2 = await season('sSub2', '待批季', 'submitted')
  await activity('aOfSub2', sSub2, 'submitted')
  const sSubmit = await season('sSubmit', '待提交季', 'draft')
  await activity('aOfSubmit', sSubmit, 'draft')
  const sAppr = await season('sAppr', '已批季', 'approved')
  await activity('aSub', sAppr, 'submitted')
  await activity('aSub2', sAppr, 'submitted')
  await activity('aAppr', sAppr, 'approved')
  await activity('aRet', sAppr, 'changes_requested')
  const sPub = await season('sPub', '已发布季', 'published')
  await activity('aPub', sPub, 'published', { day: dayFromToday(14) })
  await activity('aPub3', sPub, 'published', { day: dayFromToday(14), gradeId: refs.grade3 as number })
  await activity('aSoonDraft', sPub, 'draft', { day: dayFromToday(14) })
  const sClosed = await season('sClosed', '已结束季', 'closed')
  await strand('stClosed', sClosed)
  await activity('aClosed', sClosed, 'closed', { task: 'kClosed' })
  const sClosed2 = await season('sClosed2', '可重开季', 'closed')
  await activity('aOfClosed2', sClosed2, 'closed')
  // Another school's season, strand, activity, task and partner: forged ids for jiwang's forms.
  const zb = await season('zbSeason', '早北季', 'draft', ZAOBEI)
  await strand('zbStrand', zb, refs.zbGrade as number, ZAOBEI)
  await activity('zbAct', zb, 'draft', { schoolId: ZAOBEI, gradeId: refs.zbGrade as number, task: 'zbTask' })

  for (const [name, title, schoolId] of [
    ['p1', '银杏社区', JIWANG],
    ['pDisp', '可停用伙伴', JIWANG],
    ['zbPartner', '早北伙伴', ZAOBEI],
  ] as const) {
    const id = await createPartner(db, { schoolId, name: `权限矩阵·${title}`, category: 'community' })
    refs[name] = id
    refs[`${name}Title`] = `权限矩阵·${title}`
    mine.partners.push(id)
  }
  const note = await createNotification(db, {
    schoolId: JIWANG,
    userId: teacher,
    kind: 'season-submitted',
    entity: 'season',
    entityId: s1,
    params: { title: '权限矩阵·草稿季' },
  })
  mine.notifications.push(note)
  refs.aPubDay = dayFromToday(14)
})

// Valid forms: a refusal must come from who asks or which record, not from the input.
const season = {
  academicYearId: '{y2627}',
  ownerId: '{teacher}',
  title: '权限矩阵·新季',
  slogan: '保留的口号',
  description: '',
  startsOn: '2027-04-01',
  endsOn: '2027-04-30',
}
const addStrand = {
  intent: 'add-strand',
  title: '权限矩阵·新主线',
  slogan: '保留的主线口号',
  position: '3',
  gradeIds: ['{grade1}'],
}
const updateStrand = { ...addStrand, intent: 'update-strand', strandId: '{st1}' }
const deleteStrand = { intent: 'delete-strand', strandId: '{st1}' }
const submit = { intent: 'submit' }
const decide = { intent: 'decide', decision: 'approve', from: 'submitted', comment: '' }
const copy = { intent: 'copy', academicYearId: '{y2526}', title: '权限矩阵·复制季' }
const activity = {
  intent: 'save',
  title: '权限矩阵·新活动',
  kind: 'lecture',
  startsAt: '2027-03-12T09:00',
  endsAt: '2027-03-12T10:00',
  consent: 'auto',
  organiserId: '{teacher}',
  gradeIds: ['{grade1}'],
  venue: '保留的地点',
}
const addTask = { intent: 'add-task', title: '权限矩阵·新任务', ownerId: '{teacher}', dueOn: '2027-03-05' }
const toggleTask = { intent: 'toggle-task', taskId: '{k1}', done: '1' }
const deleteTask = { intent: 'delete-task', taskId: '{k1}' }
const approve = { intent: 'approve', comment: '' }
const requestChanges = { intent: 'request-changes', comment: '请补充安全预案' }
const partner = { intent: 'update', name: '权限矩阵·改名伙伴', category: 'community' }

const UNKNOWN = '请选择列表中的一项。'
const REQUIRED = '请填写此项。'
const keepsVenue = 'value="保留的地点"'
const keepsSlogan = 'value="保留的口号"'
const keepsStrandSlogan = 'value="保留的主线口号"'
const outsider = { anon: L, 'jw-parent': 403, 'zb-admin': 404, 'zb-teacher': 404 } as const

const seasonCases: Case[] = [
  ...rows(
    { path: '/seasons?year={y2627}' },
    {
      anon: L,
      'jw-parent': 403,
      'jw-teacher': { status: 200, shows: ['{s1Title}'] },
      'jw-admin': { status: 200, shows: ['{s1Title}'] },
      // Another school's year in the address: their own year instead.
      'zb-admin': { status: 200, hides: ['{s1Title}'] },
      'zb-teacher': { status: 200, hides: ['{s1Title}'] },
    },
  ),
  ...rows(
    { path: '/seasons/new' },
    { anon: L, 'jw-parent': 403, 'jw-teacher': 200, 'jw-admin': 200, 'zb-admin': 200, 'zb-teacher': 200 },
  ),
  ...rows({ path: '/seasons/new', body: season }, { anon: L, 'jw-parent': 403 }),
  ...rows(
    { path: '/seasons/new', body: season, label: "jiwang's year and owner" },
    { 'zb-admin': { status: 400, shows: [keepsSlogan] } },
  ),
  ...rows(
    { path: '/seasons/new', body: { ...season, academicYearId: '{zbYear}' }, label: "another school's year" },
    { 'jw-teacher': { status: 400, shows: [keepsSlogan, REQUIRED] } },
  ),
  ...rows(
    { path: '/seasons/new', body: { ...season, ownerId: '{parent}' }, label: 'a parent as owner' },
    { 'jw-teacher': { status: 400, shows: [keepsSlogan, '请选择本校的教职工。'] } },
  ),
  ...rows(
    {
      path: '/seasons/new',
      body: { ...season, ownerId: 'abc', academicYearId: '1.5' },
      label: 'malformed ids',
    },
    { 'jw-teacher': { status: 400, shows: [keepsSlogan] } },
  ),

  ...rows(
    { path: '/seasons/{s1}' },
    {
      anon: L,
      'jw-parent': 403,
      'jw-teacher': 200,
      'jw-admin': 200,
      'zb-admin': 404,
      'zb-teacher': 404,
    },
  ),
  ...['abc', '0', '-1', '1e3', '99999999', '{zbSeason}'].flatMap((id) =>
    rows({ path: `/seasons/${id}` }, { 'jw-teacher': 404 }),
  ),
  ...[addStrand, updateStrand, deleteStrand, submit, decide, copy].flatMap((body) =>
    rows({ path: '/seasons/{s1}', body }, outsider),
  ),
  ...rows({ path: '/seasons/{s1}', body: { intent: 'bogus' } }, { 'jw-teacher': 400, 'jw-admin': 400 }),
  ...rows({ path: '/seasons/{s1}', body: {}, label: 'no intent' }, { 'jw-teacher': 400 }),
  ...(
    [
      ['{stOther}', 'a strand of another season'],
      ['{zbStrand}', "another school's strand"],
      ['abc', 'a malformed strand id'],
      ['', 'no strand id'],
    ] as [string, string][]
  ).flatMap(([strandId, label]) => [
    ...rows({ path: '/seasons/{s1}', body: { ...updateStrand, strandId }, label }, { 'jw-teacher': 404 }),
    ...rows({ path: '/seasons/{s1}', body: { ...deleteStrand, strandId }, label }, { 'jw-teacher': 404 }),
  ]),
  ...rows(
    { path: '/seasons/{s1}', body: { ...addStrand, title: '长'.repeat(41) }, label: 'an over-long title' },
    { 'jw-teacher': { status: 400, shows: [keepsStrandSlogan, '最多 40 个字符。'] } },
  ),
  ...rows(
    { path: '/seasons/{s1}', body: { ...updateStrand, title: ' ' }, label: 'an empty title' },
    { 'jw-teacher': { status: 400, shows: [keepsStrandSlogan, REQUIRED] } },
  ),
  ...rows(
    {
      path: '/seasons/{s1}',
      body: { ...updateStrand, gradeIds: ['{zbGrade}'] },
      label: "another school's grade",
    },
    { 'jw-teacher': { status: 400, shows: ['请选择本校的年级。'] } },
  ),
  ...rows({ path: '/seasons/{s1}', body: decide, label: 'a draft' }, { 'jw-teacher': 403 }),
  ...rows(
    { path: '/seasons/{s1}', body: { ...decide, from: 'draft' }, label: 'a draft, nothing to approve' },
    { 'jw-admin': { status: 302, location: '/seasons/{s1}' } },
  ),
  ...rows({ path: '/seasons/{sSub}', body: decide }, { 'jw-teacher': 403, 'zb-admin': 404 }),
  ...rows(
    { path: '/seasons/{sSub}', body: submit, label: 'already submitted' },
    { 'jw-teacher': { status: 302, location: '/seasons/{sSub}' }, 'zb-teacher': 404 },
  ),
  ...rows(
    { path: '/seasons/{sSub}', body: { ...decide, decision: 'request-changes' }, label: 'no comment' },
    { 'jw-teacher': 403, 'jw-admin': 400 },
  ),
  ...rows(
    { path: '/seasons/{sSub}', body: { ...decide, decision: 'submit' }, label: 'submit as a decision' },
    { 'jw-admin': 400 },
  ),
  ...rows(
    { path: '/seasons/{sSub}', body: { ...decide, decision: 'bogus' }, label: 'an unknown decision' },
    { 'jw-admin': 400 },
  ),
  ...rows(
    {
      path: '/seasons/{sSub}',
      body: { ...decide, comment: '长'.repeat(1001) },
      label: 'an over-long comment',
    },
    { 'jw-admin': 400 },
  ),
  ...rows(
    { path: '/seasons/{sAppr}', body: { ...decide, decision: 'publish', from: 'approved' } },
    {
      'jw-teacher': 403,
      'zb-admin': 404,
    },
  ),
  ...rows(
    { path: '/seasons/{s1}', body: { ...copy, academicYearId: '{zbYear}' }, label: "another school's year" },
    { 'jw-teacher': 404, 'jw-admin': 404 },
  ),
  ...rows(
    { path: '/seasons/{s1}', body: { ...copy, academicYearId: '{y2627}' }, label: 'the same year' },
    { 'jw-teacher': { status: 400, shows: ['value="权限矩阵·复制季"'] } },
  ),
  ...rows(
    { path: '/seasons/{s1}', body: { ...copy, title: '长'.repeat(61) }, label: 'an over-long title' },
    { 'jw-teacher': { status: 400, shows: ['最多 60 个字符。'] } },
  ),
  ...rows(
    { path: '/seasons/{s1}', body: { ...copy, title: '' }, label: 'an empty title' },
    { 'jw-teacher': { status: 400, shows: [REQUIRED] } },
  ),
  ...rows(
    { path: '/seasons/{s1}', body: { ...copy, academicYearId: 'abc' }, label: 'a malformed year' },
    { 'jw-teacher': 400 },
  ),
  ...[
    addStrand,
    { ...updateStrand, strandId: '{stClosed}' },
    { ...deleteStrand, strandId: '{stClosed}' },
    submit,
  ].flatMap((body) =>
    rows({ path: '/seasons/{sClosed}', body, label: 'closed' }, { 'jw-teacher': 403, 'jw-admin': 403 }),
  ),
  ...rows(
    { path: '/seasons/{sClosed}', body: { ...decide, decision: 'reopen', from: 'closed' }, label: 'closed' },
    { 'jw-teacher': 403, 'zb-admin': 404 },
  ),
  ...rows(
    { path: '/seasons/{sClosed}', body: { ...decide, from: 'closed' }, label: 'closed, nothing to approve' },
    { 'jw-admin': { status: 302, location: '/seasons/{sClosed}' } },
  ),
  // Allowed, each on a record of its own.
  ...rows(
    { path: '/seasons/{sClosed2}', body: { ...decide, decision: 'reopen', from: 'closed' } },
    { 'jw-admin': { status: 302, location: '/seasons/{sClosed2}', writes: true } },
  ),
  ...rows({ path: '/seasons/{sSubmit}', body: submit }, { 'jw-teacher': { status: 302, writes: true } }),
  ...rows({ path: '/seasons/{s1}', body: addStrand }, { 'jw-teacher': { status: 302, writes: true } }),
  ...rows(
    {
      path: '/seasons/{s1}',
      body: { ...addStrand, title: '权限矩阵·年级重复', gradeIds: ['{grade1}', '{grade1}'] },
      label: 'a grade named twice',
    },
    { 'jw-teacher': { status: 302, writes: true } },
  ),
  ...rows(
    { path: '/seasons/{s1}', body: { ...deleteStrand, strandId: '{stSpare}' } },
    { 'jw-admin': { status: 302, writes: true } },
  ),

  ...rows({ path: '/seasons/{s1}/edit' }, { ...outsider, 'jw-teacher': 200, 'jw-admin': 200 }),
  ...rows({ path: '/seasons/{sClosed}/edit' }, { 'jw-teacher': 403, 'jw-admin': 403, 'zb-admin': 404 }),
  ...rows({ path: '/seasons/abc/edit' }, { 'jw-teacher': 404 }),
  ...rows({ path: '/seasons/{s1}/edit', body: season }, outsider),
  ...rows({ path: '/seasons/{sClosed}/edit', body: season }, { 'jw-teacher': 403, 'jw-admin': 403 }),
  ...(
    [
      [{ academicYearId: '{zbYear}' }, "another school's year", REQUIRED],
      [{ ownerId: '{zbTeacher}' }, "another school's owner", '请选择本校的教职工。'],
      [
        { startsOn: '2027-04-10', endsOn: '2027-04-01' },
        'an end before the start',
        '结束日期不能早于开始日期。',
      ],
      [
        { startsOn: '2027-08-20', endsOn: '2027-09-10' },
        'a date outside the year',
        '活动季必须在所选学年之内。',
      ],
      [{ title: '  ' }, 'an empty title', REQUIRED],
      [{ title: '长'.repeat(61) }, 'an over-long title', '最多 60 个字符。'],
      [{ startsOn: '2027-02-30' }, 'a day that does not exist', keepsSlogan],
    ] as [Values, string, string][]
  ).flatMap(([change, label, message]) =>
    rows(
      { path: '/seasons/{s1}/edit', body: { ...season, ...change }, label },
      { 'jw-teacher': { status: 400, shows: [keepsSlogan, message] } },
    ),
  ),

  ...rows(
    { path: '/seasons/{sSub}/review' },
    {
      anon: L,
      'jw-parent': 403,
      'jw-teacher': 403,
      'jw-admin': 200,
      'zb-admin': 404,
      'zb-teacher': 403,
    },
  ),
  ...rows({ path: '/seasons/abc/review' }, { 'jw-admin': 404 }),
  ...rows(
    { path: '/seasons/{sSub}/review', body: { decision: 'approve', from: 'submitted' } },
    { anon: L, 'jw-parent': 403, 'jw-teacher': 403, 'zb-admin': 404, 'zb-teacher': 403 },
  ),
  ...rows(
    {
      path: '/seasons/{sSub}/review',
      body: { decision: 'request-changes', from: 'submitted' },
      label: 'no comment',
    },
    { 'jw-admin': 400 },
  ),
  ...['submit', 'bogus', ''].flatMap((decision) =>
    rows(
      {
        path: '/seasons/{sSub}/review',
        body: { decision, from: 'submitted' },
        label: `decision "${decision}"`,
      },
      { 'jw-admin': 400 },
    ),
  ),
  ...rows(
    {
      path: '/seasons/{sSub}/review',
      body: { decision: 'approve', from: 'draft' },
      label: 'decided on a stale page',
    },
    { 'jw-admin': { status: 302, location: '/seasons/{sSub}' } },
  ),
  ...rows(
    {
      path: '/seasons/{sSub}/review',
      body: { decision: 'approve', from: 'submitted' },
      label: 'from another site',
    },
    { 'jw-admin': 403 },
  ).map((c) => ({ ...c, headers: { 'Sec-Fetch-Site': 'cross-site' } })),
  ...rows(
    { path: '/seasons/{sSub2}/review', body: { decision: 'approve', from: 'submitted' } },
    { 'jw-admin': { status: 302, writes: true } },
  ),

  ...rows(
    { path: '/reviews' },
    {
      anon: L,
      'jw-parent': 403,
      'jw-teacher': 403,
      'jw-admin': { status: 200, shows: ['{sSubTitle}'] },
      'zb-admin': { status: 200, hides: ['{sSubTitle}'] },
      'zb-teacher': 403,
    },
  ),
]

const activityCases: Case[] = [
  ...rows({ path: '/seasons/{s1}/activities/new' }, { ...outsider, 'jw-teacher': 200, 'jw-admin': 200 }),
  ...rows({ path: '/seasons/{sClosed}/activities/new' }, { 'jw-teacher': 403, 'zb-admin': 404 }),
  ...rows({ path: '/seasons/abc/activities/new' }, { 'jw-teacher': 404 }),
  ...[
    ['{zbStrand}', "another school's strand", '{zbStrandTitle}'],
    ['{stOther}', 'a strand of another season', '{stOtherTitle}'],
  ].flatMap(([strand, label, title]) =>
    rows(
      { path: `/seasons/{s1}/activities/new?strand=${strand}`, label },
      { 'jw-teacher': { status: 200, shows: ['{st1Title}'], hides: [title as string] } },
    ),
  ),
  ...rows({ path: '/seasons/{s1}/activities/new?strand=abc' }, { 'jw-teacher': 200 }),
  ...rows({ path: '/seasons/{s1}/activities/new', body: activity }, outsider),
  ...rows(
    { path: '/seasons/{sClosed}/activities/new', body: activity },
    { 'jw-teacher': 403, 'jw-admin': 403 },
  ),
  ...(
    [
      [{ classIds: ['{zbClass}'] }, "another school's class", UNKNOWN],
      [{ strandId: '{zbStrand}' }, "another school's strand", UNKNOWN],
      [{ partnerIds: ['{zbPartner}'] }, "another school's partner", UNKNOWN],
      [{ staffIds: ['{zbTeacher}'] }, "another school's staff", UNKNOWN],
      [{ organiserId: '{parent}' }, 'a parent as organiser', UNKNOWN],
      [{ title: '长'.repeat(81) }, 'an over-long title', '最多 80 个字符。'],
      [{ title: '   ' }, 'a blank title', REQUIRED],
      [{ startsAt: '2027-03-12 9点' }, 'a malformed start', keepsVenue],
      [{ kind: 'party' }, 'an unknown kind', UNKNOWN],
    ] as [Values, string, string][]
  ).flatMap(([change, label, message]) =>
    rows(
      { path: '/seasons/{s1}/activities/new', body: { ...activity, ...change }, label },
      { 'jw-teacher': { status: 400, shows: [keepsVenue, message] } },
    ),
  ),

  ...rows(
    { path: '/activities/{a1}' },
    {
      anon: L,
      'jw-parent': 404,
      'jw-teacher': 200,
      'jw-admin': 200,
      'zb-admin': 404,
      'zb-teacher': 404,
      'zb-parent': 404,
    },
  ),
  ...rows(
    { path: '/activities/{aPub}' },
    { 'jw-parent': { status: 200, shows: ['{aPubTitle}'] }, 'zb-parent': 404, 'zb-admin': 404 },
  ),
  ...rows({ path: '/activities/{aPub3}', label: 'a grade without their child' }, { 'jw-parent': 404 }),
  ...rows({ path: '/activities/{aSoonDraft}', label: 'a draft' }, { 'jw-parent': 404 }),
  ...['abc', '0', '1e3', '{zbAct}'].flatMap((id) =>
    rows({ path: `/activities/${id}` }, { 'jw-teacher': 404 }),
  ),
  ...[approve, requestChanges, submit, addTask, toggleTask, deleteTask].flatMap((body) =>
    rows({ path: '/activities/{a1}', body }, outsider),
  ),
  ...rows({ path: '/activities/{a1}', body: { intent: 'bogus' } }, { 'jw-teacher': 400, 'jw-admin': 400 }),
  ...rows({ path: '/activities/{a1}', body: {}, label: 'no intent' }, { 'jw-teacher': 400 }),
  ...rows(
    { path: '/activities/{a1}', body: approve, label: 'a draft season' },
    { 'jw-teacher': 403, 'jw-admin': 403 },
  ),
  ...rows(
    { path: '/activities/{a1}', body: requestChanges, label: 'a draft season' },
    { 'jw-teacher': 403, 'jw-admin': 403 },
  ),
  ...rows({ path: '/activities/{a1}', body: submit, label: 'a draft season' }, { 'jw-teacher': 403 }),
  ...rows(
    { path: '/activities/{aSub}', body: approve },
    { 'jw-teacher': 403, 'zb-admin': 404, 'zb-teacher': 404 },
  ),
  ...rows({ path: '/activities/{aSub}', body: requestChanges }, { 'jw-teacher': 403, 'zb-admin': 404 }),
  ...rows(
    { path: '/activities/{aSub}', body: { ...requestChanges, comment: '' }, label: 'no comment' },
    { 'jw-admin': { status: 400, shows: ['退回修改时，请写明需要修改的地方。'] } },
  ),
  ...rows(
    {
      path: '/activities/{aSub}',
      body: { ...requestChanges, comment: '长'.repeat(1001) },
      label: 'an over-long comment',
    },
    { 'jw-admin': { status: 400, shows: ['最多 1000 个字符。'] } },
  ),
  ...rows(
    { path: '/activities/{aAppr}', body: approve, label: 'already approved' },
    { 'jw-admin': { status: 302, location: '/activities/{aAppr}' } },
  ),
  ...rows({ path: '/activities/{aAppr}', body: submit, label: 'approved' }, { 'jw-teacher': 403 }),
  ...(
    [
      [{ title: '' }, 'an empty title', REQUIRED],
      [{ title: '长'.repeat(81) }, 'an over-long title', '最多 80 个字符。'],
      [{ ownerId: '{zbTeacher}' }, "another school's owner", UNKNOWN],
      [{ ownerId: '{parent}' }, 'a parent as owner', UNKNOWN],
      [{ dueOn: '2027-02-30' }, 'a day that does not exist', 'value="权限矩阵·新任务"'],
    ] as [Values, string, string][]
  ).flatMap(([change, label, message]) =>
    rows(
      { path: '/activities/{a1}', body: { ...addTask, ...change }, label },
      { 'jw-teacher': { status: 400, shows: [message] } },
    ),
  ),
  ...(
    [
      ['{kOther}', 'a task of another activity'],
      ['{zbTask}', "another school's task"],
      ['abc', 'a malformed task id'],
      ['', 'no task id'],
    ] as [string, string][]
  ).flatMap(([taskId, label]) => [
    ...rows({ path: '/activities/{a1}', body: { ...toggleTask, taskId }, label }, { 'jw-teacher': 404 }),
    ...rows({ path: '/activities/{a1}', body: { ...deleteTask, taskId }, label }, { 'jw-teacher': 404 }),
  ]),
  ...[
    addTask,
    { ...toggleTask, taskId: '{kClosed}' },
    { ...deleteTask, taskId: '{kClosed}' },
    submit,
  ].flatMap((body) =>
    rows({ path: '/activities/{aClosed}', body, label: 'closed' }, { 'jw-teacher': 403, 'jw-admin': 403 }),
  ),
  ...rows({ path: '/activities/{aClosed}', body: approve, label: 'closed' }, { 'jw-admin': 403 }),
  ...rows({ path: '/activities/{a1}', body: addTask, label: 'from another site' }, { 'jw-teacher': 403 }).map(
    (c) => ({ ...c, headers: { 'Sec-Fetch-Site': 'cross-site' } }),
  ),
  // Allowed, each on a record of its own.
  ...rows({ path: '/activities/{aSub2}', body: approve }, { 'jw-admin': { status: 302, writes: true } }),
  ...rows({ path: '/activities/{aRet}', body: submit }, { 'jw-teacher': { status: 302, writes: true } }),

  ...rows({ path: '/activities/{a1}/edit' }, { ...outsider, 'jw-teacher': 200, 'jw-admin': 200 }),
  ...rows({ path: '/activities/{aClosed}/edit' }, { 'jw-teacher': 403, 'zb-admin': 404 }),
  ...['abc', '{zbAct}'].flatMap((id) => rows({ path: `/activities/${id}/edit` }, { 'jw-teacher': 404 })),
  ...[activity, { intent: 'delete' }].flatMap((body) =>
    rows({ path: '/activities/{a1}/edit', body }, outsider),
  ),
  ...rows({ path: '/activities/{a1}/edit', body: { intent: 'bogus' } }, { 'jw-teacher': 400 }),
  ...rows(
    { path: '/activities/{a1}/edit', body: { ...activity, intent: '' }, label: 'no intent' },
    { 'jw-teacher': 400 },
  ),
  ...rows(
    { path: '/activities/{aSub}/edit', body: { intent: 'delete' }, label: 'submitted' },
    { 'jw-teacher': 403 },
  ),
  ...rows(
    { path: '/activities/{aClosed}/edit', body: activity, label: 'closed' },
    { 'jw-teacher': 403, 'jw-admin': 403 },
  ),
  ...rows(
    { path: '/activities/{aClosed}/edit', body: { intent: 'delete' }, label: 'closed' },
    { 'jw-admin': 403 },
  ),
  ...(
    [
      [{ endsAt: '2027-03-12T08:00' }, 'an end before the start', '结束时间须晚于开始时间。'],
      [
        { startsAt: '2027-09-02T09:00', endsAt: '2027-09-02T10:00' },
        'a date outside the year',
        '活动时间须在本活动季所属学年之内。',
      ],
      [{ gradeIds: ['{zbGrade}'] }, "another school's grade", UNKNOWN],
      [{ classIds: ['{zbClass}'] }, "another school's class", UNKNOWN],
      [{ strandId: '{stOther}' }, 'a strand of another season', UNKNOWN],
      [{ strandId: '{zbStrand}' }, "another school's strand", UNKNOWN],
      [{ guestIds: ['{zbPartner}'] }, "another school's guest", UNKNOWN],
      [{ staffIds: ['{zbTeacher}'] }, "another school's staff", UNKNOWN],
      [{ organiserId: '{zbTeacher}' }, "another school's organiser", UNKNOWN],
      [{ title: '' }, 'an empty title', REQUIRED],
      [{ title: '长'.repeat(81) }, 'an over-long title', '最多 80 个字符。'],
    ] as [Values, string, string][]
  ).flatMap(([change, label, message]) =>
    rows(
      { path: '/activities/{a1}/edit', body: { ...activity, ...change }, label },
      { 'jw-teacher': { status: 400, shows: [keepsVenue, message] } },
    ),
  ),
  ...rows(
    { path: '/activities/{aDel}/edit', body: { intent: 'delete' } },
    { 'jw-teacher': { status: 302, location: '/seasons/{s1}', writes: true } },
  ),
]

const otherCases: Case[] = [
  ...rows(
    { path: '/inbox' },
    { anon: L, 'jw-parent': 200, 'jw-teacher': 200, 'jw-admin': 200, 'zb-admin': 200, 'zb-teacher': 200 },
  ),
  // Marking read is one's own: the teacher's unread message stays unread.
  ...rows({ path: '/inbox', body: {} }, { anon: L, 'jw-parent': 302, 'jw-admin': 302, 'zb-teacher': 302 }),

  ...rows(
    { path: '/calendar?date={aPubDay}' },
    {
      anon: L,
      'jw-parent': { status: 200, shows: ['{aPubTitle}'], hides: ['{aPub3Title}', '{aSoonDraftTitle}'] },
      'jw-teacher': { status: 200, shows: ['{aPubTitle}', '{aSoonDraftTitle}'] },
      'jw-admin': { status: 200, shows: ['{aPubTitle}'] },
      'zb-admin': { status: 200, hides: ['{aPubTitle}'] },
      'zb-teacher': { status: 200, hides: ['{aPubTitle}'] },
      'zb-parent': { status: 200, hides: ['{aPubTitle}'] },
    },
  ),
  ...rows({ path: '/calendar?view=agenda' }, { 'jw-parent': 403, 'jw-teacher': 200 }),
  ...rows(
    { path: '/calendar?class={zbClass}', label: "another school's class" },
    { 'jw-teacher': 404, 'jw-parent': 404 },
  ),
  ...rows({ path: '/calendar?class={class12}', label: "their child's class" }, { 'jw-parent': 200 }),
  ...rows({ path: '/calendar?class={class31}', label: 'a class without their child' }, { 'jw-parent': 404 }),
  ...rows({ path: '/calendar?grade=3', label: 'a grade without their child' }, { 'jw-parent': 404 }),
  ...rows({ path: '/calendar?grade=9', label: 'a grade the school has not' }, { 'zb-teacher': 404 }),
  ...rows({ path: '/calendar?grade=x' }, { 'jw-teacher': 404 }),
  ...['create-feed', 'revoke-feed'].flatMap((intent) =>
    rows(
      { path: '/calendar', body: { intent } },
      { anon: L, 'jw-teacher': 403, 'jw-admin': 403, 'zb-admin': 403, 'zb-teacher': 403 },
    ),
  ),
  ...rows({ path: '/calendar', body: { intent: 'bogus' } }, { 'jw-parent': 400 }),
  ...rows(
    { path: '/calendar', body: { intent: 'create-feed' }, label: 'from another site' },
    { 'jw-parent': 403 },
  ).map((c) => ({ ...c, headers: { 'Sec-Fetch-Site': 'cross-site' } })),
  ...rows(
    { path: '/calendar', body: { intent: 'create-feed' } },
    { 'jw-parent': { status: 200, writes: true } },
  ),
  ...rows(
    { path: '/calendar', body: { intent: 'revoke-feed' } },
    { 'jw-parent': { status: 302, writes: true } },
  ),

  ...rows(
    { path: '/ics/jiwang/1.ics' },
    {
      anon: {
        status: 200,
        shows: ['{aPubTitle}'],
        hides: ['{aPub3Title}', '{aSoonDraftTitle}', '{a1Title}'],
      },
      'zb-admin': { status: 200, shows: ['{aPubTitle}'] },
    },
  ),
  ...rows({ path: '/ics/zaobei/1.ics' }, { anon: { status: 200, hides: ['{aPubTitle}'] } }),
  ...[
    '/ics/jiwang/0.ics',
    '/ics/jiwang/10.ics',
    '/ics/zaobei/6.ics',
    '/ics/nowhere/1.ics',
    '/ics/jiwang/1.txt',
  ].flatMap((path) => rows({ path }, { anon: 404 })),
  ...['/ics/private/abc.ics', '/ics/private/.ics', `/ics/private/${'A'.repeat(43)}.ics`].flatMap((path) =>
    rows({ path }, { anon: 404, 'jw-parent': 404 }),
  ),

  ...rows(
    { path: '/partners' },
    {
      anon: L,
      'jw-parent': 403,
      'jw-teacher': { status: 200, shows: ['{p1Title}'] },
      'jw-admin': { status: 200, shows: ['{p1Title}'] },
      'zb-admin': { status: 200, hides: ['{p1Title}'] },
      'zb-teacher': { status: 200, hides: ['{p1Title}'] },
    },
  ),
  ...rows(
    { path: '/partners', body: { ...partner, intent: 'create', name: '权限矩阵·新伙伴' } },
    { anon: L, 'jw-parent': 403 },
  ),
  ...rows(
    { path: '/partners', body: { ...partner, intent: 'bogus' } },
    { 'jw-teacher': 400, 'zb-admin': 400 },
  ),
  ...rows(
    { path: '/partners/{p1}' },
    { ...outsider, 'jw-teacher': { status: 200, shows: ['{p1Title}'] }, 'jw-admin': 200 },
  ),
  ...['abc', '0', '1e3', '{zbPartner}'].flatMap((id) =>
    rows({ path: `/partners/${id}` }, { 'jw-teacher': 404 }),
  ),
  ...[partner, { intent: 'deactivate' }, { intent: 'reactivate' }].flatMap((body) =>
    rows({ path: '/partners/{p1}', body }, outsider),
  ),
  ...rows(
    { path: '/partners/{zbPartner}', body: { intent: 'deactivate' } },
    { 'jw-teacher': 404, 'jw-admin': 404 },
  ),
  ...rows({ path: '/partners/abc', body: { intent: 'deactivate' } }, { 'jw-teacher': 404 }),
  ...rows({ path: '/partners/{p1}', body: { intent: 'bogus' } }, { 'jw-teacher': 400 }),
  ...rows(
    { path: '/partners/{p1}', body: { ...partner, name: '' }, label: 'an empty name' },
    { 'jw-teacher': { status: 400, shows: [REQUIRED] } },
  ),
  ...rows(
    { path: '/partners/{p1}', body: { ...partner, name: '长'.repeat(61) }, label: 'an over-long name' },
    { 'jw-teacher': { status: 400, shows: ['最多 60 个字符。'] } },
  ),
  ...rows(
    { path: '/partners/{p1}', body: { intent: 'deactivate' }, label: 'from another site' },
    { 'jw-admin': 403 },
  ).map((c) => ({ ...c, headers: { 'Sec-Fetch-Site': 'cross-site' } })),
  ...rows(
    { path: '/partners/{pDisp}', body: { intent: 'deactivate' } },
    { 'jw-teacher': { status: 302, writes: true } },
  ),
]

async function check(c: Case) {
  const app = await getTestApp()
  const before = await snapshot()
  const path = fill(c.path)
  const response = await app.request(path, {
    method: c.method,
    body: c.body ? bodyOf(c.body) : undefined,
    headers: c.headers,
    cookie: c.who === 'anon' ? undefined : cookies[c.who],
  })
  const outcome = typeof c.outcome === 'object' ? c.outcome : { status: c.outcome }
  const text = await response.text()
  if (outcome.status === L) {
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  } else {
    expect(response.status, text.slice(0, 300)).toBe(outcome.status)
  }
  if (outcome.location)
    expect(response.headers.get('Location')).toMatch(new RegExp(`^${fill(outcome.location)}(#|$)`))
  for (const shown of outcome.shows ?? []) expect(text).toContain(fill(shown))
  for (const hidden of outcome.hides ?? []) expect(text).not.toContain(fill(hidden))
  if (!outcome.writes) expect(await snapshot()).toEqual(before)
  else expect(await snapshot()).not.toEqual(before)
}

describe('planning access, role by role', () => {
  const named = (cases: Case[]) => cases.map((c) => [c.title, c] as const)
  it.each(named(seasonCases))('seasons: %s', (_, c) => check(c))
  it.each(named(activityCases))('activities: %s', (_, c) => check(c))
  it.each(named(otherCases))('calendar, inbox, feeds, partners: %s', (_, c) => check(c))
})

describe('a double-clicked submit', () => {
  type Setup = () => Promise<{ path: string; count: () => Promise<number> }>

  async function countOf(query: { execute: () => Promise<unknown[]> }) {
    return (await query.execute()).length
  }

  /** A season of its own with one activity, in the status the click starts from. */
  async function seasonIn(status: PlanStatus, title: string) {
    const { db } = await getTestApp()
    const seasonId = await createSeason(db, {
      schoolId: JIWANG,
      academicYearId: refs.y2627 as number,
      title,
      startsOn: '2027-05-01',
      endsOn: '2027-05-31',
      ownerId: refs.teacher as number,
      status,
    })
    await createActivity(db, {
      schoolId: JIWANG,
      seasonId,
      title: `${title}·活动`,
      kind: 'lecture',
      startsAt: shanghaiInstant('2027-05-10', '09:00'),
      endsAt: shanghaiInstant('2027-05-10', '10:00'),
      status: status === 'approved' ? 'approved' : status,
      gradeIds: [refs.grade1 as number],
    })
    return seasonId
  }

  function seasonReviews(seasonId: number, action: 'submitted' | 'approved' | 'reopened') {
    return async () => {
      const { db } = await getTestApp()
      return countOf(
        db
          .selectFrom('reviews')
          .select('id')
          .where('entity', '=', 'season')
          .where('entity_id', '=', seasonId)
          .where('action', '=', action),
      )
    }
  }

  let n = 0
  const cases: [string, Account, Values, Setup][] = [
    [
      'adds one strand',
      'jw-teacher',
      { ...addStrand, title: '权限矩阵·双击主线' },
      async () => {
        const seasonId = await seasonIn('draft', `权限矩阵·双击主线季${++n}`)
        const { db } = await getTestApp()
        return {
          path: `/seasons/${seasonId}`,
          count: () => countOf(db.selectFrom('strands').select('id').where('season_id', '=', seasonId)),
        }
      },
    ],
    [
      'adds one task',
      'jw-teacher',
      addTask,
      async () => {
        const { db } = await getTestApp()
        const activityId = await createActivity(db, {
          schoolId: JIWANG,
          seasonId: refs.s1 as number,
          title: `权限矩阵·双击任务活动${++n}`,
          kind: 'lecture',
          startsAt: shanghaiInstant('2027-03-20', '09:00'),
          endsAt: shanghaiInstant('2027-03-20', '10:00'),
          gradeIds: [refs.grade1 as number],
        })
        return {
          path: `/activities/${activityId}`,
          count: () =>
            countOf(db.selectFrom('activity_tasks').select('id').where('activity_id', '=', activityId)),
        }
      },
    ],
    [
      'submits a season once',
      'jw-teacher',
      submit,
      async () => {
        const seasonId = await seasonIn('draft', `权限矩阵·双击提交${++n}`)
        return { path: `/seasons/${seasonId}`, count: seasonReviews(seasonId, 'submitted') }
      },
    ],
    [
      'approves a season once',
      'jw-admin',
      { decision: 'approve', from: 'submitted' },
      async () => {
        const seasonId = await seasonIn('submitted', `权限矩阵·双击批准${++n}`)
        return { path: `/seasons/${seasonId}/review`, count: seasonReviews(seasonId, 'approved') }
      },
    ],
    [
      'reopens a season once',
      'jw-admin',
      { ...decide, decision: 'reopen', from: 'closed' },
      async () => {
        const seasonId = await seasonIn('closed', `权限矩阵·双击重开${++n}`)
        return { path: `/seasons/${seasonId}`, count: seasonReviews(seasonId, 'reopened') }
      },
    ],
    [
      'approves an activity once',
      'jw-admin',
      approve,
      async () => {
        const { db } = await getTestApp()
        const activityId = await createActivity(db, {
          schoolId: JIWANG,
          seasonId: refs.sAppr as number,
          title: `权限矩阵·双击审批活动${++n}`,
          kind: 'lecture',
          startsAt: shanghaiInstant('2027-03-20', '09:00'),
          endsAt: shanghaiInstant('2027-03-20', '10:00'),
          status: 'submitted',
          gradeIds: [refs.grade1 as number],
        })
        return {
          path: `/activities/${activityId}`,
          count: () =>
            countOf(
              db
                .selectFrom('reviews')
                .select('id')
                .where('entity', '=', 'activity')
                .where('entity_id', '=', activityId),
            ),
        }
      },
    ],
  ]

  it.each(
    cases.flatMap(([name, ...rest]) => [
      [`${name}, the clicks one after the other`, false, ...rest] as const,
      [`${name}, the clicks at once`, true, ...rest] as const,
    ]),
  )('%s', async (_, atOnce, username, body, setup) => {
    const app = await getTestApp()
    const { path, count } = await setup()
    const send = () => app.request(path, { method: 'POST', body: bodyOf(body), cookie: cookies[username] })
    const responses = atOnce ? await Promise.all([send(), send()]) : [await send(), await send()]
    expect(responses.map((r) => r.status)).toEqual([302, 302])
    expect(responses[1]?.headers.get('Location')).toBe(responses[0]?.headers.get('Location'))
    expect(await count()).toBe(1)
  })
})
