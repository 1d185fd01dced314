import type { Kysely } from 'kysely'
import { createDb } from '../../db/client'
import type { Database } from '../../db/schema'

declare global {
  // The server (or a test) may open the handle before the app loads, so both share one.
  var __sijiDb: Kysely<Database> | undefined
}

globalThis.__sijiDb ??= createDb()

/** The one database handle of this process. */
export const db: Kysely<Database> = globalThis.__sijiDb
