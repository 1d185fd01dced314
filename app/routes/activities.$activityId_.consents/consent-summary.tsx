import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { classNameOf, Percent } from '~/components/consent-sheet'
import { Fact } from '~/components/fact'
import { Contact } from '~/components/phone-link'
import type { SchoolKind } from '~/domain/grades'
import { formatDay } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { LoaderData, Sheet } from './route'

export function Summary({ sheet, activity }: { sheet: Sheet; activity: LoaderData['activity'] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { total } = sheet
  return (
    <section className="card stack" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('consents.staff.summary')}</h2>
      <dl className="stats consent-stats">
        <div>
          <dt>{t('consents.statuses.given')}</dt>
          <dd>{total.given}</dd>
        </div>
        <div>
          <dt>{t('consents.statuses.refused')}</dt>
          <dd>{total.refused}</dd>
        </div>
        <div>
          <dt>{t('consents.staff.waiting')}</dt>
          <dd>{total.requested + total.unsent}</dd>
        </div>
        <div>
          <dt>{t('consents.staff.returnRate')}</dt>
          <dd>
            <Percent rate={total.returnRate} />
          </dd>
        </div>
      </dl>
      <dl className="stats consent-stats consent-sources">
        <div>
          <dt>{t('consents.paper.online')}</dt>
          <dd>{total.online}</dd>
        </div>
        <div>
          <dt>{t('consents.paper.paper')}</dt>
          <dd>{total.paper}</dd>
        </div>
        <div>
          <dt>{t('consents.paper.none')}</dt>
          <dd>{total.none}</dd>
        </div>
      </dl>
      <dl className="facts">
        <Fact label={t('consents.staff.pupils')}>{total.total}</Fact>
        <Fact label={t('consents.request.dueOn')}>
          {activity.consentDueOn ? formatDay(activity.consentDueOn, locale) : t('consents.request.noDue')}
        </Fact>
        <Fact label={t('consents.request.transport')}>
          {activity.transport || t('consents.request.notGiven')}
        </Fact>
        <Fact label={t('consents.request.contact')}>
          <Contact
            name={activity.organiserName}
            phone={activity.contactPhone}
            fallback={t('consents.request.notGiven')}
          />
        </Fact>
      </dl>
    </section>
  )
}

export function WithoutConsent({ pupils, kind }: { pupils: Sheet['withoutConsent']; kind: SchoolKind }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section className="alert alert-error consent-flagged" aria-labelledby="flagged-title">
      <h2 id="flagged-title">{t('consents.staff.flaggedTitle', { count: pupils.length })}</h2>
      <p>{t('consents.staff.flaggedLead')}</p>
      <ul>
        {pupils.map((pupil) => (
          <li key={pupil.id}>
            {t('consents.staff.flaggedPupil', {
              name: pupil.name,
              class: classNameOf(pupil, locale, kind),
              status: pupil.consent
                ? t(`consents.statuses.${pupil.consent.status}`)
                : t('consents.staff.unsent'),
            })}
          </li>
        ))}
      </ul>
    </section>
  )
}

export function SendRequests({ count }: { count: number }) {
  const { t } = useTranslation()
  return (
    <section className="card stack" aria-labelledby="send-title">
      <h2 id="send-title">{t('consents.staff.sendTitle')}</h2>
      <p className="muted">{t('consents.staff.sendLead', { count })}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="send-requests" />
        <button type="submit" className="button">
          {t('consents.staff.send', { count })}
        </button>
      </Form>
    </section>
  )
}
