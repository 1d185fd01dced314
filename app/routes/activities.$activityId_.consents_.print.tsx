import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PrintButton } from '~/components/award-certificate'
import { classNameOf } from '~/components/consent-sheet'
import { ConsentSlip } from '~/components/consent-slip'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { mayHandlePaperSlips } from '~/domain/consent'
import { parseId } from '~/domain/schemas'
import { listConsentSheet } from '~/models/consents.server'
import { getClass } from '~/models/school.server'
import { requireActivity } from '~/services/activity-workflow.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

/** What to bring is typed on this page for the print only; long text would not fit the slip. */
const MAX_BRING = 100

/**
 * The paper consent slips of one class (?class=): one A4 page per pupil concerned, for the class's
 * head teacher, the activity's organiser or an admin to print and hand out.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'consents:read' })
  const activity = await requireActivity(db, user, params.activityId)
  const url = new URL(request.url)
  const classId = parseId(url.searchParams.get('class') ?? undefined)
  const schoolClass = classId ? await getClass(db, { schoolId: user.schoolId, id: classId }) : undefined
  if (!schoolClass || !activity.needsConsent) notFound()
  if (!mayHandlePaperSlips(user, activity, schoolClass.headTeacherId)) {
    throw new Response('Forbidden', { status: 403 })
  }
  const rows = await listConsentSheet(db, { schoolId: user.schoolId, activity })
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      venue: activity.venue,
      transport: activity.transport,
      contactName: activity.organiserName,
      contactPhone: activity.contactPhone || activity.organiserPhone || '',
      consentDueOn: activity.consentDueOn,
    },
    schoolClass: {
      id: schoolClass.id,
      className: schoolClass.name,
      classNumber: schoolClass.number,
      gradeLevel: schoolClass.gradeLevel,
    },
    pupils: rows.filter((row) => row.classId === schoolClass.id).map(({ id, name }) => ({ id, name })),
    bring: (url.searchParams.get('bring') ?? '').trim().slice(0, MAX_BRING),
    schoolName: user.school.name,
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

export default function ConsentSlips() {
  const { activity, schoolClass, pupils, bring, schoolName, kind, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const className = classNameOf(schoolClass, useLocale(), kind)
  return (
    <div className="slip-page">
      <PageHeader
        title={t('consents.slip.title', { title: activity.title, class: className })}
        lead={t('consents.slip.lead', { count: pupils.length })}
        actions={
          <>
            <Link
              to={`/activities/${activity.id}/consents#class-${schoolClass.id}`}
              className="button button-secondary"
            >
              {t('consents.slip.back')}
            </Link>
            {pupils.length ? <PrintButton label={t('consents.slip.printButton')} /> : null}
          </>
        }
      />
      {pupils.length ? (
        <>
          <p className="muted slip-hint">{t('consents.slip.printHint')}</p>
          {/* What to bring is not stored with the activity: typed here, it goes on every slip. */}
          <Form method="get" className="slip-options">
            <input type="hidden" name="class" value={schoolClass.id} />
            <label htmlFor="bring">{t('consents.slip.bring')}</label>
            <input id="bring" name="bring" defaultValue={bring} maxLength={MAX_BRING} />
            <button type="submit" className="button button-secondary">
              {t('consents.slip.applyBring')}
            </button>
          </Form>
          <div className="slips">
            {pupils.map((pupil) => (
              <ConsentSlip
                key={pupil.id}
                schoolName={schoolName}
                activity={activity}
                bring={bring}
                pupil={pupil}
                className={className}
                timeZone={timeZone}
              />
            ))}
          </div>
        </>
      ) : (
        <p className="muted">{t('consents.slip.empty')}</p>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consents.slip.metaTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
