import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findChrome, isExecutable } from '../e2e/chrome-path'
import { e2eSeed, shuffled } from '../e2e/file-order'

const dir = mkdtempSync(join(tmpdir(), 'siji-harness-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A machine whose only runnable files are `present`; the bundled browser unpacks to a fixed path. */
const machine = (...present: string[]) => ({
  canRun: (path: string) => present.includes(path),
  unpackBundled: async () => '/tmp/siji-chromium-147.0.0/chromium',
})

describe('the e2e browser lookup', () => {
  it('takes CHROME_PATH first, and fails clearly when nothing runnable is there', async () => {
    const env = { CHROME_PATH: '/opt/chrome/chrome' }
    expect(await findChrome(env, machine('/opt/chrome/chrome', '/usr/bin/chromium'))).toEqual({
      path: '/opt/chrome/chrome',
      source: 'CHROME_PATH',
      env: {},
    })
    await expect(findChrome(env, machine('/usr/bin/chromium'))).rejects.toThrow(
      'CHROME_PATH is set to /opt/chrome/chrome, but no executable is there',
    )
  })

  it("keeps Debian's Chromium when present", async () => {
    expect(await findChrome({}, machine('/usr/bin/chromium-browser'))).toEqual({
      path: '/usr/bin/chromium-browser',
      source: 'system',
      env: {},
    })
  })

  it('falls back to the bundled Chromium without a system one, or when told to hide it', async () => {
    const bundled = {
      path: '/tmp/siji-chromium-147.0.0/chromium',
      source: 'bundled',
      // Its own font configuration, so that a machine without fonts still renders text.
      env: { FONTCONFIG_FILE: '/tmp/siji-chromium-147.0.0/fonts.conf' },
    }
    expect(await findChrome({}, machine())).toEqual(bundled)
    expect(await findChrome({ SIJI_HIDE_SYSTEM_CHROME: '1' }, machine('/usr/bin/chromium'))).toEqual(bundled)
  })

  it('does not take an empty file mounted over the browser, or a directory, for a browser', () => {
    const empty = join(dir, 'chromium')
    writeFileSync(empty, '')
    expect(isExecutable(empty)).toBe(false)
    expect(isExecutable(dir)).toBe(false)
    chmodSync(empty, 0o755)
    expect(isExecutable(empty)).toBe(true)
  })
})

describe('the e2e file order', () => {
  const files = Array.from({ length: 20 }, (_, i) => `tests/e2e/file-${i}.test.ts`)

  it('is a permutation fixed by the seed, so a printed seed replays its order', () => {
    const order = shuffled(files, 1234)
    expect(order).toEqual(shuffled(files, 1234))
    expect([...order].sort()).toEqual([...files].sort())
    expect(order).not.toEqual(files)
    expect(shuffled(files, 1235)).not.toEqual(order)
  })

  it('takes the seed from E2E_SEED, else a random one, and refuses a seed that is not a number', () => {
    expect(e2eSeed({ E2E_SEED: '42' })).toBe(42)
    const seeds = new Set(Array.from({ length: 5 }, () => e2eSeed({})))
    expect(seeds.size).toBeGreaterThan(1)
    expect(() => e2eSeed({ E2E_SEED: 'abc' })).toThrow('E2E_SEED must be a whole number')
  })
})
