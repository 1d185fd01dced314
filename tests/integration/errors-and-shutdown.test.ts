import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getTestApp } from '../setup/app'

describe('error pages', () => {
  it('answers an unexpected failure with a translated 500 page and no stack trace', async () => {
    const app = await getTestApp()
    const cookie = await app.signIn('zb-admin')
    // Break the page's query for a moment; the worker's files run one after another.
    await sql`alter table grades rename to grades_away`.execute(app.db)
    try {
      const response = await app.request('/school', { cookie })
      expect(response.status).toBe(500)
      const html = await response.text()
      expect(html).toContain('出了点问题')
      expect(html).not.toMatch(/SqliteError|no such table|\bat .*\.js:\d+/)
    } finally {
      await sql`alter table grades_away rename to grades`.execute(app.db)
    }
  })
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

describe('npm start', () => {
  it('migrates, seeds, serves, and closes the database cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siji-start-'))
    const databasePath = join(dir, 'siji.db')
    const port = await freePort()
    // Without SESSION_SECRET, as a newcomer starts it: one is made and kept beside the database.
    const { SESSION_SECRET: _unset, ...env } = process.env
    // The compiled server, as `npm start` runs it (npm run build first).
    const child = spawn(process.execPath, [join('build', 'server.js')], {
      env: { ...env, DATABASE_PATH: databasePath, PORT: String(port), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      const deadline = Date.now() + 30_000
      let health: unknown = null
      while (Date.now() < deadline) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`)
          .then((r) => r.json())
          .catch(() => null)
        if (health) break
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(health, output).toEqual({ status: 'ok' })
      expect(output).toContain('Seeded the demo schools')
      expect(existsSync(`${databasePath}-wal`)).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    // Closing the last connection checkpoints the write-ahead log and removes it.
    expect(existsSync(`${databasePath}-wal`)).toBe(false)
    expect(existsSync(join(dir, 'session-secret'))).toBe(true)
  })
})
