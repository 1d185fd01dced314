import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PrivacyNotice } from '~/components/privacy-notice'
import { findSchoolBySlug } from '~/models/calendar.server'
import { getCurrentNotice } from '~/models/privacy-notices.server'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { noticeForReader } from '~/utils/privacy-page.server'
import { notFound } from '~/utils/responses'

/** /s/:slug/privacy: a school's current privacy notice, for anyone, signed in or not. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const school = params.slug ? await findSchoolBySlug(db, params.slug) : undefined
  if (!school) notFound()
  const notice = await getCurrentNotice(db, { schoolId: school.id })
  const locale = resolveLocale(request)
  return {
    school: { name: school.name, slug: school.slug },
    notice: noticeForReader(notice, { locale, timeZone: school.timeZone }),
  }
}

export default function PublicPrivacyNoticePage() {
  const { t } = useTranslation()
  const { school, notice } = useLoaderData<typeof loader>()
  return (
    <section className="narrow privacy-page">
      <PageHeader title={t('privacy.notice.schoolTitle', { school: school.name })} />
      <PrivacyNotice notice={notice} />
      <p className="privacy-back">
        <Link to={`/s/${encodeURIComponent(school.slug)}`}>{school.name}</Link>
      </p>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'privacy.notice.schoolTitle', { school: data?.school.name ?? '' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
