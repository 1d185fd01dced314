import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PrintButton, useRecipientLine } from '~/components/award-certificate'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { levelLabel } from '~/domain/award-levels'
import { listAwards } from '~/models/awards.server'
import { requireAwardActivity } from '~/services/award-workflow.server'
import { requireUser } from '~/utils/auth.server'
import { formatInstantRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

/** The host's running sheet: every award in presenting order, printable on A4. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'awards:manage' })
  const activity = await requireAwardActivity(db, user, params.activityId)
  const awards = await listAwards(db, { schoolId: user.schoolId, activityId: activity.id })
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      venue: activity.venue,
    },
    timeZone: user.school.timeZone,
    kind: user.school.kind,
    awards,
  }
}

export default function CeremonySheet() {
  const { activity, timeZone, kind, awards } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const locale = useLocale()
  const recipientLine = useRecipientLine(kind)
  const when = formatInstantRange(activity.startsAt, activity.endsAt, locale, timeZone)
  return (
    <div className="ceremony-page">
      <PageHeader
        title={t('awards.ceremony.title', { title: activity.title })}
        lead={[when, activity.venue].filter(Boolean).join(' · ')}
        actions={
          <>
            <Link to={`/activities/${activity.id}/awards`} className="button button-secondary">
              {t('awards.ceremony.back')}
            </Link>
            {awards.length ? <PrintButton label={t('awards.ceremony.print')} /> : null}
          </>
        }
      />
      {awards.length === 0 ? (
        <p className="muted">{t('awards.ceremony.empty')}</p>
      ) : (
        <ol className="ceremony-sheet">
          {awards.map((award) => {
            const presenter = [award.presenterTitle, award.presenterName].filter(Boolean).join(' ')
            return (
              <li key={award.id} className="ceremony-item">
                <h2 className="ceremony-award">
                  <span className="ceremony-level">{levelLabel(award.level, t)}</span> {award.title}
                  <span className="ceremony-scope"> · {t(`awards.scopes.${award.scope}`)}</span>
                </h2>
                <dl className="ceremony-facts">
                  <dt>{t('awards.ceremony.recipients')}</dt>
                  <dd>{recipientLine(award)}</dd>
                  <dt>{t('awards.ceremony.presenter')}</dt>
                  <dd>{presenter || t('awards.ceremony.noPresenter')}</dd>
                  {award.citation ? (
                    <>
                      <dt>{t('awards.ceremony.citation')}</dt>
                      <dd>{award.citation}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'awards.ceremony.metaTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
