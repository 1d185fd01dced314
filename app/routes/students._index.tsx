import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PupilSearchForm, pupilSearchFrom } from '~/components/pupil-search-form'
import { TableScroll } from '~/components/ui/table-scroll'
import { classLabel } from '~/domain/grades'
import { searchPupils } from '~/models/pupils.server'
import { requireUser } from '~/utils/auth.server'
import { formatDay } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

const RESULT_LIMIT = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'students:read' })
  const search = pupilSearchFrom(new URL(request.url))
  const found = search
    ? await searchPupils(db, { schoolId: user.schoolId, search, limit: RESULT_LIMIT })
    : { pupils: [], more: false }
  return { search, ...found, kind: user.school.kind }
}

export default function StudentsPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { search, pupils, more, kind } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={t('records.search.title')} lead={t('records.search.lead')} />
      <PupilSearchForm
        id="pupil-search"
        label={t('records.search.label')}
        region={t('records.search.title')}
        submit={t('records.search.submit')}
        search={search}
      />
      {!search ? (
        <p className="muted">{t('records.search.prompt')}</p>
      ) : pupils.length === 0 ? (
        <p>{t('records.search.none', { query: search })}</p>
      ) : (
        <section aria-labelledby="pupil-results-title">
          <h2 id="pupil-results-title">{t('records.search.results', { count: pupils.length })}</h2>
          {more ? <p className="muted">{t('records.search.more', { count: pupils.length })}</p> : null}
          <TableScroll label={t('records.search.results', { count: pupils.length })}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('records.search.name')}</th>
                  <th scope="col">{t('records.search.class')}</th>
                  <th scope="col">{t('records.search.studentNumber')}</th>
                  <th scope="col">{t('records.search.state')}</th>
                </tr>
              </thead>
              <tbody>
                {pupils.map((pupil) => (
                  <tr key={pupil.id}>
                    <td>
                      <Link to={`/students/${pupil.id}`}>{pupil.name}</Link>
                    </td>
                    <td>
                      {classLabel(locale, kind, {
                        gradeLevel: pupil.gradeLevel,
                        number: pupil.classNumber,
                        name: pupil.className,
                      })}
                    </td>
                    <td>{pupil.studentNumber}</td>
                    <td>
                      {pupil.anonymisedAt
                        ? t('retention.badge')
                        : pupil.graduatedOn
                          ? t('records.page.graduated', { date: formatDay(pupil.graduatedOn, locale) })
                          : pupil.active
                            ? t('records.search.current')
                            : t('records.page.inactive')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'records.search.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
