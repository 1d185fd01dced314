import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { en } from '~/locales/en'
import { zh } from '~/locales/zh'
import { testServerURL } from './file-server'
import {
  afterNavigation,
  approveSeason,
  checkA11y,
  DEMO_PASSWORD,
  expectVisible,
  fillTemplate,
  fitsTheScreen,
  moveToThisMorning,
  PHONE,
  signIn,
  signOut,
  templatePattern,
  waitForFlash,
  withBrowser,
} from './support'

// A refused form (400), a forbidden page (403) and a refused save (409) show up as console errors.
const EXPECTED_STATUS = [/status of 40[039]/]

const SERVICE = '学雷锋志愿服务：走进银杏社区和敬老院'
// The servers run at the suite's clock (SIJI_NOW, vitest.config.ts: 2026-12-07 10:00 Shanghai): the
// demo's 2027 copy of 春·播感恩季 (season 2) is next spring's and waits in jw-admin's queue.
const NEXT_SEASON = 2

const ROSTER_RUNS = [
  {
    lang: 'zh' as const,
    locale: 'zh-CN' as const,
    L: zh,
    prefix: 'JW2026E',
    phone: '1390010',
    encode: 'gbk' as const,
  },
  {
    lang: 'en' as const,
    locale: 'en-US' as const,
    L: en,
    prefix: 'JW2026F',
    phone: '1390011',
    encode: 'utf-8' as const,
  },
]

describe.each(ROSTER_RUNS)('importing a roster in the browser ($lang)', (run) => {
  const { L } = run
  function rosterFile(rows: string[][]): Buffer {
    const csv = ['学号,姓名,班级,家长姓名,家长手机,关系', ...rows.map((row) => row.join(','))].join('\r\n')
    // What Excel on Chinese Windows saves is GBK; "CSV UTF-8" starts with a byte-order mark.
    return run.encode === 'gbk' ? iconv.encode(csv, 'gbk') : Buffer.from(`\uFEFF${csv}`, 'utf8')
  }
  const good = [
    [`${run.prefix}01`, '林小禾', '一(1)班', '林妈妈', `${run.phone}0001`, '母亲'],
    [`${run.prefix}02`, '周可馨', '一(1)班', '周爸爸', `${run.phone}0002`, '父亲'],
  ]

  it('the admin sees the two bad rows named, fixes them and imports; new parents get one-time passwords', async () => {
    await withBrowser(
      { locale: run.locale },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await browser.visit('/school/roster')
        const upload = async (name: string, buffer: Buffer) => {
          await page
            .getByLabel(templatePattern(L.roster.upload.file, L.roster.upload.fileAgain))
            .setInputFiles({
              name,
              mimeType: 'text/csv',
              buffer,
            })
          await page.getByRole('button', { name: L.roster.upload.check }).click()
        }

        // Line 4 has no name and line 5 names a class the school does not have.
        await upload(
          'roster.csv',
          rosterFile([
            ...good,
            [`${run.prefix}03`, '', '一(1)班', '', '', ''],
            [`${run.prefix}04`, '陈安然', '十(9)班', '', '', ''],
          ]),
        )
        const problems = page.getByRole('region', { name: L.roster.problems.tableLabel })
        await problems.waitFor()
        await checkA11y(page)
        const problemRows = problems.locator('tbody tr')
        await expect.poll(() => problemRows.count()).toBe(2)
        await expect.poll(() => problemRows.nth(0).textContent()).toContain('4')
        await expect.poll(() => problemRows.nth(0).textContent()).toContain(L.roster.errors.nameRequired)
        await expect.poll(() => problemRows.nth(1).textContent()).toContain('5')
        await expect
          .poll(() => problemRows.nth(1).textContent())
          .toContain(fillTemplate(L.roster.errors.unknownClass, { value: '十(9)班' }))

        // The fixed file passes the check, shows what will change, and imports on confirmation.
        await upload(
          'roster-fixed.csv',
          rosterFile([
            ...good,
            [`${run.prefix}03`, '王小满', '一(1)班', '', '', ''],
            [`${run.prefix}04`, '陈安然', '一(2)班', '', '', ''],
          ]),
        )
        await page
          .getByRole('heading', { name: fillTemplate(L.roster.preview.title, { file: 'roster-fixed.csv' }) })
          .waitFor()
        await checkA11y(page)
        await page.getByRole('button', { name: L.roster.preview.confirm }).click()
        const issued = page.getByRole('region', { name: L.roster.issued.tableLabel })
        await issued.waitFor()
        await checkA11y(page)
        await expect.poll(() => issued.locator('tbody tr').count()).toBe(2)
        const username = `jiwang-${run.phone}0001`
        const row = issued.locator('tbody tr').filter({ hasText: username })
        const password = (await row.locator('.one-time-secret').textContent())?.trim() ?? ''
        expect(password.length).toBeGreaterThanOrEqual(10)
        await signOut(page)

        // The new parent signs in with the one-time password and is asked to choose their own.
        await signIn(page, username, password)
        await afterNavigation(page, /\/account\/password$/)
      },
      EXPECTED_STATUS,
    )
  })
})

