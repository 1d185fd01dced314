import { describe, expect, it } from 'vitest'
import {
  checkA11y,
  DEMO_PASSWORD,
  type E2EBrowser,
  expectVisible,
  headingText,
  type Lang,
  pageLang,
  settle,
  signIn,
  signOut,
  TEXT,
  withBrowser,
} from './support'

const SCHOOLS = {
  jw: '闵行区纪王学校',
  zb: '宝山区藻北小学',
  hs: '嘉定区怀少幼儿园',
} as const

const ACCOUNTS = (['jw', 'zb', 'hs'] as const).flatMap((school) =>
  (['admin', 'teacher', 'parent'] as const).map((role) => ({
    username: `${school}-${role}`,
    schoolName: SCHOOLS[school],
  })),
)

async function htmlLang(browser: E2EBrowser): Promise<string | null> {
  return browser.page.locator('html').getAttribute('lang')
}

async function expectSignInForm(browser: E2EBrowser, lang: Lang): Promise<void> {
  const { page } = browser
  const text = TEXT[lang]
  await expectVisible(page.getByLabel(text.username, { exact: true }))
  await expectVisible(page.getByLabel(text.password, { exact: true }))
  await expectVisible(page.getByRole('button', { name: text.signIn, exact: true }))
  await expect.poll(() => page.locator('header details.account-menu').count()).toBe(0)
}

describe('signing in and out', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`works for all nine demo accounts (${lang})`, async () => {
      await withBrowser({}, async (browser) => {
        const { page } = browser
        const text = TEXT[lang]
        // Chinese is the default; English is asked for once and then remembered.
        await browser.visit(lang === 'en' ? '/?lang=en' : '/')
        for (const account of ACCOUNTS) {
          await expectSignInForm(browser, lang)
          await signIn(page, account.username, DEMO_PASSWORD)
          await expect.poll(() => htmlLang(browser), { message: account.username }).toBe(text.htmlLang)
          await expect.poll(() => headingText(page), { message: account.username }).toContain(text.greeting)
          await expect
            .poll(() => page.locator('header .brand-school').textContent(), { message: account.username })
            .toBe(account.schoolName)
          await expectVisible(page.locator('header details.account-menu > summary'))
          await signOut(page)
          await expectSignInForm(browser, lang)
        }
      })
    })
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`says the credentials are wrong and keeps the username (${lang})`, async () => {
      await withBrowser(
        {},
        async (browser) => {
          const { page } = browser
          const text = TEXT[lang]
          await browser.visit(lang === 'en' ? '/?lang=en' : '/')
          await signIn(page, 'zb-teacher', 'not-the-password', { expect: 'refused' })
          const alert = page.getByRole('alert')
          await expect.poll(() => alert.textContent()).toContain(text.invalidCredentials)
          await expect
            .poll(() => page.getByLabel(text.username, { exact: true }).inputValue())
            .toBe('zb-teacher')
          await expect.poll(() => page.getByLabel(text.password, { exact: true }).inputValue()).toBe('')
          await expect.poll(() => page.locator('header details.account-menu').count()).toBe(0)
          // The right password still works afterwards (and clears the failure count).
          await signIn(page, 'zb-teacher', DEMO_PASSWORD)
          await expect.poll(() => headingText(page)).toContain(text.greeting)
          await signOut(page)
        },
        // The form's answer to wrong credentials is a 401, which Chromium notes in the console.
        [/status of 401 \(Unauthorized\) \S+\/login(\.data)?:\d+$/],
      )
    })
  }

  it('switches the language with the header link and remembers it', async () => {
    await withBrowser({}, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await expect.poll(() => htmlLang(browser)).toBe('zh-CN')

      const toEnglish = page.getByRole('link', { name: TEXT.zh.switchLanguage })
      expect((await toEnglish.textContent())?.trim()).toBe(TEXT.zh.otherLanguage)
      await toEnglish.click()
      await page.waitForURL(/[?&]lang=en\b/)
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' })
      await settle(page)
      await checkA11y(page)
      await expect.poll(() => htmlLang(browser)).toBe('en')
      await expectVisible(page.getByRole('button', { name: TEXT.en.signIn, exact: true }))

      // A new navigation without ?lang stays in English, signed in too.
      await browser.visit('/login')
      await expect.poll(() => htmlLang(browser)).toBe('en')
      await signIn(page, 'hs-teacher', DEMO_PASSWORD)
      await expect.poll(() => htmlLang(browser)).toBe('en')
      await expect.poll(() => headingText(page)).toContain(TEXT.en.greeting)

      const toChinese = page.getByRole('link', { name: TEXT.en.switchLanguage })
      expect((await toChinese.textContent())?.trim()).toBe(TEXT.en.otherLanguage)
      await toChinese.click()
      await page.waitForURL(/[?&]lang=zh\b/)
      await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' })
      await settle(page)
      await checkA11y(page)
      await expect.poll(() => headingText(page)).toContain(TEXT.zh.greeting)

      await browser.visit('/')
      await expect.poll(() => htmlLang(browser)).toBe('zh-CN')
      await signOut(page)
      await expect.poll(() => htmlLang(browser)).toBe('zh-CN')
    })
  })
})

