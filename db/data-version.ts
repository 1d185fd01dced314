import { type Kysely, sql } from 'kysely'
import type { Database } from './schema'

/**
 * A value that changes whenever anything in the database changes: `data_version` moves when another
 * connection (another app server on the same file, a script) commits, and `total_changes()` when
 * this connection writes. Page caches key their entries by it, so a write on any server makes every
 * server render afresh. One statement. On PostgreSQL the same role is played by a counter row that
 * a trigger bumps (see README, "Performance").
 */
export async function readDataVersion(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ version: number; changes: number }>`
    select (select data_version from pragma_data_version()) as version, total_changes() as changes
  `.execute(db)
  const row = rows[0]
  return row ? `${row.version}.${row.changes}` : '0.0'
}
