import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
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
