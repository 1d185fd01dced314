import { parseFeed } from '@rowanmanning/feed-parser'
import SQLite from 'better-sqlite3'
import { XMLValidator } from 'fast-xml-parser'
import sharp from 'sharp'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { storePhoto } from '~/utils/photo-files.server'
import type { PhotoConsent, RecapAudience, RecapStatus } from '../../db/schema'
import {
  createClass,
  createPhoto,
  createRandom,
  createRecap,
  createSchool,
  createStudents,
} from '../../seeds/factories'
import { getTestApp } from '../setup/app'

// Public news of a school (/s/:slug, one recap, the Atom feed). Recaps, photos and pupils made here
// have names of their own (titles start with 新闻测试); the database is shared by the test files of a
// worker, so nothing here counts rows it did not make. Counting and paging use a school of this
// file's own (slug news-it).

const JIWANG = 1
const ZAOBEI = 2
const pupils = {
  // 张思远 is a demo pupil of Jiwang (jw-parent's child); the others are made here.
  zhang: '张思远',
  ouyang: '欧阳若溪',
  sima: '司马青禾',
  shangguan: '上官明朗',
}
const titles = {
  main: '新闻测试·张思远和欧阳若溪在银杏社区做志愿者',
  withheldCover: '新闻测试·司马青禾的班会课',
  split: '新闻测试·名字被拆开的回顾',
  parents: '新闻测试·只给家长看的回顾',
  draft: '新闻测试·还在草稿里的回顾',
  staff: '新闻测试·只给老师看的回顾',
  zaobei: '新闻测试·藻北小学的公开回顾',
}
const ids = {} as Record<
  | 'main'
  | 'withheldCover'
  | 'split'
  | 'parents'
  | 'draft'
  | 'staff'
  | 'zaobei'
  | 'shown'
  | 'withheld'
  | 'scenery',
  number
>

async function page(path: string, cookie?: string) {
  const app = await getTestApp()
  const response = await app.request(path, { cookie })
  return { status: response.status, html: await response.text(), headers: response.headers }
}

