import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { SelectField, TextField } from '~/components/ui/field'
import { TableScroll } from '~/components/ui/table-scroll'
import { AcademicYearSchema, DayOffSchema, parseId, TermSchema } from '~/domain/schemas'
import { DAY_OFF_KINDS, dayOffProblem, termProblem, yearProblem } from '~/domain/school-calendar'
import { recordAudit } from '~/models/audit.server'
import {
  deleteDayOff,
  deleteTerm,
  getAcademicYear,
  getDayOff,
  getTerm,
  insertAcademicYear,
  insertDayOff,
  insertTerm,
  isAcademicYearNameTaken,
  listAcademicYears,
  listDaysOff,
  listTerms,
  listTermsOfYear,
} from '~/models/school.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatDayRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const { schoolId } = user
  const [years, terms, daysOff] = await Promise.all([
    listAcademicYears(db, { schoolId }),
    listTerms(db, { schoolId }),
    listDaysOff(db, { schoolId }),
  ])
  return {
    years: years.map((year) => ({
      ...year,
      terms: terms.filter((term) => term.academicYearId === year.id),
      daysOff: daysOff.filter((day) => day.academicYearId === year.id),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'add-year':
      return addYear(user, formData)
    case 'add-term':
      return addTerm(user, formData)
    case 'delete-term':
      return removeTerm(user, formData)
    case 'add-day-off':
      return addDayOff(user, formData)
    case 'delete-day-off':
      return removeDayOff(user, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function addYear(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: AcademicYearSchema })
  if (submission.status !== 'success') return invalidForm('add-year', submission.reply())
  const year = submission.value
  if (await isAcademicYearNameTaken(db, { schoolId, name: year.name })) {
    return invalidForm('add-year', submission.reply({ fieldErrors: { name: ['validation.yearNameTaken'] } }))
  }
  const problem = yearProblem(year, await listAcademicYears(db, { schoolId }))
  if (problem) {
    const field = problem === 'validation.yearTooShort' ? 'endsOn' : 'startsOn'
    return invalidForm('add-year', submission.reply({ fieldErrors: { [field]: [problem] } }))
  }
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertAcademicYear(trx, { schoolId, ...year })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'year-created',
      entity: 'academic_year',
      entityId: id,
      detail: year,
    })
    return id
  })
  return redirectWithFlash(user, `/school/calendar#year-${id}`, 'school.calendar.yearAdded')
}

async function findYear(user: SessionUser, formData: FormData) {
  const id = parseId(formData.get('academicYearId'))
  const year = id ? await getAcademicYear(db, { schoolId: user.schoolId, id }) : undefined
  return year ?? notFound()
}

async function addTerm(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const year = await findYear(user, formData)
  const form = `add-term-${year.id}`
  const submission = parseWithZod(formData, { schema: TermSchema })
  if (submission.status !== 'success') return invalidForm(form, submission.reply())
  const { name, startsOn, endsOn } = submission.value
  const others = await listTermsOfYear(db, { schoolId, academicYearId: year.id })
  const problem = termProblem({ startsOn, endsOn }, year, others)
  if (problem) return invalidForm(form, submission.reply({ fieldErrors: { startsOn: [problem] } }))
  await db.transaction().execute(async (trx) => {
    const id = await insertTerm(trx, { schoolId, academicYearId: year.id, name, startsOn, endsOn })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'term-created',
      entity: 'term',
      entityId: id,
      detail: { academicYearId: year.id, name, startsOn, endsOn },
    })
  })
  return redirectWithFlash(user, `/school/calendar#year-${year.id}`, 'school.calendar.termAdded')
}

async function removeTerm(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const id = parseId(formData.get('termId'))
  const term = id ? await getTerm(db, { schoolId, id }) : undefined
  if (!term) notFound()
  await db.transaction().execute(async (trx) => {
    await deleteTerm(trx, { schoolId, id: term.id })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'term-deleted',
      entity: 'term',
      entityId: term.id,
      detail: { academicYearId: term.academicYearId, name: term.name },
    })
  })
  return redirectWithFlash(
    user,
    `/school/calendar#year-${term.academicYearId}`,
    'school.calendar.termDeleted',
  )
}

