import type { TFunction } from 'i18next'
import { AWARD_SCOPES, levelLabel } from '~/domain/award-levels'
import { compareLevels } from '~/domain/award-records'
import { ratio } from '~/domain/charts'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import { parseId } from '~/domain/schemas'
import { yearToOpen } from '~/domain/school-calendar'
import { localDay } from '~/domain/school-time'
import { PRACTICE_CATEGORIES } from '~/domain/social-practice'
import {
  countReport,
  type GroupFields,
  listReportFilterOptions,
  listYearIdsWithRecords,
  type MeasureCounts,
  type ReportGrouping,
  type ReportMeasure,
  type ReportScope,
} from '~/models/reports.server'
import type { SessionUser } from '~/utils/auth.server'
import { type CsvCell, toCsv } from '~/utils/csv.server'
import { todayIn } from '~/utils/dates'
import { createI18n } from '~/utils/i18n'
import { notFound } from '~/utils/responses'
import type { Executor } from './audited-write.server'

/**
 * The report tables: one URL slug each (the page's section anchors and /reports/<slug>.csv), each a
 * grouping × a measure, and its catalogue group (reports.sections.*) of title, definition and empty
 * state. The page and the CSV build them here, so a download always has the columns of the table on
 * screen. A new table is a line here (and, for a new grouping or measure, a part in the model).
 */
export const REPORTS = {
  'by-grade': { section: 'byGrade', grouping: 'grade', measure: 'attendance' },
  'by-class': { section: 'byClass', grouping: 'class', measure: 'attendance' },
  'by-strand': { section: 'byStrand', grouping: 'strand', measure: 'attendance' },
  'by-season': { section: 'bySeason', grouping: 'season', measure: 'attendance' },
  'hours-by-category': { section: 'hoursByCategory', grouping: 'grade', measure: 'practiceHours' },
  'consents-by-activity': { section: 'consentsByActivity', grouping: 'activity', measure: 'consents' },
  'consents-by-grade': { section: 'consentsByGrade', grouping: 'grade', measure: 'consents' },
  'awards-by-grade': { section: 'awardsByGrade', grouping: 'grade', measure: 'awards' },
  'awards-by-strand': { section: 'awardsByStrand', grouping: 'strand', measure: 'awards' },
  'awards-by-level': { section: 'awardsByLevel', grouping: 'level', measure: 'awards' },
  'awards-by-scope': { section: 'awardsByScope', grouping: 'scope', measure: 'awards' },
} as const satisfies Record<string, { section: string; grouping: ReportGrouping; measure: ReportMeasure }>

export type ReportSlug = keyof typeof REPORTS

export const REPORT_SLUGS = Object.keys(REPORTS) as ReportSlug[]

export function isReportSlug(value: string): value is ReportSlug {
  return Object.hasOwn(REPORTS, value)
}

/** How a cell reads: text as is, a day (YYYY-MM-DD), a whole count, a share (0–1) or hours. */
export type CellKind = 'text' | 'day' | 'count' | 'rate' | 'hours'
export type ReportColumn = { header: string; kind: CellKind; group?: string }
export type ReportCell = string | number | null
export type ReportRow = { key: string; cells: ReportCell[] }

/**
 * What the chart draws. A share chart runs 0–100 % and its value reads "part/whole"; an amount chart
 * gets a nice scale. Several values make a stacked bar, one per series.
 */
export type ReportChart = {
  scale: 'share' | 'amount'
  /** What an amount counts: 课时 (the default) or awards */
  unit?: 'hours' | 'awards'
  series: string[]
  /** The legend entry of the empty track behind share bars (e.g. consents not yet returned) */
  trackLabel?: string
  bars: {
    key: string
    label: string
    values: number[]
    /** The bar's length: a share of the whole, or an amount; null when there is nothing to divide by */
    total: number | null
    /** Share bars: the counts behind the share (25 of 30) */
    fraction?: { part: number; whole: number }
    /** Amount bars: how many pupils the amount reached */
    pupils?: number
  }[]
}

export type ReportTable = {
  slug: ReportSlug
  /** Its catalogue group, see REPORTS */
  section: string
  columns: ReportColumn[]
  rows: ReportRow[]
  chart: ReportChart
}

