/**
 * `npm run stress`: two app servers (tests/bench/server.ts on two loopback ports, one DATABASE_PATH, one
 * SESSION_SECRET) under concurrent writes: teachers saving participation sheets and a parent
 * answering consents, each request sent to either server in turn with the same signed-in session.
 * Prints the 5xx answers, the "database is locked" errors in the servers' logs, and the lost writes
 * (saves the server acknowledged whose value is not in the file afterwards). All three must be 0.
 *
 * Bounded: STRESS_WRITES acknowledged-or-not writes in all (default 1,200) and STRESS_SECONDS
 * (default 90) of writing, whichever comes first. A fresh demo database in a temporary directory.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DEMO_PASSWORD } from '../../seeds/demo'
import { REPO } from '../bench/processes'
import { saveBody, sheetRowsOf } from '../bench/sheet-form'
import { type Siji, signIn, startSiji } from '../bench/siji'

const WRITES = Number(process.env.STRESS_WRITES ?? 1200)
const SECONDS = Number(process.env.STRESS_SECONDS ?? 90)
const SHEETS = 8

type Writer = {
  label: string
  username: string
  /** One write; the value it stored when the server acknowledged it, else null. */
  write: (url: string, cookie: string, turn: number) => Promise<{ status: number; stored: string | null }>
  /** The value the database holds now for what this writer writes. */
  stored: (db: Database.Database) => string
}

function sheetWriter(activityId: number, username: string): Writer {
  const path = `/activities/${activityId}/participation`
  return {
    label: `sheet ${activityId}`,
    username,
    async write(url, cookie, turn) {
      const page = await fetch(`${url}${path}`, { headers: { cookie } })
      const html = await page.text()
      if (page.status !== 200) return { status: page.status, stored: null }
      const status = turn % 2 ? 'absent' : 'attended'
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: url },
        body: saveBody(sheetRowsOf(html), status),
        redirect: 'manual',
      })
      await response.arrayBuffer()
      return { status: response.status, stored: response.status === 302 ? status : null }
    },
    stored(db) {
      const rows = db
        .prepare('select distinct status from participations where activity_id = ?')
        .all(activityId) as { status: string | null }[]
      return rows.map((row) => row.status ?? 'unmarked').join('+')
    },
  }
}

function consentWriter(consentId: number, username: string): Writer {
  return {
    label: `consent ${consentId}`,
    username,
    async write(url, cookie, turn) {
      const answer = turn % 2 ? 'refused' : 'given'
      const response = await fetch(`${url}/family/consents`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: url },
        body: new URLSearchParams({ intent: 'answer', consentId: String(consentId), answer }).toString(),
        redirect: 'manual',
      })
      await response.arrayBuffer()
      return { status: response.status, stored: response.status === 302 ? answer : null }
    },
    stored(db) {
      const row = db.prepare('select status from consents where id = ?').get(consentId) as { status: string }
      return row.status
    },
  }
}

/**
 * The smallest recorded sheets, saved by their school's admin, and the parent's open consents.
 * Small sheets keep the two servers' rendering within what a small machine does in time: the
 * contention under test is on the database file, not on the processor.
 */
async function planWriters(database: string, first: Siji): Promise<Writer[]> {
  const db = new Database(database, { readonly: true, fileMustExist: true })
  let sheets: { activityId: number; teacher: string }[]
  try {
    sheets = db
      .prepare(
        `select a.id as activityId,
                (select u.username from users u
                 where u.school_id = a.school_id and u.role = 'admin' and u.active = 1
                 order by u.id limit 1) as teacher
         from activities a
         where a.status in ('approved', 'published', 'closed')
           and exists (select 1 from participations p where p.activity_id = a.id)
           and not exists (select 1 from participations q where q.activity_id = a.id and q.notice_window_id is not null)
         order by (select count(*) from participations p where p.activity_id = a.id), a.id
         limit ${SHEETS}`,
      )
      .all() as { activityId: number; teacher: string }[]
  } finally {
    db.close()
  }
  const writers = sheets.map((sheet) => sheetWriter(sheet.activityId, sheet.teacher))
  const parent = await signIn(first.url, 'jw-parent', DEMO_PASSWORD)
  const html = await (await fetch(`${first.url}/family/consents`, { headers: { cookie: parent } })).text()
  for (const [, id] of html.matchAll(/name="consentId" value="(\d+)"/g)) {
    writers.push(consentWriter(Number(id), 'jw-parent'))
  }
  return writers
}

function busyErrorsIn(logFile: string): number {
  return readFileSync(logFile, 'utf8').match(/database is locked|SQLITE_BUSY/g)?.length ?? 0
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'siji-stress-'))
  const database = join(dir, 'siji.db')
  console.log(`Two servers on ${database} (logs in ${dir})`)
  // The first one builds when needed, migrates and seeds; the second opens the seeded file.
  const servers: Siji[] = []
  try {
    for (const n of [1, 2]) {
      servers.push(
        await startSiji({ repo: REPO, serverCwd: REPO, database, logFile: join(dir, `server-${n}.log`) }),
      )
    }
    const writers = await planWriters(database, servers[0] as Siji)
    // A session per writer, as a person per sheet: a session's flash message belongs to one page.
    const cookies = new Map<Writer, string>()
    for (const writer of writers) {
      cookies.set(writer, await signIn(servers[0]?.url ?? '', writer.username, DEMO_PASSWORD))
    }
    console.log(
      `${writers.length} writers (${writers.map((w) => w.label).join(', ')}), up to ${WRITES} writes or ${SECONDS} s`,
    )

    let sent = 0
    let acknowledged = 0
    let serverErrors = 0
    const otherStatuses = new Map<number, number>()
    const lastAcknowledged = new Map<Writer, string>()
    const until = Date.now() + SECONDS * 1000
    await Promise.all(
      writers.map(async (writer, index) => {
        for (let turn = 0; sent < WRITES && Date.now() < until; turn++) {
          sent++
          const server = servers[(index + turn) % servers.length] as Siji
          const { status, stored } = await writer.write(server.url, cookies.get(writer) ?? '', turn)
          if (status >= 500) {
            serverErrors++
            if (serverErrors <= 5) console.log(`${status} from ${server.url} on ${writer.label}`)
          } else if (stored === null) otherStatuses.set(status, (otherStatuses.get(status) ?? 0) + 1)
          if (stored !== null) {
            acknowledged++
            lastAcknowledged.set(writer, stored)
          }
        }
      }),
    )
    await Promise.all(servers.map((server) => server.child.stop()))

    const db = new Database(database, { readonly: true, fileMustExist: true })
    let lost = 0
    try {
      for (const [writer, expected] of lastAcknowledged) {
        const actual = writer.stored(db)
        if (actual !== expected) {
          lost++
          console.log(`lost: ${writer.label} acknowledged ${expected}, the file holds ${actual}`)
        }
      }
    } finally {
      db.close()
    }
    const busy = servers.reduce((sum, server) => sum + busyErrorsIn(server.logFile), 0)
    const others = [...otherStatuses].map(([status, count]) => `${status}×${count}`).join(', ') || 'none'
    console.log(`writes sent ${sent}, acknowledged ${acknowledged}, other answers: ${others}`)
    console.log(`5xx ${serverErrors}, busy errors ${busy}, lost writes ${lost}`)
    if (serverErrors || busy || lost) process.exitCode = 1
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()))
  }
}

await main()