describe('participation, consent, records and the notice period in the browser (zh)', () => {
  const L = zh
  it('the admin approves, a parent consents and disputes, a teacher resolves and records the volunteer service', async () => {
    await withBrowser(
      { locale: 'zh-CN', baseURL: await testServerURL() },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')

        // Approving next spring's season asks the grade-5 guardians for consent to the outing.
        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await approveSeason(browser, { seasonId: NEXT_SEASON, text: L })
        await signOut(page)

        // The parent consents for 张思远 and lets the school use his photos inside the school.
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        // Besides this outing, the demo always has a consent waiting (the follow-up visit ahead).
        const waiting = page
          .getByRole('link', {
            name: templatePattern(L.home.consentsWaiting_one, L.home.consentsWaiting_other),
          })
          .first()
        await waiting.waitFor()
        await waiting.click()
        await afterNavigation(page, /\/family\/consents$/)
        const request = page
          .locator('article, li, section')
          .filter({ hasText: SERVICE })
          .filter({
            has: page.getByRole('button', { name: new RegExp(`^${L.consents.family.give}`) }),
          })
        await request
          .last()
          .getByRole('button', { name: new RegExp(`^${L.consents.family.give}`) })
          .click()
        await waitForFlash(page, L.consents.family.flash.given)
        const photo = page.getByRole('group', {
          name: fillTemplate(L.consents.photoForm.legend, { name: '张思远' }),
        })
        await photo.getByLabel(L.consents.photo.school).check()
        await page
          .locator('form')
          .filter({ has: photo })
          .getByRole('button', { name: L.consents.photoForm.save })
          .click()
        await waitForFlash(page, L.consents.family.flash.photoSaved)

        // 张思远's record counts his volunteer hours against the junior-stage requirement.
        await browser.visit('/')
        await page.getByRole('link', { name: fillTemplate(L.home.openRecord, { name: '张思远' }) }).click()
        await afterNavigation(page, /\/family\/children\/\d+$/)
        const record = page.locator('main')
        await expectVisible(record.getByText(SERVICE).first())
        await expectVisible(record.getByText(L.activities.practice.public_service).first())
        await browser.visit('/')
        await page.getByRole('link', { name: fillTemplate(L.home.openRecord, { name: '张一诺' }) }).click()
        await afterNavigation(page, /\/family\/children\/\d+$/)
        await expectVisible(page.getByText('陶艺感恩花束').first())

        // 五(2)班's hours are on notice: the parent disputes 张思远's entry.
        await browser.visit('/family/notices')
        await page.getByText(L.notices.family.raise).first().click()
        await page.getByRole('button', { name: L.notices.family.submit }).first().click()
        await page.getByText(L.validation.required).first().waitFor()
        const reason = '实际服务了3个小时，从13:30到16:30。'
        await page.getByLabel(L.notices.family.reason).first().fill(reason)
        await page.getByRole('button', { name: L.notices.family.submit }).first().click()
        await page.getByText(L.notices.family.waiting).first().waitFor()
        await checkA11y(page)
        await signOut(page)

        // The class teacher reads the dispute in the inbox and upholds it with the corrected hours.
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit('/inbox')
        await page
          .getByRole('link', { name: new RegExp(reason) })
          .first()
          .click()
        await afterNavigation(page, /\/notices\/\d+$/)
        await page.getByLabel(L.notices.disputes.hours).first().fill('3')
        await page.getByLabel(L.notices.disputes.resolution).first().fill('已与带队老师核实，改为3课时。')
        await page.getByRole('button', { name: L.notices.disputes.uphold }).first().click()
        await waitForFlash(page, L.notices.flash.upheld)
        await signOut(page)

        // Attendance is taken once the service has taken place: it is held this morning instead,
        // which voids the guardians' answers (they are asked again).
        await moveToThisMorning(browser, { seasonId: NEXT_SEASON, title: SERVICE, text: L, consentDue: true })
        await signIn(page, 'jw-teacher', DEMO_PASSWORD)

        // The teacher puts 五(2)班 on the sheet and records the service.
        await browser.visit(`/seasons/${NEXT_SEASON}`)
        await page.getByRole('link', { name: SERVICE }).first().click()
        await afterNavigation(page, /\/activities\/\d+$/)
        await page.getByRole('link', { name: L.activities.view.participation }).click()
        await afterNavigation(page, /\/participation$/)
        await page.getByLabel(L.participation.add.wholeClass).selectOption({ label: '五(2)班' })
        await page.getByRole('button', { name: L.participation.add.addClass }).click()
        await waitForFlash(page, fillTemplate(L.participation.flash.added_other, { count: 30 }))

        // After "all present", two absences and a save take three taps.
        let taps = 0
        const tap = async (action: () => Promise<void>) => {
          taps++
          await action()
        }
        await page.getByRole('button', { name: L.participation.sheet.allPresent }).click()
        await waitForFlash(page, fillTemplate(L.participation.flash.saved_other, { count: 30 }))
        const rows = page.getByRole('group', { name: templatePattern(L.participation.sheet.statusOf) })
        const absentees = [rows.nth(3), rows.nth(7)]
        for (const row of absentees) await tap(() => row.getByLabel(L.participation.statuses.absent).check())
        await tap(() => page.getByRole('button', { name: L.participation.sheet.save }).click())
        await waitForFlash(page, fillTemplate(L.participation.flash.saved_other, { count: 2 }))
        expect(taps).toBeLessThanOrEqual(10)
        await expectVisible(
          page
            .getByText(
              fillTemplate(L.participation.sheet.counts, {
                attended: 28,
                absent: 2,
                excused: 0,
                unmarked: 0,
              }),
            )
            .first(),
        )
        // The move voided 张思远's consent too: everyone marked present is flagged.
        await expectVisible(
          page.getByText(fillTemplate(L.participation.consent.flagged_other, { count: 28 })),
        )
        await signOut(page)

        // The parent reads the school's answer.
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await browser.visit('/family/notices')
        await expectVisible(page.getByText('已与带队老师核实，改为3课时。'))
      },
      EXPECTED_STATUS,
    )
    // Moving the service and approving it again adds four sign-ins to a long journey.
  }, 180_000)
})

