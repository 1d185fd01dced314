import { type FieldMetadata, getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useClassName } from '~/components/award-certificate'
import { CheckboxGroup, FormErrors, SelectField, TextareaField, TextField } from '~/components/ui/field'
import { AWARD_SCOPES, levelLabel } from '~/domain/award-levels'
import {
  type AwardContext,
  type ClassValues,
  classSchema,
  heldAwardsOf,
  type TeamValues,
  teamSchema,
} from '~/domain/awards'
import { formatDay } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { OpenAwards } from './route'

type Text = FieldMetadata<string | undefined>
export type SharedMetas = {
  title: Text
  scope: Text
  presenterName: Text
  presenterTitle: Text
  awardedOn: Text
}

/** The rules the server applies, run in the browser too from what the page was given. */
export function useAwardContext(data: OpenAwards): AwardContext {
  return useMemo(
    () => ({
      levels: data.levels,
      participantIds: new Set(data.participants.map((p) => p.studentId)),
      classIds: new Set(data.classes.map((c) => c.id)),
      year: data.activity.year,
      held: heldAwardsOf(
        data.awards.flatMap((award) =>
          award.recipients.map((r) => ({ studentId: r.studentId, awardId: award.id, title: award.title })),
        ),
      ),
    }),
    [data],
  )
}

/** Title, scope, date and presenter: what every award of a contest usually shares. */
export function SharedFields({ fields, data }: { fields: SharedMetas; data: OpenAwards }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { year } = data.activity
  return (
    <div className="awards-shared">
      <TextField meta={fields.title} label={t('awards.fields.title')} hint={t('awards.fields.titleHint')} />
      <SelectField meta={fields.scope} label={t('awards.fields.scope')}>
        {AWARD_SCOPES.map((scope) => (
          <option key={scope} value={scope}>
            {t(`awards.scopes.${scope}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        meta={fields.awardedOn}
        type="date"
        label={t('awards.fields.awardedOn')}
        hint={t('awards.fields.awardedOnHint', {
          from: formatDay(year.startsOn, locale),
          to: formatDay(year.endsOn, locale),
        })}
      />
      <TextField
        meta={fields.presenterTitle}
        label={t('awards.fields.presenterTitle')}
        hint={t('awards.fields.presenterTitleHint')}
      />
      <TextField meta={fields.presenterName} label={t('awards.fields.presenterName')} />
    </div>
  )
}

export function LevelOptions({ levels, none }: { levels: readonly string[]; none: string }) {
  const { t } = useTranslation()
  return (
    <>
      <option value="">{none}</option>
      {levels.map((level) => (
        <option key={level} value={level}>
          {levelLabel(level, t)}
        </option>
      ))}
    </>
  )
}
/** One award for a team of participants. */
export function TeamAwardForm({ data }: { data: OpenAwards }) {
  const { t } = useTranslation()
  const context = useAwardContext(data)
  const className = useClassName(data.kind)
  const [form, fields] = useForm<TeamValues>({
    id: 'team',
    lastResult: useFormReply('team'),
    defaultValue: data.defaults,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: teamSchema(context) }),
  })
  if (data.participants.length < 2) return null
  return (
    <section className="card" aria-labelledby="team-heading">
      <h2 id="team-heading">{t('awards.team.title')}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="team" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.teamName} label={t('awards.team.name')} />
        <CheckboxGroup
          meta={fields.studentIds}
          legend={t('awards.team.members')}
          hint={t('awards.team.membersHint')}
          options={data.participants.map((p) => ({
            value: String(p.studentId),
            label: `${p.name}（${className(p)}）`,
          }))}
        />
        <SelectField meta={fields.level} label={t('awards.fields.level')}>
          <LevelOptions levels={data.levels} none={t('awards.fields.chooseLevel')} />
        </SelectField>
        <SharedFields fields={fields} data={data} />
        <TextareaField meta={fields.citation} label={t('awards.fields.citation')} rows={2} />
        <div>
          <button type="submit" className="button">
            {t('awards.team.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}

/** One award for a whole class. */
export function ClassAwardForm({ data }: { data: OpenAwards }) {
  const { t } = useTranslation()
  const context = useAwardContext(data)
  const className = useClassName(data.kind)
  const [form, fields] = useForm<ClassValues>({
    id: 'class',
    lastResult: useFormReply('class'),
    defaultValue: data.defaults,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: classSchema(context) }),
  })
  if (data.classes.length === 0) return null
  return (
    <section className="card" aria-labelledby="class-heading">
      <h2 id="class-heading">{t('awards.classAward.title')}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="class" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField meta={fields.classId} label={t('awards.classAward.class')}>
          <option value="">{t('awards.classAward.chooseClass')}</option>
          {data.classes.map((c) => (
            <option key={c.id} value={c.id}>
              {className(c)}
            </option>
          ))}
        </SelectField>
        <SelectField meta={fields.level} label={t('awards.fields.level')}>
          <LevelOptions levels={data.levels} none={t('awards.fields.chooseLevel')} />
        </SelectField>
        <SharedFields fields={fields} data={data} />
        <TextareaField meta={fields.citation} label={t('awards.fields.citation')} rows={2} />
        <div>
          <button type="submit" className="button">
            {t('awards.classAward.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}

/** The contest's own levels, one per line; empty restores the standard five. */
export function LevelsForm({ data, current }: { data: OpenAwards; current: string }) {
  const { t } = useTranslation()
  const [form, fields] = useForm<{ levels: string }>({
    id: 'levels',
    lastResult: useFormReply('levels'),
    defaultValue: { levels: current },
  })
  return (
    <section className="card" aria-labelledby="levels-heading">
      <h2 id="levels-heading">{t('awards.levelsEditor.title')}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="levels" />
        <p className="muted">
          {data.customLevels ? t('awards.levelsEditor.custom') : t('awards.levelsEditor.standard')}
        </p>
        <TextareaField
          meta={fields.levels}
          label={t('awards.levelsEditor.label')}
          hint={t('awards.levelsEditor.hint')}
          rows={5}
        />
        <div>
          <button type="submit" className="button button-secondary">
            {t('awards.levelsEditor.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
