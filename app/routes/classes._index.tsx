import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { classLabel, gradeLabel } from '~/domain/grades'
import { listClasses, listGrades } from '~/models/school.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'classes:read' })
  const { schoolId } = user
  const [grades, classes] = await Promise.all([listGrades(db, { schoolId }), listClasses(db, { schoolId })])
  return {
    kind: user.school.kind,
    grades: grades.map((grade) => ({
      ...grade,
      classes: classes
        .filter((c) => c.gradeId === grade.id)
        .map((c) => ({
          id: c.id,
          number: c.number,
          name: c.name,
          gradeLevel: c.gradeLevel,
          headTeacherName: c.headTeacherName,
          studentCount: Number(c.studentCount ?? 0),
        })),
    })),
  }
}

export default function ClassesPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { kind, grades } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={t('school.classList.title')} lead={t('school.classList.lead')} />
      {grades.length === 0 ? <p>{t('school.classList.noGrades')}</p> : null}
      {grades.map((grade) => (
        <section key={grade.id} className="section" aria-labelledby={`grade-${grade.id}-title`}>
          <h2 id={`grade-${grade.id}-title`}>
            {gradeLabel(locale, kind, grade)}{' '}
            <span className="muted">{t('school.classes.count', { count: grade.classes.length })}</span>
          </h2>
          {grade.classes.length ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('school.classes.class')}</th>
                    <th scope="col">{t('school.classes.headTeacher')}</th>
                    <th scope="col">{t('school.classes.pupils')}</th>
                  </tr>
                </thead>
                <tbody>
                  {grade.classes.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/classes/${c.id}`}>{classLabel(locale, kind, c)}</Link>
                      </td>
                      <td>
                        {c.headTeacherName ?? (
                          <span className="muted">{t('school.classes.noHeadTeacher')}</span>
                        )}
                      </td>
                      <td>{c.studentCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t('school.classes.noneInGrade')}</p>
          )}
        </section>
      ))}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.classList.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
