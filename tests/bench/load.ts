import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import type { Load } from './report'
import { saveBody, sheetRowsOf } from './sheet-form'

export type CannonOptions = {
  url: string
  connections: number
  seconds: number
  headers?: Record<string, string>
  requests?: autocannon.Request[]
}

/** One autocannon run; Siji and the bare server are asked for the same bytes uncompressed. */
export function cannon(options: CannonOptions): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: { 'accept-encoding': 'identity', ...options.headers },
    requests: options.requests,
  })
}

/** A run in which no answer came back has no latency (NaN, printed as –), not a latency of 0. */
export function loadOf(result: autocannon.Result): Load {
  const answered = result.requests.total > 0
  return {
    requestsPerSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: answered ? result.latency.p50 : Number.NaN,
    p99: answered ? result.latency.p99 : Number.NaN,
    requests: result.requests.total,
    errors: result.non2xx + result.errors,
  }
}

// --- Participation saves ---

export type SaveTally = {
  latencies: number[]
  saves: number
  conflicts: number
  errors: number
  busy: number
  serverErrors: number
}

export function emptySaveTally(): SaveTally {
  return { latencies: [], saves: 0, conflicts: 0, errors: 0, busy: 0, serverErrors: 0 }
}

const BUSY = /SQLITE_BUSY/

/**
 * A teacher at work until `until`: opens the sheet, looks at it for `pauseMs`, marks every pupil
 * present (or, next time, absent) and saves. Only the save is timed. A 409 (someone saved first)
 * is a conflict, not an error; any other answer but the redirect is.
 */
export async function teacherSaves(input: {
  url: string
  cookie: string
  activityId: number
  until: number
  pauseMs: number
  tally: SaveTally
}): Promise<void> {
  const { tally } = input
  const sheetUrl = `${input.url}/activities/${input.activityId}/participation`
  const headers = { Cookie: input.cookie, 'Accept-Encoding': 'identity' }
  let status: 'attended' | 'absent' = 'attended'
  while (Date.now() < input.until) {
    const page = await fetch(sheetUrl, { headers, redirect: 'manual' })
    const html = await page.text()
    if (BUSY.test(html)) tally.busy++
    if (page.status >= 500) tally.serverErrors++
    const rows = page.ok ? sheetRowsOf(html) : []
    if (rows.length === 0) {
      tally.errors++
      await new Promise((resolve) => setTimeout(resolve, input.pauseMs))
      continue
    }
    await new Promise((resolve) => setTimeout(resolve, input.pauseMs))
    const started = performance.now()
    const saved = await fetch(sheetUrl, {
      method: 'POST',
      // The server refuses a write that names no source, as a browser's form POST always does.
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', Origin: input.url },
      body: saveBody(rows, status),
      redirect: 'manual',
    })
    const body = await saved.text()
    tally.latencies.push(performance.now() - started)
    tally.saves++
    if (BUSY.test(body)) tally.busy++
    if (saved.status >= 500) tally.serverErrors++
    if (saved.status === 409) tally.conflicts++
    else if (saved.status !== 302) tally.errors++
    status = status === 'attended' ? 'absent' : 'attended'
  }
}
