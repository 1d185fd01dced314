import { describe, expect, it } from 'vitest'
import {
  acknowledgePrivacyNotice,
  checkA11y,
  DEMO_PASSWORD,
  expectVisible,
  fitsTheScreen,
  headingText,
  PHONE,
  settle,
  signIn,
  signOut,
  waitForFlash,
  withBrowser,
} from './support'

describe('the privacy notice in the browser (zh, phone)', () => {
  it('jw-parent acknowledges it at first sign-in, reads it from the footer, and is asked again after jw-admin publishes version 2', async () => {
    await withBrowser({ viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-parent', DEMO_PASSWORD, { acknowledgePrivacy: false })
      await page.waitForURL(/\/privacy\/acknowledge\?redirectTo=/)
      await expect.poll(() => headingText(page)).toBe('请阅读个人信息保护告知')
      await expectVisible(page.getByText('第 1 版'))
      await expectVisible(page.getByRole('heading', { name: '保存多久' }))
      await fitsTheScreen(page)

      // Without the box ticked nothing is sent; the message says why, next to the box.
      await page.getByRole('button', { name: '确认并继续' }).click()
      await page.getByText('请勾选以确认您已阅读并同意。').waitFor()
      expect(new URL(page.url()).pathname).toBe('/privacy/acknowledge')
      await checkA11y(page)
      await acknowledgePrivacyNotice(page)
      expect(new URL(page.url()).pathname).toBe('/family')

      await page.getByRole('contentinfo').getByRole('link', { name: '个人信息保护告知' }).click()
      await page.waitForURL(/\/privacy$/)
      await page.getByRole('heading', { level: 1, name: '个人信息保护告知', exact: true }).waitFor()
      await settle(page)
      await expectVisible(page.getByText('闵行区纪王学校德育处').first())
      await checkA11y(page)
      await fitsTheScreen(page)
      await signOut(page)

      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit('/school')
      await page.getByRole('link', { name: '个人信息保护告知' }).first().click()
      await page.waitForURL(/\/school\/privacy$/)
      await settle(page)
      await page.getByText(/^\d+ \/ \d+ 位家长已确认当前版本$/).waitFor()
      await checkA11y(page)
      await page.getByLabel('个人信息保护负责人及联系方式').fill('德育主任陈老师 021-64000000')
      await page.getByRole('button', { name: '发布为第 2 版' }).click()
      await waitForFlash(page, '新版本已发布，家长下次打开四季时会被要求确认。')
      await page.getByText(/^0 \/ \d+ 位家长已确认当前版本$/).waitFor()
      await checkA11y(page)
      await signOut(page)

      await signIn(page, 'jw-parent', DEMO_PASSWORD, { acknowledgePrivacy: false })
      await page.waitForURL(/\/privacy\/acknowledge\?redirectTo=/)
      await page.getByText('学校更新了个人信息保护告知（第 2 版），请重新阅读并确认。').waitFor()
      await expectVisible(page.getByText('德育主任陈老师 021-64000000'))
      await acknowledgePrivacyNotice(page)
      expect(new URL(page.url()).pathname).toBe('/family')
      await signOut(page)

      // The school's public page links the same notice, for visitors.
      await browser.visit('/s/jiwang')
      await page.getByRole('contentinfo').getByRole('link', { name: '个人信息保护告知' }).click()
      await page.waitForURL(/\/s\/jiwang\/privacy$/)
      await settle(page)
      await expectVisible(page.getByText('第 2 版'))
      await checkA11y(page)
    })
  })
})
