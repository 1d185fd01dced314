import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Fact } from '~/components/fact'
import { Contact } from '~/components/phone-link'
import { describedBy, FieldErrors, FormErrors, TextareaField } from '~/components/ui/field'
import {
  ConsentAnswerSchema,
  isPastDue,
  MAX_CONSENT_NOTE,
  PHOTO_CONSENTS,
  PhotoConsentSchema,
} from '~/domain/consent'
import { classLabel } from '~/domain/grades'
import { formatDay, formatInstant, formatInstantRange } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { answerFormId, type Child, type ConsentRequest, type LoaderData, photoFormId } from './route'

/** Everything a guardian needs to decide, in the order they would ask it. */
function RequestFacts({
  request,
  today,
  timeZone,
}: {
  request: ConsentRequest
  today: string
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const notGiven = t('consents.request.notGiven')
  return (
    <dl className="consent-facts">
      <Fact label={t('consents.request.when')}>
        {formatInstantRange(request.startsAt, request.endsAt, locale, timeZone)}
      </Fact>
      <Fact label={t('consents.request.where')}>{request.venue || t('activities.view.noVenue')}</Fact>
      <Fact label={t('consents.request.transport')}>{request.transport || notGiven}</Fact>
      <Fact label={t('consents.request.contact')}>
        <Contact name={request.organiserName} phone={request.contactPhone} fallback={notGiven} />
      </Fact>
      {request.consentDueOn ? (
        <Fact label={t('consents.request.dueOn')}>
          {formatDay(request.consentDueOn, locale)}
          {isPastDue(request.consentDueOn, today) ? (
            <span className="muted small"> {t('consents.request.pastDue')}</span>
          ) : null}
        </Fact>
      ) : null}
    </dl>
  )
}

function ActivityTitle({ request, level }: { request: ConsentRequest; level: 'h3' | 'h4' }) {
  const Heading = level
  return (
    <Heading className="consent-title">
      {request.linkable ? (
        <Link to={`/activities/${request.activityId}`}>{request.title}</Link>
      ) : (
        request.title
      )}
    </Heading>
  )
}

function AnswerForm({ request, child }: { request: ConsentRequest; child: string }) {
  const { t } = useTranslation()
  const formId = answerFormId(request.id)
  const [form, fields] = useForm({
    id: formId,
    lastResult: useFormReply(formId),
    defaultValue: { note: request.note },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConsentAnswerSchema }),
  })
  const who = t('consents.family.buttonContext', { child, title: request.title })
  return (
    <Form method="post" className="stack consent-answer" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="consentId" value={request.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField
        meta={fields.note}
        label={t('consents.family.note')}
        hint={t('consents.family.noteHint', { max: MAX_CONSENT_NOTE })}
        rows={2}
      />
      <FieldErrors id={fields.answer.errorId} errors={fields.answer.errors} />
      <div className="consent-buttons">
        <button type="submit" name="answer" value="given" className="button">
          {t('consents.family.give')}
          <span className="visually-hidden"> {who}</span>
        </button>
        <button type="submit" name="answer" value="refused" className="button button-secondary">
          {t('consents.family.refuse')}
          <span className="visually-hidden"> {who}</span>
        </button>
      </div>
    </Form>
  )
}

