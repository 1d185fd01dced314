import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConflictList, type ConflictNames, conflictNames } from '~/components/conflict-list'
import { Fact } from '~/components/fact'
import { PageHeader } from '~/components/page-header'
import { PhoneLink } from '~/components/phone-link'
import { StatusBadge } from '~/components/status-badge'
import { TargetChangeList } from '~/components/target-changes'
import { TextareaField } from '~/components/ui/field'
import { ActivityDecisionSchema } from '~/domain/activity-schemas'
import { isRecordable } from '~/domain/approval'
import type { ProgrammeChange } from '~/domain/programme-diff'
import { formatDay, formatInstant } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { Description, TimeAndPlace, targetLabels } from './activity-facts'
import type { StaffData } from './route'
import { Tasks } from './tasks'

function DecisionForm({ changes, names }: { changes: ProgrammeChange | null; names: ConflictNames }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'decision',
    lastResult: useFormReply('decision'),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivityDecisionSchema }),
  })
  return (
    <section className="card stack" aria-labelledby="decide-title">
      <h2 id="decide-title">{t('activities.review.decideTitle')}</h2>
      <p className="muted">{t('activities.review.decideLead')}</p>
      {changes ? (
        <div className="stack">
          <h3>{t('activities.review.changedTitle')}</h3>
          <p>
            {changes.fields
              .map((field) => t(`seasons.review.fields.${field}`, { defaultValue: field }))
              .join(t('common.listSeparator'))}
          </p>
          {changes.targets ? <TargetChangeList targets={changes.targets} names={names} /> : null}
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextareaField
          meta={fields.comment}
          label={t('activities.review.comment')}
          hint={t('activities.review.commentHint')}
        />
        <div className="link-row">
          <button type="submit" name="intent" value="approve" className="button">
            {t('activities.review.approve')}
          </button>
          <button type="submit" name="intent" value="request-changes" className="button button-secondary">
            {t('activities.review.requestChanges')}
          </button>
        </div>
      </Form>
    </section>
  )
}

function ResubmitForm() {
  const { t } = useTranslation()
  return (
    <section className="card stack" aria-labelledby="resubmit-title">
      <h2 id="resubmit-title">{t('activities.review.resubmitTitle')}</h2>
      <p className="muted">{t('activities.review.resubmitLead')}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="submit" />
        <button type="submit" className="button">
          {t('activities.review.resubmit')}
        </button>
      </Form>
    </section>
  )
}

function ReviewHistory({ reviews, timeZone }: { reviews: StaffData['reviews']; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="card stack" aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t('activities.review.history')}</h2>
      {reviews.length ? (
        <ol className="plain-list history">
          {reviews.map((review) => (
            <li key={review.id}>
              {t('activities.review.entry', {
                when: formatInstant(review.createdAt, locale, timeZone, 'dateTime'),
                who: review.actorName,
                action: t(`activities.review.actions.${review.action}`),
              })}
              {review.comment ? <blockquote className="review-comment">{review.comment}</blockquote> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('activities.review.noHistory')}</p>
      )}
    </section>
  )
}

export function StaffPage({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { activity, season, conflicts, kind, timeZone } = data
  const users: Record<number, string> = { ...data.organisers }
  for (const person of data.staff) users[person.id] = person.displayName
  const names = conflictNames(locale, kind, { grades: data.grades, classes: data.classes, users })
  const guests = activity.partners.filter((p) => p.role === 'guest')
  const partners = activity.partners.filter((p) => p.role === 'partner')
  const none = t('activities.view.none')
  const separator = t('activities.view.separator')
  const partnerLinks = (list: typeof guests) =>
    list.length
      ? list.map((p, index) => (
          <span key={p.id}>
            {index ? separator : ''}
            <Link to={`/partners/${p.id}`}>{p.name}</Link>
          </span>
        ))
      : none
  return (
    <>
      <p>
        <Link to={`/seasons/${season.id}`}>{t('activities.backToSeason', { season: season.title })}</Link>
      </p>
      <PageHeader
        title={activity.title}
        lead={
          <span className="badge-row">
            <StatusBadge status={activity.status} />
            <span className="badge badge-muted">{t(`activities.kinds.${activity.kind}`)}</span>
            {activity.offCampus ? (
              <span className="badge badge-warning">{t('activities.view.offCampus')}</span>
            ) : null}
          </span>
        }
        actions={
          <>
            {isRecordable(activity.status) ? (
              <Link to={`/activities/${activity.id}/participation`} className="button">
                {t('activities.view.participation')}
              </Link>
            ) : null}
            {isRecordable(activity.status) ? (
              <Link to={`/activities/${activity.id}/awards`} className="button button-secondary">
                {t('activities.view.awards')}
              </Link>
            ) : null}
            {activity.needsConsent ? (
              <Link to={`/activities/${activity.id}/consents`} className="button button-secondary">
                {t('activities.view.consents')}
              </Link>
            ) : null}
            {data.canEdit ? (
              <Link to={`/activities/${activity.id}/edit`} className="button button-secondary">
                {t('activities.view.edit')}
              </Link>
            ) : null}
          </>
        }
      />
      <div className="stack">
        {data.canReview ? <DecisionForm changes={data.changes} names={names} /> : null}
        {data.canResubmit ? <ResubmitForm /> : null}
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('activities.view.details')}</h2>
          <dl className="facts">
            <TimeAndPlace activity={activity} timeZone={timeZone} />
            <Fact label={t('activities.view.season')}>
              <Link to={`/seasons/${season.id}`}>{season.title}</Link>
            </Fact>
            <Fact label={t('activities.view.strand')}>
              {activity.strandTitle ? (
                <Link to={`/seasons/${season.id}#strand-${activity.strandId}`}>{activity.strandTitle}</Link>
              ) : (
                none
              )}
            </Fact>
            <Fact label={t('activities.view.lesson')}>{activity.lesson || none}</Fact>
            <Fact label={t('activities.view.targets')}>
              {targetLabels(activity, data.grades, data.classes, kind, locale).join(separator) || none}
            </Fact>
            <Fact label={t('activities.view.organiser')}>
              {activity.organiserName ?? t('activities.view.noOrganiser')}
            </Fact>
            <Fact label={t('activities.view.staff')}>
              {activity.staff.map((s) => s.displayName).join(separator) || none}
            </Fact>
            <Fact label={t('activities.view.guests')}>{partnerLinks(guests)}</Fact>
            <Fact label={t('activities.view.partners')}>{partnerLinks(partners)}</Fact>
            <Fact label={t('activities.view.capacity')}>
              {activity.capacity ?? t('activities.view.noLimit')}
            </Fact>
            <Fact label={t('activities.view.consent')}>
              {activity.needsConsent
                ? t('activities.view.consentNeeded')
                : t('activities.view.consentNotNeeded')}
            </Fact>
            {activity.needsConsent ? (
              <>
                <Fact label={t('activities.form.transport')}>{activity.transport || none}</Fact>
                <Fact label={t('activities.form.contactPhone')}>
                  {activity.contactPhone || activity.organiserPhone ? (
                    <PhoneLink phone={activity.contactPhone || activity.organiserPhone || ''} />
                  ) : (
                    none
                  )}
                </Fact>
                <Fact label={t('activities.form.consentDueOn')}>
                  {activity.consentDueOn ? formatDay(activity.consentDueOn, locale) : none}
                </Fact>
              </>
            ) : null}
            <Fact label={t('activities.view.practice')}>
              {activity.practiceCategory && activity.practiceHours !== null
                ? t('activities.view.practiceValue', {
                    category: t(`activities.practice.${activity.practiceCategory}`),
                    hours: activity.practiceHours,
                  })
                : none}
            </Fact>
            <Fact label={t('activities.view.observance')}>
              {activity.observance ? t(`observances.${activity.observance}`) : none}
            </Fact>
          </dl>
          <Description text={activity.description} />
        </section>
        <section className="card stack" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">{t('activities.conflicts.title')}</h2>
          {conflicts.length ? (
            <>
              <p className="muted">{t('activities.conflicts.count', { count: conflicts.length })}</p>
              <ConflictList conflicts={conflicts} names={names} />
            </>
          ) : (
            <p className="muted">{t('activities.conflicts.none')}</p>
          )}
        </section>
        <Tasks data={data} />
        <ReviewHistory reviews={data.reviews} timeZone={timeZone} />
      </div>
    </>
  )
}
