import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { en } from '~/locales/en'
import { zh } from '~/locales/zh'
import { XSS_PAYLOADS } from '../fixtures/xss-payloads'
import {
  afterNavigation,
  DEMO_PASSWORD,
  expectVisible,
  fillTemplate,
  fitsTheScreen,
  PHONE,
  signIn,
  signOut,
  waitForFlash,
  withBrowser,
} from './support'

// A refused form (400) and a page the reader may not see (404) show up as console errors.
const EXPECTED_STATUS = [/status of 40[04]/]

const SERVICE = '学雷锋志愿服务：走进银杏社区和敬老院'
const PUPIL = '张思远'
const BOARD_CAPTION = '银杏社区里擦得锃亮的宣传栏'
const VISIT_CAPTION = `${PUPIL}陪独居老人聊天`

/** Two photos a teacher's phone might have taken, and a file that only pretends to be one. */
async function photoFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'siji-photos-'))
  const jpeg = (r: number, g: number, b: number) =>
    sharp({ create: { width: 1200, height: 800, channels: 3, background: { r, g, b } } })
      .jpeg()
      .toBuffer()
  const board = join(dir, 'IMG_0412.jpg')
  const visit = join(dir, 'IMG_0415.jpg')
  const fake = join(dir, 'not-a-photo.jpg')
  writeFileSync(board, await jpeg(200, 170, 80))
  writeFileSync(visit, await jpeg(90, 140, 200))
  writeFileSync(fake, '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss = true"></svg>')
  return { board, visit, fake }
}

function addPhotoForm(page: Page, L: typeof zh): Locator {
  return page.locator('form').filter({ has: page.getByRole('heading', { name: L.recaps.photos.addTitle }) })
}

async function uploadPhoto(
  page: Page,
  L: typeof zh,
  { caption, file, pupil }: { caption: string; file: string; pupil?: { className: string; name: string } },
) {
  const form = addPhotoForm(page, L)
  await form.getByLabel(L.recaps.photos.caption, { exact: true }).fill(caption)
  if (pupil) {
    await form.getByLabel(L.recaps.photos.showsPupils, { exact: true }).check()
    await form.locator('summary', { hasText: pupil.className }).click()
    await form.getByRole('checkbox', { name: pupil.name, exact: true }).check()
  }
  await form.getByLabel(L.recaps.photos.file, { exact: true }).setInputFiles(file)
  await form.getByRole('button', { name: L.recaps.photos.upload }).click()
}

/** No payload ran: no dialog opened, nothing set the marker, and (via withBrowser) no CSP report. */
async function expectNoScriptRan(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined()
  expect(dialogs).toEqual([])
}

function recapIdOf(page: Page): number {
  const id = Number(new URL(page.url()).pathname.match(/\/recaps\/(\d+)/)?.[1])
  expect(id).toBeGreaterThan(0)
  return id
}

