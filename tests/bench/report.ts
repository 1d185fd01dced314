/**
 * The pure half of `npm run bench`: percentile and ratio arithmetic, the goals of issue 7 and the
 * Markdown the run prints. Nothing here touches the network, the clock or the disk.
 */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is outside 0..100`)
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

/** Siji's requests/s over the bare server's; null when the bare server answered nothing. */
export function ratio(siji: number, bare: number): number | null {
  return bare > 0 ? siji / bare : null
}

export type Load = {
  requestsPerSecond: number
  /** Latency in milliseconds. */
  p50: number
  p99: number
  /** Answers received; 0 when every request outlasted the run (then p50 and p99 are NaN). */
  requests: number
  /** Non-2xx answers plus socket errors and timeouts. */
  errors: number
}

/** What the probe inside Siji saw during one run. */
export type ServerSide = {
  statementsPerRequest: number | null
  eventLoopP99Ms: number | null
  peakRssBytes: number | null
}

export type PageKey = 'season' | 'calendar' | 'participation' | 'reports' | 'family' | 'recap' | 'school'

export type PageRun = {
  key: PageKey
  label: string
  path: string
  as: string
  bytes: number
  siji: Load & ServerSide
  bare: Load
  /** One connection: how a single teacher (or reader) feels the page. */
  single: (Load & ServerSide) | null
}

export type SaveFigures = {
  saves: number
  conflicts: number
  errors: number
  p50: number | null
  p99: number | null
  statementsPerSave: number | null
}

export type MixedRun = {
  readers: Load & ServerSide
  readerCount: number
  teachers: number
  sheetPupils: number
  pauseMs: number
  save: SaveFigures
  /** Answers (reads or saves) whose body named SQLITE_BUSY. */
  busy: number
  serverErrors: number
}

export type ScaleRow = {
  scale: number
  db: string
  pupils: number
  participations: number
  pages: { key: PageKey; p50: number; p99: number; statements: number | null }[]
}

export type ScaleMissing = { scale: number; db: string; command: string }

export type Machine = {
  cpu: string
  cores: number
  memoryBytes: number
  node: string
  os: string
  loadAverage: readonly number[]
}

export type BenchReport = {
  date: Date
  machine: Machine
  db: string
  pupils: number
  participations: number
  connections: number
  durationSeconds: number
  warmupSeconds: number
  pages: PageRun[]
  mixed: MixedRun | null
  scales: (ScaleRow | ScaleMissing)[]
}

/** Issue 7's figures to reach, per page; every one is a check on the printed numbers. */
export function goalOf(run: PageRun): { text: string; met: boolean | null } {
  const share = ratio(run.siji.requestsPerSecond, run.bare.requestsPerSecond)
  const atLeast = (part: number, text: string) => ({ text, met: share === null ? null : share >= part })
  switch (run.key) {
    case 'recap':
    case 'school':
      return atLeast(0.5, '≥ ½ bare')
    case 'family':
      return atLeast(0.25, '≥ ¼ bare')
    default: {
      const single = run.single
      return {
        text: '1 conn p50 < 20, p99 < 50',
        // NaN (no answer within the run) fails both comparisons.
        met: single ? single.p50 < 20 && single.p99 < 50 && single.errors === 0 : null,
      }
    }
  }
}

export function saveGoalMet(mixed: MixedRun): boolean {
  const { save } = mixed
  return (
    save.p99 !== null && save.p99 < 30 && save.errors === 0 && mixed.busy === 0 && mixed.serverErrors === 0
  )
}

/** Statements per page must not grow with the data: the first and the largest scale are compared. */
export function statementsGrowth(rows: readonly ScaleRow[], key: PageKey): 'flat' | 'grows' | null {
  const counts = rows
    .map((row) => row.pages.find((page) => page.key === key)?.statements)
    .filter((n): n is number => typeof n === 'number')
  if (counts.length < 2) return null
  const first = counts[0] as number
  const last = counts.at(-1) as number
  // A tenth of a statement of slack: a session refresh now and then is not growth.
  return last - first > 0.1 ? 'grows' : 'flat'
}

// --- Formatting ---

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** Requests per second: a decimal below 10, so a page that barely answers does not read as 0. */
export function formatRps(n: number): string {
  return n < 10 ? one.format(n) : whole.format(n)
}

export function formatCount(n: number): string {
  return whole.format(n)
}

/** Milliseconds: one decimal below 10, whole above; `–` for no value. autocannon counts whole ms, so its 0 is `< 1`. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–'
  if (ms === 0) return '< 1'
  return ms < 10 ? one.format(ms) : whole.format(ms)
}

export function formatRatio(value: number | null): string {
  return value === null ? '–' : `${whole.format(value * 100)} %`
}

export function formatMiB(bytes: number | null): string {
  return bytes === null ? '–' : whole.format(bytes / 2 ** 20)
}

export function formatKiB(bytes: number): string {
  return one.format(bytes / 1024)
}

export function formatStatements(n: number | null): string {
  return n === null ? '–' : one.format(n)
}

function mark(met: boolean | null): string {
  if (met === null) return '?'
  return met ? 'yes' : '**no**'
}

/** A GitHub table; `|` inside a cell is escaped, numbers (a leading digit or –) align right. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|')
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((row) => /^[-–<\d.,\s%/]+$/.test(row[i] ?? '')),
  )
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
  return [line(header), line(numeric.map((right) => (right ? '---:' : '---'))), ...rows.map(line)].join('\n')
}

export function formatMachine(machine: Machine): string {
  const memory = `${one.format(machine.memoryBytes / 2 ** 30)} GiB`
  const load = machine.loadAverage.map((n) => one.format(n)).join(' / ')
  return `${machine.cpu} × ${machine.cores}, ${memory}, Node ${machine.node}, ${machine.os}; load average 1/5/15 min at the start: ${load}`
}

/** The whole report, ready to paste into the README. */
export function renderReport(report: BenchReport): string {
  const out: string[] = []
  const date = report.date.toISOString().slice(0, 16).replace('T', ' ')
  out.push(`### Benchmark, ${date} UTC`, '')
  out.push(`- Machine: ${formatMachine(report.machine)}`)
  out.push(
    `- Data: \`${report.db}\`, ${formatCount(report.pupils)} pupils, ${formatCount(report.participations)} participation rows`,
  )
  out.push(
    `- Load: autocannon, ${report.connections} connections, ${report.durationSeconds} s per run after ` +
      `${report.warmupSeconds} s of warm-up, \`Accept-Encoding: identity\`; bare = \`node:http\` answering the ` +
      'byte-identical HTML captured from Siji',
    '',
  )

  out.push(
    markdownTable(
      [
        'Page',
        'As',
        'KiB',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'bare req/s',
        'Siji/bare',
        'SQL/req',
        'loop p99 ms',
        'peak RSS MiB',
        '1 conn p50/p99 ms',
        'Goal',
        'Met',
      ],
      report.pages.map((run) => {
        const goal = goalOf(run)
        return [
          `${run.label} \`${run.path}\``,
          run.as,
          formatKiB(run.bytes),
          formatRps(run.siji.requestsPerSecond),
          formatMs(run.siji.p50),
          formatMs(run.siji.p99),
          formatCount(run.siji.errors),
          formatRps(run.bare.requestsPerSecond),
          formatRatio(ratio(run.siji.requestsPerSecond, run.bare.requestsPerSecond)),
          formatStatements(run.siji.statementsPerRequest),
          formatMs(run.siji.eventLoopP99Ms),
          formatMiB(run.siji.peakRssBytes),
          run.single ? `${formatMs(run.single.p50)} / ${formatMs(run.single.p99)}` : '–',
          goal.text,
          mark(goal.met),
        ]
      }),
    ),
  )

  if (report.mixed) {
    const { mixed } = report
    out.push(
      '',
      `Mixed load: ${mixed.readerCount} parents' sessions read \`/family\` and the public recap over ` +
        `${report.connections} connections while ${mixed.teachers} teachers each open their own ` +
        `${mixed.sheetPupils}-pupil sheet, wait ${mixed.pauseMs} ms and save it, over and over.`,
      '',
      markdownTable(
        [
          'reads/s',
          'read p50 ms',
          'read p99 ms',
          'read errors',
          'saves',
          'save p50 ms',
          'save p99 ms',
          'save errors',
          'conflicts',
          'SQL/save',
          'SQLITE_BUSY',
          '5xx',
          'Save p99 < 30, no errors',
        ],
        [
          [
            formatRps(mixed.readers.requestsPerSecond),
            formatMs(mixed.readers.p50),
            formatMs(mixed.readers.p99),
            formatCount(mixed.readers.errors),
            formatCount(mixed.save.saves),
            formatMs(mixed.save.p50),
            formatMs(mixed.save.p99),
            formatCount(mixed.save.errors),
            formatCount(mixed.save.conflicts),
            formatStatements(mixed.save.statementsPerSave),
            formatCount(mixed.busy),
            formatCount(mixed.serverErrors),
            mark(saveGoalMet(mixed)),
          ],
        ],
      ),
    )
  }

  const measured = report.scales.filter((s): s is ScaleRow => 'pages' in s)
  if (measured.length) {
    const keys = [...new Set(measured.flatMap((row) => row.pages.map((page) => page.key)))]
    out.push(
      '',
      'Growth with the data (1 connection; p50 / p99 ms, SQL statements per request):',
      '',
      markdownTable(
        ['Scale', 'pupils', 'participations', ...keys.map((key) => labelOf(key))],
        measured.map((row) => [
          `${row.scale}×`,
          formatCount(row.pupils),
          formatCount(row.participations),
          ...keys.map((key) => {
            const page = row.pages.find((p) => p.key === key)
            return page
              ? `${formatMs(page.p50)} / ${formatMs(page.p99)}, ${formatStatements(page.statements)} SQL`
              : '–'
          }),
        ]),
      ),
    )
    if (measured.length > 1) {
      const verdicts = keys.map((key) => `${labelOf(key)}: ${statementsGrowth(measured, key) ?? '?'}`)
      out.push(
        '',
        `Statements per page from ${measured[0]?.scale}× to ${measured.at(-1)?.scale}×: ${verdicts.join(', ')}.`,
      )
    }
  }
  for (const missing of report.scales.filter((s): s is ScaleMissing => !('pages' in s))) {
    out.push('', `${missing.scale}×: \`${missing.db}\` is missing; make it with \`${missing.command}\`.`)
  }
  return `${out.join('\n')}\n`
}

export const PAGE_LABELS: Record<PageKey, string> = {
  season: 'Season',
  calendar: 'Grade month',
  participation: 'Participation sheet',
  reports: 'Reports',
  family: 'Family',
  recap: 'Public recap',
  school: 'Public school page',
}

function labelOf(key: PageKey): string {
  return PAGE_LABELS[key]
}
