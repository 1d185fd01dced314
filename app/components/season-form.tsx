import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, SelectField, TextField } from '~/components/ui/field'
import { SeasonSchema } from '~/domain/season-schemas'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'

type Option = { id: number; name: string }

export type SeasonFormValues = Partial<
  Record<'academicYearId' | 'ownerId' | 'title' | 'slogan' | 'description' | 'startsOn' | 'endsOn', string>
>

/** Creating and editing a season share one form. */
export function SeasonForm({
  years,
  staff,
  defaultValue,
  submitLabel,
  cancelTo,
}: {
  years: Option[]
  staff: Option[]
  defaultValue: SeasonFormValues
  submitLabel: string
  cancelTo: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'season',
    lastResult: useFormReply('season'),
    defaultValue,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SeasonSchema }),
  })
  const description = fields.description
  return (
    <Form method="post" className="card stack" {...getFormProps(form)}>
      <div className="form-grid">
        <SelectField meta={fields.academicYearId} label={t('seasons.fields.academicYear')}>
          {years.map((year) => (
            <option key={year.id} value={year.id}>
              {year.name}
            </option>
          ))}
        </SelectField>
        <SelectField meta={fields.ownerId} label={t('seasons.fields.owner')}>
          {staff.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField meta={fields.title} label={t('seasons.fields.title')} hint={t('seasons.fields.titleHint')} />
      <TextField meta={fields.slogan} label={t('seasons.fields.slogan')} />
      <div className="form-grid">
        <TextField meta={fields.startsOn} label={t('seasons.fields.startsOn')} type="date" />
        <TextField meta={fields.endsOn} label={t('seasons.fields.endsOn')} type="date" />
      </div>
      <div className="field">
        <label htmlFor={description.id}>{t('seasons.fields.description')}</label>
        <textarea
          {...getTextareaProps(description, { ariaAttributes: false })}
          key={description.key}
          rows={4}
          aria-invalid={description.errors ? true : undefined}
          aria-describedby={description.errors ? description.errorId : undefined}
        />
        <FieldErrors id={description.errorId} errors={description.errors} />
      </div>
      <div className="link-row">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelTo}>{t('seasons.cancel')}</Link>
      </div>
    </Form>
  )
}