describe('recaps in the browser (zh)', () => {
  const L = zh
  it('a teacher drafts a recap of the volunteer service with two photos; the admin publishes it; visitors see it masked and without the unconsented photo; the parent finds it on /family', async () => {
    const files = await photoFiles()
    await withBrowser(
      { locale: 'zh-CN' },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')

        // The teacher picks the activity and lets Siji write the first draft from its records.
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit('/recaps')
        await page.getByRole('link', { name: L.recaps.list.new }).click()
        await afterNavigation(page, /\/recaps\/new$/)
        await page.getByRole('checkbox', { name: new RegExp(SERVICE) }).check()
        await page.getByRole('radio', { name: new RegExp(`^${L.recaps.audience.public}`) }).check()
        await page.getByRole('button', { name: L.recaps.new.draft }).click()
        await afterNavigation(page, /\/recaps\/\d+\/edit$/)
        await waitForFlash(page, L.recaps.flash.drafted)
        const recapId = recapIdOf(page)
        const title = await page.getByLabel(L.recaps.form.title, { exact: true }).inputValue()
        expect(title).not.toBe('')
        const body = page.getByLabel(L.recaps.edit.body, { exact: true })
        const drafted = await body.inputValue()
        // The draft counts the volunteers and their hours from the records (other tests may have
        // marked some of the 40 absent).
        expect(drafted).toMatch(/五年级\d+名学生/)
        expect(drafted).toMatch(/共计\d+(\.\d+)?课时/)

        // The teacher adds a sentence of their own, naming a pupil, previews and saves.
        const sentence = `${PUPIL}和同伴把社区宣传栏擦得干干净净。`
        await body.fill(`${drafted.trim()}\n\n${sentence}`)
        await page.getByRole('button', { name: L.recaps.edit.preview, exact: true }).click()
        await page.getByRole('heading', { name: L.recaps.edit.previewTitle, exact: true }).waitFor()
        await expect.poll(() => page.locator('.recap-preview').textContent()).toContain(sentence)
        await page.getByRole('button', { name: L.recaps.edit.save, exact: true }).click()
        await waitForFlash(page, L.recaps.flash.saved)

        // Two photos: the notice board (nobody in it), and 张思远 with an elderly neighbour.
        await uploadPhoto(page, L, { caption: BOARD_CAPTION, file: files.board })
        await waitForFlash(page, L.recaps.flash.photoAdded)
        await uploadPhoto(page, L, {
          caption: VISIT_CAPTION,
          file: files.visit,
          pupil: { className: '五(2)班', name: PUPIL },
        })
        await waitForFlash(page, L.recaps.flash.photoAdded)
        await expect.poll(() => page.locator('main img').count()).toBe(2)

        await browser.visit(`/recaps/${recapId}`)
        await page.getByRole('button', { name: L.recaps.review.submit }).click()
        await waitForFlash(page, L.recaps.flash.submitted)
        await signOut(page)

        // The admin is told, before publishing, that 张思远's photo stays off the public page.
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await browser.visit(`/recaps/${recapId}`)
        const notice = fillTemplate(L.recaps.publish.lacksPublic, { caption: VISIT_CAPTION, names: PUPIL })
        await expectVisible(page.getByText(notice).first())
        await page.getByRole('button', { name: L.recaps.publish.button, exact: true }).click()
        await waitForFlash(page, L.recaps.flash.published)
        await signOut(page)

        // A visitor reads it on the school's news page: the name masked, only the board photo.
        await browser.visit('/s/jiwang')
        await page.getByRole('link', { name: title }).first().click()
        await afterNavigation(page, new RegExp(`/s/jiwang/recaps/${recapId}$`))
        const article = await page.locator('main').textContent()
        expect(article).toContain('张同学和同伴把社区宣传栏擦得干干净净')
        expect(article).not.toContain(PUPIL)
        expect(article).toContain(BOARD_CAPTION)
        expect(article).not.toContain('陪独居老人聊天')
        await expect.poll(() => page.locator('main img').count()).toBe(1)
        const shared = await page.locator('meta[property="og:title"]').getAttribute('content')
        expect(shared).toBe(title)
        // The same page in English: the interface changes, the masking and the left-out photo do not.
        await browser.visit(`/s/jiwang/recaps/${recapId}?lang=en`)
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
        const english = (await page.locator('main').textContent()) ?? ''
        expect(english).toContain('张同学和同伴')
        expect(english).not.toContain(PUPIL)
        await expect.poll(() => page.locator('main img').count()).toBe(1)

        // 张思远's parent finds it on the family page.
        await browser.visit('/')
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await afterNavigation(page, /\/family$/)
        await page.getByRole('link', { name: title }).first().click()
        await afterNavigation(page, new RegExp(`/recaps/${recapId}$`))
        await expect.poll(() => page.locator('main').textContent()).toContain(sentence)
      },
      EXPECTED_STATUS,
    )
  })

  it('a parent reads /family and a public recap at 360 px without sideways scrolling', async () => {
    await withBrowser({ viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/s/jiwang')
      await fitsTheScreen(page)
      await page.locator('main article a, main li a').first().click()
      await afterNavigation(page, /\/s\/jiwang\/recaps\/\d+$/)
      await fitsTheScreen(page)
      await browser.visit('/')
      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      for (const path of ['/family', '/family/recaps']) {
        await browser.visit(path)
        await fitsTheScreen(page)
      }
    })
  })
})

