/**
 * The second half of `npm run build` (after `remix build`): server.ts with the db/, seeds/ and app/
 * code it imports compiled into one ES module, build/server.js, that `npm start` runs with plain
 * node. Packages from node_modules stay imports (installed, not bundled). SIJI_BUILD_DIR moves it
 * beside the Remix build, as remix.config.js does.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const ROOT = dirname(fileURLToPath(import.meta.url))
const ENTRY = join(ROOT, 'server.ts')

/**
 * db/migrate.ts and seeds/demo.ts run as scripts when `import.meta.url` is the file node was started
 * with; bundled, every module's `import.meta.url` would be build/server.js and those script blocks
 * would run inside the server. Each module except the entry keeps its own source file's URL.
 * @type {import('esbuild').Plugin}
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.tsx?$/ }, async ({ path }) => {
      if (path === ENTRY) return undefined
      const source = await readFile(path, 'utf8')
      if (!source.includes('import.meta.url')) return undefined
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
        loader: path.endsWith('x') ? 'tsx' : 'ts',
      }
    })
  },
}

/**
 * `~/…` is app/ (tsconfig.json's paths); this esbuild reads `packages: 'external'` before the paths
 * and would leave `~` to node as a package name.
 * @type {import('esbuild').Plugin}
 */
const appAlias = {
  name: 'app-alias',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^~\// }, ({ path, kind }) =>
      pluginBuild.resolve(`./${path.slice(2)}`, { kind, resolveDir: join(ROOT, 'app') }),
    )
  },
}

/**
 * The options of the server's compilation; tests compile with them (without writing) to read
 * its import graph.
 * @param {string} outDir
 * @returns {import('esbuild').BuildOptions & { metafile: true }}
 */
export function serverBuildOptions(outDir) {
  return {
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: join(outDir, 'server.js'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [appAlias, ownImportMetaUrl],
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = resolve(ROOT, process.env.SIJI_BUILD_DIR ?? 'build')
  await build(serverBuildOptions(outDir))
  console.log(`Compiled server.ts into ${join(outDir, 'server.js')}`)
}
