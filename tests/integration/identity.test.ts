import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { zh } from '~/locales/zh/index'
import { getTestApp } from '../setup/app'

// The school's emblem: generated seal, upload on the school settings (raster only), served publicly.
// Zaobei's emblem is changed here; the news tests read Jiwang's.

const ZAOBEI = 2

async function emblemKey(): Promise<string | null> {
  const { db } = await getTestApp()
  const row = await db
    .selectFrom('schools')
    .select('emblem_key')
    .where('id', '=', ZAOBEI)
    .executeTakeFirstOrThrow()
  return row.emblem_key
}

async function upload(cookie: string, file: Blob, name: string) {
  const body = new FormData()
  body.append('intent', 'upload')
  body.append('photo', file, name)
  const app = await getTestApp()
  return app.request('/school/emblem', { method: 'POST', body, cookie })
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="5"/></svg>'

describe('the school emblem', () => {
  it('is a seal drawn from the school name until one is uploaded, for anyone', async () => {
    const app = await getTestApp()
    const svg = await app.request('/s/zaobei/emblem.svg')
    expect(svg.status).toBe(200)
    expect(svg.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/)
    expect(svg.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/)
    const text = await svg.text()
    expect(text).toContain('>藻北</text>')
    expect(text).toContain('宝山区藻北小学')
    const png = await app.request('/s/zaobei/emblem.png')
    expect(png.status).toBe(200)
    expect(png.headers.get('Content-Type')).toBe('image/png')
    const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 600, 600])
    expect((await app.request('/s/no-such-school/emblem.svg')).status).toBe(404)
  })

  it('refuses an SVG and a file that is no image, with a message, and keeps the seal', async () => {
    const cookie = await (await getTestApp()).signIn('zb-admin')
    for (const [file, name] of [
      [new Blob([SVG], { type: 'image/svg+xml' }), 'emblem.svg'],
      [new Blob(['not a picture'], { type: 'image/png' }), 'emblem.png'],
    ] as const) {
      const response = await upload(cookie, file, name)
      expect(response.status).toBe(400)
      const html = await response.text()
      expect(html).toContain(zh.identity.emblem.errors.notImage)
      expect(html).toMatch(/id="emblem-file"[^>]*aria-invalid="true"/)
    }
    const empty = await upload(cookie, new Blob([]), '')
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain(zh.identity.emblem.errors.chooseFile)
    expect(await emblemKey()).toBeNull()
  })

  it('takes a PNG from an admin, re-encoded, shown on the public page and in share cards', async () => {
    const app = await getTestApp()
    const teacher = await app.signIn('zb-teacher')
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#c0392b' } })
      .png()
      .toBuffer()
    expect((await upload(teacher, new Blob([png]), 'emblem.png')).status).toBe(403)
    expect(await emblemKey()).toBeNull()

    const admin = await app.signIn('zb-admin')
    const response = await upload(admin, new Blob([png], { type: 'image/png' }), 'emblem.png')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/school#emblem')
    const key = await emblemKey()
    expect(key).toMatch(/^[0-9a-f]{32}$/)

    const served = await app.request('/s/zaobei/emblem.png')
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 600, 600, true])
    const news = await (await app.request('/s/zaobei')).text()
    expect(news).toContain(`src="/s/zaobei/emblem.png?v=${key}"`)

    // Back to the seal.
    const removed = await app.request('/school/emblem', {
      method: 'POST',
      body: new URLSearchParams({ intent: 'remove' }),
      cookie: admin,
    })
    expect(removed.status).toBe(302)
    expect(await emblemKey()).toBeNull()
    expect(await (await app.request('/s/zaobei')).text()).toContain('src="/s/zaobei/emblem.svg"')
  })
})
