import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, fitsTheScreen, PHONE, signIn, signOut, waitForFlash, withBrowser } from './support'

const VISIT = '学雷锋志愿服务回头看：再访银杏社区'

describe('families only paper reaches', () => {
  it('a class teacher sees who needs paper, reminds 五(2)班, and the parent finds the reminder', async () => {
    await withBrowser({ viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit('/calendar?view=agenda')
      const href = await page
        .getByRole('link', { name: new RegExp(VISIT) })
        .first()
        .getAttribute('href')
      await browser.visit(`${href}/consents`)
      await fitsTheScreen(page)

      // Her own class is open: the 29 pupils whose guardians have no account, not 张思远.
      const paper = page.getByRole('region', { name: /需要纸质通知的家庭/ })
      await paper.getByText('119 名学生需要纸质通知').waitFor()
      const ownClass = paper.getByRole('list', { name: '五(2)班' })
      await ownClass.getByText('董嘉怡', { exact: true }).waitFor()
      await expect.poll(() => ownClass.getByRole('listitem').count()).toBe(29)
      await expect.poll(() => ownClass.getByText('张思远').count()).toBe(0)

      await page.getByLabel('提醒范围').selectOption({ label: '五(2)班' })
      await page.getByRole('button', { name: '提醒未回复的家长' }).click()
      await waitForFlash(page, '已提醒 1 位家长。')
      await page
        .getByText(/周老师提醒了五\(2\)班：1 位家长收到提醒，29 名未回复的学生需要纸质回执。/)
        .waitFor()
      await fitsTheScreen(page)
      await signOut(page)

      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      await browser.visit('/inbox')
      await page
        .getByRole('link', { name: `提醒：活动「${VISIT}」的外出知情同意还在等您为张思远回复。` })
        .waitFor()
      await fitsTheScreen(page)
      await signOut(page)
    })
  })
})
