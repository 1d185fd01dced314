import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PrivacyNotice } from '~/components/privacy-notice'
import { getCurrentNotice, listSchoolsForNotice } from '~/models/privacy-notices.server'
import { getSessionUser, requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { noticeForReader } from '~/utils/privacy-page.server'

/**
 * /privacy: the signed-in reader's school's notice (a guardian may read it before acknowledging);
 * a visitor, whose school is unknown, picks one of the schools' public notices.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getSessionUser(request))) {
    return { notice: null, schools: await listSchoolsForNotice(db) }
  }
  const user = await requireUser(request, { permission: 'account:self', allowPrivacyPending: true })
  const notice = await getCurrentNotice(db, { schoolId: user.schoolId })
  const locale = resolveLocale(request)
  return { notice: noticeForReader(notice, { locale, timeZone: user.school.timeZone }), schools: [] }
}

export default function PrivacyNoticePage() {
  const { t } = useTranslation()
  const { notice, schools } = useLoaderData<typeof loader>()
  return (
    <section className="narrow privacy-page">
      <PageHeader title={t('privacy.notice.title')} />
      {notice ? (
        <PrivacyNotice notice={notice} />
      ) : schools.length ? (
        <>
          <p>{t('privacy.notice.chooseSchool')}</p>
          <ul>
            {schools.map((school) => (
              <li key={school.slug}>
                <Link to={`/s/${encodeURIComponent(school.slug)}/privacy`}>{school.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('privacy.notice.noSchools')}</p>
      )}
    </section>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'privacy.notice.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