describe('a parent', () => {
  it('sees their children on the home page (jw-parent: 一(2)班 and 五(2)班)', async () => {
    await withBrowser({}, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-parent', DEMO_PASSWORD)
      const children = page.locator('main .card-grid > li')
      await expect.poll(() => children.count()).toBe(2)
      const cards = (await children.allTextContents()).join('\n')
      expect(cards).toContain('一(2)班')
      expect(cards).toContain('五(2)班')
      await signOut(page)
    })
  })
})

describe('a narrow screen (360 px)', () => {
  it('has no horizontal scrolling, signed out or in, with the account menu open', async () => {
    await withBrowser({ viewport: { width: 360, height: 740 } }, async (browser) => {
      const { page } = browser
      const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth)
      await browser.visit('/')
      expect(await scrollWidth(), 'visitor home').toBeLessThanOrEqual(360)
      await signIn(page, 'jw-admin', DEMO_PASSWORD)
      await expect.poll(() => headingText(page)).toContain(TEXT.zh.greeting)
      expect(await scrollWidth(), 'admin home').toBeLessThanOrEqual(360)
      await page.locator('header details.account-menu > summary').click()
      expect(await scrollWidth(), 'admin home, account menu open').toBeLessThanOrEqual(360)
      await checkA11y(page)
      await page.locator('header details.account-menu > summary').click()
      await signOut(page)
    })
  })
})

describe('an unknown URL', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`shows the translated 404 page (${lang}, from the browser's language)`, async () => {
      await withBrowser(
        { locale: lang === 'en' ? 'en-US' : 'zh-CN' },
        async (browser) => {
          await browser.visit('/no-such-page/here', { expectStatus: 404 })
          await expect.poll(() => pageLang(browser.page)).toBe(lang)
          await expect.poll(() => headingText(browser.page)).toBe(TEXT[lang].notFound)
        },
        // Chromium notes a document's 404 status in the console.
        [/status of 404 \(Not Found\) \S+\/no-such-page\/here:\d+$/],
      )
    })
  }
})

describe('without JavaScript', () => {
  it('signs jw-teacher in and out with plain form posts', async () => {
    await withBrowser({ javaScriptEnabled: false }, async (browser) => {
      const { page } = browser
      await browser.visit('/')
      await signIn(page, 'jw-teacher', DEMO_PASSWORD)
      await expect.poll(() => headingText(page)).toContain(TEXT.zh.greeting)
      await expect.poll(() => page.locator('header .brand-school').textContent()).toBe(SCHOOLS.jw)
      await signOut(page)
      await expectSignInForm(browser, 'zh')
    })
  })
})
