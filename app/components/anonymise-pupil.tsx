import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { FormErrors, TextField } from '~/components/ui/field'
import { mayAnonymiseNow, RETENTION } from '~/domain/retention'
import { AnonymiseSchema } from '~/domain/roster-schemas'
import { formatDay } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

export const ANONYMISE_FORM = 'anonymise'

type AnonymisablePupil = {
  id: number
  active: 0 | 1
  graduatedOn: string | null
  leftOn: string | null
  anonymisedAt: string | null
}

/** A badge beside an anonymised pupil's label, in lists and headers. */
export function AnonymisedBadge({ anonymisedAt }: { anonymisedAt: string | null }) {
  const { t } = useTranslation()
  if (!anonymisedAt) return null
  return (
    <>
      {' '}
      <span className="badge badge-muted">{t('retention.badge')}</span>
    </>
  )
}

/**
 * The roster page's "anonymise now": a reason first, then a confirmation the action answers with
 * (`confirming`), so it works without JavaScript. A pupil still in school is told why it is not offered.
 */
export function AnonymisePupil({ pupil, confirming }: { pupil: AnonymisablePupil; confirming?: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (pupil.anonymisedAt) {
    return (
      <section className="card section" aria-labelledby="anonymised-title">
        <h2 id="anonymised-title">
          {t('retention.anonymisedOn', { date: formatDay(pupil.anonymisedAt.slice(0, 10), locale) })}
        </h2>
        <p>{t('retention.anonymisedNote')}</p>
      </section>
    )
  }
  return (
    <section className="card section" aria-labelledby="anonymise-title">
      <h2 id="anonymise-title">{t('retention.title')}</h2>
      {mayAnonymiseNow(pupil) ? (
        confirming === undefined ? (
          <ReasonForm />
        ) : (
          <Confirmation pupilId={pupil.id} reason={confirming} />
        )
      ) : (
        <NotOffered />
      )}
    </section>
  )
}

function NotOffered() {
  const { t } = useTranslation()
  // A post that reached the server anyway (an old page, a pupil re-admitted since) says why it was refused.
  const refused = useFormReply(ANONYMISE_FORM)?.error?.['']
  return (
    <>
      <FormErrors errors={refused ?? undefined} />
      <p className="muted">{t('retention.notOffered', { years: RETENTION.departedPupilYears })}</p>
    </>
  )
}

function ReasonForm() {
  const { t } = useTranslation()
  const [form, fields] = useForm<output<typeof AnonymiseSchema>>({
    id: ANONYMISE_FORM,
    lastResult: useFormReply(ANONYMISE_FORM),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnonymiseSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <p>{t('retention.lead')}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="anonymise" />
      <TextField meta={fields.reason} label={t('retention.reason')} hint={t('retention.reasonHint')} />
      <div>
        <button type="submit" className="button button-danger">
          {t('retention.submit')}
        </button>
      </div>
    </Form>
  )
}

function Confirmation({ pupilId, reason }: { pupilId: number; reason: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="stack" aria-labelledby="anonymise-confirm-title">
      <div className="alert alert-warning" role="alert">
        <h3 id="anonymise-confirm-title">{t('retention.confirmTitle')}</h3>
        <p>{t('retention.confirmLead', { reason })}</p>
      </div>
      <input type="hidden" name="intent" value="anonymise" />
      <input type="hidden" name="reason" value={reason} />
      <input type="hidden" name="confirmed" value="yes" />
      <div className="page-actions">
        <button type="submit" className="button button-danger">
          {t('retention.confirm')}
        </button>
        <Link to={`/school/roster/${pupilId}`} className="button button-secondary">
          {t('retention.cancel')}
        </Link>
      </div>
    </Form>
  )
}
