import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { en } from '~/locales/en'
import { zh } from '~/locales/zh'
import {
  afterNavigation,
  checkA11y,
  DEMO_PASSWORD,
  expectVisible,
  fillTemplate,
  fitsTheScreen,
  PHONE,
  signIn,
  TEXT,
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
      await expect.poll(() => page.getByRole('button', { name: L.sheet.allPresent }).count()).toBe(0)
      await expect.poll(() => page.getByText(L.sheet.lead).count()).toBe(0)
      await expectVisible(page.getByText(L.sheet.leadRecorded))
      await expectVisible(page.getByText(L.sheet.enterSaves))

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

      // From the top of the page, freshly loaded, Save is a few stops away through the skip link.
      await browser.visit(new URL(page.url()).pathname)
      const save = page.getByRole('button', { name: L.sheet.save, exact: true })
      const path: string[] = []
      for (let stop = 0; stop < 30; stop++) {
        if (await save.evaluate((button) => button === document.activeElement)) break
        const focused = await page.evaluate(() => {
          const element = document.activeElement
          return { href: element?.getAttribute('href'), text: element?.textContent?.trim().slice(0, 20) }
        })
        const key = focused.href === '#sheet-bar' ? 'Enter' : 'Tab'
        path.push(`${key} on ${focused.text ?? ''}`)
        await page.keyboard.press(key)
      }
      expect(path.length, `key presses from the top of the page to Save:\n${path.join('\n')}`).toBeLessThan(
        25,
      )
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
      await expect.poll(() => tally('absent').textContent()).toBe('1')
      await expect
        .poll(() => page.locator('.sheet-counts').textContent())
        .toBe(fillTemplate(L.sheet.counts, { attended: 39, absent: 1, excused: 0, unmarked: 0 }))
      await expectVisible(page.getByText(L.header.liveHint))
    })
  })
})

const CONTEST = '国防热点TED演讲及颁奖仪式'

/** axe's checks of landmark names and ids, at every impact (checkA11y fails on serious ones only). */
async function uniqueLandmarksAndIds(page: Page) {
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withRules(['landmark-unique', 'duplicate-id', 'duplicate-id-aria', 'duplicate-id-active'])
    .analyze()
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(found, page.url()).toEqual([])
}

describe('English that reads well (en)', () => {
  it('sets English in Latin fonts and prints the certificate title on one line', async () => {
    await withBrowser({ locale: 'en-US' }, async (browser) => {
      const { page } = browser
      await browser.visit('/login')
      const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily)
      expect(font.startsWith('system-ui'), font).toBe(true)
      await uniqueLandmarksAndIds(page)
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit(`/seasons/${SPRING_SEASON}`)
      await page.getByRole('link', { name: CONTEST }).first().click()
      await afterNavigation(page, /\/activities\/\d+$/)
      await browser.visit(`${new URL(page.url()).pathname}/certificates`)
      const heading = page.getByRole('heading', { name: en.awards.certificate.heading }).first()
      const { height, fontSize } = await heading.evaluate((element) => ({
        height: element.getBoundingClientRect().height,
        fontSize: Number.parseFloat(getComputedStyle(element).fontSize),
      }))
      expect(height, 'the heading takes one line').toBeLessThan(fontSize * 1.8)
      // The Chinese text in an English page keeps the CJK stack.
      const zhFont = await page
        .getByRole('link', { name: TEXT.en.switchLanguage })
        .evaluate((element) => getComputedStyle(element).fontFamily)
      expect(zhFont.startsWith('"PingFang SC"'), zhFont).toBe(true)
    })
  })
})

describe('lists and tables on a phone (zh)', () => {
  it('shows whole winners’ names with the actions in a row, and says wide tables scroll', async () => {
    await withBrowser({ locale: 'zh-CN', viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit(`/seasons/${SPRING_SEASON}`)
      await uniqueLandmarksAndIds(page)
      // The disclosures say they open: a chevron that turns.
      const copy = page.locator('summary.toggle').filter({ hasText: zh.seasons.copy.title })
      const chevron = () => copy.evaluate((summary) => getComputedStyle(summary, '::before').transform)
      expect(await copy.evaluate((summary) => getComputedStyle(summary, '::before').borderRightStyle)).toBe(
        'solid',
      )
      const closed = await chevron()
      await copy.click()
      await expect.poll(chevron).not.toBe(closed)

      await page.getByRole('link', { name: CONTEST }).first().click()
      await afterNavigation(page, /\/activities\/\d+$/)
      await browser.visit(`${new URL(page.url()).pathname}/awards`)
      await fitsTheScreen(page)
      await uniqueLandmarksAndIds(page)
      const rows = await page.locator('.awards-list tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const names = tr.querySelector('td:nth-of-type(2)') as HTMLElement
          const box = names.getBoundingClientRect()
          const actions = tr.querySelector('.awards-actions') as HTMLElement
          const buttons = [...actions.children].map((button) => button.getBoundingClientRect().top)
          return {
            // Rows of buttons: five stacked one per line made a 230 px row.
            actionLines: new Set(buttons.map(Math.round)).size,
            clipped: names.scrollWidth > names.clientWidth || box.right > window.innerWidth,
          }
        }),
      )
      expect(rows.length).toBe(8)
      expect(rows.filter((row) => row.clipped)).toEqual([])
      expect(Math.max(...rows.map((row) => row.actionLines)), 'lines of action buttons').toBeLessThanOrEqual(
        2,
      )

      // A wide table: a named region the keyboard can scroll, shaded at its edge, with a hint.
      await browser.visit('/school/accounts')
      const region = page.getByRole('region', { name: /^表格：/ })
      const box = await region.evaluate((element) => ({
        overflows: element.scrollWidth > element.clientWidth,
        background: getComputedStyle(element).backgroundImage,
        focusable: (element as HTMLElement).tabIndex === 0,
      }))
      expect(box.overflows).toBe(true)
      expect(box.focusable).toBe(true)
      expect(box.background).toContain('radial-gradient')
      await expectVisible(page.getByText(zh.common.scrollTable))
      await region.focus()
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0)
      await uniqueLandmarksAndIds(page)
      await checkA11y(page)
    })
  })
})

describe('the parent pages (zh)', () => {
  it('have unique landmarks and ids', async () => {
    await withBrowser({ locale: 'zh-CN', viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      for (const path of ['/family', '/family/consents', '/family/notices']) {
        await browser.visit(path)
        await fitsTheScreen(page)
        await uniqueLandmarksAndIds(page)
      }
    })
  })
})

describe('the teacher home (zh)', () => {
  it("shows the teacher's overdue tasks and their class's open notice on a phone", async () => {
    await withBrowser({ locale: 'zh-CN', viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await expect.poll(() => page.getByRole('heading', { name: '我的逾期任务' }).count()).toBe(1)
      await expect.poll(() => page.getByRole('heading', { name: '接下来的考试周' }).count()).toBe(1)
      await fitsTheScreen(page)
      await uniqueLandmarksAndIds(page)
      await checkA11y(page)
      await page.getByRole('link', { name: '五(2)班实践记录公示' }).click()
      await afterNavigation(page, /\/notices\/\d+$/)
    })
  })
})
