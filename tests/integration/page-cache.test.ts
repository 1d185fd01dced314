import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../db/client'
import { readDataVersion } from '../../db/data-version'
import { createRecap, createUser, hashPassword, linkGuardian } from '../../seeds/factories'
import { getTestApp } from '../setup/app'
import { serveOverHttp, signInOverHttp } from '../setup/http-server'

const live = serveOverHttp()

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${live.base}${path}`, {
    headers: { 'Accept-Language': 'zh-CN', ...headers },
    redirect: 'manual',
  })
}

/**
 * A conditional GET as a browser revalidates its copy. fetch() alone would add `Cache-Control:
 * no-cache` to a request with If-None-Match, which asks for the page whatever the reader holds.
 */
function revalidate(path: string, ifNoneMatch: string) {
  return get(path, { 'If-None-Match': ifNoneMatch, 'Cache-Control': 'max-age=0' })
}

function signIn(username: string): Promise<string> {
  return signInOverHttp(live.base, username)
}

/** Whether the CSP allows each inline script of the page by its SHA-256, and nothing by nonce. */
async function scriptsPinned(response: Response) {
  const csp = response.headers.get('content-security-policy') ?? ''
  const html = await response.text()
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => m[1] ?? '',
  )
  const hashes = inline.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`)
  return { html, csp, pinned: inline.length > 0 && hashes.every((hash) => csp.includes(hash)) }
}

async function publishPublicRecap(title: string) {
  const { db } = await getTestApp()
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'jw-admin')
    .executeTakeFirstOrThrow()
  return createRecap(db, {
    schoolId: 1,
    title,
    body: '缓存测试的正文。',
    authorId: admin.id,
    status: 'published',
    audience: 'public',
  })
}

