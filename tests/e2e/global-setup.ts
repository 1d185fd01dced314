/**
 * Global setup of the `e2e` project: seeds a template database once (the real server migrates and
 * seeds the demo at the pinned clock, then stops), and hands its directory and the browser's path
 * to the tests; each test file then runs its own server over a copy (file-server.ts), so no file
 * sees what another changed and files may run in parallel. Nothing is skipped: a missing build or
 * browser fails the run with what to do about it.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ROOT, startServer } from './server'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string
    chromePath: string
  }
}

export function findChrome(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.CHROME_PATH ? [env.CHROME_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser']
  const found = candidates.find((path) => existsSync(path))
  if (found) return found
  throw new Error(
    env.CHROME_PATH
      ? `CHROME_PATH is set to ${env.CHROME_PATH}, but no file is there: point it at a Chrome or ` +
          'Chromium executable, or unset it and install Chromium (`sudo apt-get install -y chromium`).'
      : 'No Chromium found at /usr/bin/chromium or /usr/bin/chromium-browser. The browser tests need one: ' +
          'install it (Debian/Ubuntu: `sudo apt-get install -y chromium fonts-noto-cjk`) ' +
          'or set CHROME_PATH to a Chrome or Chromium executable.',
  )
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromePath = findChrome()
  const templateDir = mkdtempSync(join(tmpdir(), 'siji-e2e-template-'))
  const seeding = await startServer({ dir: templateDir })
  await seeding.stop()
  project.provide('templateDir', templateDir)
  project.provide('chromePath', chromePath)

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
