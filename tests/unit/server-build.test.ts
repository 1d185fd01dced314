import { tmpdir } from 'node:os'
import { type BuildResult, build } from 'esbuild'
import { beforeAll, describe, expect, test } from 'vitest'
import { serverBuildOptions } from '../../build-server.js'

describe('the compiled server (build/server.js)', () => {
  let result: BuildResult<{ metafile: true; write: false }>
  beforeAll(async () => {
    result = await build({ ...serverBuildOptions(tmpdir()), write: false, logLevel: 'silent' })
  })

  test('is compiled from server.ts, app/, db/ and seeds/, and from nothing under tests/', () => {
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs).toContain('server.ts')
    expect(inputs).toContain('app/utils/page-cache.server.ts')
    expect(inputs).toContain('db/migrate.ts')
    expect(inputs).toContain('seeds/demo.ts')
    expect(inputs.filter((input) => input.startsWith('tests/'))).toEqual([])
  })

  test('leaves node only installed packages to import, no `~/` paths', () => {
    const imports = Object.values(result.metafile.outputs).flatMap((out) => out.imports.map((i) => i.path))
    expect(imports).toContain('@remix-run/express')
    expect(imports.filter((path) => path.startsWith('~') || path.startsWith('.'))).toEqual([])
  })

  test('keeps the script blocks of db/migrate.ts and seeds/demo.ts from running in the server', () => {
    const code = result.outputFiles.find((file) => file.path.endsWith('server.js'))?.text ?? ''
    // Only the entry's own "run when started" check may compare with the bundle's URL.
    expect(code.match(/import\.meta\.url/g)).toHaveLength(1)
    expect(code).toContain(JSON.stringify(new URL('../../db/migrate.ts', import.meta.url).href))
  })
})
