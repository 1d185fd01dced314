/**
 * Issue 15, defects 1 and 2 as new users met them: the strand shortcut's grades (and the reviewer
 * seeing a grade change), and a contest's winners entered twice.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { zh } from '~/locales/zh'
import { testServerURL } from './file-server'
import {
  afterNavigation,
  approveSeason,
  checkA11y,
  DEMO_PASSWORD,
  expectVisible,
  fillTemplate,
  settle,
  signIn,
  signOut,
  waitForFlash,
  withBrowser,
} from './support'

const L = zh
// A refused form answers 400, which the browser reports as a console error.
const EXPECTED_STATUS = [/status of 400/]

// The demo's spring (published) and its 2027 copy (submitted, waiting for jw-admin).
const SPRING = 1
const NEXT_SEASON = 2
// A strand of the spring serving 一年级 and 六年级, and one of its grade-1 activities.
const STRAND = '感恩父母'
const STRAND_ACTIVITY = '爱心手串'
// The spring's contest, with eight winners entered in the demo.
const CONTEST = 8

const wholeGrade = (grade: string) => fillTemplate(L.activities.form.wholeGrade, { grade })

/** The coverage table's cell for a strand and a grade. */
async function coverageCell(page: Page, strand: string, grade: string) {
  const table = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: L.seasons.coverage.strand }) })
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim())
  const column = headers.indexOf(grade)
  expect(column, `coverage column of ${grade}`).toBeGreaterThan(0)
  // The first column is the strand's row header, not a cell.
  return table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: strand }) })
    .getByRole('cell')
    .nth(column - 1)
}

