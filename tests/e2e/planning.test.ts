import ICAL from 'ical.js'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { en } from '~/locales/en'
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

// A refused form (400) and a forbidden page (403) show up as console errors of the browser.
const EXPECTED_STATUS = [/status of 40[03]/]

/** Catalogue text with its {{variables}} filled in, as the page shows it. */
function text(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''))
}

const RUNS = [
  {
    lang: 'zh' as const,
    locale: 'zh-CN' as const,
    L: zh,
    season: '冬·藏成长季',
    grade5: '五年级',
    grade1: '一年级',
    activities: ['宪法日主题班会', '法治小讲堂', '社区垃圾分类志愿行'] as const,
    // Each language plans its own week, so the runs never clash with each other.
    day: '2026-12-04',
    later: '2026-12-09',
  },
  {
    lang: 'en' as const,
    locale: 'en-US' as const,
    L: en,
    season: 'Winter growth season',
    grade5: 'Grade 5',
    grade1: 'Grade 1',
    activities: ['Constitution Day class meeting', 'Law for children talk', 'Recycling volunteers'] as const,
    day: '2026-12-11',
    later: '2026-12-16',
  },
]

async function waitForFlash(page: Page, message: string) {
  await page.getByRole('status').filter({ hasText: message }).waitFor()
  await checkA11y(page)
}

