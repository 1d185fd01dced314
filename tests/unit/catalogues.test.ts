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
