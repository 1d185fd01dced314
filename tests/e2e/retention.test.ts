import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from './server'
import { checkA11y, DEMO_PASSWORD, fitsTheScreen, PHONE, signIn, waitForFlash, withBrowser } from './support'

// A server of its own: anonymising changes a demo pupil for good.
let server: RunningServer | undefined

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

describe('anonymising a departed pupil', () => {
  it('jw-admin records that 张一诺 left, then anonymises the record with a reason', async () => {
    await withBrowser({ viewport: PHONE, baseURL: server?.url }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await browser.visit('/school/roster')
      await page.getByLabel('姓名或学号').fill('张一诺')
      await page.getByRole('button', { name: '查找' }).click()
      await page.getByRole('link', { name: '张一诺' }).click()
      await page.getByRole('heading', { level: 1, name: '张一诺' }).waitFor()
      // In school: not offered, and the page says why.
      await page.getByText('在校学生不能匿名化').waitFor()
      await checkA11y(page)

      await page.getByLabel('在读').uncheck()
      await page.getByRole('button', { name: '保存', exact: true }).click()
      await waitForFlash(page, '学生信息已保存。')

      const reason = page.getByLabel('原因')
      await page.getByRole('button', { name: '立即匿名化' }).click()
      await page.getByText('请填写此项。').waitFor()
      await reason.fill('家长书面申请删除孩子的信息')
      await page.getByRole('button', { name: '立即匿名化' }).click()
      await page.getByRole('heading', { name: '确认匿名化' }).waitFor()
      await checkA11y(page)
      await fitsTheScreen(page)
      await page.getByRole('button', { name: '确认，永久匿名化' }).click()
      await waitForFlash(page, '已匿名化这位学生。')
      await page.getByRole('heading', { level: 1, name: /^已匿名学生 / }).waitFor()
      await page.getByText('这位学生的档案已匿名化').waitFor()
      await expect.poll(() => page.getByRole('button', { name: '保存', exact: true }).count()).toBe(0)
      await checkA11y(page)
      await fitsTheScreen(page)

      // The roster list shows the label, not the name.
      await browser.visit('/school/roster')
      await page.getByLabel('姓名或学号').fill('已匿名')
      await page.getByRole('button', { name: '查找' }).click()
      const row = page.getByRole('row', { name: /已匿名学生/ })
      await expect.poll(() => row.getByText('已匿名化').count()).toBe(1)
      await checkA11y(page)
    })
  })
})
