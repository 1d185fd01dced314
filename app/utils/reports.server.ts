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
  type AttendanceCounts,
  type AwardCounts,
  awardsByGrade,
  awardsByLevel,
  awardsByScope,
  awardsByStrand,
  type ConsentCounts,
  consentsByActivity,
  consentsByGrade,
  listReportFilterOptions,
  listYearIdsWithRecords,
  participationByClass,
  participationByGrade,
  participationBySeason,
  participationByStrand,
  practiceHoursByGrade,
  type ReportScope,
} from '~/models/reports.server'
import type { SessionUser } from './auth.server'
import { type CsvCell, toCsv } from './csv.server'
import { todayIn } from './dates'
import { db } from './db.server'
import { createI18n } from './i18n'
import { notFound } from './responses'

/**
 * The report tables: one URL slug each (the page's section anchors and /reports/<slug>.csv). The
 * page and the CSV build them here, so a download always has the columns of the table on screen.
 * A new section is a query in models/reports.server.ts, a builder and a slug here.
 */
export const REPORT_SLUGS = [
  'by-grade',
  'by-class',
  'by-strand',
  'by-season',
  'hours-by-category',
  'consents-by-activity',
  'consents-by-grade',
  'awards-by-grade',
  'awards-by-strand',
  'awards-by-level',
  'awards-by-scope',
] as const

export type ReportSlug = (typeof REPORT_SLUGS)[number]

/** The catalogue group (reports.sections.*) of each table's title, definition and empty state */
export const SECTION_KEYS: Record<ReportSlug, string> = {
  'by-grade': 'byGrade',
  'by-class': 'byClass',
  'by-strand': 'byStrand',
  'by-season': 'bySeason',
  'hours-by-category': 'hoursByCategory',
  'consents-by-activity': 'consentsByActivity',
  'consents-by-grade': 'consentsByGrade',
  'awards-by-grade': 'awardsByGrade',
  'awards-by-strand': 'awardsByStrand',
  'awards-by-level': 'awardsByLevel',
  'awards-by-scope': 'awardsByScope',
}

