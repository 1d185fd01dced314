import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
}

/** What a file imports, as paths from the repository root (`~/` resolved), packages as they are. */
function importsOf(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8')
  return [...source.matchAll(IMPORT)].map(([, specifier = '']) => {
    if (specifier.startsWith('~/')) return join('app', specifier.slice(2))
    if (specifier.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(file), specifier))
    return specifier
  })
}

describe('the layers of app/', () => {
  test('app/domain owns its vocabulary: it imports nothing from db/ or app/models', () => {
    const crossings = filesUnder('app/domain').flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('db/') || target.startsWith('app/models/'))
        .map((target) => `${file} → ${target}`),
    )
    expect(filesUnder('app/domain').length).toBeGreaterThan(20)
    expect(crossings).toEqual([])
  })

  test('a file name says its layer: no two files of app/utils, app/models and app/services share a name', () => {
    const layersByName = new Map<string, string[]>()
    for (const layer of ['app/utils', 'app/models', 'app/services']) {
      for (const file of readdirSync(join(ROOT, layer))) {
        const name = file.replace(/(\.server)?\.tsx?$/, '')
        layersByName.set(name, [...new Set([...(layersByName.get(name) ?? []), layer])])
      }
    }
    const shared = [...layersByName]
      .filter(([, layers]) => layers.length > 1)
      .map(([name, layers]) => `${name}: ${layers.join(', ')}`)
    expect(layersByName.size).toBeGreaterThan(60)
    expect(shared).toEqual([])
  })

  test('a route module holds one page: none under app/routes is over 350 lines', () => {
    const long = filesUnder('app/routes')
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 350)
      .map(({ file, lines }) => `${file}: ${lines} lines`)
    expect(long).toEqual([])
  })
})
