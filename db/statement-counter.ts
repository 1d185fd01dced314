import { AsyncLocalStorage } from 'node:async_hooks'
import type { LogEvent } from 'kysely'

/**
 * Counts the SQL statements each request runs, for `npm run bench` (SIJI_BENCH=1). The count goes
 * through Kysely's `log` hook, so it sees every statement the app executes on any dialect,
 * transaction control included; code outside a counted scope costs one failed lookup.
 */
export type StatementTally = {
  statements: number
  failed: number
  sqlMillis: number
  /** The first statements' SQL and time, to see which ones a page runs. */
  queries: { sql: string; ms: number }[]
}

const KEPT_QUERIES = 100

const KEY = Symbol.for('siji.statement-counter')

// One store per process even if this module is loaded twice (the server build may bundle a copy).
const registry = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<StatementTally> }
registry[KEY] ??= new AsyncLocalStorage<StatementTally>()
const storage = registry[KEY]

export function isStatementCountingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SIJI_BENCH === '1'
}

/** Kysely's `log` option: adds each executed statement to the tally of the scope it runs in. */
export function countStatement(event: LogEvent): void {
  const tally = storage.getStore()
  if (!tally) return
  tally.statements++
  tally.sqlMillis += event.queryDurationMillis
  if (event.level === 'error') tally.failed++
  if (tally.queries.length < KEPT_QUERIES) {
    tally.queries.push({ sql: event.query.sql, ms: event.queryDurationMillis })
  }
}

/** Runs `fn` with a fresh tally that every statement it causes, however deep and async, adds to. */
export function withStatementTally<T>(fn: () => T): { tally: StatementTally; result: T } {
  const tally: StatementTally = { statements: 0, failed: 0, sqlMillis: 0, queries: [] }
  return { tally, result: storage.run(tally, fn) }
}