export function isReportSlug(value: string): value is ReportSlug {
  return (REPORT_SLUGS as readonly string[]).includes(value)
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
  /** Its catalogue group, see SECTION_KEYS */
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

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

function attendanceColumns(t: TFunction): ReportColumn[] {
  return [
    { header: t('reports.columns.attended'), kind: 'count' },
    { header: t('reports.columns.absent'), kind: 'count' },
    { header: t('reports.columns.excused'), kind: 'count' },
    { header: t('reports.columns.marked'), kind: 'count' },
    { header: t('reports.columns.rate'), kind: 'rate' },
  ]
}

function attendanceCells(row: AttendanceCounts): ReportCell[] {
  const marked = row.attended + row.absent + row.excused
  return [row.attended, row.absent, row.excused, marked, ratio(row.attended, marked)]
}

/** A rate table: label cells, the tally, and a 0–100 % bar per row. */
function attendanceTable(
  slug: ReportSlug,
  labelColumns: ReportColumn[],
  rows: { key: string; label: string; labelCells: ReportCell[]; counts: AttendanceCounts }[],
  t: TFunction,
): Omit<ReportTable, 'section'> {
  return {
    slug,
    columns: [...labelColumns, ...attendanceColumns(t)],
    rows: rows.map((row) => ({ key: row.key, cells: [...row.labelCells, ...attendanceCells(row.counts)] })),
    chart: {
      scale: 'share',
      series: [t('reports.columns.rate')],
      bars: rows.map(({ key, label, counts }) => {
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
    },
  }
}

function consentColumns(t: TFunction): ReportColumn[] {
  return [
    { header: t('reports.columns.requested'), kind: 'count' },
    { header: t('reports.columns.given'), kind: 'count' },
    { header: t('reports.columns.refused'), kind: 'count' },
    { header: t('reports.columns.pending'), kind: 'count' },
    { header: t('reports.columns.returnRate'), kind: 'rate' },
    { header: t('reports.columns.givenRate'), kind: 'rate' },
  ]
}

/** Consent tallies: the bar stacks given and refused over the requests, so its length is the return rate. */
function consentTable(
  slug: ReportSlug,
  labelColumns: ReportColumn[],
  rows: { key: string; label: string; labelCells: ReportCell[]; counts: ConsentCounts }[],
  t: TFunction,
): Omit<ReportTable, 'section'> {
  return {
    slug,
    columns: [...labelColumns, ...consentColumns(t)],
    rows: rows.map(({ key, labelCells, counts: { requested, given, refused } }) => ({
      key,
      cells: [
        ...labelCells,
        requested,
        given,
        refused,
        requested - given - refused,
        ratio(given + refused, requested),
        ratio(given, requested),
      ],
    })),
    chart: {
      scale: 'share',
      series: [t('reports.columns.given'), t('reports.columns.refused')],
      trackLabel: t('reports.columns.pending'),
      bars: rows.map(({ key, label, counts: { requested, given, refused } }) => ({
        key,
        label,
        values: [ratio(given, requested) ?? 0, ratio(refused, requested) ?? 0],
        total: ratio(given + refused, requested),
        fraction: { part: given + refused, whole: requested },
      })),
    },
  }
}

/**
 * Award counts: the bar stacks individual, team and class awards, so its length is the number of
 * awards; the table adds the pupils named in them. Counts only: no pupil is ever listed or ranked.
 */
function awardTable(
  slug: ReportSlug,
  labelColumns: ReportColumn[],
  rows: { key: string; label: string; labelCells: ReportCell[]; counts: AwardCounts }[],
  t: TFunction,
): Omit<ReportTable, 'section'> {
  const kinds = [
    t('reports.columns.pupilAwards'),
    t('reports.columns.teamAwards'),
    t('reports.columns.classAwards'),
  ]
  return {
    slug,
    columns: [
      ...labelColumns,
      ...kinds.map((header): ReportColumn => ({ header, kind: 'count' })),
      { header: t('reports.columns.awards'), kind: 'count' },
      { header: t('reports.columns.awardedPupils'), kind: 'count' },
    ],
    rows: rows.map(({ key, labelCells, counts }) => ({
      key,
      cells: [
        ...labelCells,
        counts.pupilAwards,
        counts.teamAwards,
        counts.classAwards,
        counts.awards,
        counts.pupils,
      ],
    })),
    chart: {
      scale: 'amount',
      unit: 'awards',
      series: kinds,
      bars: rows.map(({ key, label, counts }) => ({
        key,
        label,
        values: [counts.pupilAwards, counts.teamAwards, counts.classAwards],
        total: counts.awards,
        pupils: counts.pupils,
      })),
    },
  }
}

type Builder = (scope: ReportScope, labels: Labels) => Promise<Omit<ReportTable, 'section'>>

const BUILDERS: Record<ReportSlug, Builder> = {
  'by-grade': async (scope, { t, locale, kind }) => {
    const rows = await participationByGrade(db, scope)
    return attendanceTable(
      'by-grade',
      [{ header: t('reports.columns.grade'), kind: 'text' }],
      rows.map((row) => {
        const label = gradeLabel(locale, kind, row)
        return { key: `grade-${row.id}`, label, labelCells: [label], counts: row }
      }),
      t,
    )
  },
  'by-class': async (scope, { t, locale, kind }) => {
    const rows = await participationByClass(db, scope)
    return attendanceTable(
      'by-class',
      [{ header: t('reports.columns.class'), kind: 'text' }],
      rows.map((row) => {
        const label = classLabel(locale, kind, row)
        return { key: `class-${row.id}`, label, labelCells: [label], counts: row }
      }),
      t,
    )
  },
  'by-strand': async (scope, { t }) => {
    const rows = await participationByStrand(db, scope)
    return attendanceTable(
      'by-strand',
      [
        { header: t('reports.columns.strand'), kind: 'text' },
        { header: t('reports.columns.season'), kind: 'text' },
      ],
      rows.map((row) => {
        const label = row.strandTitle ?? t('reports.noStrand')
        return {
          key: `strand-${row.seasonId}-${row.strandId ?? 'none'}`,
          label,
          labelCells: [label, row.seasonTitle],
          counts: row,
        }
      }),
      t,
    )
  },
  'by-season': async (scope, { t }) => {
    const rows = await participationBySeason(db, scope)
    return attendanceTable(
      'by-season',
      [{ header: t('reports.columns.season'), kind: 'text' }],
      rows.map((row) => ({
        key: `season-${row.id}`,
        label: row.title,
        labelCells: [row.title],
        counts: row,
      })),
      t,
    )
  },
  'hours-by-category': async (scope, { t, locale, kind }) => {
    const rows = await practiceHoursByGrade(db, scope)
    const pair = (group: string): ReportColumn[] => [
      { header: t('reports.columns.hours'), kind: 'hours', group },
      { header: t('reports.columns.pupils'), kind: 'count', group },
    ]
    const categoryNames = PRACTICE_CATEGORIES.map((category) => t(`activities.practice.${category}`))
    return {
      slug: 'hours-by-category',
      columns: [
        { header: t('reports.columns.grade'), kind: 'text' },
        ...categoryNames.flatMap(pair),
        ...pair(t('reports.columns.total')),
      ],
      rows: rows.map((row) => ({
        key: `grade-${row.id}`,
        cells: [
          gradeLabel(locale, kind, row),
          ...PRACTICE_CATEGORIES.flatMap((category) => [
            round2(row.byCategory[category].hours),
            row.byCategory[category].pupils,
          ]),
          round2(row.total.hours),
          row.total.pupils,
        ],
      })),
      chart: {
        scale: 'amount',
        series: categoryNames,
        bars: rows.map((row) => ({
          key: `grade-${row.id}`,
          label: gradeLabel(locale, kind, row),
          values: PRACTICE_CATEGORIES.map((category) => round2(row.byCategory[category].hours)),
          total: round2(row.total.hours),
          pupils: row.total.pupils,
        })),
      },
    }
  },
  'consents-by-activity': async (scope, { t, timeZone }) => {
    const rows = await consentsByActivity(db, scope)
    return consentTable(
      'consents-by-activity',
      [
        { header: t('reports.columns.activity'), kind: 'text' },
        { header: t('reports.columns.date'), kind: 'day' },
      ],
      rows.map((row) => ({
        key: `activity-${row.id}`,
        label: row.title,
        labelCells: [row.title, localDay(row.startsAt, timeZone)],
        counts: row,
      })),
      t,
    )
  },
  'consents-by-grade': async (scope, { t, locale, kind }) => {
    const rows = await consentsByGrade(db, scope)
    return consentTable(
      'consents-by-grade',
      [{ header: t('reports.columns.grade'), kind: 'text' }],
      rows.map((row) => {
        const label = gradeLabel(locale, kind, row)
        return { key: `grade-${row.id}`, label, labelCells: [label], counts: row }
      }),
      t,
    )
  },
  'awards-by-grade': async (scope, { t, locale, kind }) => {
    const rows = await awardsByGrade(db, scope)
    return awardTable(
      'awards-by-grade',
      [{ header: t('reports.columns.grade'), kind: 'text' }],
      rows.map((row) => {
        const label = gradeLabel(locale, kind, row)
        return { key: `grade-${row.id}`, label, labelCells: [label], counts: row }
      }),
      t,
    )
  },
  'awards-by-strand': async (scope, { t }) => {
    const rows = await awardsByStrand(db, scope)
    return awardTable(
      'awards-by-strand',
      [
        { header: t('reports.columns.strand'), kind: 'text' },
        { header: t('reports.columns.season'), kind: 'text' },
      ],
      rows.map((row) => {
        const label = row.strandTitle ?? t('reports.noStrand')
        return {
          key: `strand-${row.seasonId}-${row.strandId ?? 'none'}`,
          label,
          labelCells: [label, row.seasonTitle],
          counts: row,
        }
      }),
      t,
    )
  },
  'awards-by-level': async (scope, { t, locale }) => {
    const rows = await awardsByLevel(db, scope)
    return awardTable(
      'awards-by-level',
      [{ header: t('reports.columns.level'), kind: 'text' }],
      rows
        .sort((a, b) => compareLevels(a.level, b.level, locale))
        .map((row) => {
          const label = levelLabel(row.level, t)
          return { key: `level-${encodeURIComponent(row.level)}`, label, labelCells: [label], counts: row }
        }),
      t,
    )
  },
  'awards-by-scope': async (scope, { t }) => {
    const rows = await awardsByScope(db, scope)
    return awardTable(
      'awards-by-scope',
      [{ header: t('reports.columns.awardScope'), kind: 'text' }],
      rows
        .sort((a, b) => AWARD_SCOPES.indexOf(a.scope) - AWARD_SCOPES.indexOf(b.scope))
        .map((row) => {
          const label = t(`awards.scopes.${row.scope}`)
          return { key: `scope-${row.scope}`, label, labelCells: [label], counts: row }
        }),
      t,
    )
  },
}

export async function loadReportTable(
  slug: ReportSlug,
  scope: ReportScope,
  labels: Labels,
): Promise<ReportTable> {
  return { ...(await BUILDERS[slug](scope, labels)), section: SECTION_KEYS[slug] }
}

/** Every table of the page: one statement each, whatever the number of rows. */
export function loadAllReportTables(scope: ReportScope, labels: Labels): Promise<ReportTable[]> {
  return Promise.all(REPORT_SLUGS.map((slug) => loadReportTable(slug, scope, labels)))
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
export async function requireReportScope(user: SessionUser, url: URL) {
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
