import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { GradeClasses } from '~/components/grade-classes'
import { PageHeader } from '~/components/page-header'
import { listClasses, listGrades } from '~/models/school.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'

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
  const { kind, grades } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={t('school.classList.title')} lead={t('school.classList.lead')} />
      {grades.length === 0 ? <p>{t('school.classList.noGrades')}</p> : null}
      {grades.map((grade) => (
        <GradeClasses key={grade.id} kind={kind} grade={grade} classes={grade.classes} Heading="h2" />
      ))}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.classList.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