/** What a reader sees: tags dropped, character references decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function metaContent(html: string, property: string): string | null {
  const tag = html.match(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`))
  return tag?.[1] ?? null
}

function linkHref(html: string, rel: string): string | null {
  const tag = html.match(new RegExp(`<link rel="${rel}"[^>]*href="([^"]*)"`))
  return tag?.[1] ?? null
}

async function makePhoto(input: {
  schoolId: number
  recapId: number
  caption: string
  pupilIds?: number[]
  position: number
}): Promise<number> {
  const { db } = await getTestApp()
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#6a8f7a' } })
    .jpeg()
    .toBuffer()
  const stored = await storePhoto(new Uint8Array(jpeg))
  if (!stored.ok) throw new Error(stored.error)
  return createPhoto(db, {
    ...input,
    fileKey: stored.fileKey,
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
  })
}

async function recap(input: {
  schoolId: number
  title: string
  body?: string
  status?: RecapStatus
  audience?: RecapAudience
  publishedAt?: string
}): Promise<number> {
  const { db } = await getTestApp()
  return createRecap(db, { authorId: null, status: 'published', audience: 'public', ...input })
}

async function setCover(recapId: number, photoId: number) {
  const { db } = await getTestApp()
  await db.updateTable('recaps').set({ cover_photo_id: photoId }).where('id', '=', recapId).execute()
}

beforeAll(async () => {
  const { db } = await getTestApp()
  const jiwangClass = await db
    .selectFrom('classes')
    .select('id')
    .where('school_id', '=', JIWANG)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const made = await createStudents(db, {
    schoolId: JIWANG,
    classId: jiwangClass.id,
    count: 3,
    startNumber: 901,
    numberPrefix: 'news-',
    random: createRandom(6),
    names: [pupils.ouyang, pupils.sima, pupils.shangguan],
  })
  const consent = async (studentId: number, photoConsent: PhotoConsent) =>
    db.updateTable('students').set({ photo_consent: photoConsent }).where('id', '=', studentId).execute()
  const [ouyang, sima, shangguan] = made.map((s) => s.id) as [number, number, number]
  await consent(ouyang, 'public')
  await consent(sima, 'school')
  await consent(shangguan, 'public')
  // A pupil who has left still has a name to hide.
  await db.updateTable('students').set({ active: 0 }).where('id', '=', sima).execute()

  ids.main = await recap({
    schoolId: JIWANG,
    title: titles.main,
    body: `**${pupils.ouyang}**带领五年级的同学们走进银杏社区，为老人们表演节目。\n\n${pupils.zhang}担任讲解员，[社区](/s/jiwang)的老人们连连称赞。`,
  })
  ids.shown = await makePhoto({
    schoolId: JIWANG,
    recapId: ids.main,
    caption: `新闻测试·${pupils.shangguan}在为老人讲解`,
    pupilIds: [shangguan, ouyang],
    position: 1,
  })
  ids.withheld = await makePhoto({
    schoolId: JIWANG,
    recapId: ids.main,
    caption: `新闻测试·${pupils.sima}在发言`,
    pupilIds: [sima, shangguan],
    position: 2,
  })
  ids.scenery = await makePhoto({
    schoolId: JIWANG,
    recapId: ids.main,
    caption: '新闻测试·银杏社区全景',
    position: 3,
  })
  await setCover(ids.main, ids.shown)

  ids.withheldCover = await recap({
    schoolId: JIWANG,
    title: titles.withheldCover,
    body: '班会课上，大家分享了感恩的故事。',
  })
  const withheldCover = await makePhoto({
    schoolId: JIWANG,
    recapId: ids.withheldCover,
    caption: '新闻测试·班会课合影',
    pupilIds: [sima],
    position: 1,
  })
  await setCover(ids.withheldCover, withheldCover)

  // Names hidden from a mask of the Markdown text: split by emphasis, or written as character references.
  ids.split = await recap({
    schoolId: JIWANG,
    title: titles.split,
    body: '感谢**张**思远，也感谢&#x6B27;&#x9633;若溪。',
  })

  ids.parents = await recap({ schoolId: JIWANG, title: titles.parents, audience: 'parents' })
  ids.draft = await recap({ schoolId: JIWANG, title: titles.draft, status: 'draft' })
  ids.staff = await recap({ schoolId: JIWANG, title: titles.staff, audience: 'staff' })
  ids.zaobei = await recap({ schoolId: ZAOBEI, title: titles.zaobei, body: '藻北小学的清明主题活动。' })
})

describe('/s/:slug, the school’s public news', () => {
  it('lists public recaps to an anonymous visitor, names masked, with the feed link', async () => {
    const { status, html, headers } = await page('/s/jiwang')
    expect(status).toBe(200)
    expect(headers.get('Cache-Control')).toBe('public, max-age=60')
    expect(html).toContain('闵行区纪王学校')
    expect(html).toContain('九年一贯制学校')
    expect(html).toContain('新闻测试·张同学和欧阳同学在银杏社区做志愿者')
    expect(html).toContain(`href="/s/jiwang/recaps/${ids.main}"`)
    // The excerpt: masked, Markdown stripped.
    expect(html).toContain('欧阳同学带领五年级的同学们走进银杏社区')
    expect(html).not.toContain('**欧阳')
    expect(html).toContain(`src="/photos/${ids.shown}/small"`)
    expect(html).toContain('订阅 (RSS/Atom)')
    expect(html).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" href="http:\/\/localhost\/s\/jiwang\/feed\.xml"/,
    )
    expect(linkHref(html, 'canonical')).toBe('http://localhost/s/jiwang')
  })

  it('shows no pupil’s name, no withheld photo and nothing that is not public', async () => {
    const { html } = await page('/s/jiwang')
    const text = visibleText(html)
    for (const name of Object.values(pupils)) expect(text).not.toContain(name)
    expect(html).not.toContain(`/photos/${ids.withheld}/`)
    expect(html).not.toContain('在发言')
    // A recap whose cover is withheld is listed without a picture.
    expect(html).toContain('新闻测试·司马同学的班会课')
    expect(html).not.toContain('班会课合影')
    for (const title of [titles.parents, titles.draft, titles.staff, titles.zaobei])
      expect(html).not.toContain(title)
  })

  it('answers 404 for a school that does not exist and for pages past the end', async () => {
    expect((await page('/s/no-such-school')).status).toBe(404)
    expect((await page('/s/jiwang?page=0')).status).toBe(404)
    expect((await page('/s/jiwang?page=abc')).status).toBe(404)
    expect((await page('/s/jiwang?page=999')).status).toBe(404)
  })

  it('shows a signed-in parent the same public view, kept out of shared caches', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('jw-parent')
    const { status, html, headers } = await page('/s/jiwang', cookie)
    expect(status).toBe(200)
    expect(headers.get('Cache-Control')).toBe('private, no-store')
    expect(html).toContain('新闻测试·张同学和欧阳同学在银杏社区做志愿者')
    expect(html).not.toContain(titles.parents)
    expect(visibleText(html)).not.toContain(pupils.zhang)
  })

  it('speaks English with ?lang=en and links the English feed', async () => {
    const { html } = await page('/s/jiwang?lang=en')
    expect(html).toContain('Subscribe (RSS/Atom)')
    expect(html).toContain('Nine-year school')
    expect(html).toContain('href="/s/jiwang/feed.xml?lang=en"')
    expect(metaContent(html, 'og:locale')).toBe('en_US')
  })
})

describe('/s/:slug/recaps/:id, one public recap', () => {
  it('shows the recap masked, with its public photos only', async () => {
    const { status, html, headers } = await page(`/s/jiwang/recaps/${ids.main}`)
    expect(status).toBe(200)
    expect(headers.get('Cache-Control')).toBe('public, max-age=60')
    const text = visibleText(html)
    for (const name of Object.values(pupils)) expect(text).not.toContain(name)
    expect(html).toContain('<h1>新闻测试·张同学和欧阳同学在银杏社区做志愿者</h1>')
    expect(html).toContain('<strong>欧阳同学</strong>带领')
    expect(html).toContain('张同学担任讲解员')
    expect(html).toContain(`src="/photos/${ids.shown}/large"`)
    expect(html).toContain('新闻测试·上官同学在为老人讲解')
    expect(html).toContain(`src="/photos/${ids.scenery}/large"`)
    expect(html).toContain('新闻测试·银杏社区全景')
    expect(html).not.toContain(`/photos/${ids.withheld}/`)
    expect(html).not.toContain('在发言')
    expect(html).toContain('href="/s/jiwang"')
  })

  it('tells sharing apps about it with absolute addresses', async () => {
    const { html } = await page(`/s/jiwang/recaps/${ids.main}`)
    const url = `http://localhost/s/jiwang/recaps/${ids.main}`
    expect(metaContent(html, 'og:type')).toBe('article')
    expect(metaContent(html, 'og:title')).toBe('新闻测试·张同学和欧阳同学在银杏社区做志愿者')
    expect(metaContent(html, 'og:description')).toMatch(/^欧阳同学带领五年级的同学们/)
    expect(metaContent(html, 'og:url')).toBe(url)
    expect(linkHref(html, 'canonical')).toBe(url)
    expect(metaContent(html, 'og:image')).toBe(`http://localhost/photos/${ids.shown}/large`)
    expect(metaContent(html, 'og:image:width')).toBe('800')
    expect(metaContent(html, 'og:image:height')).toBe('600')
    expect(metaContent(html, 'og:site_name')).toBe('闵行区纪王学校')
    expect(metaContent(html, 'og:locale')).toBe('zh_CN')
    expect(metaContent(html, 'article:published_time')).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(metaContent(html, 'twitter:card')).toBe('summary_large_image')
  })

  it("shares the school's emblem, not the cover, when the cover is withheld", async () => {
    const { status, html } = await page(`/s/jiwang/recaps/${ids.withheldCover}`)
    expect(status).toBe(200)
    expect(metaContent(html, 'og:image')).toBe('http://localhost/s/jiwang/emblem.png')
    expect(metaContent(html, 'og:image:width')).toBe('600')
    expect(metaContent(html, 'twitter:card')).toBe('summary')
    expect(html).not.toContain('/photos/')
    expect(html).not.toContain('班会课合影')
    expect(visibleText(html)).not.toContain(pupils.sima)
  })

  it('never shows a name that the Markdown splits or encodes', async () => {
    const { status, html } = await page(`/s/jiwang/recaps/${ids.split}`)
    expect(status).toBe(200)
    const text = visibleText(html)
    expect(text).not.toContain(pupils.zhang)
    expect(text).not.toContain(pupils.ouyang)
    expect(text).toContain('感谢张同学，也感谢欧阳同学。')
  })

  it('serves the public photo to anyone and the withheld one to no visitor', async () => {
    const app = await getTestApp()
    expect((await app.request(`/photos/${ids.shown}/large`)).status).toBe(200)
    expect((await app.request(`/photos/${ids.scenery}/small`)).status).toBe(200)
    expect((await app.request(`/photos/${ids.withheld}/large`)).status).toBe(404)
  })

  it('answers 404 for what is not public, not this school’s, or not there', async () => {
    const app = await getTestApp()
    const parent = await app.signIn('jw-parent')
    for (const id of [ids.parents, ids.draft, ids.staff, ids.zaobei]) {
      expect((await page(`/s/jiwang/recaps/${id}`)).status).toBe(404)
      // Signed in, the public view still shows nothing more.
      expect((await page(`/s/jiwang/recaps/${id}`, parent)).status).toBe(404)
    }
    expect((await page(`/s/zaobei/recaps/${ids.main}`)).status).toBe(404)
    expect((await page(`/s/zaobei/recaps/${ids.zaobei}`)).status).toBe(200)
    expect((await page('/s/jiwang/recaps/abc')).status).toBe(404)
    expect((await page('/s/jiwang/recaps/99999999')).status).toBe(404)
    expect((await page(`/s/no-such-school/recaps/${ids.main}`)).status).toBe(404)
  })
})

describe('honorifics teachers write after a name, on the page and in the feed alike', () => {
  let recapId = 0
  const roster = { tian: '田梦琪', ayigul: '阿依古丽·买买提' }

  beforeAll(async () => {
    const { db } = await getTestApp()
    const schoolClass = await db
      .selectFrom('classes')
      .select('id')
      .where('school_id', '=', JIWANG)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    await createStudents(db, {
      schoolId: JIWANG,
      classId: schoolClass.id,
      count: 2,
      startNumber: 911,
      numberPrefix: 'news-',
      random: createRandom(7),
      names: [roster.tian, roster.ayigul],
    })
    // The roster spells the dot one way, the author another.
    recapId = await recap({
      schoolId: JIWANG,
      title: '新闻测试·张思远同学的讲解',
      body: '张思远同学担任讲解员，田梦琪同学负责引导，阿依古丽・买买提小朋友献唱。',
      publishedAt: '2026-12-01T02:00:00.000Z',
    })
  })

  it('writes 张同学 once on /s/jiwang/recaps/:id', async () => {
    const { status, html } = await page(`/s/jiwang/recaps/${recapId}`)
    expect(status).toBe(200)
    const text = visibleText(html)
    expect(text).toContain('新闻测试·张同学的讲解')
    expect(text).toContain('张同学担任讲解员，田同学负责引导，买买提小朋友献唱。')
    expect(text).not.toContain('同学同学')
    for (const name of ['张思远', '田梦琪', '阿依古丽']) expect(text).not.toContain(name)
  })

  it('writes 张同学 once in the feed', async () => {
    const app = await getTestApp()
    const xml = await (await app.request('/s/jiwang/feed.xml')).text()
    const entry = parseFeed(xml).items.find(
      (item) => item.url === `http://localhost/s/jiwang/recaps/${recapId}`,
    )
    expect(entry?.title).toBe('新闻测试·张同学的讲解')
    expect(entry?.content).toContain('张同学担任讲解员，田同学负责引导，买买提小朋友献唱。')
    expect(visibleText(xml)).not.toContain('同学同学')
    for (const name of ['张思远', '田梦琪', '阿依古丽']) expect(visibleText(xml)).not.toContain(name)
  })
})

describe('/s/:slug/feed.xml, the Atom feed', () => {
  async function feed(path: string) {
    const app = await getTestApp()
    const response = await app.request(path)
    const xml = await response.text()
    return { response, xml, parsed: response.status === 200 ? parseFeed(xml) : null }
  }

  it('is well-formed Atom that an independent parser reads', async () => {
    const { response, xml, parsed } = await feed('/s/jiwang/feed.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60')
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(parsed?.meta.type).toBe('atom')
    expect(parsed?.title).toBe('闵行区纪王学校 · 校园新闻')
    expect(parsed?.url).toBe('http://localhost/s/jiwang')
    expect(parsed?.self).toBe('http://localhost/s/jiwang/feed.xml')
    const entry = parsed?.items.find((item) => item.url === `http://localhost/s/jiwang/recaps/${ids.main}`)
    expect(entry?.title).toBe('新闻测试·张同学和欧阳同学在银杏社区做志愿者')
    expect(entry?.id).toBe(`http://localhost/s/jiwang/recaps/${ids.main}`)
    expect(entry?.published).toBeInstanceOf(Date)
    expect(entry?.description).toMatch(/^欧阳同学带领/)
    expect(entry?.content).toContain(`<img src="http://localhost/photos/${ids.shown}/large"`)
    expect(entry?.content).toContain(`src="http://localhost/photos/${ids.scenery}/large"`)
    // Links in the body are made absolute for feed readers.
    expect(entry?.content).toContain('href="http://localhost/s/jiwang"')
  })

  it('carries no pupil’s name, no withheld photo and only public recaps', async () => {
    const { xml, parsed } = await feed('/s/jiwang/feed.xml')
    const text = visibleText(xml)
    for (const name of Object.values(pupils)) expect(text).not.toContain(name)
    expect(xml).not.toContain(`/photos/${ids.withheld}/`)
    expect(xml).not.toContain('在发言')
    expect(xml).not.toContain('班会课合影')
    const entryTitles = parsed?.items.map((item) => item.title) ?? []
    expect(entryTitles).toContain('新闻测试·司马同学的班会课')
    for (const title of [titles.parents, titles.draft, titles.staff, titles.zaobei]) {
      expect(entryTitles).not.toContain(title)
      expect(xml).not.toContain(title)
    }
  })

  it('speaks English with ?lang=en, and answers 404 for an unknown school', async () => {
    const { parsed } = await feed('/s/jiwang/feed.xml?lang=en')
    expect(parsed?.title).toBe('闵行区纪王学校 · School news')
    expect(parsed?.self).toBe('http://localhost/s/jiwang/feed.xml?lang=en')
    expect((await feed('/s/no-such-school/feed.xml')).response.status).toBe(404)
  })
})

describe('a school of this file’s own: empty, growing, paged', () => {
  let schoolId: number
  let pupilIds: number[]
  let added = 0

  async function addRecaps(count: number) {
    const { db } = await getTestApp()
    for (let i = 0; i < count; i++) {
      added += 1
      const day = String(added).padStart(2, '0')
      const id = await recap({
        schoolId,
        title: `新闻测试·第${added}篇 A&B <小> ]]>`,
        // A control character and two CDATA ends must not break the feed.
        body: `第${added}篇，${'新闻测试计数学生'}参加了活动。\u0001 ]]> ]]>`,
        publishedAt: `2026-03-${day}T02:00:00.000Z`,
      })
      const photo = await makePhoto({ schoolId, recapId: id, caption: '合影', pupilIds, position: 1 })
      await makePhoto({ schoolId, recapId: id, caption: '会场', position: 2 })
      await db.updateTable('recaps').set({ cover_photo_id: photo }).where('id', '=', id).execute()
    }
  }

  async function statementsFor(path: string): Promise<number> {
    const prepare = vi.spyOn(SQLite.prototype, 'prepare')
    try {
      const response = await (await getTestApp()).request(path)
      expect(response.status).toBe(200)
      await response.text()
      return prepare.mock.calls.length
    } finally {
      prepare.mockRestore()
    }
  }

  beforeAll(async () => {
    const { db } = await getTestApp()
    const school = await createSchool(db, {
      slug: 'news-it',
      name: '新闻测试小学',
      district: '宝山区',
      kind: 'primary',
    })
    schoolId = school.id
    const grade = school.grades[0]?.id as number
    const schoolClass = await createClass(db, { schoolId, gradeId: grade, number: 1 })
    const made = await createStudents(db, {
      schoolId,
      classId: schoolClass.id,
      count: 40,
      startNumber: 1,
      random: createRandom(7),
      names: ['新闻测试计数学生'],
    })
    pupilIds = made.slice(0, 3).map((s) => s.id)
    await db
      .updateTable('students')
      .set({ photo_consent: 'public' })
      .where('school_id', '=', schoolId)
      .execute()
  })

  it('says so kindly when nothing is public yet, and its feed is empty but valid', async () => {
    const { status, html } = await page('/s/news-it')
    expect(status).toBe(200)
    expect(html).toContain('学校还没有公开发布的新闻')
    const response = await (await getTestApp()).request('/s/news-it/feed.xml')
    const xml = await response.text()
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(parseFeed(xml).items).toEqual([])
  })

  it('runs the same few statements for one recap as for five', async () => {
    await addRecaps(1)
    const one = {
      list: await statementsFor('/s/news-it'),
      recap: await statementsFor(`/s/news-it/recaps/${await newestId()}`),
      feed: await statementsFor('/s/news-it/feed.xml'),
    }
    await addRecaps(4)
    const five = {
      list: await statementsFor('/s/news-it'),
      recap: await statementsFor(`/s/news-it/recaps/${await newestId()}`),
      feed: await statementsFor('/s/news-it/feed.xml'),
    }
    expect(five).toEqual(one)
    // School, recaps, names, photos, and for the masthead and card colours the season and the strands.
    expect(one.list).toBeLessThanOrEqual(7)
  })

  it('keeps tricky titles and bodies well-formed in the feed', async () => {
    const response = await (await getTestApp()).request('/s/news-it/feed.xml')
    const xml = await response.text()
    expect(XMLValidator.validate(xml)).toBe(true)
    const parsed = parseFeed(xml)
    expect(parsed.items).toHaveLength(5)
    expect(parsed.items[0]?.title).toBe('新闻测试·第5篇 A&B <小> ]]>')
    expect(visibleText(parsed.items[0]?.content ?? '')).not.toContain('新闻测试计数学生')
  })

  it('pages ten at a time, newest first, with rel=prev and rel=next', async () => {
    await addRecaps(7)
    const first = await page('/s/news-it')
    expect(first.html.match(/class="news-item"/g)).toHaveLength(10)
    expect(first.html.indexOf('第12篇')).toBeLessThan(first.html.indexOf('第11篇'))
    expect(first.html).not.toContain('第2篇')
    expect(linkHref(first.html, 'next')).toBe('http://localhost/s/news-it?page=2')
    expect(linkHref(first.html, 'prev')).toBeNull()
    expect(first.html).toMatch(
      /<a rel="next"[^>]*href="\/s\/news-it\?page=2"|href="\/s\/news-it\?page=2"[^>]*rel="next"/,
    )

    const second = await page('/s/news-it?page=2')
    expect(second.status).toBe(200)
    expect(second.html.match(/class="news-item"/g)).toHaveLength(2)
    expect(second.html).toContain('第2篇')
    expect(second.html).toContain('第1篇')
    expect(linkHref(second.html, 'prev')).toBe('http://localhost/s/news-it')
    expect(linkHref(second.html, 'next')).toBeNull()
    expect((await page('/s/news-it?page=3')).status).toBe(404)

    const { items } = parseFeed(await (await (await getTestApp()).request('/s/news-it/feed.xml')).text())
    expect(items).toHaveLength(12)
  })

  async function newestId(): Promise<number> {
    const { db } = await getTestApp()
    const row = await db
      .selectFrom('recaps')
      .select('id')
      .where('school_id', '=', schoolId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    return row.id
  }
})
