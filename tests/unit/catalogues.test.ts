import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '~/locales/en/index'
import { zh } from '~/locales/zh/index'

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof child === 'string') out.set(path, child)
    else for (const [k, v] of flatten(child, path)) out.set(k, v)
  }
  return out
}

const zhKeys = flatten(zh)
const enKeys = flatten(en)

describe('catalogues', () => {
  it('has every Chinese key in English', () => {
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([])
  })

  it('has every English key in Chinese', () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([])
  })

  it('has no empty message', () => {
    const empty = [...zhKeys, ...enKeys].filter(([, v]) => v.trim() === '').map(([k]) => k)
    expect(empty).toEqual([])
  })

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
    const mismatched = [...zhKeys].filter(
      ([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(enKeys.get(k) ?? '')),
    )
    expect(mismatched.map(([k]) => k)).toEqual([])
  })
})

describe('English terms', () => {
  // 课时 is one unit of Shanghai's social practice: English says "hours" (or "h") everywhere, never
  // "periods" on one page and "hours" on another.
  const credited = [...zhKeys].filter(([, v]) => v.includes('课时')).map(([k]) => k)

  it('translates 课时 as hours everywhere', () => {
    expect(credited.length).toBeGreaterThan(10)
    const other = credited.filter((k) => !/\bhours?\b|\}\} h\b/i.test(enKeys.get(k) ?? ''))
    expect(other).toEqual([])
  })

  it('has no "periods" or "lesson hours" left in English', () => {
    const stale = [...enKeys].filter(([, v]) => /\bperiods\b|lesson hours?/i.test(v)).map(([k]) => k)
    expect(stale).toEqual([])
  })
})

describe('messages named in the code', () => {
  // Form schemas, server-side checks and flashes name catalogue keys as string literals; a key
  // missing from the catalogue would reach the reader raw.
  const groups = new Set(
    Object.keys(zh).filter((key) => typeof (zh as Record<string, unknown>)[key] === 'object'),
  )
  const files = readdirSync('app', { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file) && !file.startsWith('locales') && !file.startsWith('models'))
    .map((file) => join('app', file))

  it('exist in the catalogue', () => {
    const missing: string[] = []
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      for (const [, key] of source.matchAll(/'([a-z][A-Za-z]*(?:\.[A-Za-z][\w-]*)+)(?:\|[^']*)?'/g)) {
        if (!key || !groups.has(key.split('.')[0] ?? '') || key.includes('.server') || key.endsWith('.ts'))
          continue
        const known =
          zhKeys.has(key) ||
          zhKeys.has(`${key}_one`) ||
          [...zhKeys.keys()].some((k) => k.startsWith(`${key}.`))
        if (!known) missing.push(`${file}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })
})
