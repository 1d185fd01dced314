import { beforeAll, describe, expect, it } from 'vitest'
import { classNameEn } from '~/domain/grades'
import * as notificationFacts from '../../db/migrations/20261207190000_notification_facts'
import {
  createActivity,
  createConsent,
  createDispute,
  createNoticeWindow,
  createNotification,
  createParticipations,
  createRecap,
  createSeason,
  shanghaiInstant,
} from '../../seeds/factories'
import { form, getTestApp } from '../setup/app'

// The inbox empties as people act: each act marks the actor's own message about that thing read,
// and nobody else's. Everything here is this file's own (titled 消息测试·…); the database is shared
// by the test files of a worker, so assertions look only at the rows made here.

const JIWANG = 1
const cookies: Record<string, string> = {}
const ids = {
  admin: 0,
  teacher: 0,
  parent: 0,
  siyuan: 0,
  yinuo: 0,
  class52: 0,
  yearId: 0,
}

async function userId(username: string) {
  const { db } = await getTestApp()
  return (
    await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id
}

async function pupil(name: string) {
  const { db } = await getTestApp()
  return await db
    .selectFrom('students')
    .select(['id', 'class_id'])
    .where('school_id', '=', JIWANG)
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
}

/** Whether each message has been read, in the order given. */
async function readFlags(messageIds: readonly number[]) {
  const { db } = await getTestApp()
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('id', 'in', messageIds)
    .execute()
  const read = new Map(rows.map((row) => [row.id, row.read_at !== null]))
  return messageIds.map((id) => read.get(id))
}

async function message(input: {
  userId: number
  kind: string
  entity: string
  entityId: number
  params?: Record<string, string | number>
}) {
  const { db } = await getTestApp()
  return createNotification(db, { schoolId: JIWANG, params: { title: '消息测试' }, ...input })
}

async function post(path: string, username: string, values: Record<string, string>) {
  const app = await getTestApp()
  return app.request(path, { ...form(values), cookie: cookies[username] })
}

async function get(path: string, username: string) {
  const app = await getTestApp()
  return app.request(path, { cookie: cookies[username] })
}

async function season(title: string, status: 'submitted' | 'approved' | 'draft') {
  const { db } = await getTestApp()
  return createSeason(db, {
    schoolId: JIWANG,
    academicYearId: ids.yearId,
    title,
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    ownerId: ids.teacher,
    status,
  })
}

async function activity(seasonId: number, title: string, status: 'submitted' | 'approved' = 'submitted') {
  const { db } = await getTestApp()
  return createActivity(db, {
    schoolId: JIWANG,
    seasonId,
    title,
    kind: 'service',
    startsAt: shanghaiInstant('2026-12-18', '13:30'),
    endsAt: shanghaiInstant('2026-12-18', '16:30'),
    venue: '银杏社区',
    offCampus: true,
    needsConsent: true,
    organiserId: ids.teacher,
    status,
  })
}

beforeAll(async () => {
  const app = await getTestApp()
  ids.admin = await userId('jw-admin')
  ids.teacher = await userId('jw-teacher')
  ids.parent = await userId('jw-parent')
  const siyuan = await pupil('张思远')
  ids.siyuan = siyuan.id
  ids.class52 = siyuan.class_id
  ids.yinuo = (await pupil('张一诺')).id
  ids.yearId = (
    await app.db
      .selectFrom('academic_years')
      .select('id')
      .where('school_id', '=', JIWANG)
      .where('starts_on', '<=', '2026-12-07')
      .where('ends_on', '>=', '2026-12-07')
      .executeTakeFirstOrThrow()
  ).id
  for (const username of ['jw-admin', 'jw-teacher', 'jw-parent'])
    cookies[username] = await app.signIn(username)
}, 120_000)

describe('acting on a message marks it read', () => {
  it('answering a consent reads that child’s request, not the other child’s nor another guardian’s', async () => {
    const { db } = await getTestApp()
    const outing = await activity(
      await season('消息测试·同意书季', 'approved'),
      '消息测试·同意书',
      'approved',
    )
    const consentId = await createConsent(db, { schoolId: JIWANG, activityId: outing, studentId: ids.siyuan })
    await createConsent(db, { schoolId: JIWANG, activityId: outing, studentId: ids.yinuo })
    const about = (studentId: number, child: string) => ({
      studentId,
      child,
      title: '消息测试·同意书',
      startsAt: shanghaiInstant('2026-12-18', '13:30'),
      endsAt: shanghaiInstant('2026-12-18', '16:30'),
      venue: '银杏社区',
    })
    const forSiyuan = await message({
      userId: ids.parent,
      kind: 'consent-requested',
      entity: 'consent',
      entityId: outing,
      params: about(ids.siyuan, '张思远'),
    })
    const forYinuo = await message({
      userId: ids.parent,
      kind: 'consent-requested',
      entity: 'consent',
      entityId: outing,
      params: about(ids.yinuo, '张一诺'),
    })
    const otherGuardian = await message({
      userId: ids.teacher,
      kind: 'consent-requested',
      entity: 'consent',
      entityId: outing,
      params: about(ids.siyuan, '张思远'),
    })

    const response = await post('/family/consents', 'jw-parent', {
      intent: 'answer',
      consentId: String(consentId),
      answer: 'given',
      note: '',
    })
    expect(response.status).toBe(302)
    expect(await readFlags([forSiyuan, forYinuo, otherGuardian])).toEqual([true, false, false])
  })

  it('deciding a season reads the decider’s “waiting for your decision”, and resubmitting the owner’s “returned”', async () => {
    const seasonId = await season('消息测试·待审季', 'submitted')
    await activity(seasonId, '消息测试·待审季活动')
    const otherSeason = await season('消息测试·另一个待审季', 'submitted')
    const waiting = await message({
      userId: ids.admin,
      kind: 'season-submitted',
      entity: 'season',
      entityId: seasonId,
    })
    const elsewhere = await message({
      userId: ids.admin,
      kind: 'season-submitted',
      entity: 'season',
      entityId: otherSeason,
    })
    const othersCopy = await message({
      userId: ids.teacher,
      kind: 'season-submitted',
      entity: 'season',
      entityId: seasonId,
    })

    const returned = await post(`/seasons/${seasonId}/review`, 'jw-admin', {
      decision: 'request-changes',
      from: 'submitted',
      comment: '请补充安全预案',
    })
    expect(returned.status).toBe(302)
    expect(await readFlags([waiting, elsewhere, othersCopy])).toEqual([true, false, false])

    // The owner's "returned for changes" (written by the decision) is read when they submit again.
    const { db } = await getTestApp()
    const toOwner = await db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', ids.teacher)
      .where('kind', '=', 'season-changes_requested')
      .where('entity_id', '=', seasonId)
      .executeTakeFirstOrThrow()
    expect(await readFlags([toOwner.id])).toEqual([false])
    const resubmitted = await post(`/seasons/${seasonId}`, 'jw-teacher', { intent: 'submit' })
    expect(resubmitted.status).toBe(302)
    expect(await readFlags([toOwner.id])).toEqual([true])
  })

  it('deciding an activity reads the decider’s message about it only', async () => {
    const seasonId = await season('消息测试·活动季', 'approved')
    const changed = await activity(seasonId, '消息测试·变动的活动')
    const other = await activity(seasonId, '消息测试·另一个变动的活动')
    const waiting = await message({
      userId: ids.admin,
      kind: 'activity-submitted',
      entity: 'activity',
      entityId: changed,
    })
    const elsewhere = await message({
      userId: ids.admin,
      kind: 'activity-submitted',
      entity: 'activity',
      entityId: other,
    })
    const response = await post(`/activities/${changed}`, 'jw-admin', { intent: 'approve', comment: '' })
    expect(response.status).toBe(302)
    expect(await readFlags([waiting, elsewhere])).toEqual([true, false])
  })

  it('publishing a recap reads the decider’s “waiting”; opening it reads the reader’s “published”', async () => {
    const { db } = await getTestApp()
    const recapId = await createRecap(db, {
      schoolId: JIWANG,
      title: '消息测试·回顾',
      body: '活动回顾正文。',
      authorId: ids.teacher,
      status: 'in_review',
      audience: 'parents',
    })
    const waiting = await message({
      userId: ids.admin,
      kind: 'recap-submitted',
      entity: 'recap',
      entityId: recapId,
    })
    const othersCopy = await message({
      userId: ids.teacher,
      kind: 'recap-submitted',
      entity: 'recap',
      entityId: recapId,
    })
    const published = await post(`/recaps/${recapId}`, 'jw-admin', { intent: 'publish', comment: '' })
    expect(published.status).toBe(302)
    expect(await readFlags([waiting, othersCopy])).toEqual([true, false])

    const toParent = await message({
      userId: ids.parent,
      kind: 'recap-published',
      entity: 'recap',
      entityId: recapId,
    })
    expect(await readFlags([toParent])).toEqual([false])
    expect((await get(`/recaps/${recapId}`, 'jw-parent')).status).toBe(200)
    expect(await readFlags([toParent])).toEqual([true])
  })

  it('resolving a dispute reads the resolver’s message of that dispute only', async () => {
    const { db } = await getTestApp()
    const service = await activity(
      await season('消息测试·公示季', 'approved'),
      '消息测试·公示活动',
      'approved',
    )
    const windowId = await createNoticeWindow(db, {
      schoolId: JIWANG,
      classId: ids.class52,
      opensOn: '2026-12-07',
      closesOn: '2026-12-14',
    })
    const [entry, otherEntry] = await createParticipations(db, {
      schoolId: JIWANG,
      activityId: service,
      noticeWindowId: windowId,
      rows: [
        { studentId: ids.siyuan, classId: ids.class52, hours: 2 },
        { studentId: (await pupil('张一诺')).id, classId: ids.class52, hours: 2 },
      ],
    })
    const disputeId = await createDispute(db, {
      schoolId: JIWANG,
      windowId,
      participationId: entry!,
      guardianId: ids.parent,
      reason: '时长记错了',
    })
    const otherDispute = await createDispute(db, {
      schoolId: JIWANG,
      windowId,
      participationId: otherEntry!,
      guardianId: ids.parent,
      reason: '角色记错了',
    })
    const raised = (id: number, userId: number) =>
      message({
        userId,
        kind: 'dispute-raised',
        entity: 'notice',
        entityId: windowId,
        params: { disputeId: id, child: '张思远', title: '消息测试·公示活动', reason: '时长记错了' },
      })
    const mine = await raised(disputeId, ids.admin)
    const another = await raised(otherDispute, ids.admin)
    const headsCopy = await raised(disputeId, ids.teacher)
    const { revision } = await db
      .selectFrom('participations')
      .select('revision')
      .where('id', '=', entry!)
      .executeTakeFirstOrThrow()
    const response = await post(`/notices/${windowId}`, 'jw-admin', {
      intent: 'reject',
      disputeId: String(disputeId),
      revision: String(revision),
      resolution: '已核实，记录无误。',
    })
    expect(response.status).toBe(302)
    expect(await readFlags([mine, another, headsCopy])).toEqual([true, false, false])
  })
})

describe('mark all read', () => {
  it('marks the reader’s own messages read and nobody else’s', async () => {
    const mine = [
      await message({ userId: ids.teacher, kind: 'season-approved', entity: 'season', entityId: 1 }),
      await message({ userId: ids.teacher, kind: 'recap-published', entity: 'recap', entityId: 1 }),
    ]
    const theirs = await message({
      userId: ids.admin,
      kind: 'season-submitted',
      entity: 'season',
      entityId: 1,
    })
    const page = await (await get('/inbox', 'jw-teacher')).text()
    expect(page).toContain('全部标为已读')
    const response = await post('/inbox', 'jw-teacher', {})
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/inbox')
    expect(await readFlags([...mine, theirs])).toEqual([true, true, false])
  })
})

describe('messages are facts, worded in the reader’s language', () => {
  it('shows an English reader English dates and class names for a message stored in Chinese', async () => {
    const app = await getTestApp()
    const windowId = await createNoticeWindow(app.db, {
      schoolId: JIWANG,
      classId: ids.class52,
      opensOn: '2026-12-07',
      closesOn: '2026-12-11',
    })
    // As the Chinese notice page writes it today, and as it was written before facts.
    await message({
      userId: ids.parent,
      kind: 'notice-opened',
      entity: 'notice',
      entityId: windowId,
      params: { classId: ids.class52, closesOn: '2026-12-11' },
    })
    const legacy = await message({
      userId: ids.parent,
      kind: 'notice-opened',
      entity: 'notice',
      entityId: windowId,
      params: { className: '五(2)班', closesOn: '2026-12-11' },
    })

    const zh = await (await get('/inbox?lang=zh', 'jw-parent')).text()
    expect(zh).toContain('五(2)班的实践记录公示至 2026年12月11日')
    const en = await (await get('/inbox?lang=en', 'jw-parent')).text()
    expect(en).toContain(
      `The practice records of ${classNameEn('nine_year', 5, 2)} are on notice until 11 Dec 2026`,
    )
    expect(en).not.toContain('until 2026-12-11')
    // Stored before facts, it still reads, with the class as it was written.
    expect(en).toContain('The practice records of 五(2)班 are on notice until 11 Dec 2026')

    // The migration rewrites a message stored before facts; run again, it changes nothing more.
    await notificationFacts.up(app.db)
    await notificationFacts.up(app.db)
    const row = await app.db
      .selectFrom('notifications')
      .select('params')
      .where('id', '=', legacy)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(row.params)).toEqual({ classId: ids.class52, closesOn: '2026-12-11' })
    expect(await (await get('/inbox?lang=en', 'jw-parent')).text()).not.toContain('records of 五(2)班')
  })

  it('words a consent request’s date and a missing venue in the reader’s language', async () => {
    const outing = await activity(
      await season('消息测试·英文季', 'approved'),
      '消息测试·英文同意书',
      'approved',
    )
    await message({
      userId: ids.parent,
      kind: 'consent-requested',
      entity: 'consent',
      entityId: outing,
      params: {
        studentId: ids.siyuan,
        child: '张思远',
        title: '消息测试·英文同意书',
        startsAt: shanghaiInstant('2026-12-18', '13:30'),
        endsAt: shanghaiInstant('2026-12-18', '16:30'),
        venue: '',
      },
    })
    const en = await (await get('/inbox?lang=en', 'jw-parent')).text()
    expect(en).toContain('“消息测试·英文同意书” (18 Dec 2026, 13:30–16:30, To be decided)')
    const zh = await (await get('/inbox?lang=zh', 'jw-parent')).text()
    expect(zh).toContain('消息测试·英文同意书」（2026年12月18日 13:30–16:30，未定）')
  })
})
