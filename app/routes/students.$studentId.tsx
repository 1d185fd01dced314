import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PupilRecordView } from '~/components/pupil-record'
import { PupilViews } from '~/components/pupil-views'
import { can } from '~/domain/permissions'
import { READ_ACTIONS } from '~/domain/read-audit'
import { parseId } from '~/domain/schemas'
import { listReadsOfPupil } from '~/models/audit.server'
import { getPupilRecord } from '~/models/pupil-record.server'
import { requireUser } from '~/utils/auth.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { auditRead } from '~/utils/read-audit.server'
import { notFound } from '~/utils/responses'

const VIEWS_SHOWN = 20

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'students:read' })
  const { schoolId, school } = user
  const studentId = parseId(params.studentId)
  const record = studentId
    ? await getPupilRecord(db, {
        schoolId,
        studentId,
        audience: 'staff',
        timeZone: school.timeZone,
        today: todayIn(school.timeZone),
      })
    : undefined
  if (!record) notFound()
  await auditRead(user, context, {
    action: READ_ACTIONS.pupilRecord,
    entity: 'student',
    entityId: record.pupil.id,
    pupilIds: [record.pupil.id],
  })
  // Who looked at this pupil is for admins only (the audit log is theirs).
  const views = can(user.role, 'audit:read')
    ? await listReadsOfPupil(db, { schoolId, studentId: record.pupil.id, limit: VIEWS_SHOWN })
    : null
  return { record, views, timeZone: school.timeZone, canEditRoster: can(user.role, 'roster:manage') }
}

export default function StudentRecordPage() {
  const { t } = useTranslation()
  const { record, views, timeZone, canEditRoster } = useLoaderData<typeof loader>()
  return (
    <PupilRecordView
      record={record}
      audience="staff"
      timeZone={timeZone}
      back={<Link to="/students">{t('records.page.backToSearch')}</Link>}
      actions={
        canEditRoster ? (
          <Link to={`/school/roster/${record.pupil.id}`} className="button button-secondary">
            {t('records.page.editInRoster')}
          </Link>
        ) : null
      }
    >
      {views ? <PupilViews studentId={record.pupil.id} views={views} timeZone={timeZone} /> : null}
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
