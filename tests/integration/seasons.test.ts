import { describe, expect, it } from 'vitest'
import {
  createActivity,
  createPartner,
  createSeason,
  createStrand,
  shanghaiInstant,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// Rows made here carry titles of their own; no assertion counts rows it did not make.

async function ids() {
  const app = await getTestApp()
  const jiwang = await app.db
    .selectFrom('schools')
    .select('id')
    .where('slug', '=', 'jiwang')
    .executeTakeFirstOrThrow()
  const zaobei = await app.db
    .selectFrom('schools')
    .select('id')
    .where('slug', '=', 'zaobei')
    .executeTakeFirstOrThrow()
  const user = (username: string) =>
    app.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  const year = (schoolId: number, name: string) =>
    app.db
      .selectFrom('academic_years')
      .select(['id', 'starts_on'])
      .where('school_id', '=', schoolId)
      .where('name', 'like', `${name}%`)
      .executeTakeFirstOrThrow()
  const grades = await app.db
    .selectFrom('grades')
    .select(['id', 'level'])
    .where('school_id', '=', jiwang.id)
    .orderBy('level')
    .execute()
  const zaobeiGrade = await app.db
    .selectFrom('grades')
    .select('id')
    .where('school_id', '=', zaobei.id)
    .executeTakeFirstOrThrow()
  return {
    app,
    jiwang: jiwang.id,
    teacher: (await user('jw-teacher')).id,
    admin: (await user('jw-admin')).id,
    zbTeacher: (await user('zb-teacher')).id,
    thisYear: await year(jiwang.id, '2025'),
    nextYear: await year(jiwang.id, '2026'),
    grade: (level: number) => grades.find((g) => g.level === level)?.id as number,
    zaobeiGrade: zaobei.id && zaobeiGrade.id,
  }
}

let counter = 0
/** A draft season of jiwang with one strand and one grade-5 activity, made through the factories. */
async function draftSeason(title = `测试活动季${++counter}`) {
  const s = await ids()
  const seasonId = await createSeason(s.app.db, {
    schoolId: s.jiwang,
    academicYearId: s.thisYear.id,
    title,
    startsOn: '2026-05-04',
    endsOn: '2026-05-29',
    ownerId: s.teacher,
  })
  const strandId = await createStrand(s.app.db, {
    schoolId: s.jiwang,
    seasonId,
    title: '感恩社会',
    position: 1,
    gradeIds: [s.grade(5), s.grade(8)],
  })
  const activityId = await createActivity(s.app.db, {
    schoolId: s.jiwang,
    seasonId,
    strandId,
    title: `${title}·志愿服务`,
    kind: 'service',
    startsAt: shanghaiInstant('2026-05-06', '13:30'),
    endsAt: shanghaiInstant('2026-05-06', '15:30'),
    venue: '银杏社区',
    offCampus: true,
    needsConsent: true,
    organiserId: s.teacher,
    gradeIds: [s.grade(5)],
  })
  return { ...s, seasonId, strandId, activityId, title }
}

async function season(id: number) {
  const app = await getTestApp()
  return app.db.selectFrom('seasons').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function reviewsOf(id: number) {
  const app = await getTestApp()
  return app.db
    .selectFrom('reviews')
    .select(['action', 'comment', 'snapshot'])
    .where('entity', '=', 'season')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute()
}

describe('/seasons', () => {
  it('lists the seasons of the academic year for staff, with status and owner', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-teacher')
    const thisYear = (await ids()).thisYear
    const page = await (await app.request(`/seasons?year=${thisYear.id}`, { cookie })).text()
    expect(page).toContain('春·播感恩季')
    expect(page).toContain('已发布')
    expect(page).toContain('周老师')
  })

  it('keeps parents and visitors out', async () => {
    const app = await getTestApp()
    expect((await app.request('/seasons', { cookie: await app.signIn('jw-parent') })).status).toBe(403)
    const anonymous = await app.request('/seasons')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
  })
})

describe('/seasons/new', () => {
  it('creates a draft season once, even when the form is sent twice', async () => {
    const { app, thisYear, teacher } = await ids()
    const cookie = await app.signIn('jw-teacher')
    const values = {
      academicYearId: String(thisYear.id),
      ownerId: String(teacher),
      title: '夏·长成长季',
      slogan: '向阳而生',
      description: '',
      startsOn: '2026-06-01',
      endsOn: '2026-06-26',
    }
    const first = await app.request('/seasons/new', { ...form(values), cookie })
    expect(first.status).toBe(302)
    const second = await app.request('/seasons/new', { ...form(values), cookie })
    expect(second.status).toBe(302)
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
    const rows = await app.db
      .selectFrom('seasons')
      .select(['id', 'status'])
      .where('title', '=', '夏·长成长季')
      .execute()
    expect(rows).toEqual([{ id: expect.any(Number), status: 'draft' }])
    expect(first.headers.get('Location')).toBe(`/seasons/${rows[0]?.id}`)
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'season')
      .where('entity_id', '=', rows[0]?.id as number)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['season-created'])
  })

  it.each([
    [
      'an end before the start',
      { startsOn: '2026-06-10', endsOn: '2026-06-01' },
      '结束日期不能早于开始日期。',
    ],
    [
      'dates outside the academic year',
      { startsOn: '2026-08-20', endsOn: '2026-09-10' },
      '活动季必须在所选学年之内。',
    ],
    ['an empty title', { title: '  ' }, '请填写此项。'],
    ['an over-long title', { title: '长'.repeat(61) }, '最多 60 个字符。'],
    ['an owner of another school', { ownerId: 'zb' }, '请选择本校的教职工。'],
    ['a title the year already has', { title: '春·播感恩季' }, '这个学年已有同名的活动季。'],
    ['a NUL in the title', { title: '秋·收\u0000季' }, '含有看不见的字符或控制字符'],
    ['a right-to-left override in the title', { title: '秋·收\u202e季' }, '含有看不见的字符或控制字符'],
    ['a zero-width space in the title', { title: '秋·收\u200b季' }, '含有看不见的字符或控制字符'],
    ['a line break in the title', { title: '秋·收\r\n季' }, '请写在一行内（去掉换行）。'],
    ['a date far from any school year', { endsOn: '9999-12-31' }, '请输入 2000 年至 2099 年之间的日期。'],
  ])('refuses %s with a message and keeps the typed values', async (_, change, message) => {
    const { app, thisYear, teacher, zbTeacher } = await ids()
    const cookie = await app.signIn('jw-teacher')
    const values = {
      academicYearId: String(thisYear.id),
      ownerId: String(teacher),
      title: '秋·收坏输入季',
      slogan: '输入保留',
      description: '',
      startsOn: '2026-06-01',
      endsOn: '2026-06-20',
      ...change,
    }
    if (values.ownerId === 'zb') values.ownerId = String(zbTeacher)
    const response = await app.request('/seasons/new', { ...form(values), cookie })
    expect(response.status).toBe(400)
    const page = await response.text()
    expect(page).toContain(message)
    expect(page).toContain('value="输入保留"')
    const stored = await app.db.selectFrom('seasons').select('id').where('slogan', '=', '输入保留').execute()
    expect(stored).toEqual([])
  })
})

