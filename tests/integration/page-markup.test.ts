import { beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../app/locales/en'
import { zh } from '../../app/locales/zh'
import { getTestApp } from '../setup/app'

// Issue 15, defects 5–7 as the server renders them (no JavaScript): the parent navigation, meta
// descriptions, exam weeks apart from holidays, account counts on the admin home, and the
// participation sheet of the demo's recorded spring service (activity 7, 40 grade-5 pupils).

const SERVICE_ACTIVITY = 7
const cookies: Record<string, string> = {}

async function page(username: string, path: string): Promise<string> {
  const app = await getTestApp()
  const response = await app.request(path, { cookie: cookies[username] })
  expect(response.status, path).toBe(200)
  return response.text()
}

function mainNav(html: string): string {
  return html.match(/<nav class="main-nav"[\s\S]*?<\/nav>/)?.[0] ?? ''
}

beforeAll(async () => {
  const app = await getTestApp()
  for (const username of ['jw-parent', 'jw-admin', 'jw-teacher'])
    cookies[username] = await app.signIn(username)
}, 120_000)

describe('the parent navigation', () => {
  it.each(['/family', '/family/consents', '/family/notices'])(
    'marks one item current on %s',
    async (path) => {
      const nav = mainNav(await page('jw-parent', path))
      const current = [
        ...nav.matchAll(
          /<a [^>]*aria-current="page"[^>]*href="([^"]+)"|<a [^>]*href="([^"]+)"[^>]*aria-current="page"/g,
        ),
      ]
      expect(current.map((m) => m[1] ?? m[2])).toEqual([path])
    },
  )
})

describe('meta descriptions', () => {
  it('describes the sign-in page and the family page', async () => {
    const app = await getTestApp()
    const login = await (await app.request('/login')).text()
    expect(login).toContain(`<meta name="description" content="${zh.auth.metaDescription}"/>`)
    const family = await page('jw-parent', '/family')
    expect(family).toContain(`<meta name="description" content="${zh.family.metaDescription}"/>`)
  })
})

describe('the family page', () => {
  it('lists the exam week under its own heading, not under the holidays', async () => {
    const html = await page('jw-parent', '/family')
    const section = (title: string) =>
      html.match(new RegExp(`<h2 id="[^"]+">${title}</h2>[\\s\\S]*?</section>`))?.[0] ?? ''
    expect(section(zh.family.daysOff)).toContain('元旦')
    expect(section(zh.family.daysOff)).not.toContain('期末考试周')
    expect(section(zh.family.examWeeks)).toContain('期末考试周')
  })
})

describe('the admin home', () => {
  it('labels the account counts as counts, not as a person ("Administrator 2")', async () => {
    const html = await page('jw-admin', '/?lang=en')
    for (const role of ['admin', 'teacher', 'parent'] as const) {
      expect(html).toMatch(new RegExp(`<dt>${en.home.roleAccounts[role]}</dt><dd>\\d+</dd>`))
      expect(html).not.toContain(`<dt>${en.roles[role]}</dt>`)
    }
  })
})

describe('the participation sheet without JavaScript', () => {
  it('names no "all present" on a recorded sheet, and says its counts are the saved ones', async () => {
    const html = await page('jw-teacher', `/activities/${SERVICE_ACTIVITY}/participation`)
    expect(html).toContain(zh.participation.sheet.leadRecorded)
    expect(html).not.toContain(zh.participation.sheet.allPresentHint)
    expect(html).not.toContain(zh.participation.sheet.lead)
    // Both tallies show the saved values and say so; Save is one link away and Enter is named.
    expect(html).toContain(zh.participation.header.savedHint)
    expect(html).toMatch(/<dt>出席<\/dt><dd>40<\/dd>/)
    expect(html).toContain(
      zh.participation.sheet.savedCounts
        .replace('{{attended}}', '40')
        .replace('{{absent}}', '0')
        .replace('{{excused}}', '0')
        .replace('{{unmarked}}', '0'),
    )
    expect(html).toContain(`<a href="#sheet-bar" class="sheet-skip">${zh.participation.sheet.skipToSave}</a>`)
    expect(html).toMatch(/<div class="sheet-bar" id="sheet-bar" tabindex="-1">/)
    expect(html).toContain(zh.participation.sheet.enterSaves)
  })
})