async function addDayOff(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const year = await findYear(user, formData)
  const form = `add-day-off-${year.id}`
  const submission = parseWithZod(formData, { schema: DayOffSchema })
  if (submission.status !== 'success') return invalidForm(form, submission.reply())
  const { name, kind, startsOn, endsOn } = submission.value
  const problem = dayOffProblem({ startsOn, endsOn }, year)
  if (problem) return invalidForm(form, submission.reply({ fieldErrors: { startsOn: [problem] } }))
  await db.transaction().execute(async (trx) => {
    const id = await insertDayOff(trx, { schoolId, academicYearId: year.id, name, kind, startsOn, endsOn })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'day-off-created',
      entity: 'day_off',
      entityId: id,
      detail: { academicYearId: year.id, name, kind, startsOn, endsOn },
    })
  })
  return redirectWithFlash(user, `/school/calendar#year-${year.id}`, 'school.calendar.dayOffAdded')
}

async function removeDayOff(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const id = parseId(formData.get('dayOffId'))
  const dayOff = id ? await getDayOff(db, { schoolId, id }) : undefined
  if (!dayOff) notFound()
  await db.transaction().execute(async (trx) => {
    await deleteDayOff(trx, { schoolId, id: dayOff.id })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'day-off-deleted',
      entity: 'day_off',
      entityId: dayOff.id,
      detail: { academicYearId: dayOff.academicYearId, name: dayOff.name },
    })
  })
  return redirectWithFlash(
    user,
    `/school/calendar#year-${dayOff.academicYearId}`,
    'school.calendar.dayOffDeleted',
  )
}

type Year = ReturnType<typeof useLoaderData<typeof loader>>['years'][number]

function AddYearForm() {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'add-year',
    lastResult: useFormReply('add-year'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcademicYearSchema }),
  })
  return (
    <Form method="post" className="inline-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-year" />
      <TextField
        meta={fields.name}
        label={t('school.calendar.yearName')}
        hint={t('school.calendar.yearNameHint')}
      />
      <TextField meta={fields.startsOn} label={t('school.calendar.startsOn')} type="date" />
      <TextField meta={fields.endsOn} label={t('school.calendar.endsOn')} type="date" />
      <button type="submit" className="button">
        {t('school.calendar.addYear')}
      </button>
    </Form>
  )
}

function AddTermForm({ year }: { year: Year }) {
  const { t } = useTranslation()
  const formId = `add-term-${year.id}`
  const [form, fields] = useForm({
    id: formId,
    lastResult: useFormReply(formId),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TermSchema }),
  })
  return (
    <Form method="post" className="inline-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-term" />
      <input type="hidden" name="academicYearId" value={year.id} />
      <TextField meta={fields.name} label={t('school.calendar.termName')} />
      <TextField meta={fields.startsOn} label={t('school.calendar.startsOn')} type="date" />
      <TextField meta={fields.endsOn} label={t('school.calendar.endsOn')} type="date" />
      <button type="submit" className="button button-secondary">
        {t('school.calendar.addTerm')}
        <span className="visually-hidden"> {year.name}</span>
      </button>
    </Form>
  )
}

