import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { zh } from '~/locales/zh'
import {
  afterNavigation,
  checkA11y,
  DEMO_PASSWORD,
  fillTemplate,
  fitsTheScreen,
  PHONE,
  signIn,
  withBrowser,
} from './support'

// Issue 15, defects 5 to 7: the participation sheet with the keyboard, and pages on a phone. The
// demo's spring service (season 1) has a recorded sheet of 40 grade-5 pupils; nothing here saves it.
const SPRING_SEASON = 1
const SERVICE = '学雷锋志愿服务：走进银杏社区和敬老院'

async function openServiceSheet(page: Page, visit: (path: string) => Promise<Page>) {
  await visit(`/seasons/${SPRING_SEASON}`)
  await page.getByRole('link', { name: SERVICE }).first().click()
  await afterNavigation(page, /\/activities\/\d+$/)
  await page.getByRole('link', { name: zh.activities.view.participation }).click()
  await afterNavigation(page, /\/participation$/)
}

/** Where the focused element and the sticky save bar are on the screen now. */
function focusAndBar(page: Page) {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null
    const bar = document.querySelector('.sheet-bar')
    if (!focused || !bar) return null
    const f = focused.getBoundingClientRect()
    const b = bar.getBoundingClientRect()
    return {
      label: `${focused.tagName} ${focused.getAttribute('name') ?? focused.textContent?.trim().slice(0, 30)}`,
      inBar: bar.contains(focused),
      inSheet: Boolean(focused.closest('.sheet-rows')),
      overlap: Math.max(0, Math.min(f.bottom, b.bottom) - Math.max(f.top, b.top)),
      visible: f.width > 0 && f.height > 0,
    }
  })
}

describe('the participation sheet with the keyboard, on a phone (zh)', () => {
  const L = zh.participation
  it('no Tab stop hides behind the save bar, Save is a few stops away, the tallies follow the taps', async () => {
    await withBrowser({ locale: 'zh-CN', viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await openServiceSheet(page, (path) => browser.visit(path))
      await fitsTheScreen(page)

      // A recorded sheet offers no "all present", so nothing tells the teacher to tap it.
      expect(await page.getByRole('button', { name: L.sheet.allPresent }).count()).toBe(0)
      expect(await page.getByText(L.sheet.lead).count()).toBe(0)
      expect(await page.getByText(L.sheet.leadRecorded).isVisible()).toBe(true)
      expect(await page.getByText(L.sheet.enterSaves).isVisible()).toBe(true)

      // The first 40 Tab stops from the top of the page: none under the sticky bar.
      await page.evaluate(() => {
        window.scrollTo(0, 0)
        ;(document.activeElement as HTMLElement | null)?.blur()
      })
      const obscured: string[] = []
      let inSheet = 0
      for (let stop = 0; stop < 40; stop++) {
        await page.keyboard.press('Tab')
        const where = await focusAndBar(page)
        if (!where?.visible || where.inBar) continue
        if (where.inSheet) inSheet++
        if (where.overlap > 0) obscured.push(`${stop + 1}: ${where.label} (${where.overlap}px)`)
      }
      expect(inSheet, 'Tab stops inside the sheet rows').toBeGreaterThan(10)
      expect(obscured).toEqual([])

      // From the top of the page, Save is a few stops away through the skip link.
      await page.evaluate(() => {
        window.scrollTo(0, 0)
        ;(document.activeElement as HTMLElement | null)?.blur()
      })
      const save = page.getByRole('button', { name: L.sheet.save, exact: true })
      let stops = 0
      for (; stops < 30; stops++) {
        if (await save.evaluate((button) => button === document.activeElement)) break
        const onSkip = await page.evaluate(
          () => document.activeElement?.getAttribute('href') === '#sheet-bar',
        )
        await page.keyboard.press(onSkip ? 'Enter' : 'Tab')
      }
      expect(stops, 'key presses from the top of the page to Save').toBeLessThan(30)
      expect(await save.evaluate((button) => button === document.activeElement)).toBe(true)
      await checkA11y(page)

      // One pupil marked absent: the tallies above and the bar agree before saving.
      const tallies = page.getByRole('region', { name: L.header.live })
      const tally = (status: 'attended' | 'absent' | 'excused' | 'unmarked') =>
        tallies.getByRole('definition').nth(['attended', 'absent', 'excused', 'unmarked'].indexOf(status))
      await expect.poll(() => tally('attended').textContent()).toBe('40')
      const firstRow = page.locator('.sheet-row').first()
      await firstRow.getByText(zh.participation.statuses.absent, { exact: true }).click()
      await expect.poll(() => tally('attended').textContent()).toBe('39')
      expect(await tally('absent').textContent()).toBe('1')
      expect(await page.locator('.sheet-counts').textContent()).toBe(
        fillTemplate(L.sheet.counts, { attended: 39, absent: 1, excused: 0, unmarked: 0 }),
      )
      expect(await page.getByText(L.header.liveHint).isVisible()).toBe(true)
    })
  })
})
