import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PupilSearchForm, pupilSearchFrom } from '~/components/pupil-search-form'
import { TableScroll } from '~/components/ui/table-scroll'
import { classLabel } from '~/domain/grades'
import { parseId } from '~/domain/schemas'
import { listRecentAudit } from '~/models/audit.server'
import { getPupil, searchPupils } from '~/models/pupils.server'
import { requireUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

const PAGE_SIZE = 50
const SEARCH_LIMIT = 20

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'audit:read' })
  const { schoolId } = user
  const url = new URL(request.url)
  const params = url.searchParams
  const beforeId = parseId(params.get('before')) ?? undefined
  const search = pupilSearchFrom(url)
  // ?pupil= narrows the log to one pupil of this school: changes to their record and reads of it.
  let pupil: Awaited<ReturnType<typeof getPupil>>
  if (params.has('pupil')) {
    const studentId = parseId(params.get('pupil'))
    pupil = studentId ? await getPupil(db, { schoolId, id: studentId }) : undefined
    if (!pupil) notFound()
  }
  const matches =
    search && !pupil ? (await searchPupils(db, { schoolId, search, limit: SEARCH_LIMIT })).pupils : null
  // One row more than shown tells whether an older page exists.
  const rows = await listRecentAudit(db, {
    schoolId,
    limit: PAGE_SIZE + 1,
    beforeId,
    studentId: pupil?.id,
  })
  const entries = rows.slice(0, PAGE_SIZE)
  const olderThan = rows.length > PAGE_SIZE ? entries.at(-1)?.id : undefined
  return {
    entries,
    olderThan,
    paged: !!beforeId,
    pupil: pupil ?? null,
    search,
    matches,
    kind: user.school.kind,
    timeZone: user.school.timeZone,
  }
}

export default function AuditLogPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { entries, olderThan, paged, pupil, search, matches, kind, timeZone } = useLoaderData<typeof loader>()
  const pupilQuery = pupil ? `pupil=${pupil.id}&` : ''
  return (
    <>
      <PageHeader title={t('auditLog.title')} lead={t('auditLog.lead')} />
      <PupilSearchForm
        id="audit-pupil-search"
        label={t('auditLog.pupilSearch')}
        region={t('auditLog.pupilSearch')}
        submit={t('auditLog.pupilSearchSubmit')}
        search={search}
      />
      {matches ? (
        matches.length ? (
          <section aria-labelledby="audit-pupil-matches">
            <h2 id="audit-pupil-matches">{t('auditLog.pupilMatches')}</h2>
            <ul>
              {matches.map((match) => (
                <li key={match.id}>
                  <Link to={`/school/audit?pupil=${match.id}`}>
                    {t('auditLog.pupilLabel', {
                      name: match.name,
                      number: match.studentNumber,
                      class: classLabel(locale, kind, {
                        gradeLevel: match.gradeLevel,
                        number: match.classNumber,
                        name: match.className,
                      }),
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p>{t('auditLog.pupilNone', { query: search })}</p>
        )
      ) : null}
      {pupil ? (
        <p className="link-row">
          <strong>
            {t('auditLog.aboutPupil', {
              name: pupil.name,
              number: pupil.studentNumber,
            })}
          </strong>
          <Link to={`/students/${pupil.id}`}>{t('auditLog.pupilRecord')}</Link>
          <Link to="/school/audit">{t('auditLog.allEntries')}</Link>
        </p>
      ) : null}
      {entries.length ? (
        <TableScroll label={t('auditLog.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('auditLog.when')}</th>
                <th scope="col">{t('auditLog.who')}</th>
                <th scope="col">{t('auditLog.what')}</th>
                <th scope="col">{t('auditLog.record')}</th>
                <th scope="col">{t('auditLog.from')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatInstant(entry.createdAt, locale, timeZone)}</td>
                  <td>{entry.userName ?? t('auditLog.system')}</td>
                  <td>{t(`audit.${entry.action}`, { defaultValue: entry.action })}</td>
                  <td className="muted">{`${entry.entity}${entry.entityId ? ` #${entry.entityId}` : ''}`}</td>
                  <td className="muted">{entry.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t('auditLog.empty')}</p>
      )}
      <p className="link-row">
        {paged ? <Link to={`/school/audit?${pupilQuery}`}>{t('auditLog.newest')}</Link> : null}
        {olderThan ? (
          <Link to={`/school/audit?${pupilQuery}before=${olderThan}`}>{t('auditLog.older')}</Link>
        ) : null}
      </p>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auditLog.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
