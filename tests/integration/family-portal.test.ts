import SQLite from 'better-sqlite3'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { canReadRecap, type RecapReader } from '../../app/domain/recap-privacy'
import { now } from '../../app/utils/clock'
import { todayIn } from '../../app/utils/dates'
import type { RecapAudience, RecapStatus } from '../../db/schema'
import { DEMO_PASSWORD } from '../../seeds/demo'
import {
  createActivity,
  createAward,
  createClass,
  createConsent,
  createNotification,
  createParticipations,
  createPhoto,
  createRandom,
  createRecap,
  createSchool,
  createSeason,
  createStudents,
  createUser,
  hashPassword,
  linkGuardian,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'

// The parents' portal /family and /family/recaps. Demo jw-parent (张一诺 一(2)班, 张思远 五(2)班) reads
// fixtures of this file's own, titled 家长首页测试·…; paging and statement counts use a school of
// this file's own (slug family-portal-it). The database is shared by the test files of a worker:
// nothing here counts rows it did not make.

const JIWANG = 1
const DAY = 86_400_000
const ZONE = 'Asia/Shanghai'

const cookies: Record<string, string> = {}
const ids = {
  parent: 0,
  teacher: 0,
  siyuan: 0,
  yinuo: 0,
  class12: 0,
  class52: 0,
  grade3: 0,
  grade5: 0,
  activities: {} as Record<'visit' | 'classMeeting' | 'draft' | 'outing' | 'service', number>,
  recaps: {} as Record<RecapKey, number>,
  cover: 0,
  withheldCover: 0,
}

type RecapKey =
  | 'grade5'
  | 'allParents'
  | 'class12'
  | 'staff'
  | 'draft'
  | 'inReview'
  | 'returned'
  | 'grade3'
  | 'older'
  | 'otherSchool'

const T = {
  visit: '家长首页测试·五年级校外参观',
  classMeeting: '家长首页测试·一(2)班主题班会',
  draftActivity: '家长首页测试·五年级草稿活动',
  outing: '家长首页测试·五年级秋游',
  service: '家长首页测试·五年级志愿服务',
  award: '家长首页测试·志愿服务之星',
  futureAward: '家长首页测试·尚未颁发的奖',
  readMessage: '家长首页测试·已读的公示',
}

/** Each recap this file makes in 积旺 (and one in 早培), with who may read it. */
const RECAPS: Record<
  RecapKey,
  { title: string; status: RecapStatus; audience: RecapAudience; grades?: 3 | 5; class12?: true; ago: number }
> = {
  staff: { title: '家长首页测试·仅教职工可见', status: 'published', audience: 'staff', grades: 5, ago: 0.5 },
  grade5: { title: '家长首页测试·五年级回顾', status: 'published', audience: 'grades', grades: 5, ago: 1 },
  allParents: { title: '家长首页测试·致全体家长', status: 'published', audience: 'parents', ago: 2 },
  class12: {
    title: '家长首页测试·一(2)班回顾',
    status: 'published',
    audience: 'classes',
    class12: true,
    ago: 3,
  },
  grade3: { title: '家长首页测试·三年级回顾', status: 'published', audience: 'grades', grades: 3, ago: 4 },
  draft: { title: '家长首页测试·草稿回顾', status: 'draft', audience: 'parents', ago: 5 },
  inReview: { title: '家长首页测试·待审回顾', status: 'in_review', audience: 'parents', ago: 6 },
  returned: { title: '家长首页测试·退回的回顾', status: 'returned', audience: 'parents', ago: 7 },
  // Published a month ago: in the list, not among what is new.
  older: { title: '家长首页测试·上个月的回顾', status: 'published', audience: 'public', ago: 30 * 24 * 60 },
  otherSchool: { title: '家长首页测试·早培的回顾', status: 'published', audience: 'parents', ago: 8 },
}
const NEVER: RecapKey[] = ['staff', 'draft', 'inReview', 'returned', 'grade3', 'otherSchool']

async function app() {
  return getTestApp()
}

/** The page's markup, without the comments React puts between adjacent texts, and without its data. */
async function page(path: string, cookie?: string) {
  const response = await (await app()).request(path, cookie ? { cookie } : {})
  const html = (await response.text()).replaceAll('<!-- -->', '')
  return {
    status: response.status,
    location: response.headers.get('Location'),
    html: markup(html),
    data: html,
  }
}

function markup(html: string): string {
  const start = html.indexOf('<main')
  return start < 0 ? html : html.slice(start, html.indexOf('</main>', start))
}

/** A child's card on /family, from its opening to its record link. */
function card(html: string, name: string): string {
  const cards = html.split('<li class="card family-child">').slice(1)
  const found = cards.find((c) => /^<h3[^>]*>([^<]*)<\/h3>/.exec(c)?.[1] === name)
  if (!found) throw new Error(`No card for ${name}`)
  return found.slice(0, found.indexOf('</a></p></li>'))
}

function news(html: string): string {
  return html.slice(html.indexOf('id="news-title"'), html.indexOf('id="children-title"'))
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1
}

const minutesAgo = (minutes: number) => new Date(now().getTime() - minutes * 60_000).toISOString()
const inDays = (days: number, hours = 0) =>
  new Date(now().getTime() + days * DAY + hours * 3_600_000).toISOString()
const dayIn = (days: number) => todayIn(ZONE, new Date(now().getTime() + days * DAY))

beforeAll(async () => {
  const { db, signIn } = await app()
  const userId = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const pupil = async (name: string) =>
    (
      await db
        .selectFrom('students')
        .select('id')
        .where('school_id', '=', JIWANG)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id
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
  const gradeId = async (level: number) =>
    (
      await db
        .selectFrom('grades')
        .select('id')
        .where('school_id', '=', JIWANG)
        .where('level', '=', level)
        .executeTakeFirstOrThrow()
    ).id
  ids.parent = await userId('jw-parent')
  ids.teacher = await userId('jw-teacher')
  ids.siyuan = await pupil('张思远')
  ids.yinuo = await pupil('张一诺')
  ids.class12 = await classId('一(2)班')
  ids.class52 = await classId('五(2)班')
  ids.grade3 = await gradeId(3)
  ids.grade5 = await gradeId(5)
  const today = todayIn(ZONE)
  const year = await db
    .selectFrom('academic_years')
    .select('id')
    .where('school_id', '=', JIWANG)
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .executeTakeFirstOrThrow()
  const seasonId = await createSeason(db, {
    schoolId: JIWANG,
    academicYearId: year.id,
    title: '家长首页测试活动季',
    startsOn: dayIn(-30),
    endsOn: dayIn(40),
    ownerId: ids.teacher,
    status: 'published',
  })
  const activity = (title: string, startsAt: string, endsAt: string, more: object) =>
    createActivity(db, { schoolId: JIWANG, seasonId, title, kind: 'service', startsAt, endsAt, ...more })
  ids.activities = {
    visit: await activity(T.visit, inDays(5), inDays(5, 3), {
      gradeIds: [ids.grade5],
      offCampus: true,
      status: 'published',
    }),
    classMeeting: await activity(T.classMeeting, inDays(10), inDays(10, 1), {
      classIds: [ids.class12],
      status: 'published',
    }),
    draft: await activity(T.draftActivity, inDays(6), inDays(6, 1), {
      gradeIds: [ids.grade5],
      status: 'draft',
    }),
    outing: await activity(T.outing, inDays(20), inDays(20, 6), {
      gradeIds: [ids.grade5],
      needsConsent: true,
      offCampus: true,
      consentDueOn: dayIn(15),
      status: 'published',
    }),
    service: await activity(T.service, inDays(-10), inDays(-10, 2), {
      gradeIds: [ids.grade5],
      status: 'published',
    }),
  }
  await createConsent(db, { schoolId: JIWANG, activityId: ids.activities.outing, studentId: ids.siyuan })
  await createParticipations(db, {
    schoolId: JIWANG,
    activityId: ids.activities.service,
    rows: [
      { studentId: ids.siyuan, classId: ids.class52, status: 'attended', role: 'volunteer', hours: 2.5 },
    ],
  })
  const award = (title: string, awardedOn: string, position: number) =>
    createAward(db, {
      schoolId: JIWANG,
      activityId: ids.activities.service,
      title,
      level: 'first',
      recipientKind: 'pupil',
      awardedOn,
      position,
      recipients: [{ studentId: ids.siyuan, classId: ids.class52 }],
    })
  await award(T.award, dayIn(-1), 1)
  await award(T.futureAward, dayIn(5), 2)

  const zaobeiTeacher = await userId('zb-teacher')
  for (const [key, recap] of Object.entries(RECAPS) as [RecapKey, (typeof RECAPS)[RecapKey]][]) {
    const otherSchool = key === 'otherSchool'
    ids.recaps[key] = await createRecap(db, {
      schoolId: otherSchool ? 2 : JIWANG,
      title: recap.title,
      authorId: otherSchool ? zaobeiTeacher : ids.teacher,
      status: recap.status,
      audience: recap.audience,
      publishedAt: recap.status === 'published' ? minutesAgo(recap.ago) : null,
      gradeIds: recap.grades === 5 ? [ids.grade5] : recap.grades === 3 ? [ids.grade3] : [],
      classIds: recap.class12 ? [ids.class12] : [],
    })
  }
  // A cover showing no pupil is shown; one marked as showing pupils, none named, never is to parents.
  const photo = (recapId: number, fileKey: string) =>
    createPhoto(db, { schoolId: JIWANG, recapId, fileKey, width: 1600, height: 1200, bytes: 1, position: 1 })
  ids.cover = await photo(ids.recaps.grade5, 'family-portal-it-cover')
  ids.withheldCover = await photo(ids.recaps.allParents, 'family-portal-it-withheld')
  await db.updateTable('photos').set({ shows_pupils: 1 }).where('id', '=', ids.withheldCover).execute()
  await db
    .updateTable('recaps')
    .set({ cover_photo_id: ids.cover })
    .where('id', '=', ids.recaps.grade5)
    .execute()
  await db
    .updateTable('recaps')
    .set({ cover_photo_id: ids.withheldCover })
    .where('id', '=', ids.recaps.allParents)
    .execute()

  const message = (
    kind: string,
    entity: string,
    entityId: number,
    params: Record<string, string>,
    read = false,
  ) =>
    createNotification(db, {
      schoolId: JIWANG,
      userId: ids.parent,
      kind,
      entity,
      entityId,
      params,
      readAt: read ? now().toISOString() : null,
    })
  await message('consent-requested', 'consent', ids.activities.outing, {
    child: '张思远',
    title: T.outing,
    date: '秋游那天',
    venue: '家长首页测试·共青森林公园',
  })
  await message('recap-published', 'recap', ids.recaps.grade5, { title: RECAPS.grade5.title })
  await message('notice-opened', 'notice', 1, { className: T.readMessage, closesOn: '下周五' }, true)

  for (const username of ['jw-parent', 'jw-teacher', 'jw-admin', 'zb-parent']) {
    cookies[username] = await signIn(username)
  }
})

describe('who reaches the portal', () => {
  it('sends a signed-in parent from / to /family, keeping the language asked for', async () => {
    const home = await page('/', cookies['jw-parent'])
    expect(home.status).toBe(302)
    expect(home.location).toBe('/family')
    expect((await page('/?lang=en', cookies['jw-parent'])).location).toBe('/family?lang=en')
    // Staff keep their own home.
    expect((await page('/', cookies['jw-teacher'])).status).toBe(200)
  })

  it('refuses staff and asks anonymous visitors to sign in', async () => {
    for (const path of ['/family', '/family/recaps']) {
      expect((await page(path, cookies['jw-teacher'])).status).toBe(403)
      expect((await page(path, cookies['jw-admin'])).status).toBe(403)
      const anonymous = await page(path)
      expect(anonymous.status).toBe(302)
      expect(anonymous.location).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`)
    }
  })
})

describe('/family', () => {
  it('shows one card per child with class, grade, head teacher and the link to their record', async () => {
    const { status, html } = await page('/family', cookies['jw-parent'])
    expect(status).toBe(200)
    expect(occurrences(html, '<li class="card family-child">')).toBe(2)
    const siyuan = card(html, '张思远')
    expect(siyuan).toContain('五年级 · 五(2)班')
    expect(siyuan).toContain('班主任：周老师')
    expect(siyuan).toContain(`href="/family/children/${ids.siyuan}"`)
    expect(card(html, '张一诺')).toContain('一(2)班')
    expect(html).toContain(`href="/family/children/${ids.yinuo}"`)
  })

  it("lists each child's own coming published activities, marking those off campus", async () => {
    const { html } = await page('/family', cookies['jw-parent'])
    const siyuan = card(html, '张思远')
    expect(siyuan).toContain(`href="/activities/${ids.activities.visit}">${T.visit}</a>`)
    expect(siyuan).toMatch(new RegExp(`${T.visit}</a> <span class="badge badge-warning">校外</span>`))
    expect(siyuan).not.toContain(T.classMeeting)
    expect(card(html, '张一诺')).toContain(`href="/activities/${ids.activities.classMeeting}">`)
    expect(card(html, '张一诺')).not.toContain(T.visit)
    expect(html).not.toContain(T.draftActivity)
  })

  it('lists consent requests waiting for an answer, with the date to answer by, and the badge', async () => {
    const { html } = await page('/family', cookies['jw-parent'])
    const siyuan = card(html, '张思远')
    expect(siyuan).toContain(`href="/family/consents#child-${ids.siyuan}">${T.outing}</a>`)
    const [, month, day] = dayIn(15).split('-').map(Number)
    expect(siyuan).toContain(`请于 ${month}月${day}日 前回复`)
    expect(siyuan).toMatch(
      /<a class="badge badge-warning"[^>]* href="\/family\/consents">\d+ 项活动等您回复同意书<\/a>/,
    )
    expect(card(html, '张一诺')).not.toContain(T.outing)
  })

  it('shows recaps under each child they concern, with a cover only when parents may see it', async () => {
    const { html, data } = await page('/family', cookies['jw-parent'])
    const siyuan = card(html, '张思远')
    const yinuo = card(html, '张一诺')
    expect(siyuan).toContain(`href="/recaps/${ids.recaps.grade5}">${RECAPS.grade5.title}</a>`)
    expect(siyuan).toContain(`src="/photos/${ids.cover}/small"`)
    expect(yinuo).not.toContain(RECAPS.grade5.title)
    for (const child of [siyuan, yinuo]) expect(child).toContain(RECAPS.allParents.title)
    expect(yinuo).toContain(RECAPS.class12.title)
    expect(siyuan).not.toContain(RECAPS.class12.title)
    expect(html).not.toContain(`/photos/${ids.withheldCover}/`)
    // Neither on the page nor in the data sent with it.
    for (const key of NEVER) expect(data).not.toContain(RECAPS[key].title)
  })

  it("lists the child's recent participation with status, role and hours, and awards already given", async () => {
    const { html } = await page('/family', cookies['jw-parent'])
    const siyuan = card(html, '张思远')
    const service = siyuan.slice(siyuan.indexOf(`id="child-${ids.siyuan}-participations"`))
    expect(service).toContain(T.service)
    expect(service).toContain('出席')
    expect(service).toContain('志愿者')
    expect(service).toContain('2.5 课时')
    expect(siyuan).toContain(`${T.award} <span class="badge">一等奖</span>`)
    expect(html).not.toContain(T.futureAward)
    expect(card(html, '张一诺')).not.toContain(T.award)
  })

  it('puts unread messages and recent recaps first, each once, newest first', async () => {
    const { html } = await page('/family', cookies['jw-parent'])
    const fresh = news(html)
    expect(fresh).toContain(`请为张思远回复活动「${T.outing}」`)
    expect(fresh).not.toContain(T.readMessage)
    // Announced by its message and published lately: listed once.
    expect(occurrences(fresh, RECAPS.grade5.title)).toBe(1)
    expect(fresh).toContain(`href="/recaps/${ids.recaps.allParents}">${RECAPS.allParents.title}</a>`)
    expect(fresh.indexOf(RECAPS.allParents.title)).toBeLessThan(fresh.indexOf(RECAPS.class12.title))
    expect(fresh).not.toContain(RECAPS.older.title)
    for (const key of NEVER) expect(fresh).not.toContain(RECAPS[key].title)
    expect(fresh).toContain('href="/inbox"')
    expect(fresh).toContain('href="/family/recaps"')
  })

  it('reads in English', async () => {
    const { html } = await page('/family?lang=en', cookies['jw-parent'])
    expect(html).toContain('Class 5-2')
    expect(html).toContain('Head teacher: 周老师')
    expect(html).toContain('What’s new')
    expect(html).toContain('2.5 hours')
  })

  it("never shows another school's family anything of this school", async () => {
    const { status, data } = await page('/family', cookies['zb-parent'])
    expect(status).toBe(200)
    for (const title of [...Object.values(T), ...Object.values(RECAPS).map((r) => r.title)]) {
      if (title !== RECAPS.otherSchool.title) expect(data).not.toContain(title)
    }
    const list = await page('/family/recaps', cookies['zb-parent'])
    expect(list.html).toContain(RECAPS.otherSchool.title)
    expect(list.html).not.toContain(RECAPS.allParents.title)
  })
})

describe('/family/recaps', () => {
  it('lists every recap meant for the family, newest first, as canReadRecap decides', async () => {
    const { status, html, data } = await page('/family/recaps', cookies['jw-parent'])
    expect(status).toBe(200)
    const reader: RecapReader = {
      kind: 'parent',
      gradeIds: [ids.grade5, (await gradeOf(ids.class12)) as number],
      classIds: [ids.class12, ids.class52],
    }
    for (const [key, recap] of Object.entries(RECAPS) as [RecapKey, (typeof RECAPS)[RecapKey]][]) {
      const readable =
        key !== 'otherSchool' &&
        canReadRecap(
          {
            status: recap.status,
            audience: recap.audience,
            authorId: ids.teacher,
            gradeIds: recap.grades === 5 ? [ids.grade5] : recap.grades === 3 ? [ids.grade3] : [],
            classIds: recap.class12 ? [ids.class12] : [],
          },
          reader,
        )
      expect(data.includes(recap.title), key).toBe(readable)
    }
    const order = (['grade5', 'allParents', 'class12', 'older'] as const).map((key) =>
      html.indexOf(RECAPS[key].title),
    )
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(html).toMatch(new RegExp(`${RECAPS.grade5.title}</a></h2>.*?与张思远有关`))
    expect(html).toMatch(new RegExp(`${RECAPS.allParents.title}</a></h2>.*?全校家长`))
  })
})

async function gradeOf(classId: number) {
  const { db } = await app()
  return (
    await db.selectFrom('classes').select('grade_id').where('id', '=', classId).executeTakeFirstOrThrow()
  ).grade_id
}

describe('a school of its own: paging, no children, statements', () => {
  const own = { school: 0, parent: 0, pupils: [] as { id: number; name: string }[], cookie: '', lonely: '' }

  beforeAll(async () => {
    const { db, signIn } = await app()
    const school = await createSchool(db, {
      slug: 'family-portal-it',
      name: '家长首页测试小学',
      district: '徐汇区',
      kind: 'primary',
    })
    own.school = school.id
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    const teacher = await createUser(db, {
      schoolId: school.id,
      role: 'teacher',
      username: 'fp-teacher',
      displayName: '家长首页测试老师',
      passwordHash,
    })
    const parent = await createUser(db, {
      schoolId: school.id,
      role: 'parent',
      username: 'fp-parent',
      displayName: '家长首页测试家长',
      passwordHash,
    })
    await createUser(db, {
      schoolId: school.id,
      role: 'parent',
      username: 'fp-lonely',
      displayName: '家长首页测试新家长',
      passwordHash,
    })
    own.parent = parent.id
    for (const [index, grade] of school.grades.slice(0, 4).entries()) {
      const c = await createClass(db, {
        schoolId: school.id,
        gradeId: grade.id,
        number: 1,
        headTeacherId: teacher.id,
      })
      const [pupil] = await createStudents(db, {
        schoolId: school.id,
        classId: c.id,
        count: 1,
        startNumber: index + 1,
        numberPrefix: 'FP',
        random: createRandom(index + 7),
      })
      own.pupils.push({ id: pupil?.id as number, name: pupil?.name as string })
      // Something of every kind for every child, so each statement has rows to find.
      await createRecap(db, {
        schoolId: school.id,
        title: `家长首页测试·${grade.name}回顾`,
        authorId: teacher.id,
        status: 'published',
        audience: 'grades',
        gradeIds: [grade.id],
        publishedAt: minutesAgo(100 + index),
      })
    }
    // 25 recaps for all parents, one a minute: pages of 20.
    for (let i = 1; i <= 25; i++) {
      const recapId = await createRecap(db, {
        schoolId: school.id,
        title: `家长首页测试·分页回顾${String(i).padStart(2, '0')}`,
        authorId: teacher.id,
        status: 'published',
        audience: 'parents',
        publishedAt: minutesAgo(60 - i),
      })
      if (i === 25) {
        const cover = await createPhoto(db, {
          schoolId: school.id,
          recapId,
          fileKey: 'family-portal-it-paging',
          width: 800,
          height: 600,
          bytes: 1,
          position: 1,
        })
        await db.updateTable('recaps').set({ cover_photo_id: cover }).where('id', '=', recapId).execute()
      }
    }
    for (const pupil of own.pupils.slice(0, 2)) {
      await linkGuardian(db, { guardianId: parent.id, studentId: pupil.id, relation: 'mother' })
    }
    own.cookie = await signIn('fp-parent')
    own.lonely = await signIn('fp-lonely')
  })

  it('pages the recaps 20 at a time, newest first', async () => {
    const first = await page('/family/recaps', own.cookie)
    expect(occurrences(first.html, '家长首页测试·分页回顾')).toBe(20)
    expect(first.html.indexOf('分页回顾25')).toBeLessThan(first.html.indexOf('分页回顾24'))
    expect(first.html).toMatch(/<a rel="next"[^>]* href="\/family\/recaps\?page=2">较早的回顾<\/a>/)
    expect(first.html).not.toContain('rel="prev"')
    const second = await page('/family/recaps?page=2', own.cookie)
    expect(occurrences(second.html, '家长首页测试·分页回顾')).toBe(5)
    expect(second.html).toContain('分页回顾05')
    expect(second.html).toContain('分页回顾01')
    expect(second.html).toMatch(/<a rel="prev"[^>]* href="\/family\/recaps">较新的回顾<\/a>/)
    expect(second.html).not.toContain('rel="next"')
    // Older still: the recaps of the children's grades, saying whose they are; not the other grades'.
    const [first1, second1] = own.pupils
    expect(second.html).toMatch(new RegExp(`一年级回顾</a></h2>.*?与${first1?.name}有关`))
    expect(second.html).toMatch(new RegExp(`二年级回顾</a></h2>.*?与${second1?.name}有关`))
    expect(second.html).not.toContain('三年级回顾')
    expect((await page('/family/recaps?page=3', own.cookie)).html).toContain('这一页没有活动回顾了。')
    expect((await page('/family/recaps?page=0', own.cookie)).status).toBe(404)
    expect((await page('/family/recaps?page=abc', own.cookie)).status).toBe(404)
  })

  it('greets a parent without linked children kindly, still with what all parents read', async () => {
    const { status, html } = await page('/family', own.lonely)
    expect(status).toBe(200)
    expect(html).toContain('您的账号还没有关联孩子')
    expect(html).not.toContain('<li class="card family-child">')
    expect(news(html)).toContain('家长首页测试·分页回顾25')
    expect(news(html)).not.toContain('一年级回顾')
  })

  it('runs the same number of statements for two children as for four', async () => {
    const { db } = await app()
    const prepare = vi.spyOn(SQLite.prototype, 'prepare')
    try {
      await page('/family', own.cookie)
      prepare.mockClear()
      const two = await page('/family', own.cookie)
      const withTwo = prepare.mock.calls.length
      expect(occurrences(two.html, '<li class="card family-child">')).toBe(2)
      for (const pupil of own.pupils.slice(2)) {
        await linkGuardian(db, { guardianId: own.parent, studentId: pupil.id, relation: 'mother' })
      }
      prepare.mockClear()
      const four = await page('/family', own.cookie)
      expect(occurrences(four.html, '<li class="card family-child">')).toBe(4)
      expect(occurrences(four.html, '家长首页测试·')).toBeGreaterThan(occurrences(two.html, '家长首页测试·'))
      expect(prepare.mock.calls.length).toBe(withTwo)
    } finally {
      prepare.mockRestore()
    }
  })
})