type Labels = { t: TFunction; locale: Locale; kind: SchoolKind; timeZone: string }

const translators = { zh: createI18n('zh').t, en: createI18n('en').t }

export function reportLabels(user: SessionUser, locale: Locale): Labels {
  return { t: translators[locale], locale, kind: user.school.kind, timeZone: user.school.timeZone }
}

/** How a grouping reads: its label columns, a row's label cells (the first is the bar's label) and key. */
type GroupingView<G extends ReportGrouping> = {
  columns: (t: TFunction) => ReportColumn[]
  cells: (row: GroupFields[G], labels: Labels) => ReportCell[]
  key: (row: GroupFields[G]) => string
  /** Groups the database cannot order (levels and scopes follow the app's own order) */
  sort?: (a: GroupFields[G], b: GroupFields[G], labels: Labels) => number
}

const textColumn = (header: string): ReportColumn => ({ header, kind: 'text' })

const GROUPING_VIEWS: { [G in ReportGrouping]: GroupingView<G> } = {
  grade: {
    columns: (t) => [textColumn(t('reports.columns.grade'))],
    cells: (row, { locale, kind }) => [gradeLabel(locale, kind, row)],
    key: (row) => `grade-${row.id}`,
  },
  class: {
    columns: (t) => [textColumn(t('reports.columns.class'))],
    cells: (row, { locale, kind }) => [classLabel(locale, kind, row)],
    key: (row) => `class-${row.id}`,
  },
  strand: {
    columns: (t) => [textColumn(t('reports.columns.strand')), textColumn(t('reports.columns.season'))],
    cells: (row, { t }) => [row.strandTitle ?? t('reports.noStrand'), row.seasonTitle],
    key: (row) => `strand-${row.seasonId}-${row.strandId ?? 'none'}`,
  },
  season: {
    columns: (t) => [textColumn(t('reports.columns.season'))],
    cells: (row) => [row.title],
    key: (row) => `season-${row.id}`,
  },
  activity: {
    columns: (t) => [
      textColumn(t('reports.columns.activity')),
      { header: t('reports.columns.date'), kind: 'day' },
    ],
    cells: (row, { timeZone }) => [row.title, localDay(row.startsAt, timeZone)],
    key: (row) => `activity-${row.id}`,
  },
  level: {
    columns: (t) => [textColumn(t('reports.columns.level'))],
    cells: (row, { t }) => [levelLabel(row.level, t)],
    key: (row) => `level-${encodeURIComponent(row.level)}`,
    sort: (a, b, { locale }) => compareLevels(a.level, b.level, locale),
  },
  scope: {
    columns: (t) => [textColumn(t('reports.columns.awardScope'))],
    cells: (row, { t }) => [t(`awards.scopes.${row.scope}`)],
    key: (row) => `scope-${row.scope}`,
    sort: (a, b) => AWARD_SCOPES.indexOf(a.scope) - AWARD_SCOPES.indexOf(b.scope),
  },
}

type Group<Counts> = { key: string; label: string; counts: Counts }

