import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { zh } from '~/locales/zh'
import {
  afterNavigation,
  checkA11y,
  DEMO_PASSWORD,
  type E2EBrowser,
  expectHidden,
  expectVisible,
  fillTemplate,
  fitsTheScreen,
  PHONE,
  pdfPageCount,
  signIn,
  signOut,
  waitForFlash,
  withBrowser,
} from './support'

const L = zh
// The demo's grade-5 follow-up visit, seeded about two weeks after the server's clock (SIJI_NOW,
// vitest.config.ts: 2026-12-07), published with every consent request unanswered; the year is 2026-2027.
const VISIT = '学雷锋志愿服务回头看：再访银杏社区'
const CLASS = '五(2)班'
const YEAR = '2026-2027'

/** The value of a figure in a <dl> of figures, by its label. */
function figure(page: Page, label: string) {
  return page.locator('dl div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
}

/** The consent return rate of the current school year (the visit's), as /reports shows it. */
async function consentReturn(browser: E2EBrowser): Promise<number> {
  const page = await browser.visit('/reports')
  const year = await page.locator('#report-year option', { hasText: YEAR }).getAttribute('value')
  await browser.visit(`/reports?year=${year}`)
  const text = (await figure(page, L.reports.summary.consentReturn).locator('dd').textContent()) ?? ''
  return Number.parseFloat(text.replace(/[^\d.]/g, '')) || 0
}

describe('paper consent slips on a phone (zh)', () => {
  it('a head teacher prints the slips of a class, records 30 returned slips, and a later online answer wins', async () => {
    await withBrowser({ viewport: PHONE, locale: 'zh-CN' }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      const rateBefore = await consentReturn(browser)

      await browser.visit('/calendar?view=agenda')
      const href = await page.getByRole('link', { name: VISIT }).first().getAttribute('href')
      const consents = `${href}/consents`
      await browser.visit(consents)
      await fitsTheScreen(page)

      // One A4 slip per pupil of the class.
      await page.getByRole('link', { name: `${L.consents.paper.print} ${CLASS}` }).click()
      await afterNavigation(page, /\/consents\/print\?class=\d+$/)
      await fitsTheScreen(page)
      const slips = page.getByRole('article')
      await expect.poll(() => slips.count()).toBe(30)
      await page.emulateMedia({ media: 'print' })
      await expectHidden(page.locator('header').first())
      await expectHidden(page.getByRole('button', { name: L.consents.slip.printButton }))
      const pdf = await page.pdf({ preferCSSPageSize: true })
      expect(pdfPageCount(pdf)).toBe(30)
      await page.emulateMedia({ media: 'screen' })

      // Thirty returned slips, one tap each: the last two families declined.
      await page.getByRole('link', { name: L.consents.slip.back }).click()
      await afterNavigation(page, /\/consents#class-\d+$/)
      await page.getByRole('link', { name: `${L.consents.paper.record} ${CLASS}` }).click()
      await afterNavigation(page, /\/consents\?class=\d+#class-\d+$/)
      const list = page.getByRole('list', {
        name: fillTemplate(L.consents.paper.recordTitle, { class: CLASS }),
      })
      const pupils = list.locator(':scope > li')
      await expect.poll(() => pupils.count()).toBe(30)
      for (let i = 0; i < 30; i++) {
        const label = i < 28 ? L.consents.paper.give : L.consents.paper.refuse
        const button = pupils.nth(i).getByRole('button', { name: new RegExp(`^${label} `) })
        await button.click()
        await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true')
      }
      await expect
        .poll(() => figure(page, L.consents.paper.paper).first().locator('dd').textContent())
        .toBe('30')
      await expect
        .poll(() => figure(page, L.consents.paper.online).first().locator('dd').textContent())
        .toBe('0')
      await expect
        .poll(() => figure(page, L.consents.paper.none).first().locator('dd').textContent())
        .toBe('90')
      await fitsTheScreen(page)
      await checkA11y(page)

      expect(await consentReturn(browser)).toBeGreaterThan(rateBefore)
      await signOut(page)

      // 张思远's mother answers online afterwards: she does not consent.
      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      await browser.visit('/family/consents')
      const context = fillTemplate(L.consents.family.buttonContext, { child: '张思远', title: VISIT })
      await page.locator('summary').filter({ hasText: context }).click()
      await page.getByRole('button', { name: `${L.consents.family.refuse} ${context}` }).click()
      await waitForFlash(page, L.consents.family.flash.refused)
      await signOut(page)

      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit(consents)
      await page.getByRole('link', { name: `${L.consents.paper.record} ${CLASS}` }).click()
      await afterNavigation(page, /\/consents\?class=\d+#class-\d+$/)
      const siyuan = page.getByRole('listitem').filter({ hasText: '张思远' }).first()
      await expect
        .poll(() => siyuan.textContent())
        .toContain(
          fillTemplate(L.consents.paper.current, {
            status: L.consents.statuses.refused,
            source: L.consents.paper.sources.online,
          }),
        )
      await expectVisible(siyuan.getByText(/网上回复与纸质回执不一致/))
      await siyuan
        .locator('summary')
        .filter({ hasText: fillTemplate(L.consents.paper.history_other, { count: 2 }) })
        .click()
      const history = siyuan.locator('.paper-history li')
      await expect.poll(() => history.count()).toBe(2)
      await expect
        .poll(() => history.nth(0).textContent())
        .toContain(`${L.consents.paper.sources.paper} · ${L.consents.statuses.given}`)
      await expect
        .poll(() => history.nth(1).textContent())
        .toContain(`${L.consents.paper.sources.online} · ${L.consents.statuses.refused}`)
      await expect
        .poll(() => figure(page, L.consents.paper.online).first().locator('dd').textContent())
        .toBe('1')
      await checkA11y(page)
    })
    // Thirty saves, each reloading a 120-pupil page, on a machine shared by many tests.
  }, 420_000)
})
