import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { StatusBadge } from '~/components/status-badge'
import { YearSwitch } from '~/components/year-switch'
import { parseId } from '~/domain/schemas'
import { yearToOpen } from '~/domain/school-calendar'
import { listAcademicYears } from '~/models/school.server'
import { listSeasons, listYearIdsWithSeasons } from '~/models/seasons.server'
import { requireUser } from '~/utils/auth.server'
import { formatDayRange, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:read' })
  const { schoolId } = user
  const [years, yearsWithSeasons] = await Promise.all([
    listAcademicYears(db, { schoolId }),
    listYearIdsWithSeasons(db, { schoolId }),
  ])
  const asked = parseId(new URL(request.url).searchParams.get('year'))
  const year =
    years.find((y) => y.id === asked) ??
    yearToOpen(years, { today: todayIn(user.school.timeZone), withData: yearsWithSeasons }) ??
    null
  const seasons = year ? await listSeasons(db, { schoolId, academicYearId: year.id }) : []
  return { years, yearId: year?.id ?? null, seasons }
}

export default function SeasonsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { years, yearId, seasons } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title={t('seasons.title')}
        lead={t('seasons.lead')}
        actions={
          <Link to="/seasons/new" className="button">
            {t('seasons.newSeason')}
          </Link>
        }
      />
      <YearSwitch years={years} yearId={yearId} id="year" />
      {seasons.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('seasons.columns.title')}</th>
                <th scope="col">{t('seasons.columns.dates')}</th>
                <th scope="col">{t('seasons.columns.status')}</th>
                <th scope="col">{t('seasons.columns.owner')}</th>
                <th scope="col">{t('seasons.columns.content')}</th>
              </tr>
            </thead>
            <tbody>
              {seasons.map((season) => (
                <tr key={season.id}>
                  <td>
                    <Link to={`/seasons/${season.id}`}>{season.title}</Link>
                    {season.slogan ? <div className="muted small">{season.slogan}</div> : null}
                  </td>
                  <td>{formatDayRange(season.startsOn, season.endsOn, locale)}</td>
                  <td>
                    <StatusBadge status={season.status} />
                  </td>
                  <td>{season.ownerName}</td>
                  <td>
                    {t('seasons.content', {
                      count: Number(season.activityCount),
                      strands: Number(season.strandCount),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="card muted">{t('seasons.empty')}</p>
      )}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'seasons.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
