import { type FieldMetadata, getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  CheckboxField,
  CheckboxGroup,
  describedBy,
  FieldErrors,
  FormErrors,
  listErrors,
  listValues,
  SelectField,
  TextareaField,
  TextField,
} from '~/components/ui/field'
import { ACTIVITY_KINDS, ActivitySchema } from '~/domain/activity-schemas'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { PRACTICE_CATEGORIES } from '~/domain/social-practice'
import { formatDay } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

export const ACTIVITY_FORM_ID = 'activity'

export type ActivityFormChoices = {
  strands: { id: number; title: string }[]
  grades: { id: number; level: number; name: string }[]
  classes: { id: number; gradeId: number; gradeLevel: number; number: number; name: string }[]
  staff: { id: number; label: string }[]
  partners: { id: number; name: string }[]
}

export type ObservanceChoices = {
  inSeason: { key: string; date: string }[]
  other: string[]
  /** The observance on the activity's day, offered as a hint */
  suggested: string | null
}

type ListField = 'staffIds' | 'guestIds' | 'partnerIds' | 'gradeIds' | 'classIds'
type TextFieldName =
  | 'title'
  | 'strandId'
  | 'kind'
  | 'lesson'
  | 'startsAt'
  | 'endsAt'
  | 'venue'
  | 'consent'
  | 'organiserId'
  | 'capacity'
  | 'description'
  | 'practiceCategory'
  | 'practiceHours'
  | 'observance'
  | 'transport'
  | 'contactPhone'
  | 'consentDueOn'

/** Form values as text, the way the browser sends them. */
export type ActivityFormValues = Partial<Record<TextFieldName, string> & Record<ListField, string[]>> & {
  offCampus?: boolean
}

