import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, expectVisible, fitsTheScreen, PHONE, signIn, signOut, withBrowser } from './support'

async function idOf(page: Page, link: RegExp): Promise<string> {
  const href = await page.getByRole('link', { name: link }).first().getAttribute('href')
  return href ?? ''
}

describe('planning on a phone', () => {
  it('a teacher reads the season, an activity, the calendar, the agenda and the talent pool at 360 px', async () => {
    await withBrowser({ viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit('/seasons?year=1')
      await fitsTheScreen(page)
      const season = await idOf(page, /春·播感恩季/)
      await browser.visit(season)
      await fitsTheScreen(page)
      await expectVisible(page.getByRole('heading', { name: '主线 × 年级覆盖' }))
      const volunteering = await idOf(page, /学雷锋志愿服务/)
      await browser.visit(volunteering)
      await fitsTheScreen(page)
      await expectVisible(page.getByText('银杏社区').first())
      for (const path of [
        '/calendar?date=2026-03-05',
        '/calendar?view=week&date=2026-03-05',
        '/calendar?view=agenda',
        '/partners',
      ]) {
        await browser.visit(path)
        await fitsTheScreen(page)
      }
      await expectVisible(page.getByText('汪洁').first())
      await signOut(page)
    })
  })

  it('a parent sees the published March activities of both children, and not the planning pages', async () => {
    await withBrowser(
      { viewport: PHONE },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await browser.visit('/calendar?date=2026-03-05')
        await fitsTheScreen(page)
        // 张一诺 is in grade 1 (the pottery bouquet), 张思远 in grade 5 (the volunteer service).
        await page
          .getByRole('link', { name: /陶艺感恩花束/ })
          .first()
          .waitFor()
        const service = await idOf(page, /学雷锋志愿服务/)
        // Grade 8's speech contest is not for this family.
        await expect.poll(() => page.getByRole('link', { name: /TED/ }).count()).toBe(0)
        await browser.visit(service)
        await fitsTheScreen(page)
        await expectVisible(page.getByText('张思远').first())
        await browser.visit('/seasons', { expectStatus: 403 })
        await browser.visit('/partners', { expectStatus: 403 })
        await signOut(page)
      },
      [/status of 403/],
    )
  })
})
