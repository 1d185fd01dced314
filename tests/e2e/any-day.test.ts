import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, fitsTheScreen, PHONE, settle, signIn, signOut, withBrowser } from './support'

// What a new user finds on the demo whatever the date: the server's clock is the run's SIJI_NOW
// (vitest.config.ts pins one; the date matrix in .ci/run runs this file under several more).

describe('the demo on any date', () => {
  it('a parent on a phone sees what is coming and a consent waiting; the admin sees last records', async () => {
    await withBrowser({ viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      await expect.poll(() => page.url()).toMatch(/\/family$/)
      await fitsTheScreen(page)
      const upcoming = page.locator('section.family-part', {
        has: page.getByRole('heading', { name: '接下来的活动' }),
      })
      await expect.poll(() => upcoming.locator('li').count()).toBeGreaterThan(0)
      const waiting = page.locator('section.family-part', {
        has: page.getByRole('heading', { name: '待回复的同意书' }),
      })
      await expect.poll(() => waiting.locator('li').count()).toBeGreaterThan(0)
      await waiting.getByRole('link').first().click()
      await expect.poll(() => page.url()).toMatch(/\/family\/consents/)
      await settle(page)
      await fitsTheScreen(page)
      await browser.visit('/family/consents')
      await signOut(page)

      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit('/reports')
      const rate = page.locator('dl.stats > div', { hasText: '出席率' }).locator('dd')
      await expect.poll(() => rate.textContent()).toMatch(/^[1-9]\d*(\.\d+)?%$/)
      // The year switch says which year the figures are of, and another year can be chosen.
      await expect.poll(() => page.getByLabel('学年').count()).toBeGreaterThan(0)
      await browser.visit('/seasons')
      await expect.poll(() => page.getByLabel('学年').count()).toBe(1)
      await expect.poll(() => page.locator('table.data-table tbody tr').count()).toBeGreaterThan(0)
    })
  })
})
