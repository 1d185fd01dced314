import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { type Kysely, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb } from '../../db/client'
import type { Database } from '../../db/schema'

/**
 * Two app servers on one file: this process's handle (createDb, as a server opens it) and a plain
 * second connection standing for the other server. Both run in this thread, so the other server
 * never waits (busy_timeout 0): where it would wait, it fails at once and the test sees it.
 */
const opened: { close: () => unknown }[] = []
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close()
})

function twoServers(busyTimeoutMs?: number): { db: Kysely<Database>; other: SQLite.Database } {
  const file = join(mkdtempSync(join(tmpdir(), 'siji-tx-')), 'siji.db')
  const db = createDb(file, { busyTimeoutMs })
  const other = new SQLite(file)
  other.pragma('busy_timeout = 0')
  other.exec('create table saves (id integer primary key, value integer not null)')
  other.exec('insert into saves (id, value) values (1, 0)')
  opened.push({ close: () => db.destroy() }, other)
  return { db, other }
}

async function savedValue(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ value: number }>`select value from saves where id = 1`.execute(db)
  return rows[0]?.value ?? Number.NaN
}

describe('write transactions with another app server on the same file', () => {
  it('read then write even when the other server writes in between: it waits for the lock', async () => {
    const { db, other } = twoServers()
    let otherServer = 'wrote'
    await db.transaction().execute(async (trx) => {
      const before = await savedValue(trx as Kysely<Database>)
      // Begun DEFERRED, this transaction would only read under a snapshot here: the other server's
      // commit would then make its write fail at once with SQLITE_BUSY (a 500 on a fine save).
      try {
        other.prepare('update saves set value = value + 100 where id = 1').run()
      } catch (error) {
        otherServer = (error as { code?: string }).code ?? 'failed'
      }
      await sql`update saves set value = ${before + 1} where id = 1`.execute(trx)
    })
    // This server held the write lock from BEGIN on; the other one had to wait for it.
    expect(otherServer).toBe('SQLITE_BUSY')
    expect(await savedValue(db)).toBe(1)
    other.prepare('update saves set value = value + 100 where id = 1').run()
    expect(await savedValue(db)).toBe(101)
  })

  it('tries BEGIN again when the busy timeout ran out, and gets the lock once it is free', async () => {
    const { db, other } = twoServers(20)
    other.exec('begin immediate')
    // The other server's long transaction ends while this one pauses between attempts.
    setTimeout(() => other.exec('commit'), 30)
    await db.transaction().execute(async (trx) => {
      await sql`update saves set value = 7 where id = 1`.execute(trx)
    })
    expect(await savedValue(db)).toBe(7)
  })

  it('gives up after a bounded number of attempts, leaving nothing half-written', async () => {
    const { db, other } = twoServers(20)
    other.exec('begin immediate')
    const started = performance.now()
    const attempt = db.transaction().execute(async (trx) => {
      await sql`update saves set value = 7 where id = 1`.execute(trx)
    })
    await expect(attempt).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    expect(performance.now() - started).toBeLessThan(5000)
    other.exec('commit')
    expect(await savedValue(db)).toBe(0)
  })
})
