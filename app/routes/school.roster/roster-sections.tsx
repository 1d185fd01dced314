import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { FormErrors, SelectField, TextField } from '~/components/ui/field'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { PupilSchema } from '~/domain/roster-schemas'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { ClassRef } from './import.server'
import type { loader } from './route'

/** A school has thousands of pupils: a search shows at most this many. */
export const LIST_LIMIT = 100
export const SEARCH_MAX = 40

export function useClassName() {
  const locale = useLocale()
  const { kind } = useLoaderData<typeof loader>()
  return (c: ClassRef | null) => (c ? classLabel(locale, kind as SchoolKind, c) : '—')
}

export function byGrade<
  T extends { gradeLevel: number; gradeName: string; pupils: number; withGuardian: number },
>(classes: T[]) {
  const grades = new Map<
    number,
    { level: number; name: string; classes: T[]; pupils: number; withGuardian: number }
  >()
  for (const c of classes) {
    const grade = grades.get(c.gradeLevel) ?? {
      level: c.gradeLevel,
      name: c.gradeName,
      classes: [],
      pupils: 0,
      withGuardian: 0,
    }
    grade.classes.push(c)
    grade.pupils += c.pupils
    grade.withGuardian += c.withGuardian
    grades.set(c.gradeLevel, grade)
  }
  return [...grades.values()]
}

export function Overview() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { overview, kind } = useLoaderData<typeof loader>()
  const className = useClassName()
  const grades = byGrade(overview)
  const total = overview.reduce((sum, c) => sum + c.pupils, 0)
  const withGuardian = overview.reduce((sum, c) => sum + c.withGuardian, 0)
  return (
    <section className="section roster-print-hide" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('roster.overview.title', { count: total })}</h2>
      {overview.length === 0 ? (
        <p className="muted">{t('roster.overview.noClasses')}</p>
      ) : (
        <>
          <p className="muted">{t('roster.overview.lead', { withGuardian, total })}</p>
          <div className="table-wrap">
            <table className="data-table roster-overview">
              <thead>
                <tr>
                  <th scope="col">{t('roster.overview.grade')}</th>
                  <th scope="col">{t('roster.overview.classes')}</th>
                  <th scope="col">{t('roster.overview.pupils')}</th>
                  <th scope="col">{t('roster.overview.withGuardian')}</th>
                </tr>
              </thead>
              <tbody>
                {grades.map((grade) => (
                  <tr key={grade.level}>
                    <th scope="row">{gradeLabel(locale, kind as SchoolKind, grade)}</th>
                    <td>
                      <ul className="roster-class-links">
                        {grade.classes.map((c) => (
                          <li key={c.id}>
                            <Link to={`/school/roster?class=${c.id}#pupils-title`}>{className(c)}</Link>{' '}
                            <span className="muted">
                              {t('roster.overview.classCount', { count: c.pupils })}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{grade.pupils}</td>
                    <td className={grade.withGuardian < grade.pupils ? 'roster-gap' : undefined}>
                      {grade.withGuardian}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

export function PupilSearch() {
  const { t } = useTranslation()
  const { classes, pupils, more, searching, search, classId } = useLoaderData<typeof loader>()
  const className = useClassName()
  return (
    <section className="section roster-print-hide" aria-labelledby="pupils-title">
      <h2 id="pupils-title">{t('roster.search.title')}</h2>
      <Form
        method="get"
        className="inline-form filter-form"
        role="search"
        aria-label={t('roster.search.title')}
        key={`${search}|${classId ?? ''}`}
      >
        <div className="field">
          <label htmlFor="roster-search-q">{t('roster.search.query')}</label>
          <input id="roster-search-q" name="q" type="search" defaultValue={search} maxLength={SEARCH_MAX} />
        </div>
        <div className="field">
          <label htmlFor="roster-search-class">{t('roster.columns.className')}</label>
          <select id="roster-search-class" name="class" defaultValue={classId ?? ''}>
            <option value="">{t('roster.search.allClasses')}</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {className(c)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t('roster.search.submit')}
        </button>
        {searching ? <Link to="/school/roster">{t('roster.search.clear')}</Link> : null}
      </Form>
      {!searching ? (
        <p className="muted">{t('roster.search.hint')}</p>
      ) : pupils.length === 0 ? (
        <p>{t('roster.search.noMatch')}</p>
      ) : (
        <>
          {more ? <p className="muted">{t('roster.search.showingFirst', { count: LIST_LIMIT })}</p> : null}
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('roster.columns.studentNumber')}</th>
                  <th scope="col">{t('roster.columns.name')}</th>
                  <th scope="col">{t('roster.columns.className')}</th>
                  <th scope="col">{t('roster.search.status')}</th>
                </tr>
              </thead>
              <tbody>
                {pupils.map((p) => (
                  <tr key={p.id}>
                    <td>{p.studentNumber}</td>
                    <th scope="row">
                      <Link to={`/school/roster/${p.id}`}>{p.name}</Link>
                    </th>
                    <td>
                      {className({ name: p.className, gradeLevel: p.gradeLevel, number: p.classNumber })}
                    </td>
                    <td>
                      {p.anonymisedAt ? (
                        <span className="badge badge-muted">{t('retention.badge')}</span>
                      ) : p.active ? (
                        <span className="badge">{t('roster.status.active')}</span>
                      ) : (
                        <span className="badge badge-muted">
                          {p.graduatedOn ? t('roster.status.graduated') : t('roster.status.inactive')}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

export function AddPupilForm() {
  const { t } = useTranslation()
  const { classes } = useLoaderData<typeof loader>()
  const className = useClassName()
  const [form, fields] = useForm<output<typeof PupilSchema>>({
    id: 'add-pupil',
    lastResult: useFormReply('add-pupil'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PupilSchema }),
  })
  return (
    <section className="card section roster-print-hide" aria-labelledby="add-pupil-title">
      <h2 id="add-pupil-title">{t('roster.pupil.addTitle')}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-pupil" />
        <FormErrors errors={form.errors} />
        <div className="form-grid">
          <TextField
            meta={fields.studentNumber}
            label={t('roster.columns.studentNumber')}
            autoComplete="off"
          />
          <TextField meta={fields.name} label={t('roster.columns.name')} autoComplete="off" />
          <SelectField meta={fields.classId} label={t('roster.columns.className')}>
            <option value="">{t('roster.pupil.chooseClass')}</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {className(c)}
              </option>
            ))}
          </SelectField>
        </div>
        <div>
          <button type="submit" className="button">
            {t('roster.pupil.add')}
          </button>
        </div>
      </Form>
    </section>
  )
}
