/**
 * Helpers shared by the browser tests: a Chromium context with console-error recording, page visits
 * that always run axe, and the sign-in / sign-out steps as a person does them (by label and role).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import type { zh } from '~/locales/zh'
import { fileServerURL } from './file-server'

export const DEMO_PASSWORD = 'demo-pass-2026'

/** The texts the tests look for, per language (from app/locales/{zh,en}/common.ts). */
export const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    username: '用户名或手机号',
    password: '密码',
    signIn: '登录',
    signOut: '退出登录',
    greeting: '您好',
    invalidCredentials: '用户名或密码不正确。',
    otherLanguage: 'English',
    switchLanguage: 'Switch to English',
    notFound: '找不到这个页面',
    privacyAgree: '我已阅读并同意以上个人信息保护告知',
    privacySubmit: '确认并继续',
  },
  en: {
    htmlLang: 'en',
    username: 'Username or phone number',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    greeting: 'Hello',
    invalidCredentials: 'The username or password is not correct.',
    otherLanguage: '中文',
    switchLanguage: '切换到中文',
    notFound: 'Page not found',
    privacyAgree: 'I have read and agree to the privacy notice above',
    privacySubmit: 'Confirm and continue',
  },
} as const

export type Lang = keyof typeof TEXT

/** Language of the page, from `<html lang>`. */
export async function pageLang(page: Page): Promise<Lang> {
  const lang = await page.locator('html').getAttribute('lang')
  return lang?.toLowerCase().startsWith('en') ? 'en' : 'zh'
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const DEFAULT_VIEWPORT = { width: 1280, height: 800 }

/** Pages of a browser opened with JavaScript off, to their browser (see `E2EBrowser.mirrorOf`). */
const withoutJavaScript = new WeakMap<Page, E2EBrowser>()

export type BrowserOptions = {
  /** Browser language (Accept-Language); Chinese unless asked. */
  locale?: 'zh-CN' | 'en-US'
  viewport?: { width: number; height: number }
  javaScriptEnabled?: boolean
  /** A server of the test's own (see server.ts); the shared one the global setup started unless given. */
  baseURL?: string
}

/** A problem the page reported: console.error, an uncaught exception, or a failed request. */
export type PageProblem = { kind: 'console' | 'pageerror' | 'requestfailed'; text: string; url: string }

/** One Chromium profile with one page, recording every console error and page error of its pages. */
export class E2EBrowser {
  readonly problems: PageProblem[] = []

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseURL: string,
    private readonly profileDir: string,
    readonly options: BrowserOptions,
  ) {
    for (const p of context.pages()) this.watch(p)
    context.on('page', (p) => this.watch(p))
  }

  private watch(page: Page): void {
    if (!this.javaScriptEnabled) withoutJavaScript.set(page, this)
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const { url, lineNumber } = message.location()
      this.problems.push({
        kind: 'console',
        text: message.text(),
        url: url ? `${url}:${lineNumber}` : page.url(),
      })
    })
    page.on('pageerror', (error) => {
      this.problems.push({ kind: 'pageerror', text: error.stack ?? error.message, url: page.url() })
    })
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed'
      // A navigation that replaces an in-flight one cancels it: that is no error of the page.
      if (failure === 'net::ERR_ABORTED') return
      // With JavaScript off, Chromium refuses to fetch the scripts (reported as "csp").
      if (!this.javaScriptEnabled && request.resourceType() === 'script') return
      this.problems.push({ kind: 'requestfailed', text: failure, url: request.url() })
    })
  }

  get javaScriptEnabled(): boolean {
    return this.options.javaScriptEnabled ?? true
  }

  /**
   * axe cannot run in a page whose JavaScript is off (it awaits timers, which never fire there).
   * For such a page, axe checks a mirror: the same HTML at the same URL, viewport and styles, in a
   * page with JavaScript on but every script request blocked, so it renders what the
   * JavaScript-less page renders.
   */
  async mirrorOf(page: Page): Promise<Page> {
    if (!this.mirrorContext) {
      const browser = await chromium.launch({
        executablePath: inject('chromePath'),
        env: { ...process.env, ...inject('chromeEnv') },
        headless: true,
        args: CHROMIUM_ARGS,
      })
      this.mirrorContext = await browser.newContext({ locale: this.options.locale ?? 'zh-CN' })
    }
    const mirror = await this.mirrorContext.newPage()
    await mirror.setViewportSize(page.viewportSize() ?? DEFAULT_VIEWPORT)
    const url = page.url()
    // The page's own scripts did not run there, so none run here: inline ones are dropped, the
    // rest are refused below.
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
    await mirror.route('**/*', (route) => {
      const request = route.request()
      if (request.isNavigationRequest() && request.url() === url) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      }
      if (request.resourceType() === 'script') return route.abort()
      return route.continue()
    })
    await mirror.goto(url, { waitUntil: 'load' })
    return mirror
  }

  private mirrorContext: BrowserContext | undefined

  url(path: string): string {
    return new URL(path, this.baseURL).href
  }

  /** Goes to `path`, waits for the page to load, and checks it with axe. */
  async visit(path: string, { expectStatus = 200 }: { expectStatus?: number } = {}): Promise<Page> {
    const response = await this.page.goto(this.url(path), { waitUntil: 'load' })
    expect(response?.status(), `status of ${path}`).toBe(expectStatus)
    await settle(this.page)
    await checkA11y(this.page)
    return this.page
  }

  /**
   * Fails with the list of console errors and page errors seen so far. `allow` lists expected
   * messages (e.g. the browser's own note about a 404 document).
   */
  expectNoConsoleErrors({ allow = [] }: { allow?: RegExp[] } = {}): void {
    const unexpected = this.problems.filter(
      (problem) => !allow.some((pattern) => pattern.test(`${problem.text} ${problem.url}`)),
    )
    const list = unexpected.map((p) => `- [${p.kind}] ${p.text}\n    at ${p.url}`).join('\n')
    expect(unexpected, `console errors or page errors:\n${list}`).toEqual([])
  }

  async close(): Promise<void> {
    await this.context.close()
    await this.mirrorContext?.browser()?.close()
    rmSync(this.profileDir, { recursive: true, force: true })
  }
}

