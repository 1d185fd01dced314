import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { describedBy, FieldErrors, SelectField, TextField } from '~/components/ui/field'
import type { HolidayKey } from '~/domain/holidays'
import type { DayRange } from '~/domain/school-calendar'
import { YearStartSchema } from '~/domain/year-start'
import { formatDayRange } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

/** Blank rows for what no rule can propose: exam weeks, make-up working days (调休), school events. */
const EXTRA_ROWS = 3
const EXTRA_KINDS = ['workday', 'exam', 'holiday', 'other'] as const

export type Proposal = {
  name: string
  startsOn: string
  endsOn: string
  terms: DayRange[]
  holidays: (DayRange & { key: HolidayKey })[]
}

/** Step 1: the proposed year, its two terms and days off, every value editable, as one form. */
export function YearForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [form, fields] = useForm<output<typeof YearStartSchema>>({
    id: 'year-start',
    lastResult: useFormReply('year-start'),
    shouldValidate: 'onBlur',
    defaultValue: {
      name: proposal.name,
      startsOn: proposal.startsOn,
      endsOn: proposal.endsOn,
      terms: proposal.terms.map((term, index) => ({
        name: t(index === 0 ? 'school.yearStart.year.firstTerm' : 'school.yearStart.year.secondTerm'),
        ...term,
      })),
      daysOff: [
        ...proposal.holidays.map((h) => ({
          proposed: '1',
          keep: 'on',
          name: t(`school.yearStart.holidays.${h.key}`),
          kind: 'holiday',
          startsOn: h.startsOn,
          endsOn: h.endsOn,
        })),
        ...Array.from({ length: EXTRA_ROWS }, () => ({ kind: 'workday' })),
      ],
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: YearStartSchema }),
  })
  const terms = fields.terms.getFieldList()
  const rows = fields.daysOff.getFieldList()
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="create-year" />
      <FieldErrors id={form.errorId} errors={form.errors} />
      <div className="inline-form">
        <TextField meta={fields.name} label={t('school.calendar.yearName')} />
        <TextField meta={fields.startsOn} label={t('school.calendar.startsOn')} type="date" />
        <TextField meta={fields.endsOn} label={t('school.calendar.endsOn')} type="date" />
      </div>
      {terms.map((term, index) => {
        const row = term.getFieldset()
        const legend = t('school.yearStart.year.termLegend', { number: index + 1 })
        return (
          <fieldset key={term.key} className="inline-form">
            <legend>{legend}</legend>
            <TextField meta={row.name} label={t('school.calendar.termName')} />
            <TextField meta={row.startsOn} label={t('school.calendar.startsOn')} type="date" />
            <TextField meta={row.endsOn} label={t('school.calendar.endsOn')} type="date" />
          </fieldset>
        )
      })}
      <h3>{t('school.yearStart.year.daysOffTitle')}</h3>
      <p className="muted">{t('school.yearStart.year.daysOffLead')}</p>
      {rows.map((item, index) => {
        const row = item.getFieldset()
        const holiday = proposal.holidays[index]
        const legend = holiday
          ? `${t(`school.yearStart.holidays.${holiday.key}`)} · ${formatDayRange(holiday.startsOn, holiday.endsOn, locale)}`
          : t('school.yearStart.year.extraLegend', { number: index - proposal.holidays.length + 1 })
        return (
          <fieldset key={item.key} className="inline-form">
            <legend>{legend}</legend>
            {holiday ? (
              <>
                <input type="hidden" name={row.proposed.name} value="1" />
                <input type="hidden" name={row.kind.name} value="holiday" />
                <div className="field">
                  <label className="check" htmlFor={row.keep.id}>
                    <input
                      {...getInputProps(row.keep, { type: 'checkbox', ariaAttributes: false })}
                      key={row.keep.key}
                      aria-describedby={describedBy(row.keep.errors && row.keep.errorId)}
                    />
                    {t('school.yearStart.year.keep')}
                  </label>
                </div>
              </>
            ) : (
              <SelectField meta={row.kind} label={t('school.calendar.dayOffKind')}>
                {EXTRA_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`school.calendar.kinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
            )}
            <TextField meta={row.name} label={t('school.calendar.dayOffName')} />
            <TextField meta={row.startsOn} label={t('school.calendar.startsOn')} type="date" />
            <TextField meta={row.endsOn} label={t('school.calendar.endsOn')} type="date" />
          </fieldset>
        )
      })}
      <div>
        <button type="submit" className="button">
          {t('school.yearStart.year.submit', { name: proposal.name })}
        </button>
      </div>
    </Form>
  )
}
