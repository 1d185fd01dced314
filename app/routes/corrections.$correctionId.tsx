import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { FormErrors, SelectField, TextareaField } from '~/components/ui/field'
import { CORRECTION_OUTCOMES, CORRECTION_TEXT_MAX, CorrectionAnswerSchema } from '~/domain/family-data'
import { parseId } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import { answerCorrectionRequest, getCorrectionRequest } from '~/models/family-data.server'
import { ANSWERED_BY, markActedOn, notify } from '~/models/notifications.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

/** The request, for the pupil's head teacher or an admin of the school; anyone else finds nothing. */
async function requireRequest(user: SessionUser, idParam: string | undefined) {
  const id = parseId(idParam)
  const request = id ? await getCorrectionRequest(db, { schoolId: user.schoolId, id }) : undefined
  if (!request || (user.role !== 'admin' && request.headTeacherId !== user.id)) notFound()
  return request
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'corrections:answer' })
  const correction = await requireRequest(user, params.correctionId)
  return { correction, timeZone: user.school.timeZone }
}

const ANSWER_FORM = 'answer'

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'corrections:answer' })
  const { schoolId } = user
  const correction = await requireRequest(user, params.correctionId)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: CorrectionAnswerSchema })
  if (submission.status !== 'success') return invalidForm(ANSWER_FORM, submission.reply())
  const { outcome, answer } = submission.value
  const to = `/corrections/${correction.id}`
  const answered = await db.transaction().execute(async (trx) => {
    if (
      !(await answerCorrectionRequest(trx, { schoolId, id: correction.id, outcome, answer, by: user.id }))
    ) {
      return false
    }
    await markActedOn(trx, {
      schoolId,
      userId: user.id,
      entity: 'correction',
      entityIds: [correction.id],
      kinds: ANSWERED_BY.decision.correction,
    })
    if (correction.guardianId !== null) {
      await notify(trx, {
        schoolId,
        userIds: [correction.guardianId],
        kind: outcome === 'corrected' ? 'correction-corrected' : 'correction-not_changed',
        entity: 'correction',
        entityId: correction.id,
        params: {
          studentId: correction.studentId,
          child: correction.studentName,
          section: correction.section,
          answer,
        },
      })
    }
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'correction-answered',
      entity: 'student',
      entityId: correction.studentId,
      detail: { correctionId: correction.id, section: correction.section, outcome },
    })
    return true
  })
  return redirectWithFlash(user, to, answered ? 'familyData.answer.flash' : 'familyData.answer.already')
}

function AnswerForm() {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: ANSWER_FORM,
    lastResult: useFormReply(ANSWER_FORM),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectionAnswerSchema }),
  })
  return (
    <Form method="post" className="card stack" aria-labelledby="answer-title" {...getFormProps(form)}>
      <h2 id="answer-title">{t('familyData.answer.formTitle')}</h2>
      <p className="muted small">{t('familyData.answer.formHint')}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField meta={fields.outcome} label={t('familyData.answer.outcome')}>
        {CORRECTION_OUTCOMES.map((outcome) => (
          <option key={outcome} value={outcome}>
            {t(`familyData.correction.outcomes.${outcome}`)}
          </option>
        ))}
      </SelectField>
      <TextareaField
        meta={fields.answer}
        label={t('familyData.answer.text')}
        hint={t('familyData.correction.messageHint', { max: CORRECTION_TEXT_MAX })}
        rows={4}
      />
      <div>
        <button type="submit" className="button">
          {t('familyData.answer.submit')}
        </button>
      </div>
    </Form>
  )
}

export default function CorrectionPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { correction, timeZone } = useLoaderData<typeof loader>()
  const section = t(`familyData.sections.${correction.section}`, { defaultValue: correction.section })
  return (
    <>
      <PageHeader
        title={t('familyData.answer.title', { name: correction.studentName })}
        lead={t('familyData.answer.lead', {
          guardian: correction.guardianName ?? t('familyData.answer.unknownGuardian'),
          relation: correction.relation
            ? t(`relations.${correction.relation}`, { defaultValue: correction.relation })
            : '—',
          when: formatInstant(correction.createdAt, locale, timeZone),
          name: correction.studentName,
          section,
        })}
      />
      <section className="card stack" aria-labelledby="request-title">
        <h2 id="request-title">{t('familyData.answer.request')}</h2>
        <blockquote className="notice-quote">{correction.message}</blockquote>
        <p>
          <Link to={`/students/${correction.studentId}`}>
            {t('familyData.answer.record', { name: correction.studentName })}
          </Link>
        </p>
      </section>
      {correction.status === 'open' ? (
        <AnswerForm />
      ) : (
        <section className="card stack" aria-labelledby="answered-title">
          <h2 id="answered-title">
            {t('familyData.answer.answered')}:{' '}
            {correction.outcome ? t(`familyData.correction.outcomes.${correction.outcome}`) : ''}
          </h2>
          <p className="small">
            {t('familyData.correction.answeredBy', {
              who: correction.answeredBy ?? t('familyData.correction.school'),
              when: correction.answeredAt ? formatInstant(correction.answeredAt, locale, timeZone) : '',
            })}
          </p>
          <blockquote className="notice-quote notice-answer">{correction.answer}</blockquote>
        </section>
      )}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? pageTitle(matches, 'familyData.answer.title', { name: data.correction.studentName })
    : pageTitle(matches, 'familyData.answer.fallbackTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
