/**
 * Global setup of the `integration` project: migrates and seeds the demo into a template SQLite file
 * once per run (at the pinned clock, vitest.config.ts), and hands its path to the test files. Each
 * file then opens its own copy (app.ts): fresh data per file, no file sees what another changed, and
 * nobody migrates or seeds twice.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { createDb } from '../../db/client'
import { migrateToLatest } from '../../db/migrate'
import { seedDemo } from '../../seeds/demo'

declare module 'vitest' {
  export interface ProvidedContext {
    integrationTemplate: string
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'siji-it-template-'))
  const file = join(dir, 'siji.db')
  const db = createDb(file)
  await migrateToLatest(db)
  await seedDemo(db)
  // Closing checkpoints the WAL into the file, so copying siji.db alone copies everything.
  await db.destroy()
  project.provide('integrationTemplate', file)
  return () => rmSync(dir, { recursive: true, force: true })
}
