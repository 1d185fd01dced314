import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AwardCertificate, PrintButton } from '~/components/award-certificate'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { certificatesOf } from '~/domain/awards'
import { parseId } from '~/domain/schemas'
import { listAwards } from '~/models/awards.server'
import { requireAwardActivity } from '~/services/award-workflow.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'

/**
 * Every certificate of an activity's awards, or of one award (the …/certificates/:awardId route
 * shares this loader): one A4 landscape page each, in presenting order.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'awards:manage' })
  const activity = await requireAwardActivity(db, user, params.activityId)
  const awardId = params.awardId === undefined ? undefined : (parseId(params.awardId) ?? notFound())
  const awards = await listAwards(db, { schoolId: user.schoolId, activityId: activity.id, awardId })
  if (awardId !== undefined && awards.length === 0) notFound()
  return {
    activity: { id: activity.id, title: activity.title },
    schoolName: user.school.name,
    kind: user.school.kind,
    single: awardId !== undefined,
    certificates: awards.flatMap((award) => certificatesOf(award)),
  }
}

export default function Certificates() {
  const { activity, schoolName, kind, single, certificates } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="certificate-page">
      <PageHeader
        title={t('awards.certificates.title', { title: activity.title })}
        lead={t('awards.certificates.lead', { count: certificates.length })}
        actions={
          <>
            <Link to={`/activities/${activity.id}/awards`} className="button button-secondary">
              {t('awards.certificates.back')}
            </Link>
            {single ? (
              <Link to={`/activities/${activity.id}/certificates`} className="button button-secondary">
                {t('awards.certificates.all')}
              </Link>
            ) : null}
            {certificates.length ? <PrintButton label={t('awards.certificates.print')} /> : null}
          </>
        }
      />
      {certificates.length ? (
        <>
          <p className="muted certificate-hint">{t('awards.certificates.printHint')}</p>
          <div className="certificates">
            {certificates.map(({ award, pupil }) => (
              <AwardCertificate
                key={`${award.id}-${pupil?.studentId ?? 'class'}`}
                schoolName={schoolName}
                kind={kind}
                award={award}
                pupil={pupil}
              />
            ))}
          </div>
        </>
      ) : (
        <p className="muted">{t('awards.certificates.empty')}</p>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'awards.certificates.metaTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
