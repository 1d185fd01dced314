import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { createDb } from '../../db/client'
import { withStatementTally } from '../../db/statement-counter'
import { parseBenchArgs, scaleCommand, scaleDatabase } from '../bench/options'
import {
  type BenchReport,
  formatMs,
  goalOf,
  markdownTable,
  type PageRun,
  percentile,
  ratio,
  renderReport,
  type ScaleRow,
  statementsGrowth,
} from '../bench/report'
import { saveBody, sheetRowsOf } from '../bench/sheet-form'

const load = { requestsPerSecond: 100, p50: 5, p99: 12, requests: 1000, errors: 0 }
const server = { statementsPerRequest: 5, eventLoopP99Ms: 20, peakRssBytes: 200 * 2 ** 20 }

function run(overrides: Partial<PageRun>): PageRun {
  return {
    key: 'recap',
    label: 'Public recap',
    path: '/s/scale-1/recaps/7',
    as: 'anonymous',
    bytes: 15_000,
    siji: { ...load, ...server },
    bare: { ...load, requestsPerSecond: 400 },
    single: { ...load, ...server },
    ...overrides,
  }
}

describe('percentile', () => {
  test('takes the nearest rank of unsorted samples', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10]
    expect(percentile(samples, 50)).toBe(5)
    expect(percentile(samples, 90)).toBe(9)
    expect(percentile(samples, 99)).toBe(10)
    expect(percentile(samples, 0)).toBe(1)
    expect(percentile([42], 99)).toBe(42)
  })

  test('a single slow save out of a hundred is the p99, not hidden by the median', () => {
    const samples = [...Array.from({ length: 99 }, () => 10), 300]
    expect(percentile(samples, 50)).toBe(10)
    expect(percentile(samples, 99)).toBe(10)
    expect(percentile([...samples, 300], 99)).toBe(300)
  })

  test('has no value without samples and refuses a rank outside 0..100', () => {
    expect(percentile([], 50)).toBeNull()
    expect(() => percentile([1], 101)).toThrow(RangeError)
  })

  test('leaves the caller’s samples in their order', () => {
    const samples = [3, 1, 2]
    percentile(samples, 50)
    expect(samples).toEqual([3, 1, 2])
  })
})

describe('ratio and goals', () => {
  test('Siji over bare, none when the bare server answered nothing', () => {
    expect(ratio(250, 1000)).toBe(0.25)
    expect(ratio(10, 0)).toBeNull()
  })

  test('public pages need half the bare server, /family a quarter', () => {
    expect(goalOf(run({ siji: { ...load, ...server, requestsPerSecond: 200 } })).met).toBe(true)
    expect(goalOf(run({ siji: { ...load, ...server, requestsPerSecond: 199 } })).met).toBe(false)
    const family = run({ key: 'family', siji: { ...load, ...server, requestsPerSecond: 100 } })
    expect(goalOf(family).met).toBe(true)
  })

  test('staff pages are judged at one connection, and a run without answers fails', () => {
    const fast = { ...load, ...server, p50: 19, p99: 49 }
    expect(goalOf(run({ key: 'season', single: fast })).met).toBe(true)
    expect(goalOf(run({ key: 'season', single: { ...fast, p99: 50 } })).met).toBe(false)
    expect(goalOf(run({ key: 'reports', single: { ...fast, errors: 1 } })).met).toBe(false)
    const silent = { ...fast, requests: 0, p50: Number.NaN, p99: Number.NaN }
    expect(goalOf(run({ key: 'reports', single: silent })).met).toBe(false)
    expect(goalOf(run({ key: 'reports', single: null })).met).toBeNull()
  })

  test('statements per page grow when the largest scale runs more than the first', () => {
    const row = (scale: number, statements: number): ScaleRow => ({
      scale,
      db: `scale-x${scale}.db`,
      pupils: 3000 * scale,
      participations: 250_000 * scale,
      pages: [{ key: 'family', p50: 5, p99: 9, statements }],
    })
    expect(statementsGrowth([row(1, 16), row(4, 16), row(16, 16.05)], 'family')).toBe('flat')
    expect(statementsGrowth([row(1, 16), row(16, 19)], 'family')).toBe('grows')
    expect(statementsGrowth([row(1, 16)], 'family')).toBeNull()
    expect(statementsGrowth([row(1, 16), row(16, 16)], 'season')).toBeNull()
  })
})