/** How a measure reads: its count columns, a row's count cells and the chart's bars. */
type MeasureView<M extends ReportMeasure> = {
  columns: (t: TFunction) => ReportColumn[]
  cells: (counts: MeasureCounts[M]) => ReportCell[]
  chart: (groups: Group<MeasureCounts[M]>[], t: TFunction) => ReportChart
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

const countColumn = (header: string, group?: string): ReportColumn => ({ header, kind: 'count', group })

function categoryNames(t: TFunction): string[] {
  return PRACTICE_CATEGORIES.map((category) => t(`activities.practice.${category}`))
}

function awardKinds(t: TFunction): string[] {
  return [t('reports.columns.pupilAwards'), t('reports.columns.teamAwards'), t('reports.columns.classAwards')]
}

const MEASURE_VIEWS: { [M in ReportMeasure]: MeasureView<M> } = {
  /** A rate table: the tally, and a 0–100 % bar per row. */
  attendance: {
    columns: (t) => [
      countColumn(t('reports.columns.attended')),
      countColumn(t('reports.columns.absent')),
      countColumn(t('reports.columns.excused')),
      countColumn(t('reports.columns.marked')),
      { header: t('reports.columns.rate'), kind: 'rate' },
    ],
    cells: ({ attended, absent, excused }) => {
      const marked = attended + absent + excused
      return [attended, absent, excused, marked, ratio(attended, marked)]
    },
    chart: (groups, t) => ({
      scale: 'share',
      series: [t('reports.columns.rate')],
      bars: groups.map(({ key, label, counts }) => {
        const marked = counts.attended + counts.absent + counts.excused
        const rate = ratio(counts.attended, marked)
        return {
          key,
          label,
          values: [rate ?? 0],
          total: rate,
          fraction: { part: counts.attended, whole: marked },
        }
      }),
    }),
  },
  /** 课时 and pupils per category and in total; the bar stacks the categories' hours. */
  practiceHours: {
    columns: (t) =>
      [...categoryNames(t), t('reports.columns.total')].flatMap((group): ReportColumn[] => [
        { header: t('reports.columns.hours'), kind: 'hours', group },
        countColumn(t('reports.columns.pupils'), group),
      ]),
    cells: ({ byCategory, total }) => [
      ...PRACTICE_CATEGORIES.flatMap((category) => [
        round2(byCategory[category].hours),
        byCategory[category].pupils,
      ]),
      round2(total.hours),
      total.pupils,
    ],
    chart: (groups, t) => ({
      scale: 'amount',
      series: categoryNames(t),
      bars: groups.map(({ key, label, counts }) => ({
        key,
        label,
        values: PRACTICE_CATEGORIES.map((category) => round2(counts.byCategory[category].hours)),
        total: round2(counts.total.hours),
        pupils: counts.total.pupils,
      })),
    }),
  },
  /** Consent tallies: the bar stacks given and refused over the requests, so its length is the return rate. */
  consents: {
    columns: (t) => [
      countColumn(t('reports.columns.requested')),
      countColumn(t('reports.columns.given')),
      countColumn(t('reports.columns.refused')),
      countColumn(t('reports.columns.pending')),
      { header: t('reports.columns.returnRate'), kind: 'rate' },
      { header: t('reports.columns.givenRate'), kind: 'rate' },
    ],
    cells: ({ requested, given, refused }) => [
      requested,
      given,
      refused,
      requested - given - refused,
      ratio(given + refused, requested),
      ratio(given, requested),
    ],
    chart: (groups, t) => ({
      scale: 'share',
      series: [t('reports.columns.given'), t('reports.columns.refused')],
      trackLabel: t('reports.columns.pending'),
      bars: groups.map(({ key, label, counts: { requested, given, refused } }) => ({
        key,
        label,
        values: [ratio(given, requested) ?? 0, ratio(refused, requested) ?? 0],
        total: ratio(given + refused, requested),
        fraction: { part: given + refused, whole: requested },
      })),
    }),
  },
  /**
   * Award counts: the bar stacks individual, team and class awards, so its length is the number of
   * awards; the table adds the pupils named in them. Counts only: no pupil is ever listed or ranked.
   */
  awards: {
    columns: (t) => [
      ...awardKinds(t).map((header) => countColumn(header)),
      countColumn(t('reports.columns.awards')),
      countColumn(t('reports.columns.awardedPupils')),
    ],
    cells: (counts) => [
      counts.pupilAwards,
      counts.teamAwards,
      counts.classAwards,
      counts.awards,
      counts.pupils,
    ],
    chart: (groups, t) => ({
      scale: 'amount',
      unit: 'awards',
      series: awardKinds(t),
      bars: groups.map(({ key, label, counts }) => ({
        key,
        label,
        values: [counts.pupilAwards, counts.teamAwards, counts.classAwards],
        total: counts.awards,
        pupils: counts.pupils,
      })),
    }),
  },
}

/** Any table from its definition: the grouping's label columns, then the measure's counts and chart. */
export async function loadReportTable(
  db: Executor,
  slug: ReportSlug,
  scope: ReportScope,
  labels: Labels,
): Promise<ReportTable> {
  const { section, grouping, measure } = REPORTS[slug]
  // The two views are typed per grouping and measure; the definitions pair them freely.
  const groupingView = GROUPING_VIEWS[grouping] as GroupingView<any>
  const measureView = MEASURE_VIEWS[measure] as MeasureView<any>
  const rows = await countReport(db, scope, { grouping, measure })
  const { sort } = groupingView
  if (sort) rows.sort((a, b) => sort(a, b, labels))
  const groups = rows.map((row) => {
    const labelCells = groupingView.cells(row, labels)
    return { key: groupingView.key(row), label: String(labelCells[0]), labelCells, counts: row }
  })
  return {
    slug,
    section,
    columns: [...groupingView.columns(labels.t), ...measureView.columns(labels.t)],
    rows: groups.map(({ key, labelCells, counts }) => ({
      key,
      cells: [...labelCells, ...measureView.cells(counts)],
    })),
    chart: measureView.chart(groups, labels.t),
  }
}

/** Every table of the page: one statement each, whatever the number of rows. */
export function loadAllReportTables(
  db: Executor,
  scope: ReportScope,
  labels: Labels,
): Promise<ReportTable[]> {
  return Promise.all(REPORT_SLUGS.map((slug) => loadReportTable(db, slug, scope, labels)))
}

/** An id asked for in the URL: absent or empty means "not asked"; anything else must be one of ours. */
function pickAsked<T extends { id: number }>(options: readonly T[], raw: string | null): T | null {
  if (raw === null || raw === '') return null
  const id = parseId(raw)
  return options.find((option) => option.id === id) ?? notFound()
}

/**
 * The filters of /reports and its CSVs, from the query string. The year defaults to the current one when it has records, else the latest with records;
 * a season asked without a year brings its own year, and a season of another year than the one asked
 * is dropped (the year was just changed in the form). Another school's or a malformed id is a 404.
 */
export async function requireReportScope(db: Executor, user: SessionUser, url: URL) {
  const { schoolId } = user
  const options = await listReportFilterOptions(db, { schoolId })
  const params = url.searchParams
  const askedYear = pickAsked(options.years, params.get('year'))
  const askedSeason = pickAsked(options.seasons, params.get('season'))
  const grade = pickAsked(options.grades, params.get('grade'))
  const year =
    askedYear ??
    options.years.find((y) => y.id === askedSeason?.academicYearId) ??
    yearToOpen(options.years, {
      today: todayIn(user.school.timeZone),
      withData: await listYearIdsWithRecords(db, { schoolId }),
    }) ??
    null
  const season = askedSeason && askedSeason.academicYearId === year?.id ? askedSeason : null
  const scope: ReportScope | null = year
    ? { schoolId, academicYearId: year.id, seasonId: season?.id ?? null, gradeId: grade?.id ?? null }
    : null
  return {
    scope,
    year,
    season,
    grade,
    years: options.years.map(({ id, name }) => ({ id, name })),
    seasons: year ? options.seasons.filter((s) => s.academicYearId === year.id) : [],
    grades: options.grades,
  }
}

/** The query string that reproduces a scope, for the CSV links. */
export function scopeQuery(scope: ReportScope): string {
  const params = new URLSearchParams({ year: String(scope.academicYearId) })
  if (scope.seasonId) params.set('season', String(scope.seasonId))
  if (scope.gradeId) params.set('grade', String(scope.gradeId))
  return params.toString()
}

/**
 * The table as CSV: the same columns under the same headings, grouped headings spelled out, rates
 * as percentages with one decimal (a spreadsheet sorts numbers, not "83.3%").
 */
export function reportCsv(table: ReportTable, t: TFunction, stamp?: string): string {
  const header = table.columns.map((column) => {
    const name = column.group
      ? t('reports.csv.grouped', { group: column.group, header: column.header })
      : column.header
    return column.kind === 'rate' ? t('reports.csv.percent', { header: name }) : name
  })
  const rows = table.rows.map((row) =>
    row.cells.map((cell, index): CsvCell => {
      if (table.columns[index]?.kind === 'rate' && typeof cell === 'number')
        return Math.round(cell * 1000) / 10
      return cell
    }),
  )
  return toCsv(header, rows, stamp)
}