describe.each(RUNS)('planning a season in the browser ($lang)', (run) => {
  const { L } = run
  it('a teacher plans, the admin returns and approves, and a parent sees it in the calendar and the feed', async () => {
    await withBrowser(
      { locale: run.locale },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)

        // A new season; the empty form says what is missing without leaving the page.
        await browser.visit('/seasons/new')
        await page.getByRole('button', { name: L.seasons.create }).click()
        await page.getByText(L.validation.required).first().waitFor()
        expect(
          await page.getByLabel(L.seasons.fields.title, { exact: true }).getAttribute('aria-invalid'),
        ).toBe('true')
        await page.getByLabel(L.seasons.fields.title, { exact: true }).fill(run.season)
        await page.getByLabel(L.seasons.fields.slogan, { exact: true }).fill('守法明礼，向善而行')
        await page.getByLabel(L.seasons.fields.startsOn, { exact: true }).fill('2026-12-01')
        await page.getByLabel(L.seasons.fields.endsOn, { exact: true }).fill('2026-12-25')
        await page.getByRole('button', { name: L.seasons.create }).click()
        await page.waitForURL(/\/seasons\/\d+$/)
        await waitForFlash(page, L.seasons.created)
        await expect.poll(() => headingText(page)).toBe(run.season)
        const seasonPath = new URL(page.url()).pathname

        // Two strands, each serving a grade.
        const strands = [
          L === zh ? '法治教育' : 'Law and rights',
          L === zh ? '劳动实践' : 'Hands-on work',
        ] as const
        for (const [title, grade] of [
          [strands[0], run.grade5],
          [strands[1], run.grade1],
        ] as const) {
          const addStrand = page.locator('form#add-strand')
          await addStrand.getByLabel(L.seasons.strands.name, { exact: true }).fill(title)
          await addStrand.getByRole('checkbox', { name: grade, exact: true }).check()
          await addStrand.getByRole('button', { name: L.seasons.strands.add }).click()
          await waitForFlash(page, L.seasons.strands.added)
        }
        await expectVisible(page.getByText(text(L.seasons.coverage.gaps_other, { count: 2 })))

        // Three activities; the second clashes with the first for grade 5.
        const plans = [
          {
            title: run.activities[0],
            strand: strands[0],
            grade: run.grade5,
            start: `${run.day}T09:00`,
            end: `${run.day}T10:30`,
          },
          {
            title: run.activities[1],
            strand: strands[0],
            grade: run.grade5,
            start: `${run.day}T10:00`,
            end: `${run.day}T11:00`,
          },
          {
            title: run.activities[2],
            strand: strands[1],
            grade: run.grade1,
            start: `${run.later}T13:30`,
            end: `${run.later}T15:30`,
          },
        ]
        for (const plan of plans) {
          await browser.visit(`${seasonPath}/activities/new`)
          await page.getByLabel(L.activities.form.title, { exact: true }).fill(plan.title)
          await page
            .getByLabel(L.activities.form.strand, { exact: true })
            .selectOption({ label: plan.strand })
          await page.getByLabel(L.activities.form.startsAt, { exact: true }).fill(plan.start)
          await page.getByLabel(L.activities.form.endsAt, { exact: true }).fill(plan.end)
          await page.getByLabel(L.activities.form.venue, { exact: true }).fill(L === zh ? '报告厅' : 'Hall')
          await page
            .getByRole('checkbox', { name: text(L.activities.form.wholeGrade, { grade: plan.grade }) })
            .check()
          await page.getByRole('button', { name: L.activities.form.create }).click()
          await page.waitForURL(/\/activities\/\d+$/)
          await settle(page)
          await checkA11y(page)
        }
        // The page of the clashing activity warns, with a link to the other one.
        await page.goBack()
        await page.goBack()
        await page.waitForURL(/\/activities\/\d+$/)
        await settle(page)
        const warnings = page.locator('.conflict-list')
        await warnings.first().waitFor()
        await expectVisible(warnings.getByRole('link', { name: run.activities[0] }).first())

        // The season page shows the clash and submits the season for review.
        await browser.visit(seasonPath)
        await expectVisible(page.getByText(text(L.seasons.coverage.complete)))
        await page.getByRole('button', { name: L.seasons.submit.button }).click()
        await waitForFlash(page, L.seasons.submit.done)
        await signOut(page)

        // The admin finds it in the queue and returns it; a return needs a comment.
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await browser.visit('/reviews')
        await page.getByRole('link', { name: `${L.inbox.queue.review} ${run.season}` }).click()
        await page.waitForURL(/\/review$/)
        await settle(page)
        await checkA11y(page)
        await expectVisible(page.getByRole('heading', { name: L.seasons.conflicts.title }))
        await page.getByRole('button', { name: L.seasons.review.requestChanges }).click()
        await page.getByText(L.seasons.review.commentRequired).waitFor()
        const comment =
          L === zh
            ? '两项五年级活动时间重叠，请调整。'
            : 'The two grade-5 activities overlap; please move one.'
        await page.getByLabel(L.seasons.review.comment, { exact: true }).fill(comment)
        await page.getByRole('button', { name: L.seasons.review.requestChanges }).click()
        await waitForFlash(page, L.seasons.review.returned)
        await signOut(page)

        // The teacher reads the comment, moves the clashing activity and resubmits.
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit('/inbox')
        await expectVisible(page.getByText(comment).first())
        await browser.visit(seasonPath)
        await expectVisible(page.getByText(comment).first())
        await page.getByRole('link', { name: run.activities[1] }).first().click()
        await page.waitForURL(/\/activities\/\d+$/)
        await browser.visit(`${new URL(page.url()).pathname}/edit`)
        await page.getByLabel(L.activities.form.startsAt, { exact: true }).fill(`${run.day}T13:00`)
        await page.getByLabel(L.activities.form.endsAt, { exact: true }).fill(`${run.day}T14:00`)
        await page.getByRole('button', { name: L.activities.form.save }).click()
        await page.waitForURL(/\/activities\/\d+$/)
        await settle(page)
        await expect.poll(() => page.locator('.conflict-list').count()).toBe(0)
        await browser.visit(seasonPath)
        await expectVisible(page.getByText(L.seasons.conflicts.none))
        await page.getByRole('button', { name: L.seasons.submit.button }).click()
        await waitForFlash(page, L.seasons.submit.done)
        await signOut(page)

        // The admin sees what changed, approves and publishes.
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await browser.visit(`${seasonPath}/review`)
        await expectVisible(page.getByRole('link', { name: run.activities[1] }).first())
        await page.getByRole('button', { name: L.seasons.review.approve }).click()
        await waitForFlash(page, L.seasons.review.approved)
        await page.getByRole('button', { name: L.seasons.decisions.publish }).click()
        await waitForFlash(page, L.seasons.decisions.published)
        await signOut(page)

        // The parent sees the grade-5 activity on the calendar and in the grade's calendar feed.
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await browser.visit(`/calendar?date=${run.day}`)
        await expectVisible(page.getByRole('link', { name: run.activities[0] }).first())
        // The parent makes a private feed for their phone; it carries the children's activities.
        const feedButton = page.getByRole('button', {
          name: new RegExp(`^(${L.calendar.feeds.create}|${L.calendar.feeds.recreate})$`),
        })
        await feedButton.click()
        const address = page.getByLabel(L.calendar.feeds.privateAddress, { exact: true })
        await address.waitFor()
        await checkA11y(page)
        const feed = await page.request.get(await address.inputValue())
        expect(feed.status()).toBe(200)
        const events = new ICAL.Component(ICAL.parse(await feed.text()))
          .getAllSubcomponents('vevent')
          .map((event) => String(event.getFirstPropertyValue('summary')))
        // Private feed titles name the child the activity is for.
        expect(events.some((summary) => summary.startsWith(run.activities[0]))).toBe(true)
        expect(events.some((summary) => summary.startsWith(run.activities[2]))).toBe(true)
        // The public feed of grade 5 has the grade-5 activity and not grade 1's.
        const gradeFeed = await page.request.get(await page.locator('#grade-feed-5').inputValue())
        const gradeEvents = new ICAL.Component(ICAL.parse(await gradeFeed.text()))
          .getAllSubcomponents('vevent')
          .map((event) => String(event.getFirstPropertyValue('summary')))
        expect(gradeEvents).toContain(run.activities[0])
        expect(gradeEvents).not.toContain(run.activities[2])
        await signOut(page)
      },
      EXPECTED_STATUS,
    )
  })
})
