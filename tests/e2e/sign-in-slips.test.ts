import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from './server'
import {
  acknowledgePrivacyNotice,
  checkA11y,
  DEMO_PASSWORD,
  fitsTheScreen,
  PHONE,
  signIn,
  withBrowser,
} from './support'

// A server of its own: printing resets jw-parent's password, which the other tests sign in with.
let server: RunningServer | undefined

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

describe('parents’ sign-in slips', () => {
  it('jw-teacher prints the slips of 五(2)班; jw-parent signs in with the phone and the printed password', async () => {
    let password = ''
    await withBrowser({ viewport: PHONE, baseURL: server?.url }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit('/classes')
      await page.getByRole('link', { name: '五(2)班' }).click()
      await page.getByRole('heading', { level: 1, name: '五(2)班' }).waitFor()
      await page.getByRole('link', { name: '家长登录单' }).click()
      await page.getByRole('heading', { level: 1, name: '五(2)班家长登录单' }).waitFor()
      await checkA11y(page)
      await fitsTheScreen(page)
      await expect.poll(() => page.getByText('打印会重置下列 1 户家长的密码').count()).toBe(1)
      await page.getByRole('button', { name: '重置密码并打印 1 张登录单' }).click()
      const slip = page.getByRole('article', { name: /jw-parent/ })
      await slip.waitFor()
      await checkA11y(page)
      await fitsTheScreen(page)
      await expect.poll(() => slip.getByText('张同学（五(2)班）').count()).toBe(1)
      await expect.poll(() => slip.getByText('139****0001').count()).toBe(1)
      await expect.poll(() => slip.getByRole('img', { name: '登录地址的二维码' }).count()).toBe(1)
      password = (await slip.locator('.one-time-secret').textContent()) ?? ''
      expect(password).toMatch(/^[A-Za-z2-9]{12}$/)
    })

    await withBrowser(
      { viewport: PHONE, baseURL: server?.url },
      async (browser) => {
        const { page } = browser
        await browser.visit('/login')
        // The demo password no longer opens the account.
        await signIn(page, '13900000001', DEMO_PASSWORD, { expect: 'refused' })
        await signIn(page, '139 0000 0001', password)
        await page.waitForURL(/\/account\/password$/)
        await page.getByLabel('当前密码', { exact: true }).fill(password)
        await page.getByLabel('新密码', { exact: true }).fill('zhang-new-password')
        await page.getByLabel('再次输入新密码', { exact: true }).fill('zhang-new-password')
        await page.getByRole('button', { name: '保存新密码' }).click()
        // Then, as at any guardian's first sign-in, the school's privacy notice before the rest.
        await page.waitForURL(/\/privacy\/acknowledge\?redirectTo=/)
        await acknowledgePrivacyNotice(page)
        await page.waitForURL(/\/family$/)
        await checkA11y(page)
      },
      [/status of 401/],
    )
  })
})