describe('new users’ defects (zh)', () => {
  it('the strand shortcut keeps the strand’s grades and a grade ticked on top; the reviewer sees a grade change', async () => {
    await withBrowser({ locale: 'zh-CN', baseURL: await testServerURL() }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)

      // A draft to plan in: the spring copied into the next school year.
      await browser.visit(`/seasons/${SPRING}`)
      await page.getByText(L.seasons.copy.title, { exact: true }).click()
      await page.getByLabel(L.seasons.copy.targetYear, { exact: true }).selectOption({ label: '2026-2027' })
      await page.getByLabel(L.seasons.copy.newTitle, { exact: true }).fill('春·播感恩季（草稿）')
      await page.getByRole('button', { name: L.seasons.copy.button }).click()
      await waitForFlash(page, L.seasons.copy.done)
      const seasonPath = new URL(page.url()).pathname
      expect(seasonPath).not.toBe(`/seasons/${SPRING}`)
      await expect
        .poll(async () => (await coverageCell(page, STRAND, '二年级')).textContent())
        .toBe(L.seasons.coverage.notTargeted)

      // The strand's shortcut opens the form with its grades ticked; 二年级 is ticked on top.
      await page
        .getByRole('link', {
          name: new RegExp(`^${L.seasons.strands.addActivityHere}\\s*[:：]?\\s*${STRAND}$`),
        })
        .click()
      await afterNavigation(page, /\/activities\/new\?strand=\d+$/)
      await expect
        .poll(() => page.getByLabel(L.activities.form.strand, { exact: true }).inputValue())
        .not.toBe('')
      const grade = (name: string) => page.getByRole('checkbox', { name: wholeGrade(name), exact: true })
      await expect.poll(() => grade('一年级').isChecked()).toBe(true)
      await expect.poll(() => grade('六年级').isChecked()).toBe(true)
      await expect.poll(() => grade('二年级').isChecked()).toBe(false)
      await grade('二年级').check()
      for (const name of ['一年级', '二年级', '六年级'])
        await expect.poll(() => grade(name).isChecked(), { message: name }).toBe(true)
      await page.getByLabel(L.activities.form.title, { exact: true }).fill('给爸爸妈妈的一封信')
      await page.getByLabel(L.activities.form.startsAt, { exact: true }).fill('2027-03-16T09:00')
      await page.getByLabel(L.activities.form.endsAt, { exact: true }).fill('2027-03-16T10:00')
      await page.getByLabel(L.activities.form.venue, { exact: true }).fill('各班教室')
      await page.getByRole('button', { name: L.activities.form.create }).click()
      await afterNavigation(page, /\/activities\/\d+$/)
      await expectVisible(page.getByText('一年级、二年级、六年级', { exact: true }))

      // The season's coverage counts it for 二年级 in that strand.
      await browser.visit(seasonPath)
      await expect.poll(async () => (await coverageCell(page, STRAND, '二年级')).textContent()).toBe('1')
      expect(
        await page
          .getByText(fillTemplate(L.seasons.coverage.gapLabel, { strand: STRAND, grade: '二年级' }))
          .count(),
      ).toBe(0)
      await signOut(page)

      // Once the 2027 programme is approved, 二年级 added to one of its activities sends it back
      // to review, and the reviewer reads which grade was added.
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await approveSeason(browser, { seasonId: NEXT_SEASON, text: L })
      await signOut(page)
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit(`/seasons/${NEXT_SEASON}`)
      await page.getByRole('link', { name: STRAND_ACTIVITY }).first().click()
      await afterNavigation(page, /\/activities\/\d+$/)
      const activityPath = new URL(page.url()).pathname
      await browser.visit(`${activityPath}/edit`)
      await grade('二年级').check()
      await page.getByRole('button', { name: L.activities.form.save }).click()
      await afterNavigation(page, /\/activities\/\d+$/)
      await signOut(page)
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit(activityPath)
      const added = fillTemplate(L.seasons.review.targets.gradesAdded, { list: '二年级' })
      await expectVisible(page.getByText(added, { exact: true }))
    })
  }, 180_000)

  it('a winner shows the award held with an edit link, and a second award for them is refused next to their row', async () => {
    // Without JavaScript the page sends what is typed: only the server stands between a stale page
    // and a second award.
    await withBrowser(
      { locale: 'zh-CN', javaScriptEnabled: false },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        const awardsPath = `/activities/${CONTEST}/awards`
        await browser.visit(awardsPath)
        const results = (p: Page) => p.getByRole('region', { name: L.awards.results.title })
        const rowOf = (p: Page, name: string) => results(p).getByRole('row').filter({ hasText: name })
        const levelOf = (p: Page, name: string) =>
          p.getByRole('combobox', { name: fillTemplate(L.awards.results.levelOf, { name }), exact: true })
        const count = (p: Page, n: number) =>
          p.getByText(fillTemplate(L.awards.list.title_other, { count: n }), { exact: true })

        // 吴诗涵 won a second prize: her row says so and offers to edit it, not 不获奖.
        const winner = rowOf(page, '吴诗涵')
        await expectVisible(
          winner.getByText(fillTemplate(L.awards.results.holds, { level: L.awards.levels.second })),
        )
        await expectVisible(
          winner.getByRole('link', {
            name: `${L.common.edit} ${fillTemplate(L.awards.results.awardOf, { name: '吴诗涵' })}`,
          }),
        )
        await expect.poll(() => levelOf(page, '吴诗涵').count()).toBe(0)
        await expectVisible(count(page, 8))

        // Two pages of the results, opened before either is sent: both give 王梓涵 a merit award.
        const stale = await browser.context.newPage()
        await stale.goto(browser.url(awardsPath), { waitUntil: 'load' })
        await settle(stale)
        await checkA11y(stale)
        await levelOf(page, '王梓涵').selectOption({ label: L.awards.levels.merit })
        await page.getByRole('button', { name: L.awards.results.submit }).click()
        await waitForFlash(page, fillTemplate(L.awards.flash.entered_one, { count: 1 }))
        await expectVisible(count(page, 9))

        await levelOf(stale, '王梓涵').selectOption({ label: L.awards.levels.merit })
        await stale.getByRole('button', { name: L.awards.results.submit }).click()
        await rowOf(stale, '王梓涵').getByText(L.awards.validation.alreadyAwarded).waitFor()
        await checkA11y(stale)
        await expectVisible(count(stale, 9))
        await browser.visit(awardsPath)
        await expectVisible(count(page, 9))
        await expectVisible(
          rowOf(page, '王梓涵').getByText(
            fillTemplate(L.awards.results.holds, { level: L.awards.levels.merit }),
          ),
        )
      },
      EXPECTED_STATUS,
    )
  }, 120_000)
})