describe('the page cache in front of Remix', () => {
  it('serves a public page from memory the second time, its inline scripts allowed by their hashes', async () => {
    const first = await get('/s/jiwang')
    expect(first.status).toBe(200)
    const one = await scriptsPinned(first)
    const second = await get('/s/jiwang')
    expect(second.headers.get('x-siji-cache')).toBe('hit')
    const two = await scriptsPinned(second)
    expect(one.pinned).toBe(true)
    expect(two.pinned).toBe(true)
    // No nonce is handed out twice: a stored page carries none at all.
    expect(two.csp).not.toContain("'nonce-")
    expect(two.html).not.toContain(' nonce="')
    expect(two.html).toBe(one.html)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
  })

  it('compresses a stored page for readers who accept gzip', async () => {
    const plain = await (await get('/s/jiwang', { 'Accept-Encoding': 'identity' })).arrayBuffer()
    // node:http, not fetch: fetch would inflate the bytes before we see them.
    const { encoding, sent } = await new Promise<{ encoding: string | undefined; sent: Buffer }>(
      (resolve, reject) => {
        httpGet(
          `${live.base}/s/jiwang`,
          { headers: { 'Accept-Language': 'zh-CN', 'Accept-Encoding': 'gzip' } },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () =>
              resolve({ encoding: res.headers['content-encoding'], sent: Buffer.concat(chunks) }),
            )
          },
        ).on('error', reject)
      },
    )
    expect(encoding).toBe('gzip')
    expect(sent.length).toBeLessThan(plain.byteLength)
    expect(gunzipSync(sent).equals(Buffer.from(plain))).toBe(true)
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/s/jiwang')
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^".+"$/)
    const again = await revalidate('/s/jiwang', etag)
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect((await revalidate('/s/jiwang', '"something-else"')).status).toBe(200)
  })

  it('answers 304 to an If-None-Match list holding the ETag, to its weak form and to `*`', async () => {
    const etag = (await get('/s/jiwang')).headers.get('etag') ?? ''
    const listed = await revalidate('/s/jiwang', `"an-older-copy", ${etag}`)
    expect(listed.status).toBe(304)
    expect(listed.headers.get('etag')).toBe(etag)
    expect((await revalidate('/s/jiwang', `W/${etag}`)).status).toBe(304)
    expect((await revalidate('/s/jiwang', '*')).status).toBe(304)
    expect((await revalidate('/s/jiwang', '"an-older-copy", W/"another"')).status).toBe(200)
    // A reload that asks past every cache gets the page again.
    const reload = await get('/s/jiwang', { 'If-None-Match': etag, 'Cache-Control': 'no-cache' })
    expect(reload.status).toBe(200)
  })

  it('renders afresh after a write, whoever made it', async () => {
    await get('/s/jiwang')
    expect((await get('/s/jiwang')).headers.get('x-siji-cache')).toBe('hit')
    await publishPublicRecap('缓存之后发布的回顾')
    const after = await get('/s/jiwang')
    expect(after.headers.get('x-siji-cache')).toBe('miss')
    expect(await after.text()).toContain('缓存之后发布的回顾')
  })

  it('sees a write made by another connection to the same file, as a second app server would make it', async () => {
    const { db } = await getTestApp()
    // The worker's database sits beside its photo folder (tests/setup/app.ts).
    const other = createDb(join(String(process.env.PHOTO_DIR), '..', 'siji.db'))
    try {
      const before = await readDataVersion(db)
      await get('/s/jiwang/feed.xml')
      expect((await get('/s/jiwang/feed.xml')).headers.get('x-siji-cache')).toBe('hit')
      const admin = await other
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'jw-admin')
        .executeTakeFirstOrThrow()
      await createRecap(other, {
        schoolId: 1,
        title: '另一台服务器发布的回顾',
        authorId: admin.id,
        status: 'published',
        audience: 'public',
      })
      expect(await readDataVersion(db)).not.toBe(before)
      const feed = await get('/s/jiwang/feed.xml')
      expect(feed.headers.get('x-siji-cache')).toBe('miss')
      expect(await feed.text()).toContain('另一台服务器发布的回顾')
    } finally {
      await other.destroy()
    }
  })

  it('keeps each family’s page to that family', async () => {
    const { db } = await getTestApp()
    // A second parent of the same school, with one child in 三(1)班.
    const child = await db
      .selectFrom('students')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .select(['students.id', 'students.name'])
      .where('students.school_id', '=', 1)
      .where('classes.name', '=', '三(1)班')
      .orderBy('students.id')
      .executeTakeFirstOrThrow()
    const parent = await createUser(db, {
      schoolId: 1,
      role: 'parent',
      username: 'cache-parent',
      displayName: '缓存测试家长',
      passwordHash: await hashPassword('demo-pass-2026'),
    })
    await linkGuardian(db, { guardianId: parent.id, studentId: child.id, relation: 'mother' })

    const mine = await signIn('jw-parent')
    const theirs = await signIn('cache-parent')
    await get('/family', { Cookie: mine })
    const mySecond = await get('/family', { Cookie: mine })
    expect(mySecond.headers.get('x-siji-cache')).toBe('hit')
    const myPage = await mySecond.text()
    const theirResponse = await get('/family', { Cookie: theirs })
    const theirPage = await theirResponse.text()
    expect(myPage).toContain('张思远')
    expect(theirPage).toContain(child.name)
    expect(theirPage).not.toContain('张思远')
    expect(theirResponse.headers.get('x-siji-cache')).toBe('miss')
    expect(theirResponse.headers.get('cache-control')).toContain('private')
    // Without a session there is no family page, cached or not.
    const anonymous = await get('/family')
    expect(anonymous.status).toBe(302)
  })

  it('leaves staff pages and pages with a flash to Remix', async () => {
    const teacher = await signIn('jw-teacher')
    const page = await get('/recaps', { Cookie: teacher })
    expect(page.status).toBe(200)
    expect(page.headers.get('x-siji-cache')).toBeNull()
    const { db } = await getTestApp()
    const parent = await signIn('jw-parent')
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jw-parent')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('sessions')
      .set({ flash: 'recaps.flash.saved' })
      .where('user_id', '=', user.id)
      .execute()
    const flashed = await get('/family', { Cookie: parent })
    expect(flashed.headers.get('x-siji-cache')).toBeNull()
    expect(await flashed.text()).toContain('回顾已保存')
    // Shown once: the next visit is the cache's again.
    expect((await get('/family', { Cookie: parent })).headers.get('x-siji-cache')).toMatch(/hit|miss/)
  })
})

describe('the data version', () => {
  it('moves with a write of this connection and of another one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siji-version-'))
    const a = createDb(join(dir, 'v.db'))
    const b = createDb(join(dir, 'v.db'))
    try {
      await a.schema.createTable('t').addColumn('x', 'integer').execute()
      const start = await readDataVersion(a)
      expect(await readDataVersion(a)).toBe(start)
      await (a as unknown as import('kysely').Kysely<{ t: { x: number } }>)
        .insertInto('t')
        .values({ x: 1 })
        .execute()
      const afterOwn = await readDataVersion(a)
      expect(afterOwn).not.toBe(start)
      await (b as unknown as import('kysely').Kysely<{ t: { x: number } }>)
        .insertInto('t')
        .values({ x: 2 })
        .execute()
      expect(await readDataVersion(a)).not.toBe(afterOwn)
    } finally {
      await a.destroy()
      await b.destroy()
    }
  })
})