/** A fresh Chromium profile (no cookies) at this test file's server unless `baseURL` is given. */
export async function openBrowser(options: BrowserOptions = {}): Promise<E2EBrowser> {
  const baseURL = options.baseURL ?? (await fileServerURL())
  const profileDir = mkdtempSync(join(tmpdir(), 'siji-chromium-'))
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: inject('chromePath'),
    env: { ...process.env, ...inject('chromeEnv') },
    headless: true,
    args: CHROMIUM_ARGS,
    locale: options.locale ?? 'zh-CN',
    viewport: options.viewport ?? DEFAULT_VIEWPORT,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  })
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(30_000)
  const page = context.pages()[0] ?? (await context.newPage())
  return new E2EBrowser(context, page, baseURL, profileDir, options)
}

/**
 * Waits until the page has loaded and the network has been quiet for a moment: after a full page
 * load this also lets React hydrate, so hydration errors are seen.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load')
  await page.waitForLoadState('networkidle')
}

const BLOCKING_IMPACTS = new Set(['serious', 'critical'])

/** Runs axe on the page as it is now; fails listing every serious or critical violation. */
export async function checkA11y(page: Page): Promise<void> {
  const browser = withoutJavaScript.get(page)
  const target = browser ? await browser.mirrorOf(page) : page
  // Legacy mode runs axe in the page itself instead of opening a blank page in the context for
  // axe.finishRun: faster, and no extra page in the context under test. Siji has no iframes.
  const results = await new AxeBuilder({ page: target })
    .setLegacyMode(true)
    .analyze()
    .finally(() => (browser ? target.close() : undefined))
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''))
  const report = blocking
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`,
        )
        .join('\n')
      return `- ${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}`
    })
    .join('\n')
  expect(blocking.length, `axe violations on ${page.url()}:\n${report}`).toBe(0)
}

const ACCOUNT_MENU = 'header details.account-menu > summary'

/**
 * Signs in through the labelled form on the current page, waits for the page it lands on (the
 * account menu in the header; with `expect: 'refused'`, the form's alert), and checks it with axe.
 * A guardian asked to acknowledge the school's privacy notice does so, as a first sign-in would,
 * unless `acknowledgePrivacy: false` keeps them on that page.
 */
export async function signIn(
  page: Page,
  username: string,
  password: string,
  {
    expect: outcome = 'signed-in',
    acknowledgePrivacy = true,
  }: { expect?: 'signed-in' | 'refused'; acknowledgePrivacy?: boolean } = {},
): Promise<void> {
  const text = TEXT[await pageLang(page)]
  await page.getByLabel(text.username, { exact: true }).fill(username)
  await page.getByLabel(text.password, { exact: true }).fill(password)
  await page.getByRole('button', { name: text.signIn, exact: true }).click()
  if (outcome === 'signed-in') await page.locator(ACCOUNT_MENU).waitFor()
  else await page.getByRole('alert').filter({ hasText: text.invalidCredentials }).waitFor()
  await page.waitForLoadState('load')
  await checkA11y(page)
  if (outcome === 'signed-in' && acknowledgePrivacy && isAcknowledgePage(page)) {
    await acknowledgePrivacyNotice(page)
  }
}

function isAcknowledgePage(page: Page): boolean {
  return new URL(page.url()).pathname === '/privacy/acknowledge'
}

/** Ticks the privacy notice's box and confirms, then waits for the page the guardian was going to. */
export async function acknowledgePrivacyNotice(page: Page): Promise<void> {
  const text = TEXT[await pageLang(page)]
  await page.getByLabel(text.privacyAgree).check()
  await page.getByRole('button', { name: text.privacySubmit, exact: true }).click()
  await page.waitForURL((url) => url.pathname !== '/privacy/acknowledge')
  await page.locator(ACCOUNT_MENU).waitFor()
  await page.waitForLoadState('load')
  await checkA11y(page)
}

/** Opens the account menu in the header, signs out, waits for the sign-in form, checks it with axe. */
export async function signOut(page: Page): Promise<void> {
  const text = TEXT[await pageLang(page)]
  await page.locator(ACCOUNT_MENU).click()
  await page.getByRole('button', { name: text.signOut, exact: true }).click()
  await page.getByRole('button', { name: text.signIn, exact: true }).waitFor()
  await page.locator(ACCOUNT_MENU).waitFor({ state: 'detached' })
  await page.waitForLoadState('load')
  await checkA11y(page)
}

export const PHONE = { width: 360, height: 740 }

/** Pages of a PDF that Chromium printed: each page object is written as `/Type /Page`. */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
}

/** Nothing on the page is wider than the phone: wide tables scroll inside their own wrapper. */
export async function fitsTheScreen(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0)
}

/**
 * Waits until `locator` shows (Playwright re-checks until the context's timeout), then passes; fails
 * naming what it waited for. A page that changes after a click or a client-side navigation renders
 * in a transition, so a one-off `isVisible()` read can come before it.
 */
export async function expectVisible(locator: Locator, what = String(locator)): Promise<void> {
  await locator.waitFor({ state: 'visible' }).catch((error: Error) => {
    throw new Error(`Expected ${what} to be visible on ${locator.page().url()}: ${error.message}`)
  })
}

/**
 * Waits until `locator` is hidden or gone; fails naming it. Use it once the page has shown something
 * positive (e.g. after `expectVisible`), else an absence could be seen before the page rendered.
 */
export async function expectHidden(locator: Locator, what = String(locator)): Promise<void> {
  await locator.waitFor({ state: 'hidden' }).catch((error: Error) => {
    throw new Error(`Expected ${what} to be hidden on ${locator.page().url()}: ${error.message}`)
  })
}

/** The text of the page's only h1. */
export async function headingText(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? ''
}

/** Runs `body` with a fresh browser, then checks no console error happened, and closes it. */
export async function withBrowser(
  options: Parameters<typeof openBrowser>[0],
  body: (browser: E2EBrowser) => Promise<void>,
  allowErrors: RegExp[] = [],
): Promise<void> {
  const browser = await openBrowser(options)
  try {
    await body(browser)
    browser.expectNoConsoleErrors({ allow: allowErrors })
  } catch (error) {
    // What the page said often explains why a step failed.
    if (error instanceof Error && browser.problems.length && !error.message.includes('console errors')) {
      const seen = browser.problems.map((p) => `- [${p.kind}] ${p.text} (${p.url})`).join('\n')
      error.message += `\n\nThe page reported:\n${seen}`
    }
    throw error
  } finally {
    await browser.close()
  }
}

/** Catalogue text with its {{variables}} filled in, as the page shows it. */
export function fillTemplate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''))
}

/** A pattern matching any text one of the catalogue templates can produce. */
export function templatePattern(...templates: string[]): RegExp {
  const literal = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const alternatives = templates.map((template) =>
    template
      .split(/\{\{\w+\}\}/)
      .map(literal)
      .join('.+'),
  )
  return new RegExp(`^(${alternatives.join('|')})$`)
}

/** Waits for the flash message a redirect shows, then checks the page with axe. */
export async function waitForFlash(page: Page, message: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: message }).waitFor()
  await checkA11y(page)
}

/** Waits for a navigation to `url` to finish, then checks the page with axe. */
export async function afterNavigation(page: Page, url: RegExp): Promise<void> {
  await page.waitForURL(url)
  await settle(page)
  await checkA11y(page)
}

/** An hour of this morning before the pinned clock, as the activity form takes it (YYYY-MM-DDTHH:mm). */
function shanghaiLocal(instant: Date): string {
  return instant.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16).replace(' ', 'T')
}

/**
 * Moves an activity of next spring's programme to the two hours before now, as a school does when
 * a date changes, and has jw-admin approve it again (a moved date goes back to review). Records are
 * only taken for what has started (issue 13), and the demo's activities are either past and
 * recorded or next spring's. Starts and ends signed out.
 */
export async function moveToThisMorning(
  browser: E2EBrowser,
  {
    seasonId,
    title,
    text,
    consentDue = false,
  }: { seasonId: number; title: string; text: typeof zh; consentDue?: boolean },
): Promise<void> {
  const { page } = browser
  await signIn(page, 'jw-teacher', DEMO_PASSWORD)
  await browser.visit(`/seasons/${seasonId}`)
  await page.getByRole('link', { name: title }).first().click()
  await page.waitForURL(/\/activities\/\d+$/)
  const activityPath = new URL(page.url()).pathname
  await browser.visit(`${activityPath}/edit`)
  const now = Date.parse(process.env.SIJI_NOW ?? '') || Date.now()
  const form = text.activities.form
  await page.getByLabel(form.startsAt, { exact: true }).fill(shanghaiLocal(new Date(now - 2 * 3600_000)))
  await page.getByLabel(form.endsAt, { exact: true }).fill(shanghaiLocal(new Date(now - 3600_000)))
  // A consent deadline must fall before the activity's day.
  if (consentDue) await page.getByLabel(form.consentDueOn, { exact: true }).fill('')
  await page.getByRole('button', { name: form.save }).click()
  await page.waitForURL(/\/activities\/\d+$/)
  await settle(page)
  await checkA11y(page)
  await signOut(page)
  await signIn(page, 'jw-admin', DEMO_PASSWORD)
  await browser.visit(activityPath)
  await page.getByRole('button', { name: text.activities.review.approve, exact: true }).click()
  await waitForFlash(page, text.activities.flash.approved)
  await signOut(page)
}

/**
 * Approves a submitted season from its review page, as jw-admin (signed in). The season must be
 * waiting: a test that approves runs on a server of its own (file-server.ts `testServerURL`).
 */
export async function approveSeason(
  browser: E2EBrowser,
  { seasonId, text }: { seasonId: number; text: typeof zh },
): Promise<void> {
  await browser.visit(`/seasons/${seasonId}/review`)
  await browser.page.getByRole('button', { name: text.seasons.review.approve }).click()
  await waitForFlash(browser.page, text.seasons.review.approved)
}
