import { parseArgs } from 'node:util'
import type { PageKey } from './report'

export const BENCH_USAGE = `Usage: npm run bench -- [options]

Builds Siji for production, starts it on a scale database (a copy: the file is not changed) and a
bare node:http server answering the same bytes, drives both with autocannon and prints a Markdown
table (also written to --out).

Options:
  --db FILE          the 1× database written by seed:scale (default data/scale.db)
  --scales LIST      data sizes to compare, e.g. 1,4,16 (default); N means FILE with -xN before .db,
                     made by: npm run seed:scale -- --schools N --out data/scale-xN.db
  --duration S       seconds per measured run (default 10)
  --warmup S         seconds of warm-up before each (default 2)
  --connections N    connections per run (default 10); staff pages are also run at 1
  --pages LIST       only these runs: season,calendar,participation,reports,family,recap,school,mixed
  --school SLUG      the school to read (default scale-1)
  --teachers N       teachers saving participation in the mixed load (default 4)
  --out FILE         where to write the Markdown (default data/bench-latest.md)
  --quick            a smoke run: 2 s runs, 1 s warm-up
  --sql              print the statements of each page's slowest request (1 connection runs)
  --help             show this text`

export const ALL_PAGES: readonly PageKey[] = [
  'season',
  'calendar',
  'participation',
  'reports',
  'family',
  'recap',
  'school',
]

/** The pages repeated on the larger databases. */
export const SCALE_PAGES: readonly PageKey[] = ['season', 'family', 'recap', 'participation']

export type BenchOptions = {
  db: string
  scales: number[]
  durationSeconds: number
  warmupSeconds: number
  connections: number
  pages: PageKey[]
  /** Parents reading while teachers save participation. */
  mixed: boolean
  school: string
  teachers: number
  out: string
  sql: boolean
}

export type BenchArgs =
  | { kind: 'run'; options: BenchOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

function positive(flag: string, text: string | undefined, fallback: number, max: number): number | string {
  if (text === undefined) return fallback
  const value = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text) || value <= 0 || value > max) {
    return `--${flag} must be a number above 0 and at most ${max}, not "${text}"`
  }
  return value
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        db: { type: 'string' },
        scales: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        pages: { type: 'string' },
        school: { type: 'string' },
        teachers: { type: 'string' },
        out: { type: 'string' },
        quick: { type: 'boolean' },
        sql: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    return { kind: 'error', message: (error as Error).message }
  }
  if (values.help) return { kind: 'help' }
  const text = (flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined)
  const quick = values.quick === true

  const durationSeconds = positive('duration', text('duration'), quick ? 2 : 10, 3600)
  const warmupSeconds = positive('warmup', text('warmup'), quick ? 1 : 2, 600)
  const connections = positive('connections', text('connections'), 10, 1000)
  const teachers = positive('teachers', text('teachers'), 4, 100)
  for (const value of [durationSeconds, warmupSeconds, connections, teachers]) {
    if (typeof value === 'string') return { kind: 'error', message: value }
  }
  if (!Number.isInteger(connections) || !Number.isInteger(teachers)) {
    return { kind: 'error', message: '--connections and --teachers must be whole numbers' }
  }

  const scales = (text('scales') ?? '1,4,16').split(',').map((s) => s.trim())
  if (scales.some((s) => !/^[1-9]\d*$/.test(s)) || !scales.includes('1')) {
    return { kind: 'error', message: `--scales must be whole numbers including 1, not "${text('scales')}"` }
  }

  const runs = text('pages')
    ?.split(',')
    .map((s) => s.trim()) ?? [...ALL_PAGES, 'mixed']
  const unknown = runs.filter((run) => run !== 'mixed' && !ALL_PAGES.includes(run as PageKey))
  if (unknown.length) {
    return {
      kind: 'error',
      message: `unknown run in --pages: ${unknown.join(', ')} (known: ${ALL_PAGES.join(', ')}, mixed)`,
    }
  }

  return {
    kind: 'run',
    options: {
      db: text('db') ?? 'data/scale.db',
      scales: [...new Set(scales.map(Number))].sort((a, b) => a - b),
      durationSeconds: durationSeconds as number,
      warmupSeconds: warmupSeconds as number,
      connections: connections as number,
      pages: ALL_PAGES.filter((page) => runs.includes(page)),
      mixed: runs.includes('mixed'),
      school: text('school') ?? 'scale-1',
      teachers: teachers as number,
      out: text('out') ?? 'data/bench-latest.md',
      sql: values.sql === true,
    },
  }
}

/** The database file of a scale: the 1× file itself, else the same name with -xN before .db. */
export function scaleDatabase(db: string, scale: number): string {
  if (scale === 1) return db
  return /\.db$/.test(db) ? db.replace(/\.db$/, `-x${scale}.db`) : `${db}-x${scale}`
}

/** The command that writes a scale's file, for the message when it is missing. */
export function scaleCommand(db: string, scale: number): string {
  return `npm run seed:scale -- --schools ${scale} --out ${scaleDatabase(db, scale)}`
}
