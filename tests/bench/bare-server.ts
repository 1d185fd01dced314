import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * The machine's limit for a page: plain `node:http` answering each path with the bytes Siji sent
 * for it, in a process of its own as Siji runs in one. Started by tests/bench/run.ts with a
 * manifest file; prints `{"port":…}` once listening.
 */
export type BareManifest = { pages: { path: string; contentType: string; file: string }[] }

const manifestFile = process.argv[2]
if (!manifestFile) throw new Error('usage: bare-server.ts MANIFEST.json')
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BareManifest
const pages = new Map(
  manifest.pages.map((page) => [
    page.path,
    { body: readFileSync(page.file), headers: { 'Content-Type': page.contentType } },
  ]),
)

const server = createServer((req, res) => {
  const page = pages.get(req.url ?? '')
  if (!page) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, { ...page.headers, 'Content-Length': page.body.length }).end(page.body)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
