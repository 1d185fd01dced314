import { useTranslation } from 'react-i18next'
import { PHOTO_CONSENTS } from '~/domain/consent'
import { formatDay, formatInstantRange } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

export type SlipActivity = {
  title: string
  startsAt: string
  endsAt: string
  venue: string
  transport: string
  contactName: string | null
  contactPhone: string
  consentDueOn: string | null
}

/**
 * One printed consent slip (A4 portrait), in the school's voice: the arrangements for the family to
 * keep, and below a dashed cut line the 回执 the guardian ticks, signs and returns.
 */
export function ConsentSlip({
  schoolName,
  activity,
  bring,
  pupil,
  className,
  timeZone,
}: {
  schoolName: string
  activity: SlipActivity
  bring: string
  pupil: { name: string }
  className: string
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const notGiven = t('consents.request.notGiven')
  const dueOn = activity.consentDueOn ? formatDay(activity.consentDueOn, locale) : null
  const contact = [activity.contactName, activity.contactPhone].filter(Boolean).join(' ') || notGiven
  const box = <span className="slip-box" aria-hidden="true" />
  return (
    <article className="slip" aria-label={t('consents.slip.of', { name: pupil.name })}>
      <p className="slip-school">{schoolName}</p>
      <h2 className="slip-heading">{t('consents.slip.heading')}</h2>
      <p>{t('consents.slip.greeting', { name: pupil.name })}</p>
      <p className="slip-body">{t('consents.slip.body')}</p>
      <dl className="slip-facts">
        <div>
          <dt>{t('consents.slip.activity')}</dt>
          <dd>{activity.title}</dd>
        </div>
        <div>
          <dt>{t('consents.request.when')}</dt>
          <dd>{formatInstantRange(activity.startsAt, activity.endsAt, locale, timeZone)}</dd>
        </div>
        <div>
          <dt>{t('consents.request.where')}</dt>
          <dd>{activity.venue || t('activities.view.noVenue')}</dd>
        </div>
        <div>
          <dt>{t('consents.request.transport')}</dt>
          <dd>{activity.transport || notGiven}</dd>
        </div>
        <div>
          <dt>{t('consents.slip.bring')}</dt>
          <dd>{bring || t('consents.slip.bringDefault')}</dd>
        </div>
        <div>
          <dt>{t('consents.request.contact')}</dt>
          <dd>{contact}</dd>
        </div>
        <div>
          <dt>{t('consents.request.dueOn')}</dt>
          <dd>{dueOn ?? t('consents.request.noDue')}</dd>
        </div>
      </dl>
      <p className="slip-body">{t('consents.slip.closing')}</p>
      <p className="slip-sign">{schoolName}</p>
      <p className="slip-cut">{t('consents.slip.cut')}</p>
      <section className="slip-receipt" aria-label={t('consents.slip.receipt')}>
        <h3 className="slip-receipt-title">{t('consents.slip.receipt')}</h3>
        <p>{t('consents.slip.pupil', { name: pupil.name, class: className })}</p>
        <p>{t('consents.slip.answer', { title: activity.title })}</p>
        <p className="slip-choices">
          <span>
            {box} {t('consents.slip.agree')}
          </span>
          <span>
            {box} {t('consents.slip.disagree')}
          </span>
        </p>
        <p>{t('consents.slip.photo')}</p>
        <p className="slip-choices">
          {PHOTO_CONSENTS.map((option) => (
            <span key={option}>
              {box} {t(`consents.photo.${option}`)}
            </span>
          ))}
        </p>
        <p className="slip-lines">
          <span>{t('consents.slip.signature')}</span>
          <span>{t('consents.slip.date')}</span>
        </p>
        {dueOn ? <p className="slip-due">{t('consents.slip.dueBy', { date: dueOn })}</p> : null}
      </section>
    </article>
  )
}
