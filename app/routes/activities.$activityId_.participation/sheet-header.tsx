import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '~/components/page-header'
import { StatusBadge } from '~/components/status-badge'
import { formatInstantRange } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { LoaderData } from './route'

/** The sheet's heading: the activity, its window and the links around it. */
export function Header({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { activity, timeZone } = data
  const { practiceCategory, practiceHours, defaults } = activity
  const hoursNote =
    defaults.hours !== null
      ? t('participation.header.defaultHours', { hours: defaults.hours })
      : practiceHours
        ? t('participation.header.longCredit', { hours: practiceHours })
        : t('participation.header.noDefaultHours')
  return (
    <>
      <p>
        <Link to={`/activities/${activity.id}`}>
          {t('participation.backToActivity', { title: activity.title })}
        </Link>
      </p>
      <PageHeader
        title={t('participation.pageTitle', { title: activity.title })}
        lead={<StatusBadge status={activity.status} />}
      />
      <dl className="facts">
        <div>
          <dt>{t('participation.header.when')}</dt>
          <dd>{formatInstantRange(activity.startsAt, activity.endsAt, locale, timeZone)}</dd>
        </div>
        <div>
          <dt>{t('participation.header.practice')}</dt>
          <dd>
            {practiceCategory
              ? `${t(`activities.practice.${practiceCategory}`)} · ${hoursNote}`
              : t('participation.header.noPractice')}
          </dd>
        </div>
      </dl>
    </>
  )
}