function AddDayOffForm({ year }: { year: Year }) {
  const { t } = useTranslation()
  const formId = `add-day-off-${year.id}`
  const [form, fields] = useForm({
    id: formId,
    lastResult: useFormReply(formId),
    defaultValue: { kind: 'holiday' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DayOffSchema }),
  })
  return (
    <Form method="post" className="inline-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add-day-off" />
      <input type="hidden" name="academicYearId" value={year.id} />
      <TextField meta={fields.name} label={t('school.calendar.dayOffName')} />
      <SelectField meta={fields.kind} label={t('school.calendar.dayOffKind')}>
        {DAY_OFF_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`school.calendar.kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField meta={fields.startsOn} label={t('school.calendar.startsOn')} type="date" />
      <TextField meta={fields.endsOn} label={t('school.calendar.endsOn')} type="date" />
      <button type="submit" className="button button-secondary">
        {t('school.calendar.addDayOff')}
        <span className="visually-hidden"> {year.name}</span>
      </button>
    </Form>
  )
}

function DeleteButton({
  intent,
  field,
  id,
  label,
}: {
  intent: string
  field: string
  id: number
  label: string
}) {
  const { t } = useTranslation()
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={id} />
      <button type="submit" className="button button-danger button-small">
        {t('common.delete')}
        <span className="visually-hidden"> {label}</span>
      </button>
    </Form>
  )
}

function YearSection({ year }: { year: Year }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section id={`year-${year.id}`} className="card stack" aria-labelledby={`year-${year.id}-title`}>
      <div>
        <h2 id={`year-${year.id}-title`}>{t('school.calendar.yearTitle', { name: year.name })}</h2>
        <p className="muted">{formatDayRange(year.startsOn, year.endsOn, locale)}</p>
      </div>

      <section aria-labelledby={`year-${year.id}-terms`} className="stack">
        <h3 id={`year-${year.id}-terms`}>{t('school.calendar.terms')}</h3>
        {year.terms.length ? (
          <TableScroll label={t('school.calendar.terms')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('school.calendar.termName')}</th>
                  <th scope="col">{t('school.calendar.dates')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {year.terms.map((term) => (
                  <tr key={term.id}>
                    <td>{term.name}</td>
                    <td>{formatDayRange(term.startsOn, term.endsOn, locale)}</td>
                    <td className="cell-actions">
                      <DeleteButton
                        intent="delete-term"
                        field="termId"
                        id={term.id}
                        label={`${year.name} ${term.name}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{t('school.calendar.noTerms')}</p>
        )}
        <div className="subform">
          <h4>{t('school.calendar.addTermTitle')}</h4>
          {/* Keyed by the count so that, once a term is added, the form starts empty again. */}
          <AddTermForm key={year.terms.length} year={year} />
        </div>
      </section>

      <section aria-labelledby={`year-${year.id}-days-off`} className="stack">
        <h3 id={`year-${year.id}-days-off`}>{t('school.calendar.daysOff')}</h3>
        {year.daysOff.length ? (
          <TableScroll label={t('school.calendar.daysOff')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('school.calendar.dayOffName')}</th>
                  <th scope="col">{t('school.calendar.dayOffKind')}</th>
                  <th scope="col">{t('school.calendar.dates')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {year.daysOff.map((day) => (
                  <tr key={day.id}>
                    <td>{day.name}</td>
                    <td>
                      <span className={day.kind === 'holiday' ? 'badge' : 'badge badge-muted'}>
                        {t(`school.calendar.kinds.${day.kind}`)}
                      </span>
                    </td>
                    <td>{formatDayRange(day.startsOn, day.endsOn, locale)}</td>
                    <td className="cell-actions">
                      <DeleteButton
                        intent="delete-day-off"
                        field="dayOffId"
                        id={day.id}
                        label={`${year.name} ${day.name}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{t('school.calendar.noDaysOff')}</p>
        )}
        <div className="subform">
          <h4>{t('school.calendar.addDayOffTitle')}</h4>
          <AddDayOffForm key={year.daysOff.length} year={year} />
        </div>
      </section>
    </section>
  )
}

export default function SchoolCalendarPage() {
  const { t } = useTranslation()
  const { years } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title={t('school.calendar.title')}
        lead={t('school.calendar.lead')}
        actions={
          <>
            <Link to="/school/year-start" className="button">
              {t('school.yearStart.title')}
            </Link>
            <a href="#new-year" className="button button-secondary">
              {t('school.calendar.addYear')}
            </a>
          </>
        }
      />
      <div className="stack section">
        {years.length ? (
          years.map((year) => <YearSection key={year.id} year={year} />)
        ) : (
          <p>{t('school.calendar.noYears')}</p>
        )}
      </div>
      {/* Not "add-year": that is the form's id, and inputs whose form attribute names a section belong to no form. */}
      <section id="new-year" className="card" aria-labelledby="add-year-title">
        <h2 id="add-year-title">{t('school.calendar.addYearTitle')}</h2>
        <AddYearForm key={years.length} />
      </section>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.calendar.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
