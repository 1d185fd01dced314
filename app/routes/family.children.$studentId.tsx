import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PupilRecordView } from '~/components/pupil-record'
import { StaffViewCount } from '~/components/pupil-views'
import { FAMILY_COUNTED_READS } from '~/domain/read-audit'
import { parseId } from '~/domain/schemas'
import { startOfLocalDay } from '~/domain/school-time'
import { countReadsOfPupil } from '~/models/audit.server'
import { isGuardianOf } from '~/models/family.server'
import { getPupilRecord } from '~/models/pupil-record.server'
import { findTermOn } from '~/models/school.server'
import { requireUser } from '~/utils/auth.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'family:read' })
  const { schoolId, school } = user
  const studentId = parseId(params.studentId)
  // Another family's child answers exactly as a pupil who does not exist.
  const own = studentId ? await isGuardianOf(db, { schoolId, guardianId: user.id, studentId }) : false
  if (!studentId || !own) notFound()
  const record = await getPupilRecord(db, {
    schoolId,
    studentId,
    audience: 'family',
    timeZone: school.timeZone,
    today: todayIn(school.timeZone),
  })
  if (!record) notFound()
  const today = todayIn(school.timeZone)
  const term = await findTermOn(db, { schoolId, day: today })
  const staffViews = term
    ? await countReadsOfPupil(db, {
        schoolId,
        studentId,
        actions: FAMILY_COUNTED_READS,
        from: startOfLocalDay(term.startsOn, school.timeZone),
      })
    : null
  return { record, staffViews, timeZone: school.timeZone }
}

export default function ChildRecordPage() {
  const { t } = useTranslation()
  const { record, staffViews, timeZone } = useLoaderData<typeof loader>()
  return (
    <PupilRecordView
      record={record}
      audience="family"
      timeZone={timeZone}
      back={
        <>
          <Link to="/family">{t('records.page.backHome')}</Link>
          {' · '}
          <Link to={`/family/children/${record.pupil.id}/data`}>{t('familyData.link')}</Link>
        </>
      }
    >
      {staffViews === null ? null : <StaffViewCount count={staffViews} />}
    </PupilRecordView>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'records.page.title', { name: data.record.pupil.name })
    : pageTitle(matches, 'records.page.fallbackTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
