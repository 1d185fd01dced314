import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { SelectField, TextField } from '~/components/ui/field'
import { CopySeasonSchema } from '~/domain/season-schemas'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import type { SeasonPageData as Data } from './route'

export function SubmitPanel({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { status } = data.season
  const warnings = data.conflicts.reduce((sum, c) => sum + c.conflicts.length, 0)
  if (status === 'submitted') {
    return (
      <div className="alert alert-info">
        <p>{t('seasons.submit.waiting')}</p>
        {data.isAdmin ? (
          <p>
            <Link to={`/seasons/${data.season.id}/review`} className="button">
              {t('seasons.decisions.review')}
            </Link>
          </p>
        ) : null}
      </div>
    )
  }
  if (!data.decisions.includes('submit')) return null
  return (
    <section className="card stack" aria-labelledby="submit-title">
      <h2 id="submit-title">{t('seasons.submit.title')}</h2>
      {data.lastReturnComment ? (
        <div className="alert alert-error">
          <p>{t('seasons.submit.returned')}</p>
          <blockquote className="review-comment">{data.lastReturnComment}</blockquote>
        </div>
      ) : null}
      <p className="muted">{t('seasons.submit.lead')}</p>
      {warnings ? (
        <p className="badge badge-warning">{t('seasons.submit.warnings', { count: warnings })}</p>
      ) : null}
      {data.activities.length === 0 ? (
        <p className="muted">{t('seasons.submit.empty')}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <button type="submit" className="button">
            {t('seasons.submit.button')}
          </button>
        </Form>
      )}
    </section>
  )
}

export function AdminDecisions({ data }: { data: Data }) {
  const { t } = useTranslation()
  const direct = data.decisions.filter((d) => d === 'publish' || d === 'close' || d === 'reopen')
  if (!data.isAdmin || direct.length === 0) return null
  return (
    <div className="link-row">
      {direct.map((decision) => (
        <Form method="post" key={decision}>
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="decision" value={decision} />
          <input type="hidden" name="from" value={data.season.status} />
          <button type="submit" className={decision === 'publish' ? 'button' : 'button button-secondary'}>
            {t(`seasons.decisions.${decision}`)}
          </button>
        </Form>
      ))}
    </div>
  )
}

export function CopyForm({ data }: { data: Data }) {
  const { t } = useTranslation()
  const others = data.years.filter((y) => y.id !== data.season.academicYearId)
  const [form, fields] = useForm<output<typeof CopySeasonSchema>>({
    id: 'copy',
    lastResult: useFormReply('copy'),
    defaultValue: {
      academicYearId: String(others.at(-1)?.id ?? ''),
      title: others.at(-1)?.copyTitle ?? data.season.title,
    },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CopySeasonSchema }),
  })
  if (others.length === 0) return null
  return (
    <details className="card" open={Boolean(fields.title.errors || fields.academicYearId.errors)}>
      <summary className="toggle">{t('seasons.copy.title')}</summary>
      <p className="muted">{t('seasons.copy.lead')}</p>
      <Form method="post" className="inline-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="copy" />
        <SelectField meta={fields.academicYearId} label={t('seasons.copy.targetYear')}>
          {others.map((year) => (
            <option key={year.id} value={year.id}>
              {year.name}
            </option>
          ))}
        </SelectField>
        <TextField meta={fields.title} label={t('seasons.copy.newTitle')} />
        <button type="submit" className="button button-secondary">
          {t('seasons.copy.button')}
        </button>
      </Form>
    </details>
  )
}