describe('/seasons/:id', () => {
  it('shows coverage with gaps, clashes, observances and the timeline', async () => {
    const s = await draftSeason()
    // A second activity for the same grade at an overlapping time: a clash.
    const clashId = await createActivity(s.app.db, {
      schoolId: s.jiwang,
      seasonId: s.seasonId,
      strandId: s.strandId,
      title: '同时间的班会',
      kind: 'class_meeting',
      startsAt: shanghaiInstant('2026-05-06', '14:00'),
      endsAt: shanghaiInstant('2026-05-06', '15:00'),
      organiserId: s.admin,
      gradeIds: [s.grade(5)],
    })
    const cookie = await s.app.signIn('jw-teacher')
    const response = await s.app.request(`/seasons/${s.seasonId}`, { cookie })
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('主线 × 年级覆盖')
    expect(page).toContain('感恩社会 · 八年级：还没有活动')
    expect(page).toContain('有 1 处缺口。')
    expect(page).toContain(`href="/activities/${clashId}"`)
    expect(page).toContain('同时间的班会')
    expect(page).toContain('五四青年节')
    expect(page).not.toContain('没有发现冲突。')
  })

  it('answers 404 for a season of another school or a malformed id', async () => {
    const s = await draftSeason()
    const cookie = await s.app.signIn('zb-teacher')
    expect((await s.app.request(`/seasons/${s.seasonId}`, { cookie })).status).toBe(404)
    expect((await s.app.request('/seasons/abc', { cookie })).status).toBe(404)
    const post = await s.app.request(`/seasons/${s.seasonId}`, { ...form({ intent: 'submit' }), cookie })
    expect(post.status).toBe(404)
  })

  it('adds, edits and deletes strands, refusing grades of another school', async () => {
    const s = await draftSeason()
    const cookie = await s.app.signIn('jw-teacher')
    const path = `/seasons/${s.seasonId}`
    const add = new URLSearchParams({
      intent: 'add-strand',
      title: '感恩自然',
      slogan: '探微知宏',
      position: '2',
    })
    add.append('gradeIds', String(s.grade(2)))
    add.append('gradeIds', String(s.grade(4)))
    expect((await s.app.request(path, { method: 'POST', body: add, cookie })).status).toBe(302)
    const strand = await s.app.db
      .selectFrom('strands')
      .select('id')
      .where('season_id', '=', s.seasonId)
      .where('title', '=', '感恩自然')
      .executeTakeFirstOrThrow()
    const grades = await s.app.db
      .selectFrom('strand_grades')
      .select('grade_id')
      .where('strand_id', '=', strand.id)
      .execute()
    expect(grades.map((g) => g.grade_id).sort()).toEqual([s.grade(2), s.grade(4)].sort())

    const foreign = new URLSearchParams({ intent: 'add-strand', title: '外校年级' })
    foreign.append('gradeIds', String(s.zaobeiGrade))
    const refused = await s.app.request(path, { method: 'POST', body: foreign, cookie })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('请选择本校的年级。')
    const none = await s.app.request(path, { ...form({ intent: 'add-strand', title: '没有年级' }), cookie })
    expect(none.status).toBe(400)
    expect(
      await s.app.db
        .selectFrom('strands')
        .select('id')
        .where('title', 'in', ['外校年级', '没有年级'])
        .execute(),
    ).toEqual([])

    const edit = new URLSearchParams({
      intent: 'update-strand',
      strandId: String(strand.id),
      title: '感恩自然界',
      position: '2',
    })
    edit.append('gradeIds', String(s.grade(4)))
    expect((await s.app.request(path, { method: 'POST', body: edit, cookie })).status).toBe(302)
    const after = await s.app.db
      .selectFrom('strand_grades')
      .select('grade_id')
      .where('strand_id', '=', strand.id)
      .execute()
    expect(after.map((g) => g.grade_id)).toEqual([s.grade(4)])

    // A refused edit opens that strand's form again, with its message and the typed slogan.
    const badEdit = new URLSearchParams({
      intent: 'update-strand',
      strandId: String(strand.id),
      title: ' ',
      slogan: '打错的口号',
    })
    badEdit.append('gradeIds', String(s.grade(4)))
    const refusedEdit = await s.app.request(path, { method: 'POST', body: badEdit, cookie })
    expect(refusedEdit.status).toBe(400)
    const refusedPage = await refusedEdit.text()
    expect(refusedPage).toMatch(/<details class="subform" open="">/)
    expect(refusedPage).toContain('value="打错的口号"')
    expect(refusedPage).toContain('请填写此项。')

    const del = await s.app.request(path, {
      ...form({ intent: 'delete-strand', strandId: String(strand.id) }),
      cookie,
    })
    expect(del.status).toBe(302)
    expect(await s.app.db.selectFrom('strands').select('id').where('id', '=', strand.id).execute()).toEqual(
      [],
    )
  })
})

