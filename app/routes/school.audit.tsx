import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { parseId } from '~/domain/schemas'
import { listRecentAudit } from '~/models/audit.server'
import { requireUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

const PAGE_SIZE = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'audit:read' })
  const beforeId = parseId(new URL(request.url).searchParams.get('before')) ?? undefined
  // One row more than shown tells whether an older page exists.
  const rows = await listRecentAudit(db, { schoolId: user.schoolId, limit: PAGE_SIZE + 1, beforeId })
  const entries = rows.slice(0, PAGE_SIZE)
  const olderThan = rows.length > PAGE_SIZE ? entries.at(-1)?.id : undefined
  return { entries, olderThan, paged: !!beforeId, timeZone: user.school.timeZone }
}

export default function AuditLogPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { entries, olderThan, paged, timeZone } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={t('auditLog.title')} lead={t('auditLog.lead')} />
      {entries.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('auditLog.when')}</th>
                <th scope="col">{t('auditLog.who')}</th>
                <th scope="col">{t('auditLog.what')}</th>
                <th scope="col">{t('auditLog.record')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatInstant(entry.createdAt, locale, timeZone)}</td>
                  <td>{entry.userName ?? t('auditLog.system')}</td>
                  <td>{t(`audit.${entry.action}`, { defaultValue: entry.action })}</td>
                  <td className="muted">
                    {entry.entity}
                    {entry.entityId ? ` #${entry.entityId}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('auditLog.empty')}</p>
      )}
      <p className="link-row">
        {paged ? <Link to="/school/audit">{t('auditLog.newest')}</Link> : null}
        {olderThan ? <Link to={`/school/audit?before=${olderThan}`}>{t('auditLog.older')}</Link> : null}
      </p>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auditLog.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
