import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SelectField, TextField } from '~/components/ui/field'
import { AcademicYearSchema, DayOffSchema, TermSchema } from '~/domain/schemas'
import { DAY_OFF_KINDS } from '~/domain/school-calendar'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import type { Year } from './route'

/* The calendar page's forms; each answers under its own id, so only it shows a refusal. */

export function AddYearForm() {
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

export function AddTermForm({ year }: { year: Year }) {
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

export function AddDayOffForm({ year }: { year: Year }) {
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

export function DeleteButton({
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
