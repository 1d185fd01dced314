import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { backupDatabase } from '../../db/backup'
import type { Database } from '../../db/schema'
import { getTestApp } from '../setup/app'

describe('database backup', () => {
  it('copies the live database, open and in use, into a file that opens on its own', async () => {
    const app = await getTestApp()
    await app.signIn('jw-admin')
    const { rows } = await sql<{
      file: string
    }>`select file from pragma_database_list where name = 'main'`.execute(app.db)
    const liveFile = rows[0]?.file ?? ''
    const target = join(mkdtempSync(join(tmpdir(), 'siji-backup-')), 'copy.db')
    const { pages } = await backupDatabase(liveFile, target)
    expect(pages).toBeGreaterThan(0)

    const copy = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SQLite(target, { readonly: true }) }),
    })
    try {
      const live = await app.db.selectFrom('schools').select('slug').orderBy('id').execute()
      expect(await copy.selectFrom('schools').select('slug').orderBy('id').execute()).toEqual(live)
      // The session written just before the backup is in the copy: WAL contents are included.
      const sessions = await copy.selectFrom('sessions').select('id').execute()
      expect(sessions.length).toBeGreaterThan(0)
    } finally {
      await copy.destroy()
    }
  })
})
