import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import type { Database } from './schema'
import { countStatement, isStatementCountingEnabled } from './statement-counter'

export const DEFAULT_DATABASE_PATH = 'data/siji.db'

export function databasePathFromEnv(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH
}

/**
 * Opens the SQLite file with the pragmas Siji relies on.
 * - WAL: readers never wait for the writer.
 * - synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss; an approval or a
 *   parent's consent must survive a crash once the page said "saved", and our write rate is tiny.
 * - busy_timeout: a second process (a migration, a seed script) waits instead of failing.
 */
export function createDb(file: string = databasePathFromEnv()): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // `npm run bench` counts statements per request; otherwise Kysely runs without a log hook.
  const log = isStatementCountingEnabled() ? countStatement : undefined
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log })
}

/**
 * Gives SQLite's query planner statistics about the tables (sqlite_stat1). Without them it may
 * pick a school-wide index over a much narrower one (participations by school instead of by
 * activity: 40–80 ms instead of well under 1 ms on a 3,000-pupil school). Cheap: about 0.2 s on
 * that school for the first full ANALYZE, then `PRAGMA optimize` only refreshes what changed.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from sqlite_master where name = 'sqlite_stat1'
  `.execute(db)
  if (rows[0]?.n) await sql`pragma optimize`.execute(db)
  else await sql`analyze`.execute(db)
}
