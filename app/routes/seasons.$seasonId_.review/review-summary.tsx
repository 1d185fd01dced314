import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TargetChangeList } from '~/components/target-changes'
import type { ProgrammeChange } from '~/domain/programme-diff'
import { formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

type OffCampus = {
  id: number
  title: string
  startsAt: string
  venue: string
  needsConsent: number
  pupils: number
}
type PartnerUse = {
  id: number
  name: string
  patrioticBase: number
  roles: string[]
  activities: { id: number; title: string }[]
}

export function OffCampusList({ activities, timeZone }: { activities: OffCampus[]; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (activities.length === 0) return <p className="muted">{t('seasons.review.noOffCampus')}</p>
  const consents = activities.filter((a) => a.needsConsent).reduce((sum, a) => sum + a.pupils, 0)
  return (
    <>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('seasons.review.activity')}</th>
              <th scope="col">{t('seasons.review.when')}</th>
              <th scope="col">{t('seasons.review.where')}</th>
              <th scope="col">{t('seasons.review.consents')}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((activity) => (
              <tr key={activity.id}>
                <td>
                  <Link to={`/activities/${activity.id}`}>{activity.title}</Link>
                </td>
                <td>{formatInstant(activity.startsAt, locale, timeZone)}</td>
                <td>{activity.venue}</td>
                <td>
                  {activity.needsConsent
                    ? t('seasons.review.pupils', { count: activity.pupils })
                    : t('seasons.review.noConsent')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('seasons.review.consentTotal', { count: consents })}</p>
    </>
  )
}

export function PartnerList({ partners }: { partners: PartnerUse[] }) {
  const { t } = useTranslation()
  if (partners.length === 0) return <p className="muted">{t('seasons.review.noPartners')}</p>
  return (
    <ul className="plain-list stack">
      {partners.map((partner) => (
        <li key={partner.id}>
          <Link to={`/partners/${partner.id}`}>{partner.name}</Link>{' '}
          {partner.patrioticBase ? <span className="badge">{t('seasons.review.patrioticBase')}</span> : null}
          <span className="muted">
            {' · '}
            {partner.roles.map((role) => t(`seasons.review.roles.${role}`)).join(' / ')}
            {' · '}
            {partner.activities.map((a) => a.title).join(t('common.listSeparator'))}
          </span>
        </li>
      ))}
    </ul>
  )
}

export function ChangesSinceReview({
  changes,
  decidedBefore,
  names,
}: {
  changes: ProgrammeChange[]
  decidedBefore: boolean
  names: Parameters<typeof TargetChangeList>[0]['names']
}) {
  const { t } = useTranslation()
  if (!decidedBefore) return <p className="muted">{t('seasons.review.firstReview')}</p>
  if (changes.length === 0) return <p className="muted">{t('seasons.review.noChanges')}</p>
  return (
    <ul className="plain-list stack">
      {changes.map((change) => (
        <li key={`${change.entity}-${change.id}`}>
          <span className={change.change === 'removed' ? 'badge badge-muted' : 'badge badge-warning'}>
            {t(`seasons.review.change.${change.change}`)}
          </span>{' '}
          {t(`seasons.review.entity.${change.entity}`)}{' '}
          {change.entity === 'activity' && change.change !== 'removed' ? (
            <Link to={`/activities/${change.id}`}>{change.title}</Link>
          ) : (
            <strong>{change.title}</strong>
          )}
          {change.fields.length ? (
            <span className="muted">
              {' · '}
              {change.fields
                .map((field) => t(`seasons.review.fields.${field}`, { defaultValue: field }))
                .join(t('common.listSeparator'))}
            </span>
          ) : null}
          {change.targets ? <TargetChangeList targets={change.targets} names={names} /> : null}
        </li>
      ))}
    </ul>
  )
}
