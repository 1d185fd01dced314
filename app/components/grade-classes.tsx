import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { useLocale } from '~/utils/use-locale'

type ClassRow = {
  id: number
  number: number
  name: string
  gradeLevel: number
  headTeacherName: string | null
  studentCount: number | string | null
}

/**
 * One grade's classes with head teacher and pupil count; `editHref` adds an edit link per class
 * (the admin's structure page).
 */
export function GradeClasses({
  kind,
  grade,
  classes,
  Heading,
  editHref,
}: {
  kind: SchoolKind
  grade: { id: number; level: number; name: string }
  classes: ClassRow[]
  Heading: 'h2' | 'h3'
  editHref?: (classId: number) => string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="section" aria-labelledby={`grade-${grade.id}-title`}>
      <Heading id={`grade-${grade.id}-title`}>
        {gradeLabel(locale, kind, grade)}{' '}
        <span className="muted">{t('school.classes.count', { count: classes.length })}</span>
      </Heading>
      {classes.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('school.classes.class')}</th>
                <th scope="col">{t('school.classes.headTeacher')}</th>
                <th scope="col">{t('school.classes.pupils')}</th>
                {editHref ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {classes.map((c) => {
                const label = classLabel(locale, kind, c)
                return (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/classes/${c.id}`}>{label}</Link>
                    </td>
                    <td>
                      {c.headTeacherName ?? (
                        <span className="muted">{t('school.classes.noHeadTeacher')}</span>
                      )}
                    </td>
                    <td>{Number(c.studentCount ?? 0)}</td>
                    {editHref ? (
                      <td className="cell-actions">
                        <Link to={editHref(c.id)}>
                          {t('common.edit')}
                          <span className="visually-hidden"> {label}</span>
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('school.classes.noneInGrade')}</p>
      )}
    </section>
  )
}
