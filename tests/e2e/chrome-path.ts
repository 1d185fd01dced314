/**
 * The browser the e2e tests drive: `CHROME_PATH` if set; else Debian's Chromium when installed; else
 * the headless Chromium shipped inside the `@sparticuz/chromium` devDependency, so that
 * `npm install && npm test` passes on a machine with nothing else installed.
 * `SIJI_HIDE_SYSTEM_CHROME=1` skips the system paths: the weak form of CI's bare-machine run
 * (.ci/e2e-bare), used only where it cannot hide them with a mount namespace.
 */
import {
  accessSync,
  constants,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export const SYSTEM_CHROMES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/** `env`: what the browser needs in its environment besides this process's. */
export type Chrome = {
  path: string
  source: 'CHROME_PATH' | 'system' | 'bundled'
  env: Record<string, string>
}

/** A file this process may run: an empty file mounted over a path (.ci/e2e-bare) is not one. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * Unpacks the bundled Chromium once per version into the temporary directory and answers its path.
 * The package unpacks into `os.tmpdir()` and trusts whatever is already there, so an interrupted
 * unpack would be reused forever: it unpacks into a private directory instead, renamed into place
 * only when complete (a concurrent run that wins the rename is used as is).
 */
export async function unpackBundledChrome(): Promise<string> {
  const { default: chromium } = await import('@sparticuz/chromium')
  // The package's version names the cache (its exports hide package.json, so it is read by path).
  const main = createRequire(import.meta.url).resolve('@sparticuz/chromium')
  const { version } = JSON.parse(readFileSync(join(dirname(main), '..', '..', 'package.json'), 'utf8'))
  const dir = join(tmpdir(), `siji-chromium-${version}`)
  const path = join(dir, 'chromium')
  if (!isExecutable(path)) {
    const staging = mkdtempSync(join(tmpdir(), 'siji-chromium-unpacking-'))
    const previous = process.env.TMPDIR
    process.env.TMPDIR = staging
    try {
      await chromium.executablePath()
    } finally {
      if (previous === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previous
    }
    try {
      renameSync(staging, dir)
    } catch (error) {
      rmSync(staging, { recursive: true, force: true })
      if (!isExecutable(path)) throw error
    }
  }
  writeFontConfig(dir)
  return path
}

/**
 * A machine without fonts (no /etc/fonts, nothing in /usr/share/fonts) renders text with no glyphs
 * at all, so links have no size and cannot be clicked. The bundled browser reads this configuration
 * instead: the system's when there is one, plus the Open Sans the package ships (CJK text then
 * shows as boxes, which the tests do not read). Written by rename so a concurrent run never reads
 * half of it.
 */
function writeFontConfig(dir: string): void {
  const xml =
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' +
    `  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n` +
    '</fontconfig>\n'
  const staging = join(dir, `fonts.conf.${process.pid}`)
  writeFileSync(staging, xml)
  renameSync(staging, join(dir, 'fonts.conf'))
}

export async function findChrome(
  env: Record<string, string | undefined> = process.env,
  { canRun = isExecutable, unpackBundled = unpackBundledChrome } = {},
): Promise<Chrome> {
  if (env.CHROME_PATH) {
    if (canRun(env.CHROME_PATH)) return { path: env.CHROME_PATH, source: 'CHROME_PATH', env: {} }
    throw new Error(
      `CHROME_PATH is set to ${env.CHROME_PATH}, but no executable is there: point it at a Chrome or ` +
        'Chromium executable, or unset it to use the system Chromium or the bundled one.',
    )
  }
  if (env.SIJI_HIDE_SYSTEM_CHROME !== '1') {
    const system = SYSTEM_CHROMES.find((path) => canRun(path))
    if (system) return { path: system, source: 'system', env: {} }
  }
  const path = await unpackBundled()
  return { path, source: 'bundled', env: { FONTCONFIG_FILE: join(dirname(path), 'fonts.conf') } }
}
