import { describe, expect, it } from 'vitest'
import { TEXT, withBrowser } from './support'

describe('Content-Security-Policy in the browser', () => {
  it('a form validated in the browser trips no policy violation (zod runs jitless, without eval)', async () => {
    await withBrowser({}, async (browser) => {
      const { page } = browser
      // Recorded from the first script on: the policy reports a refused `new Function` even when
      // the page catches the error.
      await page.addInitScript(() => {
        const seen: string[] = []
        Object.assign(window, { __violations: seen })
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(`${event.violatedDirective} ${event.blockedURI}`)
        })
      })
      await browser.visit('/login')
      const text = TEXT.zh
      // An empty submit is refused by the browser-side validation (zod) before any request.
      await page.getByRole('button', { name: text.signIn, exact: true }).click()
      await expect
        .poll(() => page.getByLabel(text.username, { exact: true }).getAttribute('aria-invalid'))
        .toBe('true')
      const violations = await page.evaluate(
        () => (window as unknown as { __violations: string[] }).__violations,
      )
      expect(violations).toEqual([])
    })
  })
})