/** Grades, each with its classes: ticking a grade means the whole grade. */
function TargetsField({
  grades,
  classes,
  kind,
  gradeMeta,
  classMeta,
}: {
  grades: ActivityFormChoices['grades']
  classes: ActivityFormChoices['classes']
  kind: SchoolKind
  gradeMeta: FieldMetadata<unknown>
  classMeta: FieldMetadata<unknown>
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const chosenGrades = new Set(listValues(gradeMeta.initialValue))
  const chosenClasses = new Set(listValues(classMeta.initialValue))
  const gradeErrors = listErrors(gradeMeta)
  const classErrors = listErrors(classMeta)
  const hintId = `${gradeMeta.id}-hint`
  return (
    <fieldset
      className="choice-group stack"
      aria-describedby={describedBy(
        hintId,
        gradeErrors && gradeMeta.errorId,
        classErrors && classMeta.errorId,
      )}
    >
      <legend>{t('activities.form.targets')}</legend>
      <p id={hintId} className="field-hint">
        {t('activities.form.targetsHint')}
      </p>
      {grades.map((grade) => {
        const label = gradeLabel(locale, kind, grade)
        return (
          <div key={grade.id} className="choices">
            <label className="check">
              <input
                type="checkbox"
                name={gradeMeta.name}
                value={grade.id}
                defaultChecked={chosenGrades.has(String(grade.id))}
                key={`${gradeMeta.key ?? ''}-${grade.id}`}
              />
              <strong>{t('activities.form.wholeGrade', { grade: label })}</strong>
            </label>
            {classes
              .filter((c) => c.gradeId === grade.id)
              .map((c) => (
                <label key={c.id} className="check">
                  <input
                    type="checkbox"
                    name={classMeta.name}
                    value={c.id}
                    defaultChecked={chosenClasses.has(String(c.id))}
                    key={`${classMeta.key ?? ''}-${c.id}`}
                  />
                  {classLabel(locale, kind, c)}
                </label>
              ))}
          </div>
        )
      })}
      <FieldErrors id={gradeMeta.errorId} errors={gradeErrors} />
      <FieldErrors id={classMeta.errorId} errors={classErrors} />
    </fieldset>
  )
}

/** Creating and editing an activity share one form; it posts without JavaScript. */
export function ActivityForm({
  choices,
  observances,
  defaultValue,
  kind,
  timeZone,
  submitLabel,
  cancelTo,
}: {
  choices: ActivityFormChoices
  observances: ObservanceChoices
  defaultValue: ActivityFormValues
  kind: SchoolKind
  timeZone: string
  submitLabel: string
  cancelTo: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [form, fields] = useForm({
    id: ACTIVITY_FORM_ID,
    lastResult: useFormReply(ACTIVITY_FORM_ID) as SubmissionResult<string[]> | undefined,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivitySchema }),
  })
  const partnerOptions = choices.partners.map((p) => ({ value: String(p.id), label: p.name }))
  const observanceName = (key: string) => t(`observances.${key}`)
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors} />

      <section className="card stack" aria-labelledby="activity-basics">
        <h2 id="activity-basics">{t('activities.form.basics')}</h2>
        <TextField meta={fields.title} label={t('activities.form.title')} />
        <div className="form-grid">
          <SelectField meta={fields.kind} label={t('activities.form.kind')}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`activities.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField meta={fields.strandId} label={t('activities.form.strand')}>
            <option value="">{t('activities.form.noStrand')}</option>
            {choices.strands.map((strand) => (
              <option key={strand.id} value={strand.id}>
                {strand.title}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          meta={fields.lesson}
          label={t('activities.form.lesson')}
          hint={t('activities.form.lessonHint')}
        />
        <TextareaField meta={fields.description} label={t('activities.form.description')} rows={5} />
      </section>

      <section className="card stack" aria-labelledby="activity-when">
        <h2 id="activity-when">{t('activities.form.timeAndPlace')}</h2>
        <p className="field-hint">{t('activities.form.timeHint', { timeZone })}</p>
        <div className="form-grid">
          <TextField meta={fields.startsAt} label={t('activities.form.startsAt')} type="datetime-local" />
          <TextField meta={fields.endsAt} label={t('activities.form.endsAt')} type="datetime-local" />
        </div>
        <TextField
          meta={fields.venue}
          label={t('activities.form.venue')}
          hint={t('activities.form.venueHint')}
        />
        <div className="form-grid">
          <CheckboxField meta={fields.offCampus} label={t('activities.form.offCampus')} />
          <SelectField meta={fields.consent} label={t('activities.form.consent')}>
            <option value="auto">{t('activities.form.consentAuto')}</option>
            <option value="yes">{t('activities.form.consentYes')}</option>
            <option value="no">{t('activities.form.consentNo')}</option>
          </SelectField>
        </div>
        <div className="subform stack">
          <h3 id="activity-consent-details">{t('activities.form.consentDetails')}</h3>
          <p className="field-hint">{t('activities.form.consentDetailsHint')}</p>
          <div className="form-grid">
            <TextField
              meta={fields.transport}
              label={t('activities.form.transport')}
              hint={t('activities.form.transportHint')}
            />
            <TextField
              meta={fields.contactPhone}
              label={t('activities.form.contactPhone')}
              hint={t('activities.form.contactPhoneHint')}
              autoComplete="tel"
            />
            <TextField
              meta={fields.consentDueOn}
              label={t('activities.form.consentDueOn')}
              hint={t('activities.form.consentDueOnHint')}
              type="date"
            />
          </div>
        </div>
      </section>

      <section className="card stack" aria-labelledby="activity-people">
        <h2 id="activity-people">{t('activities.form.people')}</h2>
        <TargetsField
          grades={choices.grades}
          classes={choices.classes}
          kind={kind}
          gradeMeta={fields.gradeIds}
          classMeta={fields.classIds}
        />
        <div className="form-grid">
          <SelectField meta={fields.organiserId} label={t('activities.form.organiser')}>
            {choices.staff.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </SelectField>
          <TextField
            meta={fields.capacity}
            label={t('activities.form.capacity')}
            hint={t('activities.form.capacityHint')}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
          />
        </div>
        <CheckboxGroup
          meta={fields.staffIds}
          legend={t('activities.form.staff')}
          options={choices.staff.map((p) => ({ value: String(p.id), label: p.label }))}
        />
        <CheckboxGroup
          meta={fields.guestIds}
          legend={t('activities.form.guests')}
          hint={t('activities.form.partnersHint')}
          options={partnerOptions}
          empty={t('activities.form.noPartners')}
        />
        <CheckboxGroup
          meta={fields.partnerIds}
          legend={t('activities.form.partners')}
          options={partnerOptions}
          empty={t('activities.form.noPartners')}
        />
      </section>

      <section className="card stack" aria-labelledby="activity-more">
        <h2 id="activity-more">{t('activities.form.more')}</h2>
        <div className="form-grid">
          <SelectField meta={fields.practiceCategory} label={t('activities.form.practiceCategory')}>
            <option value="">{t('activities.form.practiceNone')}</option>
            {PRACTICE_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`activities.practice.${category}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            meta={fields.practiceHours}
            label={t('activities.form.practiceHours')}
            hint={t('activities.form.practiceHoursHint')}
            type="number"
            min={0}
            max={40}
            step={0.5}
            inputMode="decimal"
          />
        </div>
        <div className="stack">
          <SelectField meta={fields.observance} label={t('activities.form.observance')}>
            <option value="">{t('activities.form.observanceNone')}</option>
            {observances.inSeason.length ? (
              <optgroup label={t('activities.form.observancesInSeason')}>
                {observances.inSeason.map((o) => (
                  <option key={`${o.key}-${o.date}`} value={o.key}>
                    {t('activities.form.observanceOnDay', {
                      name: observanceName(o.key),
                      date: formatDay(o.date, locale, 'short'),
                    })}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t('activities.form.observancesOther')}>
              {observances.other.map((key) => (
                <option key={key} value={key}>
                  {observanceName(key)}
                </option>
              ))}
            </optgroup>
          </SelectField>
          <p className="field-hint">
            {observances.suggested
              ? t('activities.form.observanceSuggestion', { name: observanceName(observances.suggested) })
              : t('activities.form.observanceHint')}
          </p>
        </div>
      </section>

      <div className="link-row">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelTo}>{t('activities.cancel')}</Link>
      </div>
    </Form>
  )
}
