import { pathToFileURL } from 'node:url'
import { describeRetention } from '../app/models/retention.server'
import { runRetention } from '../app/utils/retention-schedule.server'
import { createDb, databasePathFromEnv } from './client'

/**
 * `npm run db:retain -- --dry-run`: what the documented retention would anonymise and purge now,
 * per school and kind, changing nothing. Without the flag it applies it, as the daily job does.
 */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dryRun = process.argv.includes('--dry-run')
  const path = databasePathFromEnv()
  const db = createDb(path)
  try {
    const report = await runRetention(db, { dryRun })
    console.log(`${dryRun ? 'Dry run of retention' : 'Retention applied'} on ${path}:`)
    for (const line of describeRetention(report)) console.log(`  ${line}`)
  } finally {
    await db.destroy()
  }
}
