import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { en } from '~/locales/en'
import { zh } from '~/locales/zh'
import { storePhoto } from '~/utils/photo-files.server'
import { createDb } from '../../db/client'
import { createPhoto, createRecap } from '../../seeds/factories'
import { type RunningServer, startServer } from './server'
import { DEMO_PASSWORD, fitsTheScreen, PHONE, signIn, withBrowser } from './support'

// The school's look: emblem, recap cards with pictures, the icon sprite, og:image. A server of this
// file's own, so the recaps with photos made here (straight into its database) touch no other test.

const JIWANG = 1
const SHOWN = '形象测试·校园宣传栏焕然一新'
const WITHHELD = '形象测试·班会课上的合影'

let dir = ''
let server: RunningServer | undefined
const ids = { shownRecap: 0, shownPhoto: 0, withheldRecap: 0 }

async function addPhoto(db: ReturnType<typeof createDb>, recapId: number, pupilIds: number[]) {
  const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#6a8f7a' } })
    .jpeg()
    .toBuffer()
  const stored = await storePhoto(new Uint8Array(jpeg))
  if (!stored.ok) throw new Error(stored.error)
  const photoId = await createPhoto(db, { schoolId: JIWANG, recapId, ...stored, position: 1, pupilIds })
  await db.updateTable('recaps').set({ cover_photo_id: photoId }).where('id', '=', recapId).execute()
  return photoId
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siji-e2e-look-'))
  process.env.PHOTO_DIR = join(dir, 'photos')
  const seeding = await startServer({ dir, env: { PHOTO_DIR: process.env.PHOTO_DIR } })
  await seeding.stop()
  const db = createDb(join(dir, 'siji.db'))
  ids.shownRecap = await createRecap(db, {
    schoolId: JIWANG,
    authorId: null,
    title: SHOWN,
    body: '同学们把社区宣传栏擦得干干净净。',
    status: 'published',
    audience: 'public',
  })
  ids.shownPhoto = await addPhoto(db, ids.shownRecap, [])
  ids.withheldRecap = await createRecap(db, {
    schoolId: JIWANG,
    authorId: null,
    title: WITHHELD,
    body: '班会课上大家合影留念。',
    status: 'published',
    audience: 'public',
  })
  // A pupil whose guardian gave no consent for public photos is on the cover.
  const pupil = await db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', JIWANG)
    .where('photo_consent', '=', 'none')
    .executeTakeFirstOrThrow()
  await addPhoto(db, ids.withheldRecap, [pupil.id])
  await db.destroy()
  server = await startServer({ dir, env: { PHOTO_DIR: process.env.PHOTO_DIR } })
}, 180_000)

afterAll(async () => {
  await server?.stop()
  if (dir && !process.env.E2E_KEEP_TMP) rmSync(dir, { recursive: true, force: true })
})

/** Every icon on the page points into the sprite, which loads and holds the symbol it names. */
async function iconsResolve(page: Page, baseURL: string) {
  const hrefs = await page
    .locator('svg.icon use')
    .evaluateAll((uses) => uses.map((u) => u.getAttribute('href') ?? ''))
  expect(hrefs.length).toBeGreaterThan(2)
  const response = await fetch(new URL('/icons.svg', baseURL))
  expect(response.status).toBe(200)
  const sprite = await response.text()
  for (const href of new Set(hrefs)) {
    expect(href).toMatch(/^\/icons\.svg#/)
    expect(sprite).toContain(`<symbol id="${href.split('#')[1]}"`)
  }
  // Rendered: the first icon has a size and the sprite was fetched by the page itself.
  const box = await page.locator('svg.icon').first().boundingBox()
  expect(box?.width ?? 0).toBeGreaterThan(8)
}

async function imagesLoaded(page: Page, selector: string) {
  const images = page.locator(selector)
  await expect.poll(() => images.count()).toBeGreaterThan(0)
  await expect
    .poll(() => images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).naturalWidth > 0)))
    .toBe(true)
}

describe("a school's look", () => {
  it('public news in Chinese at 360 px without JavaScript: emblem, cards with pictures, icons', async () => {
    await withBrowser(
      { viewport: PHONE, javaScriptEnabled: false, baseURL: server?.url },
      async (browser) => {
        const { page } = browser
        const icons: number[] = []
        page.on('response', (r) => {
          if (r.url().endsWith('/icons.svg')) icons.push(r.status())
        })
        await browser.visit('/s/jiwang')
        await fitsTheScreen(page)
        const emblem = page.getByRole('img', {
          name: zh.identity.emblem.alt.replace('{{school}}', '闵行区纪王学校'),
        })
        await expect.poll(() => emblem.isVisible()).toBe(true)
        await imagesLoaded(page, '.news-hero img, .news-item img')
        // The consented cover is the card's picture; the withheld one's card shows the emblem instead.
        const shownCard = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: SHOWN }) })
        await expect
          .poll(() => shownCard.locator('img').getAttribute('src'))
          .toBe(`/photos/${ids.shownPhoto}/small`)
        const withheldCard = page
          .getByRole('listitem')
          .filter({ has: page.getByRole('link', { name: WITHHELD }) })
        await expect.poll(() => withheldCard.locator('img').getAttribute('src')).toBe('/s/jiwang/emblem.svg')
        await iconsResolve(page, browser.baseURL)
        await expect.poll(() => icons).toContain(200)
        await expect.poll(() => page.getByRole('link', { name: zh.news.subscribe }).count()).toBe(1)
      },
    )
  })

  it('shares the consented cover, else the school image, in og:image', async () => {
    await withBrowser({ baseURL: server?.url }, async (browser) => {
      const { page } = browser
      await browser.visit(`/s/jiwang/recaps/${ids.shownRecap}`)
      const image = () => page.locator('meta[property="og:image"]').getAttribute('content')
      expect(await image()).toMatch(new RegExp(`^http://[^/]+/photos/${ids.shownPhoto}/large$`))
      await browser.visit(`/s/jiwang/recaps/${ids.withheldRecap}`)
      const fallback = (await image()) ?? ''
      expect(fallback).toMatch(/^http:\/\/[^/]+\/s\/jiwang\/emblem\.png$/)
      const png = await fetch(new URL(new URL(fallback).pathname, browser.baseURL))
      expect([png.status, png.headers.get('Content-Type')]).toEqual([200, 'image/png'])
    })
  })

  it('the family home in English at desktop width: emblem, icons, recap covers', async () => {
    await withBrowser({ locale: 'en-US', baseURL: server?.url }, async (browser) => {
      const { page } = browser
      await browser.visit('/?lang=en')
      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      await browser.visit('/family')
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
      await imagesLoaded(page, '.family-masthead img, .family-recap img')
      await iconsResolve(page, browser.baseURL)
      await expect
        .poll(() => page.getByRole('navigation', { name: en.shell.mainNav }).locator('svg.icon').count())
        .toBeGreaterThan(2)
      await browser.visit('/s/jiwang?lang=en')
      await expect
        .poll(() => page.getByRole('img', { name: 'Emblem of 闵行区纪王学校' }).isVisible())
        .toBe(true)
      await iconsResolve(page, browser.baseURL)
    })
  })
})