describe('the approval of a season', () => {
  it('goes draft → submitted → changes requested → submitted → approved → published, with history and inbox', async () => {
    const s = await draftSeason()
    const teacher = await s.app.signIn('jw-teacher')
    const admin = await s.app.signIn('jw-admin')
    const path = `/seasons/${s.seasonId}`

    expect((await s.app.request(path, { ...form({ intent: 'submit' }), cookie: teacher })).status).toBe(302)
    expect((await season(s.seasonId)).status).toBe('submitted')
    const activity = await s.app.db
      .selectFrom('activities')
      .select('status')
      .where('id', '=', s.activityId)
      .executeTakeFirstOrThrow()
    expect(activity.status).toBe('submitted')
    const waiting = await s.app.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('entity', '=', 'season')
      .where('entity_id', '=', s.seasonId)
      .execute()
    expect(waiting).toContainEqual({ user_id: s.admin, kind: 'season-submitted' })
    const queue = await (await s.app.request('/reviews', { cookie: admin })).text()
    expect(queue).toContain(s.title)

    // A teacher cannot decide, not even by posting to the review page.
    const forged = await s.app.request(`${path}/review`, {
      ...form({ decision: 'approve' }),
      cookie: teacher,
    })
    expect(forged.status).toBe(403)
    expect((await s.app.request(`${path}/review`, { cookie: teacher })).status).toBe(403)

    const noComment = await s.app.request(`${path}/review`, {
      ...form({ decision: 'request-changes', from: 'submitted', comment: ' ' }),
      cookie: admin,
    })
    expect(noComment.status).toBe(400)
    expect(await noComment.text()).toContain('退回修改时请写明意见。')
    expect((await season(s.seasonId)).status).toBe('submitted')

    const returned = await s.app.request(`${path}/review`, {
      ...form({ decision: 'request-changes', from: 'submitted', comment: '请为八年级补一项活动。' }),
      cookie: admin,
    })
    expect(returned.status).toBe(302)
    expect((await season(s.seasonId)).status).toBe('changes_requested')
    const told = await s.app.db
      .selectFrom('notifications')
      .select(['params'])
      .where('user_id', '=', s.teacher)
      .where('kind', '=', 'season-changes_requested')
      .where('entity_id', '=', s.seasonId)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(told.params)).toMatchObject({ comment: '请为八年级补一项活动。' })
    expect(await (await s.app.request('/inbox', { cookie: teacher })).text()).toContain(
      '请为八年级补一项活动。',
    )
    expect(await (await s.app.request(path, { cookie: teacher })).text()).toContain('请为八年级补一项活动。')

    // The teacher adds the missing activity and resubmits; the reviewer sees what changed.
    await createActivity(s.app.db, {
      schoolId: s.jiwang,
      seasonId: s.seasonId,
      strandId: s.strandId,
      title: '国防主题演讲',
      kind: 'contest',
      startsAt: shanghaiInstant('2026-05-13', '09:00'),
      endsAt: shanghaiInstant('2026-05-13', '11:00'),
      organiserId: s.teacher,
      gradeIds: [s.grade(8)],
    })
    expect((await s.app.request(path, { ...form({ intent: 'submit' }), cookie: teacher })).status).toBe(302)
    const review = await (await s.app.request(`${path}/review`, { cookie: admin })).text()
    expect(review).toContain('自上次审核以来的变动')
    expect(review).toContain('国防主题演讲')
    expect(review).toContain('新增')
    expect(review).toContain('校外活动与家长同意')

    const approved = await s.app.request(`${path}/review`, {
      ...form({ decision: 'approve', from: 'submitted', comment: '' }),
      cookie: admin,
    })
    expect(approved.status).toBe(302)
    expect((await season(s.seasonId)).status).toBe('approved')
    // The same click again changes nothing: the season is no longer waiting.
    await s.app.request(`${path}/review`, {
      ...form({ decision: 'approve', from: 'submitted', comment: '' }),
      cookie: admin,
    })
    const actions = (await reviewsOf(s.seasonId)).map((r) => r.action)
    expect(actions).toEqual(['submitted', 'changes_requested', 'submitted', 'approved'])
    expect(
      (await reviewsOf(s.seasonId)).every((r) => r.snapshot?.includes('国防') || r.action !== 'approved'),
    ).toBe(true)

    // Teachers cannot publish; the admin can, and the activities follow.
    const teacherPublish = await s.app.request(path, {
      ...form({ intent: 'decide', decision: 'publish', from: 'approved' }),
      cookie: teacher,
    })
    expect(teacherPublish.status).toBe(403)
    expect(
      (
        await s.app.request(path, {
          ...form({ intent: 'decide', decision: 'publish', from: 'approved' }),
          cookie: admin,
        })
      ).status,
    ).toBe(302)
    expect((await season(s.seasonId)).status).toBe('published')
    const statuses = await s.app.db
      .selectFrom('activities')
      .select('status')
      .where('season_id', '=', s.seasonId)
      .execute()
    expect(statuses.map((a) => a.status)).toEqual(['published', 'published'])
  })

  it('refuses to submit a season with no activity', async () => {
    const { app, jiwang, thisYear, teacher } = await ids()
    const seasonId = await createSeason(app.db, {
      schoolId: jiwang,
      academicYearId: thisYear.id,
      title: '空活动季',
      startsOn: '2026-05-04',
      endsOn: '2026-05-08',
      ownerId: teacher,
    })
    const response = await app.request(`/seasons/${seasonId}`, {
      ...form({ intent: 'submit' }),
      cookie: await app.signIn('jw-teacher'),
    })
    expect(response.status).toBe(400)
    expect((await season(seasonId)).status).toBe('draft')
  })

  it('never lets an admin decide on another school’s season', async () => {
    const s = await draftSeason()
    await s.app.request(`/seasons/${s.seasonId}`, {
      ...form({ intent: 'submit' }),
      cookie: await s.app.signIn('jw-teacher'),
    })
    const other = await s.app.signIn('zb-admin')
    const response = await s.app.request(`/seasons/${s.seasonId}/review`, {
      ...form({ decision: 'approve', from: 'submitted' }),
      cookie: other,
    })
    expect(response.status).toBe(404)
    expect((await season(s.seasonId)).status).toBe('submitted')
  })

  it('sends an approved season back to review when its dates move', async () => {
    const s = await draftSeason()
    await s.app.db.updateTable('seasons').set({ status: 'approved' }).where('id', '=', s.seasonId).execute()
    const response = await s.app.request(`/seasons/${s.seasonId}/edit`, {
      ...form({
        academicYearId: String(s.thisYear.id),
        ownerId: String(s.teacher),
        title: s.title,
        slogan: '',
        description: '',
        startsOn: '2026-05-04',
        endsOn: '2026-06-05',
      }),
      cookie: await s.app.signIn('jw-teacher'),
    })
    expect(response.status).toBe(302)
    const row = await season(s.seasonId)
    expect(row).toMatchObject({ status: 'submitted', ends_on: '2026-06-05' })
  })

  it('sends an approved season back to review from its edit exactly as a submit does', async () => {
    const s = await draftSeason()
    const teacher = await s.app.signIn('jw-teacher')
    const admin = await s.app.signIn('jw-admin')
    /** The rows a trip to review leaves: the review, the audit entry, the reviewers' messages. */
    async function rowsOfSubmission(since: { review: number; audit: number; note: number }) {
      const reviews = await s.app.db
        .selectFrom('reviews')
        .select(['action', 'actor_id', 'comment', 'snapshot'])
        .where('entity', '=', 'season')
        .where('entity_id', '=', s.seasonId)
        .where('id', '>', since.review)
        .execute()
      const audit = await s.app.db
        .selectFrom('audit_log')
        .select(['action', 'user_id', 'detail'])
        .where('entity', '=', 'season')
        .where('entity_id', '=', s.seasonId)
        .where('action', '=', 'season-submitted')
        .where('id', '>', since.audit)
        .execute()
      const notes = await s.app.db
        .selectFrom('notifications')
        .select(['user_id', 'kind'])
        .where('entity', '=', 'season')
        .where('entity_id', '=', s.seasonId)
        .where('id', '>', since.note)
        .execute()
      return {
        reviews: reviews.map((r) => ({ ...r, snapshot: r.snapshot ? 'snapshot' : null })),
        audit: audit.map((a) => ({ ...a, detail: JSON.parse(a.detail ?? '{}') })),
        notes,
      }
    }
    async function marks() {
      const last = async (table: 'reviews' | 'audit_log' | 'notifications') =>
        (
          await s.app.db
            .selectFrom(table)
            .select((eb) => eb.fn.max('id').as('id'))
            .executeTakeFirstOrThrow()
        ).id ?? 0
      return {
        review: await last('reviews'),
        audit: await last('audit_log'),
        note: await last('notifications'),
      }
    }

    let since = await marks()
    await s.app.request(`/seasons/${s.seasonId}`, { ...form({ intent: 'submit' }), cookie: teacher })
    const bySubmit = await rowsOfSubmission(since)
    expect(bySubmit.reviews).toEqual([
      { action: 'submitted', actor_id: s.teacher, comment: '', snapshot: 'snapshot' },
    ])
    await s.app.request(`/seasons/${s.seasonId}/review`, {
      ...form({ intent: 'decide', decision: 'approve', from: 'submitted' }),
      cookie: admin,
    })
    const activity = () =>
      s.app.db
        .selectFrom('activities')
        .select('status')
        .where('id', '=', s.activityId)
        .executeTakeFirstOrThrow()
    expect(await activity()).toEqual({ status: 'approved' })

    since = await marks()
    const response = await s.app.request(`/seasons/${s.seasonId}/edit`, {
      ...form({
        academicYearId: String(s.thisYear.id),
        ownerId: String(s.teacher),
        title: s.title,
        slogan: '',
        description: '',
        startsOn: '2026-05-11',
        endsOn: '2026-06-05',
      }),
      cookie: teacher,
    })
    expect(response.status).toBe(302)
    expect(await season(s.seasonId)).toMatchObject({ status: 'submitted', starts_on: '2026-05-11' })
    // The activities go back with it, so the admin's approval decides them again.
    expect(await activity()).toEqual({ status: 'submitted' })
    const byEdit = await rowsOfSubmission(since)
    expect(byEdit).toEqual({
      ...bySubmit,
      audit: [{ ...bySubmit.audit[0], detail: { from: 'approved', to: 'submitted' } }],
    })
    expect(bySubmit.audit).toEqual([
      { action: 'season-submitted', user_id: s.teacher, detail: { from: 'draft', to: 'submitted' } },
    ])
    expect(byEdit.notes).toContainEqual({ user_id: s.admin, kind: 'season-submitted' })
  })
})

