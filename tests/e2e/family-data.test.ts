import { readFile } from 'node:fs/promises'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  acknowledgePrivacyNotice,
  afterNavigation,
  checkA11y,
  DEMO_PASSWORD,
  fitsTheScreen,
  PHONE,
  signIn,
  signOut,
  waitForFlash,
  withBrowser,
} from './support'

const REQUEST = '银杏社区的志愿服务记成了 2 课时，实际是 3 课时。'
const ANSWER = '已核对签到表，改为 3 课时。'

describe('the family’s copy of their child’s data', () => {
  it('a guardian acknowledges the notice at first sign-in, downloads the child’s data and asks for a correction; the head teacher answers; the admin sees who viewed the pupil', async () => {
    await withBrowser({ viewport: PHONE }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      // The first sign-in: the privacy notice comes before anything else.
      await signIn(page, 'jw-parent', DEMO_PASSWORD, { acknowledgePrivacy: false })
      await page.waitForURL(/\/privacy\/acknowledge\?redirectTo=/)
      await acknowledgePrivacyNotice(page)
      expect(new URL(page.url()).pathname).toBe('/family')
      await page
        .getByRole('link', { name: /张思远/ })
        .first()
        .click()
      await afterNavigation(page, /\/family\/children\/\d+$/)
      await page.getByRole('link', { name: '查看和下载孩子的数据' }).click()
      await afterNavigation(page, /\/family\/children\/\d+\/data$/)
      await page.getByRole('heading', { level: 1, name: '张思远的数据' }).waitFor()
      await page.getByRole('heading', { name: '活动参与' }).waitFor()
      await fitsTheScreen(page)

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载全部数据（ZIP）' }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/\.zip$/)
      const path = await download.path()
      const files = unzipSync(new Uint8Array(await readFile(path)))
      const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array))
      expect(data.child.name).toBe('张思远')

      await page.getByRole('link', { name: /申请更正这部分.*活动参与/ }).click()
      await expect.poll(() => page.getByLabel('哪一部分').inputValue()).toBe('participation')
      await checkA11y(page)
      await page.getByRole('button', { name: '提交更正申请' }).click()
      await page.getByText('请填写此项。').waitFor()
      await page.getByLabel('哪里不对，应该是什么').fill(REQUEST)
      await page.getByRole('button', { name: '提交更正申请' }).click()
      await waitForFlash(page, '更正申请已提交，班主任答复后会通知您。')
      await page.getByText(REQUEST).waitFor()
      await page.getByText('等待答复。').waitFor()
      await signOut(page)

      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit('/inbox')
      await page.getByRole('link', { name: `张思远的家长申请更正“活动参与”：${REQUEST}` }).click()
      await afterNavigation(page, /\/corrections\/\d+$/)
      await fitsTheScreen(page)
      await page.getByLabel('结果').selectOption({ label: '已更正' })
      await page.getByLabel('答复内容（不更正时写明理由）').fill(ANSWER)
      await page.getByRole('button', { name: '发送答复' }).click()
      await waitForFlash(page, '答复已发送给家长。')
      // The teacher then checks the pupil's record: a read the admin can trace.
      await browser.visit('/students?q=张思远')
      await page.getByRole('link', { name: '张思远' }).first().click()
      await afterNavigation(page, /\/students\/\d+$/)
      const recordPath = new URL(page.url()).pathname
      await signOut(page)

      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      await browser.visit('/inbox')
      await page.getByRole('link', { name: `您对张思远的“活动参与”的更正申请：已更正。${ANSWER}` }).click()
      await afterNavigation(page, /\/family\/children\/\d+\/data/)
      await page.getByText(ANSWER).waitFor()
      await fitsTheScreen(page)
      // The family sees how many staff views there were this term (not who: the integration test).
      await page.getByRole('link', { name: '返回张思远的档案' }).click()
      await afterNavigation(page, /\/family\/children\/\d+$/)
      await page.getByText(/^本学期教职工查看 \d+ 次$/).waitFor()
      await signOut(page)

      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit(recordPath)
      const views = page.getByRole('region', { name: '查看记录' })
      await expect
        .poll(() =>
          views.getByRole('row').filter({ hasText: '周老师' }).filter({ hasText: '查看学生档案' }).count(),
        )
        .toBeGreaterThan(0)
      await checkA11y(page)
    })
  })
})
