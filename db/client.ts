import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
  type TransactionSettings,
} from 'kysely'
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
 * - busy_timeout: a second process (another app server, a migration, a script) waits for the
 *   write lock instead of failing; write transactions begin IMMEDIATE (see ImmediateSqliteDialect).
 */
export function createDb(
  file: string = databasePathFromEnv(),
  options: { busyTimeoutMs?: number } = {},
): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`)
  // `npm run bench` counts statements per request; otherwise Kysely runs without a log hook.
  const log = isStatementCountingEnabled() ? countStatement : undefined
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), log })
}

const BUSY_TIMEOUT_MS = 5000
/** Further attempts at BEGIN IMMEDIATE when the busy timeout ran out, each after a longer pause. */
export const BEGIN_RETRIES = 4
const RETRY_PAUSE_MS = 50

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/**
 * Kysely's SQLite driver begins transactions DEFERRED: the transaction reads under a snapshot, and
 * its first write fails at once with SQLITE_BUSY (no busy timeout applies) when another app server
 * on the same file committed in between: a 500 for a save that was fine. BEGIN IMMEDIATE takes the
 * write lock first, waiting up to the busy timeout, so every `db.transaction()` reads what it then
 * writes over. Should the timeout run out (a long transaction elsewhere), it is tried again a few
 * times after a pause that leaves this server's event loop free. Read-only transactions
 * (`setAccessMode('read only')`) stay deferred.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    if (settings?.accessMode === 'read only') return super.beginTransaction(connection)
    for (let retry = 0; ; retry++) {
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'))
        return
      } catch (error) {
        if (!isBusy(error) || retry >= BEGIN_RETRIES) throw error
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * 2 ** retry))
      }
    }
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
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
