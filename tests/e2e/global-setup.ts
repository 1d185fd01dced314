/**
 * Global setup of the `e2e` project: seeds a template database once (the real server migrates and
 * seeds the demo at the pinned clock, then stops), and hands its directory and the browser's path
 * to the tests; each test file then runs its own server over a copy (file-server.ts), so no file
 * sees what another changed and files may run in parallel. Nothing is skipped: a missing build or
 * browser fails the run with what to do about it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { findChrome } from './chrome-path'
import { ROOT, startServer } from './server'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string
    chromePath: string
    chromeEnv: Record<string, string>
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chrome = await findChrome()
  const version = execFileSync(chrome.path, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, ...chrome.env },
  }).trim()
  console.log(`e2e browser (${chrome.source}): ${chrome.path}, ${version}`)
  const templateDir = mkdtempSync(join(tmpdir(), 'siji-e2e-template-'))
  const seeding = await startServer({ dir: templateDir })
  await seeding.stop()
  project.provide('templateDir', templateDir)
  project.provide('chromePath', chrome.path)
  project.provide('chromeEnv', chrome.env)

  const builtAt = statSync(join(ROOT, 'build', 'index.js')).mtimeMs
  return async () => {
    rmSync(templateDir, { recursive: true, force: true })
    if (statSync(join(ROOT, 'build', 'index.js'), { throwIfNoEntry: false })?.mtimeMs !== builtAt) {
      console.warn(
        'build/ was rebuilt while the e2e tests ran: the servers kept the old build, so their asset URLs ' +
          '(/build/...) may have answered 404. Run the e2e tests again once nobody is building.',
      )
    }
  }
}
