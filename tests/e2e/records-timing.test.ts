import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { en } from '~/locales/en'
import { zh } from '~/locales/zh'
import { testServerURL } from './file-server'
import {
  afterNavigation,
  approveSeason,
  checkA11y,
  DEMO_PASSWORD,
  fillTemplate,
  settle,
  signIn,
  signOut,
  templatePattern,
  waitForFlash,
  withBrowser,
} from './support'

// Records only when they can be true (issue 13). The server's clock stands at 2026-12-07 10:00; the
// demo's 2027 copy of 春·播感恩季 (season 2) holds next spring's activities. A refused save (400)
// shows up as a console error of the browser.
const EXPECTED_STATUS = [/status of 400/]
const NEXT_SEASON = 2
// Grade 1's pottery workshop on 6 March 2027, where 张一诺 (jw-parent's child, 一(2)班) takes part.
const WORKSHOP = '陶艺感恩花束'
const CHILD = '张一诺'

async function openSheet(page: Page, participation: string) {
  await page.goto(new URL(`/seasons/${NEXT_SEASON}`, page.url()).href)
  await settle(page)
  await page.getByRole('link', { name: WORKSHOP }).first().click()
  await afterNavigation(page, /\/activities\/\d+$/)
  await page.getByRole('link', { name: participation }).click()
  await afterNavigation(page, /\/participation$/)
}

/**
 * A status posted with the roles, as a sheet page kept open from elsewhere or a crafted request
 * would send: the page itself offers none before the start.
 */
async function postAttendanceToo(page: Page) {
  await page.evaluate(() => {
    const form = document.getElementById('sheet')
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = 'rows[0].status'
    input.value = 'attended'
    input.id = 'crafted-status'
    form?.append(input)
  })
}

describe('records before the activity starts (zh)', () => {
  const L = zh
  it('the teacher is told attendance opens on the day, plans two speakers; the parent sees them as planned', async () => {
    await withBrowser(
      { locale: 'zh-CN', baseURL: await testServerURL() },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')

        // Next spring's programme can take planned roles once approved (on this test's own server).
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await approveSeason(browser, { seasonId: NEXT_SEASON, text: L })
        await signOut(page)

        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await openSheet(page, L.activities.view.participation)
        await page.getByRole('heading', { name: L.participation.planning.title }).waitFor()
        await page
          .getByText(fillTemplate(L.participation.planning.body, { when: '2027年3月6日 13:00' }))
          .waitFor()
        // The class joins the sheet (the workshop is for the whole grade), as planning allows.
        await page.getByLabel(L.participation.add.wholeClass).selectOption({ label: '一(2)班' })
        await page.getByRole('button', { name: L.participation.add.addClass }).click()
        await page
          .getByRole('status')
          .filter({ hasText: new RegExp(fillTemplate(L.participation.flash.added_other, { count: '\\d+' })) })
          .waitFor()
        await checkA11y(page)
        // Nothing on the page marks anyone present before the day.
        await page.getByRole('button', { name: L.participation.planning.save }).waitFor()
        await expect
          .poll(() => page.getByRole('button', { name: L.participation.sheet.allPresent }).count())
          .toBe(0)
        await expect
          .poll(() => page.getByRole('radio', { name: L.participation.statuses.attended }).count())
          .toBe(0)
        expect(
          await page.getByLabel(templatePattern(`${L.participation.sheet.hours} {{name}}`)).count(),
        ).toBe(0)

        const child = page.getByRole('combobox', { name: `${L.participation.sheet.role} ${CHILD}` })
        const roles = page.getByRole('combobox', {
          name: templatePattern(`${L.participation.sheet.role} {{name}}`),
        })
        const other =
          (await roles.nth(0).getAttribute('id')) === (await child.getAttribute('id'))
            ? roles.nth(1)
            : roles.nth(0)
        await child.selectOption({ label: L.participation.roles.speaker })
        await other.selectOption({ label: L.participation.roles.speaker })

        // Attendance posted with them is refused with the message; the chosen roles stay.
        await postAttendanceToo(page)
        await page.getByRole('button', { name: L.participation.planning.save }).click()
        await page.getByRole('alert').filter({ hasText: L.participation.planning.refused }).waitFor()
        await checkA11y(page)
        await page.locator('#crafted-status').evaluate((input) => input.remove())
        await expect.poll(() => child.inputValue()).toBe('speaker')
        await expect.poll(() => other.inputValue()).toBe('speaker')

        await page.getByRole('button', { name: L.participation.planning.save }).click()
        await waitForFlash(page, fillTemplate(L.participation.flash.planned_other, { count: 2 }))
        await expect.poll(() => child.inputValue()).toBe('speaker')
        await signOut(page)

        // The parent sees the role as planned, never as attended and without hours.
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await page.getByRole('link', { name: fillTemplate(L.home.openRecord, { name: CHILD }) }).click()
        await afterNavigation(page, /\/family\/children\/\d+$/)
        const planned = page
          .locator('li.record-entry')
          .filter({ hasText: WORKSHOP })
          .filter({
            hasText: fillTemplate(L.records.timeline.planned, { role: L.participation.roles.speaker }),
          })
        await planned.first().waitFor()
        await expect.poll(() => planned.count()).toBe(1)
        await expect.poll(() => planned.textContent()).not.toContain(L.participation.statuses.attended)
        await expect.poll(() => planned.textContent()).not.toContain('课时')
      },
      EXPECTED_STATUS,
    )
  })
})

describe('records before the activity starts (en)', () => {
  const L = en
  it('the refusal and the day attendance opens read in English', async () => {
    await withBrowser(
      { locale: 'en-US', baseURL: await testServerURL() },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await approveSeason(browser, { seasonId: NEXT_SEASON, text: L })
        await openSheet(page, L.activities.view.participation)
        await page
          .getByText(fillTemplate(L.participation.planning.body, { when: '6 Mar 2027, 13:00' }))
          .waitFor()
        // On its own server the sheet starts empty: a class joins it first, as in the zh test.
        await page.getByLabel(L.participation.add.wholeClass).selectOption({ label: 'Class 1-2' })
        await page.getByRole('button', { name: L.participation.add.addClass }).click()
        await page
          .getByRole('status')
          .filter({ hasText: new RegExp(fillTemplate(L.participation.flash.added_other, { count: '\\d+' })) })
          .waitFor()
        await postAttendanceToo(page)
        await page.getByRole('button', { name: L.participation.planning.save }).click()
        await page.getByRole('alert').filter({ hasText: L.participation.planning.refused }).waitFor()
        await checkA11y(page)
      },
      EXPECTED_STATUS,
    )
  })
})