describe('the same pages in English', () => {
  const L = en
  it('each role does one task on each new page, axe-clean', async () => {
    await withBrowser(
      { locale: 'en-US' },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')

        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit('/seasons/1')
        await page.getByRole('link', { name: SERVICE }).first().click()
        await afterNavigation(page, /\/activities\/\d+$/)
        await page.getByRole('link', { name: L.activities.view.consents }).click()
        await afterNavigation(page, /\/consents$/)
        await page.goBack()
        await page.getByRole('link', { name: L.activities.view.participation }).click()
        await afterNavigation(page, /\/participation$/)
        // An excused pupil needs a reason: the page says so next to the field and keeps the choice.
        const row = page.getByRole('group', { name: templatePattern(L.participation.sheet.statusOf) }).first()
        await row.getByLabel(L.participation.statuses.excused).check()
        await page.getByRole('button', { name: L.participation.sheet.save }).click()
        await page.getByText(L.participation.validation.reasonRequired).first().waitFor()
        await checkA11y(page)
        await page.getByLabel(L.participation.sheet.reason).first().fill('Dentist')
        await page.getByRole('button', { name: L.participation.sheet.save }).click()
        await waitForFlash(page, fillTemplate(L.participation.flash.saved_one, { count: 1 }))
        await browser.visit('/students?q=张思远')
        await page.getByRole('link', { name: '张思远' }).first().click()
        await afterNavigation(page, /\/students\/\d+$/)
        await signOut(page)

        await signIn(page, 'jw-admin', DEMO_PASSWORD)
        await browser.visit('/reports?year=1')
        await expect.poll(() => page.getByRole('img').count()).toBeGreaterThan(0)
        await browser.visit('/notices')
        await signOut(page)

        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        await browser.visit('/family/consents')
        await browser.visit('/family/notices')
      },
      EXPECTED_STATUS,
    )
  })
})

describe('records on a phone', () => {
  it('a parent and a teacher use the new pages at 360 px without sideways scrolling', async () => {
    await withBrowser(
      { viewport: PHONE },
      async (browser) => {
        const { page } = browser
        await browser.visit('/')
        await signIn(page, 'jw-parent', DEMO_PASSWORD)
        for (const path of ['/family/consents', '/family/notices', '/']) {
          await browser.visit(path)
          await fitsTheScreen(page)
        }
        await page.getByRole('link', { name: fillTemplate(zh.home.openRecord, { name: '张思远' }) }).click()
        await afterNavigation(page, /\/family\/children\/\d+$/)
        await fitsTheScreen(page)
        await signOut(page)

        await signIn(page, 'jw-teacher', DEMO_PASSWORD)
        await browser.visit('/seasons/1')
        await page.getByRole('link', { name: SERVICE }).first().click()
        await afterNavigation(page, /\/activities\/\d+$/)
        const activity = new URL(page.url()).pathname
        for (const path of [
          `${activity}/participation`,
          `${activity}/consents`,
          '/reports?year=1',
          '/notices',
        ]) {
          await browser.visit(path)
          await fitsTheScreen(page)
        }
        await page
          .getByRole('link', { name: /五\(2\)班/ })
          .first()
          .click()
        await afterNavigation(page, /\/notices\/\d+$/)
        await fitsTheScreen(page)
      },
      EXPECTED_STATUS,
    )
  })
})
