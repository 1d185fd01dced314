import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import SQLite from 'better-sqlite3'
import { databasePathFromEnv } from './client'

/**
 * A consistent copy of the live database, taken while Siji keeps serving (SQLite's online backup:
 * writers are not blocked, and the copy is one point in time). PostgreSQL deployments use pg_dump.
 */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number }> {
  mkdirSync(dirname(target), { recursive: true })
  const database = new SQLite(source, { readonly: true, fileMustExist: true })
  try {
    const { totalPages } = await database.backup(target)
    return { pages: totalPages }
  } finally {
    database.close()
  }
}

function defaultTarget(source: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  return join(dirname(source), 'backups', `siji-${stamp}.db`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = databasePathFromEnv()
  const target = process.argv[2] ?? defaultTarget(source)
  const { pages } = await backupDatabase(source, target)
  console.log(`Backed up ${source} to ${target} (${pages} pages).`)
}
