/**
 * Each browser test file gets its own server over a fresh copy of the seeded template database,
 * started when the file first opens a browser and stopped after its last test (the hook below is
 * registered on the file that imports this module), so a file owns its data whatever ran before or
 * beside it.
 */
import { afterAll, inject, onTestFinished } from 'vitest'
import { type RunningServer, startServer } from './server'

let starting: Promise<RunningServer> | undefined

/** The URL of this test file's server (started on first use). */
export async function fileServerURL(): Promise<string> {
  starting ??= startServer({ template: inject('templateDir') })
  return (await starting).url
}

afterAll(async () => {
  const server = await starting
  starting = undefined
  await server?.stop()
})

/**
 * A server of the running test's own over a fresh copy of the template, stopped when the test ends:
 * for a test that changes what another test of its file reads (approving next spring's programme,
 * entering awards), so each starts from the seeded demo whatever ran before it.
 */
export async function testServerURL(): Promise<string> {
  const server = await startServer({ template: inject('templateDir') })
  onTestFinished(() => server.stop())
  return server.url
}