describe('formatting', () => {
  test('milliseconds keep a decimal only where it matters, and a missing value is a dash', () => {
    expect(formatMs(4.26)).toBe('4.3')
    expect(formatMs(1234.4)).toBe('1,234')
    expect(formatMs(0)).toBe('< 1')
    expect(formatMs(Number.NaN)).toBe('–')
    expect(formatMs(null)).toBe('–')
  })

  test('a Markdown table aligns numeric columns right and escapes pipes', () => {
    const table = markdownTable(
      ['Page', 'req/s'],
      [
        ['a|b', '1,200'],
        ['c', '–'],
      ],
    )
    expect(table.split('\n')).toEqual([
      '| Page | req/s |',
      '| --- | ---: |',
      '| a\\|b | 1,200 |',
      '| c | – |',
    ])
  })

  test('the report names the machine, the data, each page with its ratio, and missing scales', () => {
    const report: BenchReport = {
      date: new Date('2026-11-28T10:00:00Z'),
      machine: {
        cpu: 'Test CPU',
        cores: 2,
        memoryBytes: 4 * 2 ** 30,
        node: 'v20.0.0',
        os: 'Linux 6',
        loadAverage: [0.1, 0.2, 0.3],
      },
      db: 'data/scale.db',
      pupils: 3024,
      participations: 262_752,
      connections: 10,
      durationSeconds: 10,
      warmupSeconds: 2,
      pages: [run({})],
      mixed: null,
      scales: [{ scale: 16, db: 'data/scale-x16.db', command: scaleCommand('data/scale.db', 16) }],
    }
    const text = renderReport(report)
    expect(text).toContain('2026-11-28 10:00 UTC')
    expect(text).toContain('Test CPU × 2, 4.0 GiB, Node v20.0.0')
    expect(text).toContain('3,024 pupils, 262,752 participation rows')
    expect(text).toMatch(
      /\| Public recap `\/s\/scale-1\/recaps\/7` \| anonymous \| 14\.6 \| 100 \| 5\.0 \| 12 \| 0 \| 400 \| 25 % \|/,
    )
    expect(text).toContain('npm run seed:scale -- --schools 16 --out data/scale-x16.db')
  })
})

describe('options', () => {
  test('defaults, --quick and the file of each scale', () => {
    const parsed = parseBenchArgs([])
    expect(parsed).toMatchObject({
      kind: 'run',
      options: { db: 'data/scale.db', scales: [1, 4, 16], durationSeconds: 10, connections: 10, mixed: true },
    })
    expect(parseBenchArgs(['--quick'])).toMatchObject({ options: { durationSeconds: 2, warmupSeconds: 1 } })
    expect(scaleDatabase('data/scale.db', 4)).toBe('data/scale-x4.db')
    expect(scaleDatabase('data/scale.db', 1)).toBe('data/scale.db')
  })

  test('--pages picks runs, and bad values are refused with a message', () => {
    expect(parseBenchArgs(['--pages', 'family,recap'])).toMatchObject({
      options: { pages: ['family', 'recap'], mixed: false },
    })
    expect(parseBenchArgs(['--pages', 'famly'])).toMatchObject({ kind: 'error' })
    expect(parseBenchArgs(['--scales', '4,16'])).toMatchObject({ kind: 'error' })
    expect(parseBenchArgs(['--connections', '0'])).toMatchObject({ kind: 'error' })
    expect(parseBenchArgs(['--connections', '2.5'])).toMatchObject({ kind: 'error' })
    expect(parseBenchArgs(['--durations', '5'])).toMatchObject({ kind: 'error' })
  })
})

describe('participation save', () => {
  const html = [
    '<form method="post"><li id="pupil-11"><input type="hidden" name="rows[0].studentId" value="11"/>',
    '<input type="hidden" name="rows[0].revision" value="3"/>',
    '<input type="radio" name="rows[0].status" value="attended" checked=""/></li>',
    '<li><input type="hidden" name="rows[1].studentId" value="12"/><input type="hidden" name="rows[1].revision" value="0"/></li>',
    '<input type="hidden" name="studentId" value="99"/></form>',
  ].join('')

  test('reads each pupil with the revision the page showed, ignoring other forms', () => {
    expect(sheetRowsOf(html)).toEqual([
      { index: 0, studentId: '11', revision: '3' },
      { index: 1, studentId: '12', revision: '0' },
    ])
  })

  test('posts every pupil with their revision and the chosen status', () => {
    const body = new URLSearchParams(saveBody(sheetRowsOf(html), 'absent'))
    expect(body.get('intent')).toBe('save')
    expect(body.get('rows[1].studentId')).toBe('12')
    expect(body.get('rows[0].revision')).toBe('3')
    expect(body.getAll('rows[0].status')).toEqual(['absent'])
    expect([...body.keys()]).toHaveLength(7)
  })
})

describe('statement counter', () => {
  /** A database opened as server.ts opens it, with or without the bench's counting. */
  function openDb(bench: boolean) {
    const previous = process.env.SIJI_BENCH
    process.env.SIJI_BENCH = bench ? '1' : ''
    try {
      return createDb(':memory:')
    } finally {
      if (previous === undefined) delete process.env.SIJI_BENCH
      else process.env.SIJI_BENCH = previous
    }
  }

  test('counts what a request runs through Kysely, however deep it awaits, and nothing outside', async () => {
    const db = openDb(true)
    try {
      await sql`create table t (n integer)`.execute(db)
      const { tally, result } = withStatementTally(async () => {
        await sql`insert into t (n) values (1)`.execute(db)
        await new Promise((resolve) => setTimeout(resolve, 1))
        await db.transaction().execute(async (trx) => {
          await Promise.all([sql`select 1`.execute(trx), sql`select 2`.execute(trx)])
        })
      })
      const other = withStatementTally(() => sql`select 3`.execute(db))
      await Promise.all([result, other.result])
      await sql`select 4`.execute(db)
      // The insert, begin, the two selects and commit; the concurrent scope's select is its own.
      expect(tally.statements).toBe(5)
      expect(tally.queries.map((q) => q.sql)).toContain('select 2')
      expect(other.tally.statements).toBe(1)
    } finally {
      await db.destroy()
    }
  })

  test('is off without SIJI_BENCH', async () => {
    const db = openDb(false)
    try {
      const { tally, result } = withStatementTally(() => sql`select 1`.execute(db))
      await result
      expect(tally.statements).toBe(0)
    } finally {
      await db.destroy()
    }
  })
})
