import { describe, expect, it } from 'vitest'
import { afterNavigation, checkA11y, DEMO_PASSWORD, signIn, signOut, withBrowser } from './support'

describe('who looked at a pupil', () => {
  it('jw-teacher opens a pupil’s record; jw-admin sees that view on the record and in the audit log', async () => {
    await withBrowser({}, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await browser.visit('/students?q=张思远')
      await checkA11y(page)
      await page.getByRole('link', { name: '张思远' }).first().click()
      await afterNavigation(page, /\/students\/\d+$/)
      const recordPath = new URL(page.url()).pathname
      // A teacher does not see who else looked.
      await expect.poll(() => page.getByRole('heading', { name: '查看记录' }).count()).toBe(0)
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
      await views.getByRole('link', { name: '在操作记录中查看全部' }).click()
      await afterNavigation(page, /\/school\/audit\?pupil=\d+$/)
      await page.getByText(/与 张思远（学号 .+）有关的记录/).waitFor()
      await expect
        .poll(() =>
          page.getByRole('row').filter({ hasText: '周老师' }).filter({ hasText: '查看学生档案' }).count(),
        )
        .toBeGreaterThan(0)
      await checkA11y(page)

      // The search finds the pupil without JavaScript's help: a GET form.
      await browser.visit('/school/audit')
      await page.getByRole('searchbox', { name: '按学生查找（姓名或学号）' }).fill('张思远')
      await page.getByRole('button', { name: '查找', exact: true }).click()
      await page
        .getByRole('link', { name: /^张思远（/ })
        .first()
        .click()
      await afterNavigation(page, /\/school\/audit\?pupil=\d+$/)
      await checkA11y(page)
    })
  })
})
