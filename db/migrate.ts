import { pathToFileURL } from 'node:url'
import { type Kysely, Migrator } from 'kysely'
import { createDb } from './client'
import { migrations } from './migrations/index'
import type { Database } from './schema'

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) throw error
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const db = createDb()
  const applied = await migrateToLatest(db)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
  await db.destroy()
}
