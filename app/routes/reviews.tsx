import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { useAudienceLabel } from '~/components/recap-labels'
import { listReviewQueue } from '~/models/reviews.server'
import { requireUser } from '~/utils/auth.server'
import { formatDayRange, formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:review' })
  const queue = await listReviewQueue(db, { schoolId: user.schoolId })
  return { ...queue, kind: user.school.kind, timeZone: user.school.timeZone }
}

export default function ReviewQueuePage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { seasons, activities, recaps, kind, timeZone } = useLoaderData<typeof loader>()
  const audienceLabel = useAudienceLabel(kind)
  return (
    <>
      <PageHeader title={t('inbox.queue.title')} lead={t('inbox.queue.lead')} />
      <section className="card stack" aria-labelledby="queue-seasons">
        <h2 id="queue-seasons">{t('inbox.queue.seasons')}</h2>
        {seasons.length ? (
          <ul className="plain-list stack">
            {seasons.map((season) => (
              <li key={season.id} className="queue-item">
                <div>
                  <p>
                    <strong>{season.title}</strong>
                  </p>
                  <p className="muted small">
                    {formatDayRange(season.startsOn, season.endsOn, locale)} ·{' '}
                    {t('inbox.queue.count', { count: Number(season.activityCount) })} ·{' '}
                    {t('inbox.queue.submittedBy', { name: season.ownerName })} ·{' '}
                    {t('inbox.queue.waitingSince', {
                      date: formatInstant(season.updatedAt, locale, timeZone),
                    })}
                  </p>
                </div>
                <Link to={`/seasons/${season.id}/review`} className="button">
                  {t('inbox.queue.review')}
                  <span className="visually-hidden"> {season.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('inbox.queue.noSeasons')}</p>
        )}
      </section>
      <section className="card stack" aria-labelledby="queue-activities">
        <h2 id="queue-activities">{t('inbox.queue.activities')}</h2>
        {activities.length ? (
          <ul className="plain-list stack">
            {activities.map((activity) => (
              <li key={activity.id} className="queue-item">
                <div>
                  <p>
                    <strong>{activity.title}</strong>
                  </p>
                  <p className="muted small">
                    {formatInstant(activity.startsAt, locale, timeZone)} ·{' '}
                    <Link to={`/seasons/${activity.seasonId}`}>{activity.seasonTitle}</Link>
                  </p>
                </div>
                <Link to={`/activities/${activity.id}#review`} className="button">
                  {t('inbox.queue.review')}
                  <span className="visually-hidden"> {activity.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('inbox.queue.noActivities')}</p>
        )}
      </section>
      <section className="card stack" aria-labelledby="queue-recaps">
        <h2 id="queue-recaps">{t('recaps.queue.title')}</h2>
        {recaps.length ? (
          <ul className="plain-list stack">
            {recaps.map((recap) => (
              <li key={recap.id} className="queue-item">
                <div>
                  <p>
                    <strong>{recap.title}</strong>
                  </p>
                  <p className="muted small">
                    {/* A recap's audience here has no targets named: the recap page names them. */}
                    {audienceLabel(recap.audience, [])} ·{' '}
                    {t('inbox.queue.submittedBy', { name: recap.authorName ?? t('recaps.list.noAuthor') })} ·{' '}
                    {t('inbox.queue.waitingSince', {
                      date: formatInstant(recap.updatedAt, locale, timeZone),
                    })}
                  </p>
                </div>
                <Link to={`/recaps/${recap.id}`} className="button">
                  {t('inbox.queue.review')}
                  <span className="visually-hidden"> {recap.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('recaps.queue.empty')}</p>
        )}
      </section>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'inbox.queue.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