describe('recaps in the browser (en)', () => {
  const L = en as unknown as typeof zh
  it('a teacher writes a recap full of script payloads for grade-5 parents; nothing runs anywhere, a fake photo is refused, the admin returns it once, and the parent reads it', async () => {
    const files = await photoFiles()
    const title = 'Spring volunteers: what the grade 5 team did'
    const corpus = XSS_PAYLOADS.join('\n\n')
    await withBrowser(
      { locale: 'en-US' },
      async (browser) => {
        const { page } = browser
        const dialogs: string[] = []
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message())
          void dialog.dismiss()
        })
        await browser.visit('/')
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit('/recaps/new')
        await page.getByLabel(L.recaps.form.title, { exact: true }).fill(title)
        await page.getByRole('radio', { name: new RegExp(`^${L.recaps.audience.grades}`) }).check()
        await page.getByRole('checkbox', { name: 'Grade 5', exact: true }).check()
        await page.getByRole('button', { name: L.recaps.new.create }).click()
        await afterNavigation(page, /\/recaps\/\d+\/edit$/)
        await waitForFlash(page, L.recaps.flash.created)
        const recapId = recapIdOf(page)

        await page.getByLabel(L.recaps.edit.body, { exact: true }).fill(corpus)
        await page.getByRole('button', { name: L.recaps.edit.preview, exact: true }).click()
        await page.getByRole('heading', { name: L.recaps.edit.previewTitle, exact: true }).waitFor()
        await expectNoScriptRan(page, dialogs)
        await page.getByRole('button', { name: L.recaps.edit.save, exact: true }).click()
        await waitForFlash(page, L.recaps.flash.saved)

        // An SVG named .jpg is refused next to the field; the caption typed stays.
        await uploadPhoto(page, L, { caption: 'The team after the service', file: files.fake })
        const form = addPhotoForm(page, L)
        await form.getByText(en.photos.errors.notImage).waitFor()
        await expect
          .poll(() => form.getByLabel(L.recaps.photos.caption, { exact: true }).inputValue())
          .toBe('The team after the service')
        await form.getByLabel(L.recaps.photos.file, { exact: true }).setInputFiles(files.board)
        await form.getByRole('button', { name: L.recaps.photos.upload }).click()
        await waitForFlash(page, L.recaps.flash.photoAdded)

        await browser.visit(`/recaps/${recapId}`)
        await expectNoScriptRan(page, dialogs)
        await page.getByRole('button', { name: L.recaps.review.submit }).click()
        await waitForFlash(page, L.recaps.flash.submitted)
        await signOut(page)

        // The admin must say why when returning it.
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await browser.visit(`/recaps/${recapId}`)
        await page.getByRole('button', { name: L.recaps.review.return, exact: true }).click()
        await page.getByText(L.recaps.review.commentRequired).waitFor()
        const comment = 'Please add the date of the service to the first paragraph.'
        await page.getByLabel(L.recaps.review.comment, { exact: true }).fill(comment)
        await page.getByRole('button', { name: L.recaps.review.return, exact: true }).click()
        await waitForFlash(page, L.recaps.flash.returned)
        await signOut(page)

        // The teacher sees the comment, fixes the text and submits again; the admin publishes.
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit(`/recaps/${recapId}`)
        await expectVisible(page.getByText(comment).first())
        await browser.visit(`/recaps/${recapId}/edit`)
        await page
          .getByLabel(L.recaps.edit.body, { exact: true })
          .fill(`On 5 March 2026 the grade 5 volunteers served at Yinxing community.\n\n${corpus}`)
        await page.getByRole('button', { name: L.recaps.edit.save, exact: true }).click()
        await waitForFlash(page, L.recaps.flash.saved)
        await browser.visit(`/recaps/${recapId}`)
        await page.getByRole('button', { name: L.recaps.review.submit }).click()
        await waitForFlash(page, L.recaps.flash.submitted)
        await signOut(page)
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await browser.visit(`/recaps/${recapId}`)
        await page.getByRole('button', { name: L.recaps.publish.button, exact: true }).click()
        await waitForFlash(page, L.recaps.flash.published)
        await signOut(page)

        // The grade-5 parent reads it; nothing in it runs. It is not public.
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await browser.visit('/family/recaps')
        await page.getByRole('link', { name: title }).first().click()
        await afterNavigation(page, new RegExp(`/recaps/${recapId}$`))
        await expect.poll(() => page.locator('main').textContent()).toContain('grade 5 volunteers served')
        await expectNoScriptRan(page, dialogs)
        await signOut(page)
        await browser.visit(`/s/jiwang/recaps/${recapId}`, { expectStatus: 404 })
      },
      EXPECTED_STATUS,
    )
  })

  it('previews a recap without JavaScript', async () => {
    await withBrowser(
      { locale: 'en-US', javaScriptEnabled: false },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit('/recaps/new')
        await page.getByLabel(L.recaps.form.title, { exact: true }).fill('Preview without scripts')
        await page.getByRole('radio', { name: new RegExp(`^${L.recaps.audience.staff}`) }).check()
        await page.getByRole('button', { name: L.recaps.new.create }).click()
        await afterNavigation(page, /\/recaps\/\d+\/edit$/)
        await page
          .getByLabel(L.recaps.edit.body, { exact: true })
          .fill('## Tree day\n\n**Grade 4** dressed the trees.')
        await page.getByRole('button', { name: L.recaps.edit.preview, exact: true }).click()
        await page.getByRole('heading', { name: 'Tree day' }).waitFor()
        await expect.poll(() => page.locator('strong', { hasText: 'Grade 4' }).count()).toBeGreaterThan(0)
        // Nothing was saved: the stored body is still empty.
        await browser.visit(page.url())
        await expect.poll(() => page.getByLabel(L.recaps.edit.body, { exact: true }).inputValue()).toBe('')
      },
      EXPECTED_STATUS,
    )
  })
})
