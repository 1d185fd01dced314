import { addDays, format } from 'date-fns'
import { beforeAll, describe, expect, it } from 'vitest'
import { StaleSheetError, writeEntries } from '~/models/participation.server'
import * as clock from '../../app/utils/clock'
import type { PlanStatus } from '../../db/schema'
import {
  createActivity,
  createClass,
  createConsent,
  createNoticeWindow,
  createParticipations,
  createRandom,
  createSeason,
  createStudents,
  shanghaiInstant,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'
import { edit, sheetForm } from '../setup/sheet-form'

// The participation sheet through the real request handler. The database is shared by the test
// files of a worker: every class, pupil and activity here is this file's own (classes numbered 11–13,
// pupils named 参与测试…, activities titled 参与表测试·…), on days no other file uses.

const JIWANG = 1
const DAY = '2026-05-12'

const ids = {
  year: 0,
  season: 0,
  grade5: 0,
  grade6: 0,
  classA: 0,
  classB: 0,
  classC: 0,
  teacher: 0,
  zaobeiPupil: 0,
}
/** Pupils by class: A (target of most activities), B (another grade-5 class), C (grade 6) */
const pupils: Record<'A' | 'B' | 'C', { id: number; name: string }[]> = { A: [], B: [], C: [] }
const cookies: Record<string, string> = {}

async function lookup(table: 'users' | 'grades', where: Record<string, string | number>) {
  const app = await getTestApp()
  let query = app.db.selectFrom(table).select('id')
  for (const [column, value] of Object.entries(where))
    query = query.where(column as never, '=', value as never)
  return (await query.executeTakeFirstOrThrow()).id
}

beforeAll(async () => {
  const app = await getTestApp()
  ids.year = (
    await app.db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', JIWANG)
      .where('name', '=', '2025-2026')
      .executeTakeFirstOrThrow()
  ).id
  ids.teacher = await lookup('users', { username: 'jw-teacher' })
  ids.grade5 = await lookup('grades', { school_id: JIWANG, level: 5 })
  ids.grade6 = await lookup('grades', { school_id: JIWANG, level: 6 })
  ids.season = await createSeason(app.db, {
    schoolId: JIWANG,
    academicYearId: ids.year,
    title: '参与表测试·季',
    startsOn: '2026-05-01',
    endsOn: '2026-06-30',
    ownerId: ids.teacher,
    status: 'approved',
  })
  const random = createRandom(4242)
  const classes = [
    ['A', ids.grade5, 11, '五(11)班', 5],
    ['B', ids.grade5, 12, '五(12)班', 4],
    ['C', ids.grade6, 13, '六(13)班', 3],
  ] as const
  for (const [key, gradeId, number, name, count] of classes) {
    const schoolClass = await createClass(app.db, { schoolId: JIWANG, gradeId, number, name })
    ids[`class${key}`] = schoolClass.id
    const made = await createStudents(app.db, {
      schoolId: JIWANG,
      classId: schoolClass.id,
      count,
      startNumber: 1,
      random,
      numberPrefix: `PT${number}`,
      names: Array.from({ length: count }, (_, i) => `参与测试${key}${i + 1}`),
    })
    pupils[key] = made.map((pupil) => ({ id: pupil.id, name: pupil.name }))
  }
  const zaobeiClass = await app.db
    .selectFrom('classes')
    .select('id')
    .where('school_id', '=', 2)
    .executeTakeFirstOrThrow()
  const [zaobeiPupil] = await createStudents(app.db, {
    schoolId: 2,
    classId: zaobeiClass.id,
    count: 1,
    startNumber: 1,
    random,
    numberPrefix: 'PTZB',
    names: ['参与测试藻北'],
  })
  ids.zaobeiPupil = zaobeiPupil?.id ?? 0
  for (const username of ['jw-teacher', 'jw-admin', 'jw-parent', 'zb-teacher']) {
    cookies[username] = await app.signIn(username)
  }
})

let activityCount = 0

/** A fresh activity of this file: a two-hour volunteer service for class A by default. */
async function makeActivity(
  over: {
    status?: PlanStatus
    classIds?: number[]
    gradeIds?: number[]
    day?: string
    practiceHours?: number | null
    needsConsent?: boolean
  } = {},
) {
  const app = await getTestApp()
  activityCount += 1
  const day = over.day ?? DAY
  return createActivity(app.db, {
    schoolId: JIWANG,
    seasonId: ids.season,
    title: `参与表测试·志愿服务${activityCount}`,
    kind: 'service',
    startsAt: shanghaiInstant(day, '13:30'),
    endsAt: shanghaiInstant(day, '15:30'),
    offCampus: true,
    needsConsent: over.needsConsent ?? false,
    practiceCategory: over.practiceHours === null ? null : 'public_service',
    practiceHours: over.practiceHours === undefined ? 2 : over.practiceHours,
    status: over.status ?? 'approved',
    classIds: over.classIds ?? (over.gradeIds ? [] : [ids.classA]),
    gradeIds: over.gradeIds ?? [],
    organiserId: ids.teacher,
  })
}

async function entries(activityId: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('participations')
    .select([
      'student_id',
      'class_id',
      'status',
      'role',
      'hours',
      'excuse_reason',
      'added',
      'revision',
      'recorded_by',
    ])
    .where('activity_id', '=', activityId)
    .orderBy('student_id')
    .execute()
}

function entryOf(rows: Awaited<ReturnType<typeof entries>>, studentId: number | undefined) {
  return rows.find((row) => row.student_id === studentId)
}

async function audits(activityId: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('audit_log')
    .select(['action', 'detail', 'user_id'])
    .where('entity', '=', 'activity')
    .where('entity_id', '=', activityId)
    .where('action', 'like', 'participation-%')
    .orderBy('id')
    .execute()
}

function sheetPath(activityId: number, search = '') {
  return `/activities/${activityId}/participation${search}`
}

async function page(activityId: number, username = 'jw-teacher', search = '') {
  const app = await getTestApp()
  return app.request(sheetPath(activityId, search), { cookie: cookies[username] })
}

async function post(activityId: number, body: URLSearchParams, username = 'jw-teacher') {
  const app = await getTestApp()
  return app.request(sheetPath(activityId), { method: 'POST', body, cookie: cookies[username] })
}

async function loadForm(activityId: number, username = 'jw-teacher') {
  const response = await page(activityId, username)
  expect(response.status).toBe(200)
  return sheetForm(await response.text())
}

const A = (i: number) => pupils.A[i]?.id ?? 0
const B = (i: number) => pupils.B[i]?.id ?? 0

describe('the sheet page', () => {
  it('lists the pupils of the target classes with the activity, its credit and a way to record', async () => {
    const activityId = await makeActivity()
    const response = await page(activityId)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('参与表测试·志愿服务')
    expect(html).toContain('公益劳动 · 每名出席学生默认 2 课时')
    expect(html).toContain('2026年5月12日 13:30–15:30')
    expect(html).toContain(`href="/activities/${activityId}"`)
    for (const pupil of pupils.A) {
      expect(html).toContain(`href="/students/${pupil.id}"`)
      expect(html).toContain(pupil.name)
    }
    expect(html).not.toContain(pupils.B[0]?.name)
    expect(html).toContain('inputMode="decimal"')
    expect(html).toContain('>全部出席</button>')
    expect(html).toContain('出席 0 · 缺席 0 · 请假 0 · 未记录 5')
    const form = sheetForm(html)
    expect(form.getAll('rows[0].revision')).toEqual(['0'])
    // A service activity's pupils are volunteers.
    expect(form.get('rows[0].role')).toBe('volunteer')
  })

  it('speaks English with ?lang=en', async () => {
    const activityId = await makeActivity()
    const app = await getTestApp()
    const response = await app.request(sheetPath(activityId, '?lang=en'), { cookie: cookies['jw-teacher'] })
    const html = await response.text()
    expect(html).toContain('>All present</button>')
    expect(html).toContain('2 hours by default for each pupil who attended')
    await app.request(sheetPath(activityId, '?lang=zh'), { cookie: cookies['jw-teacher'] })
  })
})

describe('recording', () => {
  it('"all present" marks everyone attended with the default hours in one post, and says so', async () => {
    const activityId = await makeActivity()
    const response = await post(activityId, new URLSearchParams({ intent: 'all-present' }))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(sheetPath(activityId))
    const rows = await entries(activityId)
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      expect(row).toMatchObject({
        class_id: ids.classA,
        status: 'attended',
        role: 'volunteer',
        hours: 2,
        added: 0,
        revision: 1,
        recorded_by: ids.teacher,
      })
    }
    const [audit] = await audits(activityId)
    expect(audit?.action).toBe('participation-saved')
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ changed: 5, attended: 5, allPresent: true })
    const html = await (await page(activityId)).text()
    expect(html).toContain('已保存 5 名学生的记录。')
    expect(html).toContain('出席 5 · 缺席 0 · 请假 0 · 未记录 0')
    expect(html).not.toContain('>全部出席</button>')
  })

  it('after "all present", two absences and a save: what the page posts is what is stored', async () => {
    const activityId = await makeActivity()
    expect((await post(activityId, new URLSearchParams({ intent: 'all-present' }))).status).toBe(302)
    const form = await loadForm(activityId)
    const response = await post(
      activityId,
      edit(form, 'save', [
        { studentId: A(0), values: { status: 'absent' } },
        { studentId: A(1), values: { status: 'excused', reason: '发烧请假' } },
        { studentId: A(2), values: { role: 'docent', hours: '1.5' } },
      ]),
    )
    expect(response.status).toBe(302)
    const rows = await entries(activityId)
    expect(entryOf(rows, A(0))).toMatchObject({ status: 'absent', hours: null, revision: 2 })
    expect(entryOf(rows, A(1))).toMatchObject({ status: 'excused', excuse_reason: '发烧请假', hours: null })
    expect(entryOf(rows, A(2))).toMatchObject({ status: 'attended', role: 'docent', hours: 1.5 })
    // Unchanged rows are not written again.
    expect(entryOf(rows, A(3))).toMatchObject({ revision: 1 })
    const html = await (await page(activityId)).text()
    expect(html).toContain('已保存 3 名学生的记录。')
    expect(html).toContain('出席 3 · 缺席 1 · 请假 1 · 未记录 0')
  })

  it('marks the typed exceptions and everyone else present in one "all present" post', async () => {
    const activityId = await makeActivity()
    const form = await loadForm(activityId)
    const response = await post(
      activityId,
      edit(form, 'all-present', [{ studentId: A(4), values: { status: 'absent' } }]),
    )
    expect(response.status).toBe(302)
    const rows = await entries(activityId)
    expect(rows.map((row) => row.status)).toEqual(['attended', 'attended', 'attended', 'attended', 'absent'])
  })

  it('refuses an excused pupil without a reason: message by the field, typed values kept, nothing stored', async () => {
    const activityId = await makeActivity()
    expect((await post(activityId, new URLSearchParams({ intent: 'all-present' }))).status).toBe(302)
    const before = await entries(activityId)
    const form = await loadForm(activityId)
    const response = await post(
      activityId,
      edit(form, 'save', [
        { studentId: A(0), values: { status: 'excused', reason: '' } },
        { studentId: A(1), values: { status: 'absent', hours: '1.5' } },
        { studentId: A(2), values: { hours: '0.5' } },
      ]),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('请填写请假原因。')
    expect(html).toContain(`${pupils.A[0]?.name}：请填写请假原因。`)
    expect(html).toContain('有 1 处需要修改，本次没有保存')
    const again = sheetForm(html)
    expect(edit(again, 'save').toString()).toBe(
      edit(form, 'save', [
        { studentId: A(0), values: { status: 'excused', reason: '' } },
        { studentId: A(1), values: { status: 'absent', hours: '1.5' } },
        { studentId: A(2), values: { hours: '0.5' } },
      ]).toString(),
    )
    expect(await entries(activityId)).toEqual(before)
  })

  it.each([
    ['-1', '课时须在 0 到 24 之间。'],
    ['25', '课时须在 0 到 24 之间。'],
    ['abc', '请填写数字，例如 2 或 1.5。'],
    ['1.25', '课时以 0.5 为单位，例如 1.5。'],
  ])('refuses hours %s with a message by the field and stores nothing', async (hours, message) => {
    const activityId = await makeActivity()
    const form = await loadForm(activityId)
    const response = await post(
      activityId,
      edit(form, 'save', [
        { studentId: A(0), values: { status: 'attended' } },
        { studentId: A(1), values: { status: 'attended', hours } },
      ]),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain(message)
    const input = /<input[^>]*name="rows\[1\]\.hours"[^>]*>/.exec(html)?.[0] ?? ''
    expect(input).toContain(`value="${hours}"`)
    expect(input).toContain('aria-invalid="true"')
    expect(await entries(activityId)).toEqual([])
  })

  it("keeps a pupil's day within 24 hours across the school's activities", async () => {
    const app = await getTestApp()
    const day = '2026-05-13'
    const earlier = await makeActivity({ day })
    await createParticipations(app.db, {
      schoolId: JIWANG,
      activityId: earlier,
      rows: [{ studentId: A(0), classId: ids.classA, status: 'attended', hours: 23 }],
    })
    const activityId = await makeActivity({ day })
    const form = await loadForm(activityId)
    const response = await post(
      activityId,
      edit(form, 'save', [{ studentId: A(0), values: { status: 'attended', hours: '2' } }]),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('该生当天在其他活动已有课时，本活动最多还能记 1 课时。')
    expect(await entries(activityId)).toEqual([])

    // "All present" would give the default 2 hours: refused, naming the pupil.
    const bare = await post(activityId, new URLSearchParams({ intent: 'all-present' }))
    expect(bare.status).toBe(400)
    const html = await bare.text()
    expect(html).toContain('再加上本活动就超过 24 课时')
    expect(html).toContain(pupils.A[0]?.name)
    expect(await entries(activityId)).toEqual([])

    const ok = await post(
      activityId,
      edit(form, 'save', [{ studentId: A(0), values: { status: 'attended', hours: '1' } }]),
    )
    expect(ok.status).toBe(302)
    expect(entryOf(await entries(activityId), A(0))).toMatchObject({ hours: 1 })
  })
})

describe('two teachers at once', () => {
  it('refuses the second save of a row changed since it was read, saving nothing, then lets it save again', async () => {
    const activityId = await makeActivity()
    expect((await post(activityId, new URLSearchParams({ intent: 'all-present' }))).status).toBe(302)
    const teacherForm = await loadForm(activityId, 'jw-teacher')
    const adminForm = await loadForm(activityId, 'jw-admin')

    const first = await post(
      activityId,
      edit(teacherForm, 'save', [{ studentId: A(0), values: { status: 'absent' } }]),
      'jw-teacher',
    )
    expect(first.status).toBe(302)

    const second = await post(
      activityId,
      edit(adminForm, 'save', [
        { studentId: A(0), values: { status: 'excused', reason: '家中有事' } },
        { studentId: A(1), values: { status: 'absent' } },
      ]),
      'jw-admin',
    )
    expect(second.status).toBe(409)
    const html = await second.text()
    expect(html).toContain('其他老师刚刚保存过')
    expect(html).toContain('本次没有保存任何内容')
    expect(html).toMatch(/周老师 于 2\d{3}年\d+月\d+日 \d\d:\d\d 保存为：缺席 · 志愿者/)
    expect(html).toContain('你的填写：请假（家中有事） · 志愿者')
    // The first teacher's values stand; the second's other row was not written either.
    const rows = await entries(activityId)
    expect(entryOf(rows, A(0))).toMatchObject({ status: 'absent', revision: 2 })
    expect(entryOf(rows, A(1))).toMatchObject({ status: 'attended', revision: 1 })

    // The page keeps what the second teacher typed, now carrying the stored revision.
    const kept = sheetForm(html)
    const retry = await post(activityId, edit(kept, 'save'), 'jw-admin')
    expect(retry.status).toBe(302)
    const after = await entries(activityId)
    expect(entryOf(after, A(0))).toMatchObject({ status: 'excused', excuse_reason: '家中有事', revision: 3 })
    expect(entryOf(after, A(1))).toMatchObject({ status: 'absent', revision: 2 })
  })

  it('lets two teachers mark different pupils without a conflict', async () => {
    const activityId = await makeActivity()
    const teacherForm = await loadForm(activityId, 'jw-teacher')
    const adminForm = await loadForm(activityId, 'jw-admin')
    const first = await post(
      activityId,
      edit(teacherForm, 'save', [{ studentId: A(0), values: { status: 'attended' } }]),
    )
    expect(first.status).toBe(302)
    const second = await post(
      activityId,
      edit(adminForm, 'save', [{ studentId: A(1), values: { status: 'absent' } }]),
      'jw-admin',
    )
    expect(second.status).toBe(302)
    const rows = await entries(activityId)
    expect(rows.map((row) => [row.student_id, row.status])).toEqual([
      [A(0), 'attended'],
      [A(1), 'absent'],
    ])
  })
  it('refuses, in the write itself, a row whose revision moved since the plan (saves run side by side)', async () => {
    const app = await getTestApp()
    const activityId = await makeActivity()
    expect((await post(activityId, new URLSearchParams({ intent: 'all-present' }))).status).toBe(302)
    const before = await entries(activityId)
    const write = (revision: number) =>
      app.db.transaction().execute((trx) =>
        writeEntries(trx, {
          schoolId: JIWANG,
          activityId,
          userId: ids.teacher,
          classOf: new Map([
            [A(0), ids.classA],
            [A(1), ids.classA],
          ]),
          now: clock.now().toISOString(),
          writes: [
            {
              studentId: A(0),
              insert: false,
              revision,
              values: { status: 'absent', role: 'volunteer', hours: null, excuseReason: '' },
            },
            {
              studentId: A(1),
              insert: false,
              revision: 2,
              values: { status: 'absent', role: 'volunteer', hours: null, excuseReason: '' },
            },
          ],
        }),
      )
    // Planned from revision 2, but the row is at 1: the whole write is undone.
    await expect(write(3)).rejects.toBeInstanceOf(StaleSheetError)
    expect(await entries(activityId)).toEqual(before)
    await write(2)
    expect(entryOf(await entries(activityId), A(0))).toMatchObject({ status: 'absent', revision: 2 })
  })
})

describe('adding and removing pupils', () => {
  it('adds chosen pupils of another class, unmarked and flagged as added, and removes one again', async () => {
    const activityId = await makeActivity()
    const picker = await page(activityId, 'jw-teacher', `?addFrom=${ids.classB}`)
    expect(picker.status).toBe(200)
    const html = await picker.text()
    expect(html).toContain('五(12)班的学生')
    expect(html).toContain(`value="${B(0)}"`)

    const response = await post(
      activityId,
      new URLSearchParams([
        ['intent', 'add-pupils'],
        ['studentIds', String(B(0))],
        ['studentIds', String(B(1))],
      ]),
    )
    expect(response.status).toBe(302)
    const rows = await entries(activityId)
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row).toMatchObject({ class_id: ids.classB, status: null, added: 1, role: 'volunteer' })
    }
    const sheet = await (await page(activityId)).text()
    expect(sheet).toContain('已将 2 名学生加入名单。')
    expect(sheet).toContain(pupils.B[0]?.name)
    expect(sheet).toContain('>加入</span>')
    expect(sheet).toContain('出席 0 · 缺席 0 · 请假 0 · 未记录 7')

    // Marked pupils stay; unmarked ones may go.
    const form = sheetForm(sheet)
    expect(
      (await post(activityId, edit(form, 'save', [{ studentId: B(0), values: { status: 'attended' } }])))
        .status,
    ).toBe(302)
    const notRemoved = await post(
      activityId,
      new URLSearchParams({ intent: 'remove', studentId: String(B(0)) }),
    )
    expect(notRemoved.status).toBe(302)
    expect(await (await page(activityId)).text()).toContain('该生已有出席记录，不能移出名单。')
    const removed = await post(activityId, new URLSearchParams({ intent: 'remove', studentId: String(B(1)) }))
    expect(removed.status).toBe(302)
    expect((await entries(activityId)).map((row) => row.student_id)).toEqual([B(0)])
    expect((await audits(activityId)).map((a) => a.action)).toEqual([
      'participation-pupils-added',
      'participation-saved',
      'participation-pupil-removed',
    ])
  })

  it('asks to choose a pupil, keeping the picker open', async () => {
    const activityId = await makeActivity()
    const app = await getTestApp()
    const response = await app.request(sheetPath(activityId, `?addFrom=${ids.classB}`), {
      method: 'POST',
      body: new URLSearchParams({ intent: 'add-pupils' }),
      cookie: cookies['jw-teacher'],
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('请至少选择一名学生。')
    expect(html).toContain('五(12)班的学生')
    expect(await entries(activityId)).toEqual([])
  })

  it("starts a grade's activity empty and adds a whole class of that grade, but no other", async () => {
    const activityId = await makeActivity({ gradeIds: [ids.grade5] })
    const html = await (await page(activityId)).text()
    expect(html).toContain('名单上还没有学生')
    expect(html).toContain('整班加入')

    const response = await post(
      activityId,
      new URLSearchParams({ intent: 'add-class', classId: String(ids.classA) }),
    )
    expect(response.status).toBe(302)
    const rows = await entries(activityId)
    expect(rows.map((row) => row.student_id)).toEqual(pupils.A.map((pupil) => pupil.id))
    expect(rows.every((row) => row.added === 1 && row.status === null)).toBe(true)

    const otherGrade = await post(
      activityId,
      new URLSearchParams({ intent: 'add-class', classId: String(ids.classC) }),
    )
    expect(otherGrade.status).toBe(400)
    expect(await otherGrade.text()).toContain('请选择列表中的一项。')
    expect(await entries(activityId)).toHaveLength(5)

    // Twice the same class: nobody is added twice.
    await post(activityId, new URLSearchParams({ intent: 'add-class', classId: String(ids.classA) }))
    expect(await entries(activityId)).toHaveLength(5)
  })
})

describe('consent', () => {
  it('flags attendance recorded for pupils whose guardians have not consented', async () => {
    const app = await getTestApp()
    const activityId = await makeActivity({ needsConsent: true })
    await createConsent(app.db, { schoolId: JIWANG, activityId, studentId: A(0), status: 'given' })
    await createConsent(app.db, { schoolId: JIWANG, activityId, studentId: A(1), status: 'refused' })
    await createConsent(app.db, { schoolId: JIWANG, activityId, studentId: A(2), status: 'requested' })
    expect(await (await page(activityId)).text()).not.toContain('家长尚未同意')

    const form = await loadForm(activityId)
    await post(
      activityId,
      edit(form, 'save', [
        { studentId: A(0), values: { status: 'attended' } },
        { studentId: A(1), values: { status: 'attended' } },
        { studentId: A(2), values: { status: 'absent' } },
        { studentId: A(3), values: { status: 'attended' } },
      ]),
    )
    const html = await (await page(activityId)).text()
    expect(html).toContain('2 名学生记为出席，但家长尚未同意：')
    const start = html.indexOf('id="consent-flags-title"')
    const flags = html.slice(start, html.indexOf('</section>', start))
    expect(flags).toContain(pupils.A[1]?.name)
    expect(flags).toContain(pupils.A[3]?.name)
    expect(flags).not.toContain(pupils.A[0]?.name)
    expect(flags).not.toContain(pupils.A[2]?.name)
    expect(html).toContain('class="badge badge-warning">不同意</span>')
    expect(html).toContain('class="badge badge-warning">未发回执</span>')
  })
})

describe('locked entries', () => {
  it('shows entries of a closed notice period read-only and refuses a change to them', async () => {
    const app = await getTestApp()
    const today = format(clock.now(), 'yyyy-MM-dd')
    const activityId = await makeActivity({ classIds: [ids.classB], status: 'closed' })
    const windowId = await createNoticeWindow(app.db, {
      schoolId: JIWANG,
      classId: ids.classB,
      opensOn: format(addDays(new Date(today), -10), 'yyyy-MM-dd'),
      closesOn: format(addDays(new Date(today), -3), 'yyyy-MM-dd'),
    })
    await createParticipations(app.db, {
      schoolId: JIWANG,
      activityId,
      noticeWindowId: windowId,
      rows: [{ studentId: B(0), classId: ids.classB, status: 'attended', role: 'volunteer', hours: 2 }],
    })
    const html = await (await page(activityId)).text()
    expect(html).toContain('已公示锁定')
    const form = sheetForm(html)
    expect([...form.values()]).not.toContain(String(B(0)))

    const before = await entries(activityId)
    const forged = new URLSearchParams(form)
    forged.set('intent', 'save')
    forged.set('rows[9].studentId', String(B(0)))
    forged.set('rows[9].revision', '1')
    forged.set('rows[9].status', 'absent')
    forged.set('rows[9].role', 'volunteer')
    const response = await post(activityId, forged)
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('公示期已经结束')
    expect(await entries(activityId)).toEqual(before)

    // "All present" passes the locked row by and marks the others.
    expect((await post(activityId, new URLSearchParams({ intent: 'all-present' }))).status).toBe(302)
    const after = await entries(activityId)
    expect(entryOf(after, B(0))).toEqual(entryOf(before, B(0)))
    expect(after.filter((row) => row.status === 'attended')).toHaveLength(4)
  })
})

describe('who may record', () => {
  async function refusedWithNothingWritten(
    activityId: number,
    username: string,
    status: number,
    body: Record<string, string>,
  ) {
    const app = await getTestApp()
    const before = await entries(activityId)
    const auditsBefore = await audits(activityId)
    const getResponse = await page(activityId, username)
    expect(getResponse.status).toBe(status)
    const postResponse = await app.request(sheetPath(activityId), {
      method: 'POST',
      body: new URLSearchParams(body),
      cookie: cookies[username],
    })
    expect(postResponse.status).toBe(status)
    expect(await entries(activityId)).toEqual(before)
    expect(await audits(activityId)).toEqual(auditsBefore)
  }

  it('refuses parents', async () => {
    const activityId = await makeActivity()
    await refusedWithNothingWritten(activityId, 'jw-parent', 403, { intent: 'all-present' })
  })

  it("answers another school's teacher as if the activity did not exist", async () => {
    const activityId = await makeActivity()
    await refusedWithNothingWritten(activityId, 'zb-teacher', 404, { intent: 'all-present' })
    await refusedWithNothingWritten(activityId, 'zb-teacher', 404, {
      intent: 'add-pupils',
      studentIds: String(A(0)),
    })
  })

  it('refuses a forged pupil of another school, or one not on the sheet', async () => {
    const activityId = await makeActivity()
    const save = (studentId: number) =>
      post(
        activityId,
        new URLSearchParams({
          intent: 'save',
          'rows[0].studentId': String(studentId),
          'rows[0].revision': '0',
          'rows[0].status': 'attended',
        }),
      )
    expect((await save(ids.zaobeiPupil)).status).toBe(404)
    expect((await save(B(0))).status).toBe(404)
    const addForeign = await post(
      activityId,
      new URLSearchParams({ intent: 'add-pupils', studentIds: String(ids.zaobeiPupil) }),
    )
    expect(addForeign.status).toBe(404)
    const addForeignClass = await post(
      activityId,
      new URLSearchParams({ intent: 'add-class', classId: '9999999' }),
    )
    expect(addForeignClass.status).toBe(404)
    const removeForeign = await post(
      activityId,
      new URLSearchParams({ intent: 'remove', studentId: String(ids.zaobeiPupil) }),
    )
    expect(removeForeign.status).toBe(404)
    expect(await entries(activityId)).toEqual([])
  })

  it('shows a draft activity without a sheet and refuses to record it', async () => {
    const activityId = await makeActivity({ status: 'draft' })
    const response = await page(activityId)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('活动通过审核后才能记录参与情况。当前状态：草稿。')
    expect(html).not.toContain('id="sheet"')
    const refused = await post(activityId, new URLSearchParams({ intent: 'all-present' }))
    expect(refused.status).toBe(409)
    expect(await entries(activityId)).toEqual([])
  })

  it('sends a visitor to sign in', async () => {
    const app = await getTestApp()
    const activityId = await makeActivity()
    const response = await app.request(sheetPath(activityId))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toContain('/login?redirectTo=')
  })
})
