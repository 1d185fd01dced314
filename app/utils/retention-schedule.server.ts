import type { Kysely } from 'kysely'
import { applyRetention, type RetentionReport } from '~/models/retention.server'
import { now } from '~/utils/clock'
import { deletePhotoFiles } from '~/utils/photo-files.server'
import type { Database } from '../../db/schema'

const DAY_MS = 24 * 60 * 60 * 1000

/** One retention run at the clock's now, deleting the files of deleted photos after each commit. */
export function runRetention(
  db: Kysely<Database>,
  { dryRun, schoolId }: { dryRun: boolean; schoolId?: number },
): Promise<RetentionReport> {
  return applyRetention(db, { now: now(), dryRun, schoolId, deleteFiles: deletePhotoFiles })
}

/**
 * The daily job: once now (after migrations) and every 24 hours while the server runs. A failure is
 * logged and tried again the next day; it never stops the server. `SIJI_RETENTION=off` turns it off
 * (tests that keep old rows on purpose, a copy of a database being examined).
 */
export function startRetentionSchedule(db: Kysely<Database>): { stop: () => void } {
  if (process.env.SIJI_RETENTION === 'off') return { stop: () => {} }
  async function run() {
    try {
      const report = await runRetention(db, { dryRun: false })
      const pupils = report.schools.reduce((sum, s) => sum + s.counts.pupils, 0)
      const photos = report.schools.reduce((sum, s) => sum + s.counts.photos, 0)
      const rows = report.schools.reduce(
        (sum, s) => sum + s.counts.sessions + s.counts.audit + s.counts.notifications,
        report.signInThrottle,
      )
      console.log(`Retention: ${pupils} pupils anonymised, ${photos} photos deleted, ${rows} old rows purged`)
    } catch (error) {
      console.error('Retention failed; it runs again in 24 hours:', error)
    }
  }
  void run()
  const timer = setInterval(() => void run(), DAY_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
