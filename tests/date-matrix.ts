/**
 * `npm run test:dates`: the date-sensitive integration and browser tests again, each time with the
 * clock pinned to another day of the school year, so the demo, "upcoming", consent deadlines,
 * notice windows and the year pages are proven on more days than the suite's own pinned one.
 * Prints one line per date and exits non-zero if any run failed.
 */
import { spawnSync } from 'node:child_process'

const DATES = [
  ['before the spring season', '2027-02-20T09:00:00+08:00'],
  ['during the spring season', '2027-03-10T09:00:00+08:00'],
  ['in the summer holidays', '2027-08-10T09:00:00+08:00'],
  ['in the next autumn term', '2027-10-20T09:00:00+08:00'],
] as const

const INTEGRATION = ['tests/integration/demo-any-day.test.ts', 'tests/integration/year-to-open.test.ts']
const BROWSER = ['tests/e2e/any-day.test.ts']

const results: string[] = []
let failed = false
for (const [when, instant] of DATES) {
  for (const [project, files] of [
    ['integration', INTEGRATION],
    ['e2e', BROWSER],
  ] as const) {
    console.log(`\n==> ${project} tests with SIJI_NOW=${instant} (${when})`)
    const run = spawnSync('npx', ['vitest', 'run', '--project', project, ...files], {
      stdio: 'inherit',
      env: { ...process.env, SIJI_NOW: instant },
    })
    const ok = run.status === 0
    failed ||= !ok
    results.push(`${ok ? 'passed' : 'FAILED'}  ${project.padEnd(11)} ${instant}  ${when}`)
  }
}
console.log(`\nDate matrix:\n${results.join('\n')}`)
process.exit(failed ? 1 : 0)
