import { existsSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import SQLite from 'better-sqlite3'
import { databasePathFromEnv } from './client'

/** Why a restore did not happen; the live database is untouched. */
export class RestoreRefused extends Error {}

export type Restored = {
  /** Where the database that was live is kept, or null when there was none. */
  keptAside: string | null
  /** Sessions the backup held, all ended: nobody is signed in by a restore. */
  sessionsEnded: number
}

/**
 * Puts `backup` in place of the live database `live`:
 * 1. the backup must pass `PRAGMA integrity_check` and be a Siji database;
 * 2. it is copied beside the live file and every session in the copy is ended, so a session signed
 *    out after the backup was taken does not come back (nor does any other);
 * 3. the live file must not be open anywhere: every app server holds its database open, and an
 *    exclusive lock on it is refused while one does, so a restore under a running server (which
 *    would keep writing into the file set aside) is refused instead;
 * 4. the live file is kept aside (`<name>.replaced-<time>`) and the copy takes its name.
 * Any refusal leaves the live file as it was.
 */
export function restoreDatabase(backup: string, live: string): Restored {
  checkBackup(backup)
  const prepared = `${live}.restoring-${process.pid}`
  removeDatabaseFiles(prepared)
  try {
    const sessionsEnded = prepareCopy(backup, prepared)
    let keptAside: string | null = null
    if (existsSync(live)) {
      closeLiveDatabase(live)
      keptAside = asideName(live)
      renameSync(live, keptAside)
      // Nobody has it open and its WAL is folded in: what is left beside it belongs to it.
      if (existsSync(`${live}-wal`)) renameSync(`${live}-wal`, `${keptAside}-wal`)
      rmSync(`${live}-shm`, { force: true })
    }
    renameSync(prepared, live)
    return { keptAside, sessionsEnded }
  } finally {
    removeDatabaseFiles(prepared)
  }
}

function checkBackup(backup: string): void {
  let database: SQLite.Database
  try {
    database = new SQLite(backup, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new RestoreRefused(`${backup} cannot be opened: ${(error as Error).message}`)
  }
  try {
    const report = database.pragma('integrity_check') as { integrity_check: string }[]
    const problems = report.map((row) => row.integrity_check)
    if (problems.join() !== 'ok') {
      throw new RestoreRefused(`${backup} fails the integrity check: ${problems.slice(0, 5).join('; ')}`)
    }
    const tables = database
      .prepare(`select name from sqlite_master where type = 'table' and name in ('sessions', 'schools')`)
      .all()
    if (tables.length !== 2) throw new RestoreRefused(`${backup} is not a Siji database`)
  } catch (error) {
    // A damaged file may also fail with SQLITE_CORRUPT or SQLITE_NOTADB instead of a report.
    if (error instanceof RestoreRefused) throw error
    throw new RestoreRefused(`${backup} fails the integrity check: ${(error as Error).message}`)
  } finally {
    database.close()
  }
}

/** A copy of the backup at `target`, in WAL mode like the live file, with no session left. */
function prepareCopy(backup: string, target: string): number {
  const copy = new SQLite(backup, { readonly: true })
  try {
    copy.exec(`vacuum into '${target.replaceAll("'", "''")}'`)
  } finally {
    copy.close()
  }
  const database = new SQLite(target)
  try {
    database.pragma('journal_mode = WAL')
    return database.prepare('delete from sessions').run().changes
  } finally {
    // The last connection to close checkpoints the WAL into the file and removes it.
    database.close()
  }
}

/**
 * Refuses while anything else has the live file open (an app server, a script), and otherwise
 * folds its WAL into it so the file set aside is complete on its own.
 */
function closeLiveDatabase(live: string): void {
  const database = new SQLite(live, { fileMustExist: true })
  try {
    database.pragma('busy_timeout = 0')
    database.pragma('locking_mode = exclusive')
    try {
      database.exec('begin exclusive; commit')
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        throw new RestoreRefused(
          `${live} is in use (a Siji server or another program has it open): stop every app server first`,
        )
      }
      throw error
    }
    database.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    database.close()
  }
}

function asideName(live: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  for (let n = 0; ; n++) {
    const name = join(dirname(live), `${basename(live)}.replaced-${stamp}${n ? `-${n}` : ''}`)
    if (!existsSync(name)) return name
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const backup = process.argv[2]
  if (!backup) {
    console.error('Usage: npm run db:restore <backup file>   (restores into DATABASE_PATH)')
    process.exit(2)
  }
  const live = databasePathFromEnv()
  try {
    const { keptAside, sessionsEnded } = restoreDatabase(resolve(backup), live)
    console.log(`Restored ${backup} into ${live}; ${sessionsEnded} sessions ended (everyone signs in again).`)
    if (keptAside) console.log(`The database it replaced is kept as ${keptAside}.`)
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error
    console.error(`Restore refused, ${live} is untouched: ${error.message}`)
    process.exit(1)
  }
}