function AnsweredBy({ request, timeZone }: { request: ConsentRequest; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (!request.answeredAt) return null
  return (
    <p className="muted small">
      {t('consents.family.answeredBy', {
        name: request.answeredBy ?? t('consents.family.school'),
        when: formatInstant(request.answeredAt, locale, timeZone, 'dateTime'),
      })}
    </p>
  )
}

function AnswerBadge({ status }: { status: ConsentRequest['status'] }) {
  const { t } = useTranslation()
  const tone =
    status === 'given' ? 'badge' : status === 'refused' ? 'badge badge-warning' : 'badge badge-muted'
  return <span className={tone}>{t(`consents.statuses.${status}`)}</span>
}

function PendingRequest({
  request,
  child,
  data,
}: {
  request: ConsentRequest
  child: string
  data: LoaderData
}) {
  return (
    <li className="consent-request consent-request-pending">
      <ActivityTitle request={request} level="h4" />
      <RequestFacts request={request} today={data.today} timeZone={data.timeZone} />
      <AnswerForm request={request} child={child} />
    </li>
  )
}

function AnsweredRequest({
  request,
  child,
  data,
}: {
  request: ConsentRequest
  child: string
  data: LoaderData
}) {
  const { t } = useTranslation()
  // A change refused on the server (the activity began meanwhile) opens the form to show why.
  const reply = useFormReply(answerFormId(request.id))
  return (
    <li className="consent-request">
      <div className="consent-request-head">
        <ActivityTitle request={request} level="h4" />
        <AnswerBadge status={request.status} />
      </div>
      <AnsweredBy request={request} timeZone={data.timeZone} />
      {request.note ? (
        <p className="consent-note">{t('consents.family.yourNote', { note: request.note })}</p>
      ) : null}
      <RequestFacts request={request} today={data.today} timeZone={data.timeZone} />
      <details className="consent-change" open={reply ? true : undefined}>
        <summary>
          {t('consents.family.change')}
          <span className="visually-hidden">
            {' '}
            {t('consents.family.buttonContext', { child, title: request.title })}
          </span>
        </summary>
        <p className="muted small">{t('consents.family.changeHint')}</p>
        <AnswerForm request={request} child={child} />
      </details>
    </li>
  )
}

function PastRequest({ request, data }: { request: ConsentRequest; data: LoaderData }) {
  const locale = useLocale()
  const reply = useFormReply(answerFormId(request.id))
  return (
    <li className="consent-past">
      <span>
        {request.title}{' '}
        <span className="muted small">{formatInstant(request.startsAt, locale, data.timeZone, 'day')}</span>
      </span>
      <AnswerBadge status={request.status} />
      {reply?.error?.[''] ? <FormErrors errors={reply.error['']} /> : null}
    </li>
  )
}

export function PhotoForm({ child, timeZone }: { child: Child; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const formId = photoFormId(child.id)
  const [form, fields] = useForm({
    id: formId,
    lastResult: useFormReply(formId),
    defaultValue: { photoConsent: child.photoConsent },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PhotoConsentSchema }),
  })
  const meta = fields.photoConsent
  const current = String(meta.initialValue ?? 'none')
  const stateId = `${formId}-state`
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="photo" />
      <input type="hidden" name="studentId" value={child.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset
        className="choice-group stack consent-photo"
        aria-describedby={describedBy(stateId, meta.errors && meta.errorId)}
      >
        <legend>{t('consents.photoForm.legend', { name: child.name })}</legend>
        <p id={stateId} className="field-hint">
          {child.photoConsentAt
            ? t('consents.photoForm.setBy', {
                name: child.photoConsentBy ?? t('consents.family.school'),
                when: formatInstant(child.photoConsentAt, locale, timeZone, 'dateTime'),
              })
            : t('consents.photoForm.notSet')}
        </p>
        {PHOTO_CONSENTS.map((option) => {
          const id = `${formId}-${option}`
          return (
            <div key={option} className="consent-option">
              <input
                type="radio"
                id={id}
                name={meta.name}
                value={option}
                defaultChecked={current === option}
                key={`${meta.key ?? ''}-${option}`}
                aria-describedby={`${id}-help`}
              />
              <div>
                <label htmlFor={id}>{t(`consents.photo.${option}`)}</label>
                <p id={`${id}-help`} className="field-hint">
                  {t(`consents.photoForm.help.${option}`)}
                </p>
              </div>
            </div>
          )
        })}
        <FieldErrors id={meta.errorId} errors={meta.errors} />
      </fieldset>
      <div>
        <button type="submit" className="button button-secondary">
          {t('consents.photoForm.save')}
          <span className="visually-hidden"> {child.name}</span>
        </button>
      </div>
    </Form>
  )
}

export function ChildSection({ child, data }: { child: Child; data: LoaderData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const titleId = `child-${child.id}-title`
  const className = classLabel(locale, data.kind, {
    gradeLevel: child.gradeLevel,
    number: child.classNumber,
    name: child.className,
  })
  return (
    <section id={`child-${child.id}`} className="card stack consent-child" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('consents.family.child', { name: child.name, class: className })}</h2>
      <div className="stack">
        <h3>{t('consents.family.pending', { count: child.pending.length })}</h3>
        {child.pending.length ? (
          <ul className="plain-list consent-requests">
            {child.pending.map((request) => (
              <PendingRequest key={request.id} request={request} child={child.name} data={data} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t('consents.family.nonePending')}</p>
        )}
      </div>
      {child.answered.length ? (
        <div className="stack">
          <h3>{t('consents.family.answered')}</h3>
          <ul className="plain-list consent-requests">
            {child.answered.map((request) => (
              <AnsweredRequest key={request.id} request={request} child={child.name} data={data} />
            ))}
          </ul>
        </div>
      ) : null}
      {child.past.length ? (
        <div className="stack">
          <h3>{t('consents.family.past')}</h3>
          <ul className="plain-list consent-past-list">
            {child.past.map((request) => (
              <PastRequest key={request.id} request={request} data={data} />
            ))}
          </ul>
        </div>
      ) : null}
      <div className="stack">
        <h3>{t('consents.photoForm.title')}</h3>
        <PhotoForm child={child} timeZone={data.timeZone} />
      </div>
    </section>
  )
}
