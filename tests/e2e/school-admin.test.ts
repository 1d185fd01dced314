import { describe, expect, it } from 'vitest'
import {
  checkA11y,
  DEMO_PASSWORD,
  expectVisible,
  headingText,
  settle,
  signIn,
  signOut,
  withBrowser,
} from './support'

// The browser logs the status of a refused form (400) or a forbidden page (403) as a console error.
const EXPECTED_STATUS = [/status of 40[03]/]

describe('school administration in the browser', () => {
  it('jw-admin walks the school pages, issues an account, and its owner must set a password', async () => {
    await withBrowser(
      {},
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-admin', DEMO_PASSWORD)

        await browser.visit('/school')
        await expect.poll(() => headingText(page)).toBe('学校设置')
        await browser.visit('/school/calendar')
        await expectVisible(page.getByText('清明节').first())
        await browser.visit('/school/audit')
        await expectVisible(page.getByRole('cell', { name: '德育主任陈老师' }).first())
        await browser.visit('/classes')
        await page.getByRole('link', { name: '五(2)班' }).click()
        await page.waitForURL(/\/classes\/\d+$/)
        await page.getByRole('heading', { level: 1, name: '五(2)班' }).waitFor()
        await checkA11y(page)
        await expectVisible(page.getByText('周老师').first())

        await browser.visit('/school/accounts')
        await page.getByLabel('用户名', { exact: true }).fill('e2e-teacher')
        await page.getByLabel('显示名称', { exact: true }).fill('测试老师')
        await page.getByLabel('角色', { exact: true }).selectOption('teacher')
        await page.getByRole('button', { name: '创建账号' }).click()
        const secret = page.locator('.one-time-secret')
        await secret.waitFor()
        const oneTimePassword = (await secret.textContent())?.trim() ?? ''
        expect(oneTimePassword).toMatch(/^\S{12}$/)
        await signOut(page)

        await signIn(page, 'e2e-teacher', oneTimePassword)
        await page.waitForURL(/\/account\/password$/)
        await settle(page)
        await expect.poll(() => headingText(page)).toBe('修改密码')
        await page.getByLabel('当前密码', { exact: true }).fill(oneTimePassword)
        await page.getByLabel('新密码', { exact: true }).fill('a-new-long-password')
        await page.getByLabel('再次输入新密码', { exact: true }).fill('a-new-long-password')
        await page.getByRole('button', { name: '保存新密码' }).click()
        await page.getByRole('status').filter({ hasText: '密码已修改。' }).waitFor()
        await expect.poll(() => headingText(page)).toContain('测试老师')
        await signOut(page)
      },
      EXPECTED_STATUS,
    )
  })

  it('keeps what the admin typed and says why when a term falls outside its year', async () => {
    await withBrowser(
      { locale: 'en-US' },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'zb-admin', DEMO_PASSWORD)
        await browser.visit('/school/calendar')
        const year = page.getByRole('region', { name: 'Academic year 2025-2026', exact: true })
        const termForm = year.locator('form').filter({ has: page.getByRole('button', { name: 'Add term' }) })
        await termForm.getByLabel('Term name').fill('Summer school')
        await termForm.getByLabel('Start date').fill('2026-08-20')
        await termForm.getByLabel('End date').fill('2026-09-10')
        await termForm.getByRole('button', { name: 'Add term' }).click()
        await page.getByText('A term must lie within the academic year.').waitFor()
        await expect.poll(() => termForm.getByLabel('Term name').inputValue()).toBe('Summer school')
        await expect.poll(() => termForm.getByLabel('Start date').getAttribute('aria-invalid')).toBe('true')
        await settle(page)
        await checkA11y(page)
      },
      EXPECTED_STATUS,
    )
  })

  it('shows teachers their classes and keeps teachers and parents out of admin pages', async () => {
    await withBrowser(
      { locale: 'en-US' },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'hs-teacher', DEMO_PASSWORD)
        await expectVisible(page.getByRole('link', { name: 'Senior class 4' }))
        await browser.visit('/school/accounts', { expectStatus: 403 })
        await expect.poll(() => headingText(page)).toBe('Not allowed')
        await browser.visit('/')
        await signOut(page)

        await signIn(page, 'hs-parent', DEMO_PASSWORD)
        await browser.visit('/classes', { expectStatus: 403 })
        await expect.poll(() => headingText(page)).toBe('Not allowed')
      },
      EXPECTED_STATUS,
    )
  })
})
