import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from './server'
import {
  checkA11y,
  DEMO_PASSWORD,
  expectVisible,
  fitsTheScreen,
  headingText,
  PHONE,
  signIn,
  signOut,
  waitForFlash,
  withBrowser,
} from './support'

// The demo is seeded at the suite's clock (2026-12-07: the current year is 2026-2027); then the
// server runs on 20 August 2027, when that year is ending and 2027-2028 does not exist yet.
const NEXT_AUGUST = '2027-08-20T09:00:00+08:00'

let dir = ''
let server: RunningServer | undefined

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siji-e2e-year-'))
  const seeding = await startServer({ dir })
  await seeding.stop()
  server = await startServer({ dir, env: { SIJI_NOW: NEXT_AUGUST } })
})

afterAll(async () => {
  await server?.stop()
  if (dir && !process.env.E2E_KEEP_TMP) rmSync(dir, { recursive: true, force: true })
})

describe('the start of a year', () => {
  it('reads in English too, on a phone', async () => {
    await withBrowser({ locale: 'en-US', viewport: PHONE, baseURL: server?.url }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit('/school/year-start')
      await expect.poll(() => headingText(page)).toBe('Start of the year')
      await fitsTheScreen(page)
      await expect
        .poll(() => page.getByLabel('Name of the year', { exact: true }).inputValue())
        .toBe('2027-2028')
      const springFestival = page.getByRole('group', { name: /^Spring Festival/ })
      await expect
        .poll(() => springFestival.getByLabel('Name', { exact: true }).inputValue())
        .toBe('Spring Festival')
      const extra = page.getByRole('group', { name: 'Other entry 1' })
      await extra.getByLabel('Kind', { exact: true }).selectOption({ label: 'Make-up working day' })
      await signOut(page)
    })
  })

  it('jw-admin creates 2027-2028, rolls the roster over and copies the spring season; jw-teacher plans it', async () => {
    await withBrowser({ baseURL: server?.url }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-admin', DEMO_PASSWORD)

      // From the calendar page into the flow.
      await browser.visit('/school/calendar')
      await page.getByRole('link', { name: '新学年开始' }).click()
      await page.getByRole('heading', { level: 1, name: '新学年开始' }).waitFor()
      await checkA11y(page)

      // Step 1: the proposed year, its terms and the national holidays, with one 调休 day added.
      const step1 = page.getByRole('region', { name: /第 1 步/ })
      await expectVisible(step1.getByText('将建立 2027-2028 学年'))
      await expect.poll(() => page.getByLabel('学年名称', { exact: true }).inputValue()).toBe('2027-2028')
      const term1 = page.getByRole('group', { name: '第 1 学期' })
      await expect.poll(() => term1.getByLabel('开始日期', { exact: true }).inputValue()).toBe('2027-09-01')
      const nationalDay = page.getByRole('group', { name: /^国庆节/ })
      await expect
        .poll(() => nationalDay.getByLabel('开始日期', { exact: true }).inputValue())
        .toBe('2027-10-01')
      await expect
        .poll(() => nationalDay.getByLabel('结束日期', { exact: true }).inputValue())
        .toBe('2027-10-07')
      const springFestival = page.getByRole('group', { name: /^春节/ })
      await expect
        .poll(() => springFestival.getByLabel('开始日期', { exact: true }).inputValue())
        .toBe('2028-01-25')
      const qingming = page.getByRole('group', { name: /^清明节/ })
      await expect
        .poll(() => qingming.getByLabel('开始日期', { exact: true }).inputValue())
        .toBe('2028-04-04')
      await expect.poll(() => qingming.getByLabel('保存这个假日').isChecked()).toBe(true)
      const makeUp = page.getByRole('group', { name: '其他安排 1' })
      await makeUp.getByLabel('类型', { exact: true }).selectOption({ label: '调休上班' })
      await makeUp.getByLabel('名称', { exact: true }).fill('国庆调休上班')
      await makeUp.getByLabel('开始日期', { exact: true }).fill('2027-09-26')
      await makeUp.getByLabel('结束日期', { exact: true }).fill('2027-09-26')
      await page.getByRole('button', { name: '建立 2027-2028 学年' }).click()
      await waitForFlash(page, '新学年已建立，含两个学期和 8 项假日安排。')
      await expectVisible(step1.getByText('2027-2028 学年已建立'))

      // Step 2: what the rollover will do, then the rollover page itself, and back.
      const step2 = page.getByRole('region', { name: /第 2 步/ })
      await step2.getByText('将把学生名单从 2026-2027 学年升到 2027-2028 学年').waitFor()
      await step2.getByRole('link', { name: '查看并确认升级' }).click()
      await page.getByRole('heading', { level: 1, name: '学年升级' }).waitFor()
      await checkA11y(page)
      await page.getByRole('checkbox', { name: '我已核对，从 2026-2027 学年升入 2027-2028 学年' }).check()
      await page.getByRole('button', { name: '升入 2027-2028 学年' }).click()
      await page.waitForURL(/\/school\/year-start/)
      await waitForFlash(page, '学年升级完成')
      await step2.getByText('学生名单已升级到 2027-2028 学年。').waitFor()

      // Step 3: copy the spring season; its copy carries the new year.
      const step3 = page.getByRole('region', { name: /第 3 步/ })
      await step3.getByRole('checkbox', { name: /^春·播感恩季（2027）/ }).check()
      await step3.getByRole('button', { name: '复制到 2027-2028 学年' }).click()
      await waitForFlash(page, '已复制 1 个活动季。')
      await step3.getByRole('link', { name: '春·播感恩季（2028）' }).waitFor()
      await expect.poll(() => step3.getByRole('checkbox', { name: /^春·播感恩季（2027）/ }).count()).toBe(0)
      await signOut(page)

      // jw-teacher finds the copy in 2027-2028, a draft ready to plan.
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit('/seasons')
      await page.getByLabel('学年', { exact: true }).selectOption({ label: '2027-2028' })
      await page.getByRole('button', { name: '查看' }).click()
      await page.waitForURL(/year=/)
      await checkA11y(page)
      await page.getByRole('link', { name: '春·播感恩季（2028）' }).click()
      await page.getByRole('heading', { level: 1, name: '春·播感恩季（2028）' }).waitFor()
      await checkA11y(page)
      await expectVisible(page.getByText('草稿').first())
      await page.getByRole('link', { name: '添加活动', exact: true }).click()
      await page.waitForURL(/\/activities\/new$/)
      await checkA11y(page)
    })
  })

  it('adds a year with the 新增学年 form on /school/calendar (its inputs belong to it)', async () => {
    await withBrowser({ baseURL: server?.url }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit('/school/calendar')
      const section = page.getByRole('region', { name: '新增学年' })
      await section.getByLabel('学年名称', { exact: true }).fill('2030-2031')
      await section.getByLabel('开始日期', { exact: true }).fill('2030-09-01')
      await section.getByLabel('结束日期', { exact: true }).fill('2031-08-31')
      await section.getByRole('button', { name: '新增学年' }).click()
      await waitForFlash(page, '学年已添加。')
      await page.getByRole('heading', { level: 2, name: '2030-2031 学年' }).waitFor()
    })
  })
})
