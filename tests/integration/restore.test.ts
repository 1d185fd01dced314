import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { backupDatabase } from '../../db/backup'
import { RestoreRefused, restoreDatabase } from '../../db/restore'
import { getTestApp } from '../setup/app'

async function liveFileOf(): Promise<string> {
  const app = await getTestApp()
  const { rows } = await sql<{ file: string }>`
    select file from pragma_database_list where name = 'main'
  `.execute(app.db)
  return rows[0]?.file ?? ''
}

function sessionIds(file: string): string[] {
  const database = new SQLite(file, { readonly: true })
  try {
    return database
      .prepare('select id from sessions')
      .all()
      .map((row) => (row as { id: string }).id)
  } finally {
    database.close()
  }
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** A stopped server's database: a copy of the test app's file as it is now. */
async function stoppedLiveFile(dir: string): Promise<string> {
  const live = join(dir, 'siji.db')
  await backupDatabase(await liveFileOf(), live)
  return live
}

describe('npm run db:restore', () => {
  it('ends every session of the backup: one signed out after the backup does not come back', async () => {
    const app = await getTestApp()
    const dir = mkdtempSync(join(tmpdir(), 'siji-restore-'))
    const before = new Set(sessionIds(await liveFileOf()))
    const cookie = await app.signIn('jw-teacher')
    const backup = join(dir, 'backup.db')
    await backupDatabase(await liveFileOf(), backup)
    const ended = sessionIds(backup).filter((id) => !before.has(id))
    expect(ended).toHaveLength(1)

    const out = await app.request('/logout', { method: 'POST', cookie })
    expect(out.status).toBe(302)
    const live = await stoppedLiveFile(dir)
    expect(sessionIds(live)).not.toContain(ended[0])
    const liveBefore = digest(live)

    const { keptAside, sessionsEnded } = restoreDatabase(backup, live)
    expect(sessionsEnded).toBeGreaterThanOrEqual(1)
    // The restored file is complete on its own: no WAL left beside it.
    expect(existsSync(`${live}-wal`)).toBe(false)
    expect(sessionIds(live)).toEqual([])
    // The restored file holds the backup's data.
    const restored = new SQLite(live, { readonly: true })
    expect(restored.prepare('select count(*) as n from schools').get()).toEqual({ n: 3 })
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok')
    restored.close()
    // The database it replaced is kept, unchanged.
    expect(keptAside).not.toBeNull()
    expect(digest(keptAside ?? '')).toBe(liveBefore)
  })

  it('refuses while a server has the live file open, and leaves it untouched', async () => {
    const app = await getTestApp()
    const dir = mkdtempSync(join(tmpdir(), 'siji-restore-'))
    const backup = join(dir, 'backup.db')
    const live = await liveFileOf()
    await backupDatabase(live, backup)
    const cookie = await app.signIn('jw-admin')

    expect(() => restoreDatabase(backup, live)).toThrow(RestoreRefused)
    expect(() => restoreDatabase(backup, live)).toThrow(/in use/)
    // The serving database still answers, with the session made before the attempt.
    const home = await app.request('/', { cookie })
    expect(home.status).toBe(200)
    expect(readdirSync(join(live, '..')).filter((name) => name.includes('.replaced-'))).toEqual([])
    expect(readdirSync(join(live, '..')).filter((name) => name.includes('.restoring-'))).toEqual([])
  })

  it('refuses a damaged backup or a file that is no database, and leaves the live file untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siji-restore-'))
    const live = await stoppedLiveFile(dir)
    const liveBefore = digest(live)

    const damaged = join(dir, 'damaged.db')
    await backupDatabase(await liveFileOf(), damaged)
    // Garbage over a few b-tree pages in the middle of the file, as a bad disk would leave it.
    const pageSize = 4096
    const fd = openSync(damaged, 'r+')
    for (const page of [3, 4, 5, 6, 7, 8])
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize)
    closeSync(fd)
    expect(() => restoreDatabase(damaged, live)).toThrow(RestoreRefused)
    expect(() => restoreDatabase(damaged, live)).toThrow(/integrity check/)

    const notDatabase = join(dir, 'notes.db')
    writeFileSync(notDatabase, 'not a database at all, just some text '.repeat(200))
    expect(() => restoreDatabase(notDatabase, live)).toThrow(RestoreRefused)
    expect(() => restoreDatabase(join(dir, 'missing.db'), live)).toThrow(RestoreRefused)

    expect(digest(live)).toBe(liveBefore)
    expect(
      readdirSync(dir).filter((name) => name.includes('.replaced-') || name.includes('.restoring-')),
    ).toEqual([])
  })
})
