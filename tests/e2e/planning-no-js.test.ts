import { describe, expect, it } from 'vitest'
import { zh } from '~/locales/zh'
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

const L = zh

describe('planning without JavaScript', () => {
  it('every planning form posts, says what is wrong next to the field and keeps what was typed', async () => {
    await withBrowser(
      { javaScriptEnabled: false },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)

        // A season ending before it starts is refused by the server, with the typed values kept.
        await browser.visit('/seasons/new')
        await page.getByLabel(L.seasons.fields.title, { exact: true }).fill('寒假·安全季')
        await page.getByLabel(L.seasons.fields.startsOn, { exact: true }).fill('2027-01-20')
        await page.getByLabel(L.seasons.fields.endsOn, { exact: true }).fill('2027-01-10')
        await page.getByRole('button', { name: L.seasons.create }).click()
        await settle(page)
        await checkA11y(page)
        await expectVisible(page.getByText(L.validation.endBeforeStart))
        await expect
          .poll(() => page.getByLabel(L.seasons.fields.title, { exact: true }).inputValue())
          .toBe('寒假·安全季')
        await page.getByLabel(L.seasons.fields.endsOn, { exact: true }).fill('2027-01-29')
        await page.getByRole('button', { name: L.seasons.create }).click()
        await page.waitForURL(/\/seasons\/\d+$/)
        await settle(page)
        await expect.poll(() => headingText(page)).toBe('寒假·安全季')
        const seasonPath = new URL(page.url()).pathname

        // A strand with no grade is refused; with one it is added.
        const addStrand = page.locator('form#add-strand')
        await addStrand.getByLabel(L.seasons.strands.name, { exact: true }).fill('居家安全')
        await addStrand.getByRole('button', { name: L.seasons.strands.add }).click()
        await settle(page)
        await expectVisible(page.getByText(L.validation.chooseGrade))
        expect(
          await page
            .locator('form#add-strand')
            .getByLabel(L.seasons.strands.name, { exact: true })
            .inputValue(),
        ).toBe('居家安全')
        await page.locator('form#add-strand').getByRole('checkbox', { name: '三年级', exact: true }).check()
        await page.locator('form#add-strand').getByRole('button', { name: L.seasons.strands.add }).click()
        await page.getByRole('status').filter({ hasText: L.seasons.strands.added }).waitFor()

        // An activity whose end is not after its start is refused; corrected, it is saved.
        await browser.visit(`${seasonPath}/activities/new`)
        await page.getByLabel(L.activities.form.title, { exact: true }).fill('寒假安全主题班会')
        await page.getByLabel(L.activities.form.startsAt, { exact: true }).fill('2027-01-21T10:00')
        await page.getByLabel(L.activities.form.endsAt, { exact: true }).fill('2027-01-21T09:00')
        await page.getByRole('checkbox', { name: '三年级（全年级）' }).check()
        await page.getByRole('button', { name: L.activities.form.create }).click()
        await settle(page)
        await checkA11y(page)
        await expectVisible(page.getByText(L.activities.validation.endNotAfterStart))
        await expect
          .poll(() => page.getByLabel(L.activities.form.title, { exact: true }).inputValue())
          .toBe('寒假安全主题班会')
        await expect
          .poll(() => page.getByRole('checkbox', { name: '三年级（全年级）' }).isChecked())
          .toBe(true)
        await page.getByLabel(L.activities.form.endsAt, { exact: true }).fill('2027-01-21T11:00')
        await page.getByRole('button', { name: L.activities.form.create }).click()
        await page.waitForURL(/\/activities\/\d+$/)
        await settle(page)
        await expect.poll(() => headingText(page)).toBe('寒假安全主题班会')

        // The season is submitted with a plain form post.
        await browser.visit(seasonPath)
        await page.getByRole('button', { name: L.seasons.submit.button }).click()
        await page.getByRole('status').filter({ hasText: L.seasons.submit.done }).waitFor()
        await signOut(page)
      },
      [/status of 400/],
    )
  })
})
