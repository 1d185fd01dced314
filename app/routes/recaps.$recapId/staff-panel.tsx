import { getFormProps } from '@conform-to/react'
import { Form, Link, type useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Fact } from '~/components/fact'
import { RecapStatusBadge, useAudienceLabel } from '~/components/recap-labels'
import { TextareaField } from '~/components/ui/field'
import type { RecapStep } from '~/domain/recap-lifecycle'
import type { PhotoWithheld } from '~/domain/recap-privacy'
import { formatInstant } from '~/utils/dates'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import type { loader } from './route'

/* The staff's side panel of a recap: its state, the review steps they may take, links and history. */

type StaffData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: 'staff' }>

function StepButton({ step, label, danger }: { step: RecapStep; label: string; danger?: boolean }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === step
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={step} />
      <button type="submit" className={danger ? 'button button-danger' : 'button'} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}

function withheldText(
  t: ReturnType<typeof useTranslation>['t'],
  where: 'public' | 'parent',
  photo: { caption: string; reason: PhotoWithheld },
): string {
  if (photo.reason.reason === 'no-pupils-named')
    return t('recaps.publish.noPupilsNamed', { caption: photo.caption })
  const names = photo.reason.pupils.join(t('common.listSeparator'))
  return where === 'public'
    ? t('recaps.publish.lacksPublic', { caption: photo.caption, names })
    : t('recaps.publish.lacksSchool', { caption: photo.caption, names })
}

/** What publishing will leave out: said before the publish button, and on the page for the author. */
function WithheldNotice({ withheld }: { withheld: StaffData['withheld'] }) {
  const { t } = useTranslation()
  if (!withheld.length) return <p className="muted small">{t('recaps.publish.allShown')}</p>
  return (
    <div className="alert alert-info recap-withheld-notice">
      {withheld.map((group) => (
        <div key={group.where}>
          <p>
            <strong>{t(`recaps.publish.withheld.${group.where}`, { count: group.photos.length })}</strong>
          </p>
          <ul>
            {group.photos.map((photo) => (
              <li key={photo.id}>{withheldText(t, group.where, photo)}</li>
            ))}
          </ul>
        </div>
      ))}
      <p className="small">{t('recaps.publish.fixHint')}</p>
    </div>
  )
}

function ReturnForm() {
  const { t } = useTranslation()
  const [form, fields] = useForm<{ comment: string }>({ id: 'return', lastResult: useFormReply('return') })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="return" />
      <TextareaField
        meta={fields.comment}
        label={t('recaps.review.comment')}
        hint={t('recaps.review.commentHint')}
      />
      <div>
        <button type="submit" className="button button-secondary">
          {t('recaps.review.return')}
        </button>
      </div>
    </Form>
  )
}

function Actions({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const { recap, steps, canEdit } = data
  const has = (step: RecapStep) => steps.includes(step)
  return (
    <div className="stack">
      {canEdit ? (
        <p>
          <Link to={`/recaps/${recap.id}/edit`} className="button button-secondary">
            {t('recaps.read.edit')}
          </Link>
        </p>
      ) : null}
      {recap.status === 'published' ? (
        <p className="muted small">{t('recaps.read.publishedLocked')}</p>
      ) : null}
      {has('submit') ? (
        <div className="stack recap-step">
          <p className="muted small">{t('recaps.review.submitHint')}</p>
          <StepButton step="submit" label={t('recaps.review.submit')} />
        </div>
      ) : null}
      {has('publish') ? (
        <div className="stack recap-step">
          <h3>{t('recaps.publish.title')}</h3>
          <WithheldNotice withheld={data.withheld} />
          <StepButton step="publish" label={t('recaps.publish.button')} />
        </div>
      ) : null}
      {has('return') ? (
        <div className="stack recap-step">
          <h3>{t('recaps.review.returnTitle')}</h3>
          <ReturnForm />
        </div>
      ) : null}
      {has('unpublish') ? (
        <div className="stack recap-step">
          <p className="muted small">{t('recaps.review.unpublishHint')}</p>
          <StepButton step="unpublish" label={t('recaps.review.unpublish')} danger />
        </div>
      ) : null}
    </div>
  )
}

function History({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="card stack" aria-labelledby="history-title">
      <h2 id="history-title">{t('recaps.read.history')}</h2>
      <ol className="timeline">
        {data.events.map((event) => (
          <li key={event.id} className="timeline-item">
            <p className="timeline-when">{formatInstant(event.createdAt, locale, data.timeZone)}</p>
            <p>
              <span className="timeline-title">{t(`recaps.events.${event.action}`)}</span>
              {' · '}
              {event.actorName ?? t('recaps.list.noAuthor')}
            </p>
            {event.comment ? <blockquote className="review-comment">{event.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

export function StaffPanel({ data }: { data: StaffData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const audienceLabel = useAudienceLabel(data.kind)
  const { recap, timeZone } = data
  return (
    <aside className="recap-panel stack" aria-label={t('recaps.read.panel')}>
      <section className="card stack" aria-labelledby="state-title">
        <h2 id="state-title">{t('recaps.read.state')}</h2>
        <dl className="facts">
          <Fact label={t('recaps.read.status')}>
            <RecapStatusBadge status={recap.status} />
          </Fact>
          <Fact label={t('recaps.read.audience')}>{audienceLabel(recap.audience, recap.targets)}</Fact>
          <Fact label={t('recaps.read.author')}>{recap.authorName ?? t('recaps.list.noAuthor')}</Fact>
          {recap.reviewerName ? <Fact label={t('recaps.read.reviewer')}>{recap.reviewerName}</Fact> : null}
          {recap.publishedAt ? (
            <Fact label={t('recaps.read.publishedAt')}>
              {formatInstant(recap.publishedAt, locale, timeZone)}
            </Fact>
          ) : null}
          {data.publicPath ? (
            <Fact label={t('recaps.read.publicLink')}>
              <a href={data.publicPath}>{data.publicPath}</a>
            </Fact>
          ) : null}
        </dl>
        <Actions data={data} />
      </section>
      <section className="card stack" aria-labelledby="links-title">
        <h2 id="links-title">{t('recaps.read.linked')}</h2>
        <dl className="facts">
          <Fact label={t('recaps.read.season')}>
            {recap.seasonId && recap.seasonTitle ? (
              <Link to={`/seasons/${recap.seasonId}`}>{recap.seasonTitle}</Link>
            ) : (
              t('recaps.read.none')
            )}
          </Fact>
        </dl>
        {recap.activities.length ? (
          <ul className="recap-activity-links">
            {recap.activities.map((activity) => (
              <li key={activity.id}>
                <Link to={`/activities/${activity.id}`}>{activity.title}</Link>{' '}
                <span className="muted small">
                  {formatInstant(activity.startsAt, locale, timeZone, 'day')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('recaps.read.noActivities')}</p>
        )}
      </section>
      {!data.steps.includes('publish') && data.withheld.length ? (
        <section className="card stack" aria-labelledby="withheld-title">
          <h2 id="withheld-title">{t('recaps.read.withheldTitle')}</h2>
          <WithheldNotice withheld={data.withheld} />
        </section>
      ) : null}
      <History data={data} />
    </aside>
  )
}
