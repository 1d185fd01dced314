import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ICON_NAMES } from '~/components/icon-names'
import { buildSprite, SPRITE_PATH } from '~/components/icon-sprite.script'

const sprite = readFileSync(SPRITE_PATH, 'utf8')
const symbolIds = new Set([...sprite.matchAll(/<symbol id="([^"]+)"/g)].map((m) => m[1]))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** Icon names written in app/: <Icon name="…"> and `icon: '…'` entries of icon tables. */
function iconNamesUsedInApp(): Set<string> {
  const used = new Set<string>()
  for (const file of sourceFiles(join(process.cwd(), 'app'))) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/<Icon\s+name="([^"]+)"/g)) used.add(match[1] as string)
    for (const match of text.matchAll(/\bicon:\s*'([^']+)'/g)) used.add(match[1] as string)
    // Tables of icons by key: `const NAV_ICONS: Record<string, IconName> = { '/': 'house', … }`.
    for (const table of text.matchAll(/Record<[^>]*IconName>\s*=\s*\{([\s\S]*?)\n\}/g)) {
      for (const match of (table[1] ?? '').matchAll(/:\s*'([^']+)'/g)) used.add(match[1] as string)
    }
  }
  return used
}

describe('icon sprite', () => {
  it('holds every icon named in app/', () => {
    const used = iconNamesUsedInApp()
    expect(used.size).toBeGreaterThan(10)
    expect([...used].filter((name) => !symbolIds.has(name))).toEqual([])
  })

  it('holds every icon of the list, and is what npm run icons builds from it', () => {
    expect(ICON_NAMES.filter((name) => !symbolIds.has(name))).toEqual([])
    expect(sprite).toBe(buildSprite())
  })

  it('is a sprite of symbols, not a font, with nothing that runs', () => {
    expect(symbolIds.size).toBe(ICON_NAMES.length)
    expect(sprite).not.toMatch(/<script|\bon[a-z]+=|@font-face|href="(?!#)/i)
  })
})