describe('copying a season', () => {
  it('copies strands, activities and tasks to the next year as a draft, same week and weekday', async () => {
    const s = await draftSeason('复制来源季')
    const partnerId = await createPartner(s.app.db, {
      schoolId: s.jiwang,
      name: '复制测试社区',
      category: 'community',
    })
    await s.app.db
      .updateTable('activities')
      .set({ capacity: 40, description: '四十人志愿队' })
      .where('id', '=', s.activityId)
      .execute()
    await s.app.db
      .insertInto('activity_staff')
      .values({ activity_id: s.activityId, user_id: s.admin })
      .execute()
    await s.app.db
      .insertInto('activity_partners')
      .values({ activity_id: s.activityId, partner_id: partnerId, role: 'partner' })
      .execute()
    await s.app.db
      .insertInto('activity_tasks')
      .values({
        school_id: s.jiwang,
        activity_id: s.activityId,
        title: '安全预案',
        owner_id: s.teacher,
        due_on: '2026-05-01',
        position: 1,
        done_at: '2026-04-30T08:00:00.000Z',
      })
      .execute()
    const cookie = await s.app.signIn('jw-teacher')
    const response = await s.app.request(`/seasons/${s.seasonId}`, {
      ...form({ intent: 'copy', academicYearId: String(s.nextYear.id), title: '复制来源季（下一学年）' }),
      cookie,
    })
    expect(response.status).toBe(302)
    // A double click on "copy" opens the copy the first click made.
    const again = await s.app.request(`/seasons/${s.seasonId}`, {
      ...form({ intent: 'copy', academicYearId: String(s.nextYear.id), title: '复制来源季（下一学年）' }),
      cookie,
    })
    expect(again.status).toBe(302)
    expect(again.headers.get('Location')).toBe(response.headers.get('Location'))
    const copy = await s.app.db
      .selectFrom('seasons')
      .selectAll()
      .where('title', '=', '复制来源季（下一学年）')
      .executeTakeFirstOrThrow()
    expect(copy).toMatchObject({
      status: 'draft',
      copied_from_id: s.seasonId,
      starts_on: '2027-05-03',
      academic_year_id: s.nextYear.id,
    })
    const activities = await s.app.db
      .selectFrom('activities')
      .select(['starts_at', 'status', 'venue'])
      .where('season_id', '=', copy.id)
      .execute()
    // Wednesday 6 May 2026, 13:30 → Wednesday 5 May 2027, 13:30 in Shanghai.
    expect(activities).toEqual([
      { starts_at: '2027-05-05T05:30:00.000Z', status: 'draft', venue: '银杏社区' },
    ])
    const copied = await s.app.db
      .selectFrom('activities')
      .select(['id', 'capacity', 'description'])
      .where('season_id', '=', copy.id)
      .executeTakeFirstOrThrow()
    expect(copied).toMatchObject({ capacity: 40, description: '四十人志愿队' })
    const staff = await s.app.db
      .selectFrom('activity_staff')
      .select('user_id')
      .where('activity_id', '=', copied.id)
      .execute()
    expect(staff).toEqual([{ user_id: s.admin }])
    const partners = await s.app.db
      .selectFrom('activity_partners')
      .select(['partner_id', 'role'])
      .where('activity_id', '=', copied.id)
      .execute()
    expect(partners).toEqual([{ partner_id: partnerId, role: 'partner' }])
    // The checklist comes along undone; the due day moves to the same weekday a year on.
    const tasks = await s.app.db
      .selectFrom('activity_tasks')
      .select(['title', 'due_on', 'done_at'])
      .where('activity_id', '=', copied.id)
      .execute()
    expect(tasks).toEqual([{ title: '安全预案', due_on: '2027-04-30', done_at: null }])
    const strands = await s.app.db
      .selectFrom('strands')
      .select('title')
      .where('season_id', '=', copy.id)
      .execute()
    expect(strands).toEqual([{ title: '感恩社会' }])

    const same = await s.app.request(`/seasons/${s.seasonId}`, {
      ...form({ intent: 'copy', academicYearId: String(s.thisYear.id), title: '同一学年的副本' }),
      cookie,
    })
    expect(same.status).toBe(400)
    expect(await same.text()).toContain('请选择另一个学年。')
  })
})

describe('/inbox', () => {
  it('shows the admin what waits and marks it read', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-admin')
    const page = await (await app.request('/inbox', { cookie })).text()
    expect(page).toContain('等待您的决定')
    expect((await app.request('/inbox', { method: 'POST', cookie })).status).toBe(302)
    const { admin } = await ids()
    const unread = await app.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', admin)
      .where('read_at', 'is', null)
      .execute()
    expect(unread).toEqual([])
  })
})
