import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { RecapStatusBadge, useAudienceLabel } from '~/components/recap-labels'
import { RECAP_STATUSES, type RecapStatus } from '~/domain/recap-lifecycle'
import { parseId } from '~/domain/schemas'
import { listRecaps, listRecapsInReview, listSeasonOptions } from '~/models/recaps.server'
import { requireUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

type StatusTab = 'all' | RecapStatus
type Scope = 'all' | 'mine'

const TABS: readonly StatusTab[] = ['all', ...RECAP_STATUSES]

function asStatus(value: string | null): StatusTab {
  return (TABS as readonly (string | null)[]).includes(value) ? (value as StatusTab) : 'all'
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'recaps:write' })
  const { schoolId } = user
  const params = new URL(request.url).searchParams
  const status = asStatus(params.get('status'))
  const scope: Scope = params.get('scope') === 'mine' ? 'mine' : 'all'
  const seasons = await listSeasonOptions(db, { schoolId })
  const askedSeason = parseId(params.get('season'))
  const seasonId = seasons.some((s) => s.id === askedSeason) ? askedSeason : null
  const isAdmin = user.role === 'admin'
  const [{ recaps, truncated }, waiting] = await Promise.all([
    listRecaps(db, {
      schoolId,
      viewer: { userId: user.id, isAdmin },
      filter: {
        status: status === 'all' ? undefined : status,
        authorId: scope === 'mine' ? user.id : undefined,
        seasonId: seasonId ?? undefined,
      },
    }),
    isAdmin ? listRecapsInReview(db, { schoolId }) : Promise.resolve([]),
  ])
  return {
    recaps,
    truncated,
    waiting,
    seasons,
    query: { status, scope, seasonId },
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

type Query = { status: StatusTab; scope: Scope; seasonId: number | null }

function listHref({ status, scope, seasonId }: Query): string {
  const params = new URLSearchParams()
  if (status !== 'all') params.set('status', status)
  if (scope !== 'all') params.set('scope', scope)
  if (seasonId) params.set('season', String(seasonId))
  const search = params.toString()
  return search ? `/recaps?${search}` : '/recaps'
}

function Tabs<T extends string>({
  label,
  values,
  current,
  text,
  href,
}: {
  label: string
  values: readonly T[]
  current: T
  text: (value: T) => string
  href: (value: T) => string
}) {
  return (
    <nav aria-label={label}>
      <ul className="plain-list recap-tabs">
        {values.map((value) => (
          <li key={value}>
            <Link
              to={href(value)}
              aria-current={value === current ? 'page' : undefined}
              className={value === current ? 'button button-small' : 'button button-secondary button-small'}
            >
              {text(value)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function Waiting() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { waiting, timeZone } = useLoaderData<typeof loader>()
  if (!waiting.length) return null
  return (
    <section className="card stack" aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t('recaps.list.waitingTitle', { count: waiting.length })}</h2>
      <ul className="plain-list stack">
        {waiting.map((recap) => (
          <li key={recap.id} className="queue-item">
            <div>
              <p>
                <strong>{recap.title}</strong>
              </p>
              <p className="muted small">
                {t('recaps.list.submittedBy', {
                  name: recap.authorName ?? t('recaps.list.noAuthor'),
                  date: formatInstant(recap.updatedAt, locale, timeZone),
                })}
              </p>
            </div>
            <Link to={`/recaps/${recap.id}`} className="button">
              {t('recaps.list.review')}
              <span className="visually-hidden"> {recap.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}

export default function RecapsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { recaps, truncated, seasons, query, kind, timeZone } = useLoaderData<typeof loader>()
  const audienceLabel = useAudienceLabel(kind)
  return (
    <>
      <PageHeader
        title={t('recaps.title')}
        lead={t('recaps.list.lead')}
        actions={
          <Link to="/recaps/new" className="button">
            {t('recaps.list.new')}
          </Link>
        }
      />
      <Waiting />
      <div className="recap-filters">
        <Tabs
          label={t('recaps.list.statusFilter')}
          values={TABS}
          current={query.status}
          text={(status) => (status === 'all' ? t('recaps.list.allStatuses') : t(`recaps.status.${status}`))}
          href={(status) => listHref({ ...query, status })}
        />
        <Tabs
          label={t('recaps.list.scopeFilter')}
          values={['all', 'mine'] as const}
          current={query.scope}
          text={(scope) => t(`recaps.list.scope.${scope}`)}
          href={(scope) => listHref({ ...query, scope })}
        />
        {seasons.length ? (
          <Form method="get" className="inline-form filter-form">
            {query.status === 'all' ? null : <input type="hidden" name="status" value={query.status} />}
            {query.scope === 'all' ? null : <input type="hidden" name="scope" value={query.scope} />}
            <div className="field">
              <label htmlFor="recap-season">{t('recaps.list.season')}</label>
              <select id="recap-season" name="season" defaultValue={query.seasonId ?? ''}>
                <option value="">{t('recaps.list.allSeasons')}</option>
                {seasons.map((season) => (
                  <option key={season.id} value={season.id}>
                    {t('recaps.list.seasonOption', { title: season.title, year: season.yearName })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              {t('recaps.list.filter')}
            </button>
          </Form>
        ) : null}
      </div>
      {recaps.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('recaps.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recaps.list.columns.title')}</th>
                <th scope="col">{t('recaps.list.columns.status')}</th>
                <th scope="col">{t('recaps.list.columns.audience')}</th>
                <th scope="col">{t('recaps.list.columns.author')}</th>
                <th scope="col">{t('recaps.list.columns.date')}</th>
              </tr>
            </thead>
            <tbody>
              {recaps.map((recap) => (
                <tr key={recap.id}>
                  <td className="cell-text">
                    <Link to={`/recaps/${recap.id}`}>{recap.title}</Link>
                    {recap.seasonTitle ? <div className="muted small">{recap.seasonTitle}</div> : null}
                  </td>
                  <td>
                    <RecapStatusBadge status={recap.status} />
                  </td>
                  <td>{audienceLabel(recap.audience, recap.targets)}</td>
                  <td>{recap.authorName ?? t('recaps.list.noAuthor')}</td>
                  <td>
                    {recap.publishedAt
                      ? t('recaps.list.publishedOn', {
                          date: formatInstant(recap.publishedAt, locale, timeZone, 'day'),
                        })
                      : t('recaps.list.updatedOn', {
                          date: formatInstant(recap.updatedAt, locale, timeZone, 'day'),
                        })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="card muted">{t('recaps.list.empty')}</p>
      )}
      {truncated ? <p className="muted small">{t('recaps.list.truncated')}</p> : null}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'recaps.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
