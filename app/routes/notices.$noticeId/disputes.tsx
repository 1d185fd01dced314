import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { FormErrors, SelectField, TextareaField, TextField } from '~/components/ui/field'
import { HOURS_STEP, MAX_HOURS_PER_DAY, PARTICIPATION_ROLES } from '~/domain/participation'
import { formatInstant } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { ResolveSchema, resolveFormId } from './forms'
import type { LoaderData } from './route'

/* A dispute raised during the notice period, and the form that decides it. */

type Dispute = LoaderData['disputes'][number]

function ResolveForm({ dispute, closed }: { dispute: Dispute; closed: boolean }) {
  const { t } = useTranslation()
  const id = resolveFormId(dispute.id)
  // Typed by the parsed values: zod's coerce leaves the input type unknown.
  const [form, fields] = useForm<output<typeof ResolveSchema>>({
    id,
    lastResult: useFormReply(id),
    defaultValue: { hours: dispute.entry.hours ?? undefined, role: dispute.entry.role },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResolveSchema }),
  })
  return (
    <Form method="post" className="stack subform" aria-labelledby={`${id}-title`} {...getFormProps(form)}>
      <h4 id={`${id}-title`}>{t('notices.disputes.formTitle')}</h4>
      <FormErrors id={form.errorId} errors={form.errors} />
      {closed ? <p className="muted small">{t('notices.disputes.afterClose')}</p> : null}
      <input type="hidden" name="disputeId" value={dispute.id} />
      <input type="hidden" name="revision" value={dispute.entry.revision} />
      <div className="form-grid">
        <TextField
          meta={fields.hours}
          label={t('notices.disputes.hours')}
          hint={t('notices.disputes.hoursHint')}
          type="number"
          min={0}
          max={MAX_HOURS_PER_DAY}
          step={HOURS_STEP}
          inputMode="decimal"
        />
        <SelectField meta={fields.role} label={t('notices.disputes.role')}>
          {PARTICIPATION_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`participation.roles.${role}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextareaField
        meta={fields.resolution}
        label={t('notices.disputes.resolution')}
        hint={t('notices.disputes.resolutionHint')}
        rows={2}
      />
      <p className="muted small">{t('notices.disputes.decideHint')}</p>
      <div className="link-row">
        <button type="submit" name="intent" value="uphold" className="button">
          {t('notices.disputes.uphold')}
          <span className="visually-hidden"> {dispute.entry.studentName}</span>
        </button>
        <button type="submit" name="intent" value="reject" className="button button-secondary">
          {t('notices.disputes.reject')}
          <span className="visually-hidden"> {dispute.entry.studentName}</span>
        </button>
      </div>
    </Form>
  )
}

export function DisputeItem({
  dispute,
  closed,
  timeZone,
}: {
  dispute: Dispute
  closed: boolean
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { entry } = dispute
  return (
    <li id={`dispute-${dispute.id}`} className="card stack notice-dispute">
      <div className="notice-dispute-head">
        <h3>{t('notices.disputes.about', { child: entry.studentName, activity: entry.activityTitle })}</h3>
        <span className={`badge dispute-${dispute.status}`}>
          {t(`notices.disputes.statuses.${dispute.status}`)}
        </span>
      </div>
      <p className="muted small">
        {t('notices.disputes.raisedBy', {
          guardian: dispute.guardianName ?? t('notices.disputes.someGuardian'),
          when: formatInstant(dispute.createdAt, locale, timeZone),
        })}
      </p>
      <blockquote className="notice-quote">{dispute.reason}</blockquote>
      <p className="small">
        {t('notices.disputes.current', {
          hours: entry.credited ?? t('notices.entries.noHours'),
          role: t(`participation.roles.${entry.role}`),
        })}
      </p>
      {dispute.status === 'open' ? (
        <ResolveForm dispute={dispute} closed={closed} />
      ) : (
        <div>
          <p className="muted small">
            {t('notices.disputes.resolvedBy', {
              who: dispute.resolverName ?? t('notices.detail.unknown'),
              when: dispute.resolvedAt ? formatInstant(dispute.resolvedAt, locale, timeZone) : '',
            })}
          </p>
          <blockquote className="notice-quote notice-answer">{dispute.resolution}</blockquote>
        </div>
      )}
    </li>
  )
}
