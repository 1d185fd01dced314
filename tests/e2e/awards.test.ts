import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { en } from '~/locales/en'
import { zh } from '~/locales/zh'
import { testServerURL } from './file-server'
import {
  afterNavigation,
  approveSeason,
  DEMO_PASSWORD,
  expectHidden,
  expectVisible,
  fillTemplate,
  moveToThisMorning,
  pdfPageCount,
  settle,
  signIn,
  signOut,
  templatePattern,
  waitForFlash,
  withBrowser,
} from './support'

// A refused form (400) and a forbidden page (403) show up as console errors of the browser.
const EXPECTED_STATUS = [/status of 40[03]/]

const CONTEST = '国防热点TED演讲及颁奖仪式'
const SERVICE = '学雷锋志愿服务：走进银杏社区和敬老院'
// The servers run at the suite's clock (SIJI_NOW, vitest.config.ts: 2026-12-07 10:00 Shanghai): the
// demo's 2027 copy of 春·播感恩季 is next spring's, waiting for jw-admin's decision (on a test's own server).
const NEXT_SEASON = 2

/** Opens an activity of a season from the season page, then one of the activity's own pages. */
async function openActivityPage(page: Page, seasonId: number, title: string, link: string, url: RegExp) {
  await page.goto(new URL(`/seasons/${seasonId}`, page.url()).href)
  await settle(page)
  await page.getByRole('link', { name: title }).first().click()
  await afterNavigation(page, /\/activities\/\d+$/)
  await page.getByRole('link', { name: link }).click()
  await afterNavigation(page, url)
}

describe('awards, ceremony and certificates in the browser (zh)', () => {
  const L = zh
  it('a teacher enters eight results in one go and prints one certificate per page; a parent sees their child’s award', async () => {
    await withBrowser(
      { locale: 'zh-CN', baseURL: await testServerURL() },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')

        // Next spring's contest can take results once its season is approved and it has taken place.
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await approveSeason(browser, { seasonId: NEXT_SEASON, text: L })
        await signOut(page)
        // Results are recorded once the contest has taken place: it is held this morning instead.
        await moveToThisMorning(browser, { seasonId: NEXT_SEASON, title: CONTEST, text: L })

        // The teacher takes the attendance of two grade-8 classes.
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await openActivityPage(
          page,
          NEXT_SEASON,
          CONTEST,
          L.activities.view.participation,
          /\/participation$/,
        )
        for (const className of ['八(1)班', '八(2)班']) {
          await page.getByLabel(L.participation.add.wholeClass).selectOption({ label: className })
          await page.getByRole('button', { name: L.participation.add.addClass }).click()
          await waitForFlash(page, fillTemplate(L.participation.flash.added_other, { count: 30 }))
        }
        await page.getByRole('button', { name: L.participation.sheet.allPresent }).click()
        await waitForFlash(page, fillTemplate(L.participation.flash.saved_other, { count: 60 }))

        // Eight speakers' results in one submission.
        await openActivityPage(page, NEXT_SEASON, CONTEST, L.activities.view.awards, /\/awards$/)
        await page.getByRole('button', { name: L.awards.results.submit }).click()
        await page.getByText(L.awards.validation.noResults).first().waitFor()
        const results = page.getByRole('region', { name: L.awards.results.title })
        await results.getByLabel(L.awards.fields.title, { exact: true }).fill('国防热点TED演讲')
        await results.getByLabel(L.awards.fields.presenterTitle, { exact: true }).fill('校党支部书记')
        await results.getByLabel(L.awards.fields.presenterName, { exact: true }).fill('孙老师')
        const levels = ['first', 'second', 'second', 'third', 'third', 'third', 'merit', 'merit'] as const
        const selects = page.getByRole('combobox', { name: templatePattern(L.awards.results.levelOf) })
        for (const [index, level] of levels.entries()) {
          await selects.nth(index * 7).selectOption({ label: L.awards.levels[level] })
        }
        await page.getByRole('button', { name: L.awards.results.submit }).click()
        await waitForFlash(page, fillTemplate(L.awards.flash.entered_other, { count: 8 }))
        await expectVisible(page.getByText(fillTemplate(L.awards.list.title_other, { count: 8 })))

        // The host's running sheet lists them in presenting order, the first prize last.
        await page.getByRole('link', { name: L.awards.page.ceremony }).first().click()
        await afterNavigation(page, /\/ceremony$/)
        const order = ['merit', 'merit', 'third', 'third', 'third', 'second', 'second', 'first'] as const
        await expect
          .poll(() => page.locator('.ceremony-level').allTextContents())
          .toEqual(order.map((level) => L.awards.levels[level]))

        // Eight certificates, one A4 landscape page each.
        await page.goBack()
        await settle(page)
        await page.getByRole('link', { name: L.awards.page.certificates }).first().click()
        await afterNavigation(page, /\/certificates$/)
        await expect.poll(() => page.locator('.certificate').count()).toBe(8)
        await expectVisible(page.getByText('孙老师').first())
        await page.emulateMedia({ media: 'print' })
        await expectHidden(page.locator('header').first())
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
        expect(pdfPageCount(pdf)).toBe(8)
        await page.emulateMedia({ media: 'screen' })

        // 张思远 is named an outstanding volunteer of the March service.
        await openActivityPage(page, 1, SERVICE, L.activities.view.awards, /\/awards$/)
        await page
          .getByRole('region', { name: L.awards.results.title })
          .getByLabel(L.awards.fields.title, { exact: true })
          .fill('学雷锋优秀志愿者')
        await page
          .getByRole('combobox', { name: fillTemplate(L.awards.results.levelOf, { name: '张思远' }) })
          .selectOption({ label: L.awards.levels.merit })
        await page.getByRole('button', { name: L.awards.results.submit }).click()
        await waitForFlash(page, fillTemplate(L.awards.flash.entered_one, { count: 1 }))
        await signOut(page)

        // The parent sees it on 张思远's page.
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await page.getByRole('link', { name: fillTemplate(L.home.openRecord, { name: '张思远' }) }).click()
        await afterNavigation(page, /\/family\/children\/\d+$/)
        await expectVisible(page.getByText('学雷锋优秀志愿者').first())
        // Parents do not reach the staff pages of awards.
        await browser.visit(`${new URL(page.url()).origin}/activities/7/awards`, { expectStatus: 403 })
      },
      EXPECTED_STATUS,
    )
    // Moving the contest and approving it again adds four sign-ins to a long journey.
  }, 180_000)
})

describe('awards in English', () => {
  const L = en
  it('the ceremony sheet, certificates, a class page and the awards report read in English', async () => {
    await withBrowser(
      { locale: 'en-US' },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await openActivityPage(page, 1, CONTEST, L.activities.view.awards, /\/awards$/)
        await page.getByText(fillTemplate(L.awards.list.title_other, { count: 8 })).waitFor()
        await page.getByRole('link', { name: L.awards.page.ceremony }).first().click()
        await afterNavigation(page, /\/ceremony$/)
        await expectVisible(page.getByText(L.awards.levels.first).first())
        await page.goBack()
        await settle(page)
        await page.getByRole('link', { name: L.awards.page.certificates }).first().click()
        await afterNavigation(page, /\/certificates$/)
        await expect.poll(() => page.locator('.certificate').count()).toBe(8)
        await browser.visit('/reports?year=1')
        await expectVisible(page.getByRole('heading', { name: L.reports.sections.awardsByLevel.title }))
      },
      EXPECTED_STATUS,
    )
  })
})
