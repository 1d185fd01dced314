import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Fact } from '~/components/fact'
import { PageHeader } from '~/components/page-header'
import { Contact } from '~/components/phone-link'
import { classLabel } from '~/domain/grades'
import { useLocale } from '~/utils/use-locale'
import { Description, TimeAndPlace } from './activity-facts'
import type { FamilyData } from './route'

export function FamilyPage({ data }: { data: FamilyData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { activity, kind, timeZone } = data
  const separator = t('activities.view.separator')
  return (
    <>
      <PageHeader title={activity.title} lead={t(`activities.kinds.${activity.kind}`)} />
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t('activities.view.details')}</h2>
        <dl className="facts">
          <TimeAndPlace activity={activity} timeZone={timeZone} />
          <Fact label={t('activities.family.concerns')}>
            {data.children
              .map((child) =>
                t('activities.family.child', {
                  name: child.name,
                  class: classLabel(locale, kind, {
                    gradeLevel: child.gradeLevel,
                    number: child.classNumber,
                    name: child.className,
                  }),
                }),
              )
              .join(separator)}
          </Fact>
          {data.guests.length ? (
            <Fact label={t('activities.view.guests')}>{data.guests.join(separator)}</Fact>
          ) : null}
          {activity.needsConsent ? (
            <>
              <Fact label={t('activities.form.transport')}>
                {activity.transport || t('activities.view.none')}
              </Fact>
              <Fact label={t('activities.family.contact')}>
                <Contact
                  name={activity.organiserName}
                  phone={activity.contactPhone}
                  fallback={t('activities.view.none')}
                />
              </Fact>
            </>
          ) : null}
        </dl>
        {activity.needsConsent ? (
          <p className="alert alert-info">
            {t('activities.family.consentNeeded')}{' '}
            <Link to="/family/consents">{t('activities.family.answerConsent')}</Link>
          </p>
        ) : (
          <p className="muted">{t('activities.family.consentNotNeeded')}</p>
        )}
        <Description text={activity.description} />
      </section>
    </>
  )
}
