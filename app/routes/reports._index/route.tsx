import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { BarChart } from '~/components/bar-chart'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { type BarInput, countScale, niceScale, ratio, SHARE_SCALE } from '~/domain/charts'
import { gradeLabel } from '~/domain/grades'
import {
  loadAllReportTables,
  type ReportSlug,
  type ReportTable,
  reportLabels,
  requireReportScope,
  scopeQuery,
} from '~/services/report-tables.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'
import { DataTable, type NumberFormats, numberFormats } from './report-table'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'reports:read' })
  const { scope, year, season, grade, years, seasons, grades } = await requireReportScope(
    db,
    user,
    new URL(request.url),
  )
  const tables = scope ? await loadAllReportTables(db, scope, reportLabels(user, resolveLocale(request))) : []
  return {
    kind: user.school.kind,
    filter: { yearId: year?.id ?? null, seasonId: season?.id ?? null, gradeId: grade?.id ?? null },
    years,
    seasons,
    grades,
    yearName: year?.name ?? null,
    seasonTitle: season?.title ?? null,
    query: scope ? scopeQuery(scope) : '',
    tables,
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

/** A plain GET form: the filters live in the URL, so a report can be bookmarked and works without JavaScript. */
function FilterForm({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { filter } = data
  return (
    <Form
      method="get"
      className="inline-form filter-form"
      role="search"
      aria-label={t('reports.filter.label')}
    >
      <div className="field">
        <label htmlFor="report-year">{t('reports.filter.year')}</label>
        <select id="report-year" name="year" defaultValue={filter.yearId ?? undefined}>
          {data.years.map((year) => (
            <option key={year.id} value={year.id}>
              {year.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-season">{t('reports.filter.season')}</label>
        <select id="report-season" name="season" defaultValue={filter.seasonId ?? ''}>
          <option value="">{t('reports.filter.allSeasons')}</option>
          {data.seasons.map((season) => (
            <option key={season.id} value={season.id}>
              {season.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-grade">{t('reports.filter.grade')}</label>
        <select id="report-grade" name="grade" defaultValue={filter.gradeId ?? ''}>
          <option value="">{t('reports.filter.allGrades')}</option>
          {data.grades.map((grade) => (
            <option key={grade.id} value={grade.id}>
              {gradeLabel(locale, data.kind, grade)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary">
        {t('reports.filter.submit')}
      </button>
      {filter.seasonId || filter.gradeId ? (
        <Link to={`/reports?year=${filter.yearId}`}>{t('reports.filter.clear')}</Link>
      ) : null}
    </Form>
  )
}

/** Totals of the whole selection, from the per-grade tables (each row belongs to exactly one grade). */
function Summary({ tables, formats }: { tables: ReportTable[]; formats: NumberFormats }) {
  const { t } = useTranslation()
  const bars = (slug: ReportSlug) => tables.find((table) => table.slug === slug)?.chart.bars ?? []
  const share = (slug: ReportSlug) => {
    const sum = (key: 'part' | 'whole') => bars(slug).reduce((n, bar) => n + (bar.fraction?.[key] ?? 0), 0)
    const value = ratio(sum('part'), sum('whole'))
    return value === null ? t('reports.noValue') : formats.percent(value)
  }
  const hours = bars('hours-by-category').reduce((n, bar) => n + (bar.total ?? 0), 0)
  // Each award has exactly one scope, so the scope rows add up to every award once.
  const awards = bars('awards-by-scope').reduce((n, bar) => n + (bar.total ?? 0), 0)
  return (
    <section aria-labelledby="report-summary-title">
      <h2 id="report-summary-title" className="visually-hidden">
        {t('reports.summary.title')}
      </h2>
      <dl className="stats">
        <div>
          <dt>{t('reports.summary.rate')}</dt>
          <dd>{share('by-grade')}</dd>
        </div>
        <div>
          <dt>{t('reports.summary.hours')}</dt>
          <dd>{formats.number(Math.round(hours * 100) / 100)}</dd>
        </div>
        <div>
          <dt>{t('reports.summary.consentReturn')}</dt>
          <dd>{share('consents-by-grade')}</dd>
        </div>
        <div>
          <dt>{t('reports.summary.awards')}</dt>
          <dd>{formats.number(awards)}</dd>
        </div>
      </dl>
    </section>
  )
}

function chartBars(table: ReportTable, formats: NumberFormats, t: TFunction) {
  return table.chart.bars.map(
    (bar): BarInput => ({
      key: bar.key,
      label: bar.label,
      values: bar.values,
      valueLabel:
        bar.total === null
          ? t('reports.noValue')
          : table.chart.scale === 'share'
            ? t('reports.chart.share', {
                rate: formats.percent(bar.total),
                part: formats.number(bar.fraction?.part ?? 0),
                whole: formats.number(bar.fraction?.whole ?? 0),
              })
            : table.chart.unit === 'awards'
              ? t('reports.chart.awards', {
                  awards: formats.number(bar.total),
                  pupils: formats.number(bar.pupils ?? 0),
                })
              : t('reports.chart.amount', {
                  hours: formats.number(bar.total),
                  pupils: formats.number(bar.pupils ?? 0),
                }),
    }),
  )
}

function amountScale(table: ReportTable) {
  const max = Math.max(0, ...table.chart.bars.map((bar) => bar.total ?? 0))
  return table.chart.unit === 'awards' ? countScale(max) : niceScale(max)
}

function ReportSection({
  table,
  query,
  formats,
}: {
  table: ReportTable
  query: string
  formats: NumberFormats
}) {
  const { t } = useTranslation()
  const key = table.section
  const title = t(`reports.sections.${key}.title`)
  const share = table.chart.scale === 'share'
  return (
    <section id={table.slug} className="report-section" aria-labelledby={`${table.slug}-title`}>
      <div className="report-section-header">
        <h2 id={`${table.slug}-title`}>{title}</h2>
        {table.rows.length ? (
          <a
            className="button button-secondary button-small"
            href={`/reports/${table.slug}.csv?${query}`}
            download
          >
            {t('reports.download')}
            <span className="visually-hidden">{t('reports.downloadLabel', { title })}</span>
          </a>
        ) : null}
      </div>
      <p className="report-definition">{t(`reports.sections.${key}.definition`)}</p>
      {table.rows.length === 0 ? (
        <p className="muted">{t(`reports.sections.${key}.empty`)}</p>
      ) : (
        <div className="report-figure">
          <BarChart
            id={`chart-${table.slug}`}
            title={title}
            bars={chartBars(table, formats, t)}
            series={table.chart.series}
            trackLabel={table.chart.trackLabel}
            scale={share ? SHARE_SCALE : amountScale(table)}
            formatTick={share ? formats.wholePercent : formats.number}
          />
          <DataTable table={table} title={title} formats={formats} />
        </div>
      )}
    </section>
  )
}

export default function ReportsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const formats = numberFormats(locale)
  const grade = data.grades.find((g) => g.id === data.filter.gradeId)
  return (
    <>
      <PageHeader title={t('reports.title')} lead={t('reports.lead')} />
      {data.yearName === null ? (
        <p className="alert alert-info">{t('reports.noYear')}</p>
      ) : (
        <>
          <FilterForm key={data.query} data={data} />
          <p className="report-scope">
            {t('reports.scope', { year: data.yearName })}
            {data.seasonTitle ? (
              <span className="badge">{t('reports.scopeSeason', { season: data.seasonTitle })}</span>
            ) : null}
            {grade ? (
              <span className="badge">
                {t('reports.scopeGrade', { grade: gradeLabel(locale, data.kind, grade) })}
              </span>
            ) : null}
          </p>
          <nav className="report-contents" aria-label={t('reports.contents')}>
            <ul>
              {data.tables.map((table) => (
                <li key={table.slug}>
                  <a href={`#${table.slug}`}>{t(`reports.sections.${table.section}.title`)}</a>
                </li>
              ))}
            </ul>
          </nav>
          <Summary tables={data.tables} formats={formats} />
          {data.tables.map((table) => (
            <ReportSection key={table.slug} table={table} query={data.query} formats={formats} />
          ))}
        </>
      )}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reports.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
