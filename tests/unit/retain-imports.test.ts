import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BuildResult, build } from 'esbuild'
import { beforeAll, describe, expect, test } from 'vitest'
import { serverBuildOptions } from '../../build-server.js'

// db/retain.ts is a command-line job: it deletes photo files but must not load the web framework.
describe('the retention command (db/retain.ts)', () => {
  let result: BuildResult<{ metafile: true; write: false }>
  beforeAll(async () => {
    const options = serverBuildOptions(tmpdir())
    result = await build({
      ...options,
      entryPoints: ['db/retain.ts'],
      outfile: join(tmpdir(), 'retain.js'),
      write: false,
      logLevel: 'silent',
    })
  })

  test('reaches the photo files through the Remix-free module', () => {
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs).toContain('app/utils/retention-schedule.server.ts')
    expect(inputs).toContain('app/utils/photo-files.server.ts')
    expect(inputs).not.toContain('app/utils/photo-upload.server.ts')
  })

  test('imports no @remix-run package', () => {
    const packages = Object.values(result.metafile.outputs).flatMap((out) => out.imports.map((i) => i.path))
    expect(packages).toContain('kysely')
    expect(packages.filter((path) => path.startsWith('@remix-run/'))).toEqual([])
  })
})
