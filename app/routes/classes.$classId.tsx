import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { classLabel, gradeLabel } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import { can } from '~/domain/permissions'
import { parseId } from '~/domain/schemas'
import { getClass, listStudentsOfClass } from '~/models/school.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'classes:read' })
  const { schoolId } = user
  const id = parseId(params.classId)
  const schoolClass = id ? await getClass(db, { schoolId, id }) : undefined
  if (!schoolClass) notFound()
  const pupils = await listStudentsOfClass(db, { schoolId, classId: schoolClass.id })
  return {
    kind: user.school.kind,
    schoolClass,
    pupils,
    canEdit: can(user.role, 'school:manage'),
  }
}

export default function ClassPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { kind, schoolClass, pupils, canEdit } = useLoaderData<typeof loader>()
  const grade = gradeLabel(locale, kind, { level: schoolClass.gradeLevel, name: schoolClass.gradeName })
  return (
    <>
      <p>
        <Link to="/classes">{t('school.classList.back')}</Link>
      </p>
      <PageHeader
        title={classLabel(locale, kind, schoolClass)}
        lead={`${grade} · ${
          schoolClass.headTeacherName
            ? t('school.classPage.headTeacher', { name: schoolClass.headTeacherName })
            : t('school.classes.noHeadTeacher')
        }`}
        actions={
          canEdit ? (
            <Link to={`/school?editClass=${schoolClass.id}#edit-class`} className="button button-secondary">
              {t('school.classPage.edit')}
            </Link>
          ) : null
        }
      />
      <section aria-labelledby="pupils-title">
        <h2 id="pupils-title">{t('school.classPage.pupils', { count: pupils.length })}</h2>
        {pupils.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('school.classPage.studentNumber')}</th>
                  <th scope="col">{t('school.classPage.name')}</th>
                </tr>
              </thead>
              <tbody>
                {pupils.map((pupil) => (
                  <tr key={pupil.id}>
                    <td>{pupil.studentNumber}</td>
                    <td>
                      <Link to={`/students/${pupil.id}`}>{pupil.name}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('school.classPage.noPupils')}</p>
        )}
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const locale =
    (matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined)?.locale ?? 'zh'
  const name = data ? classLabel(locale, data.kind, data.schoolClass) : ''
  return pageTitle(matches, 'school.classPage.title', { name })
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
