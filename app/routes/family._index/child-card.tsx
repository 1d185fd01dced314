import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from '~/components/icon'
import type { IconName } from '~/components/icon-names'
import { StatusAndRole } from '~/components/pupil-record'
import { RecapCover } from '~/components/recap-cover'
import { levelLabel } from '~/domain/award-levels'
import { classLabel, gradeLabel } from '~/domain/grades'
import { formatDay, formatDayRange, formatInstant, formatInstantRange } from '~/utils/dates'
import { messageLink } from '~/utils/inbox-links'
import { messageText } from '~/utils/inbox-messages'
import { useLocale } from '~/utils/use-locale'
import type { Child, PortalData } from './route'

export function News({
  news,
  timeZone,
  schoolKind,
  emblem,
}: {
  news: PortalData['news']
  timeZone: string
  schoolKind: PortalData['schoolKind']
  emblem: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section aria-labelledby="news-title" className="card family-news">
      <h2 id="news-title">
        <Icon name="newspaper" />
        {t('family.news.title')}
      </h2>
      {news.length ? (
        <ul className="plain-list family-list">
          {news.map((item) =>
            item.type === 'message' ? (
              <li key={`message-${item.message.id}`} className="family-item">
                <p>
                  <span className="badge badge-warning">{t('family.news.unread')}</span>{' '}
                  <Link to={messageLink(item.message, false)}>
                    {messageText(t, item.message, { locale, timeZone, schoolKind })}
                  </Link>
                </p>
                <p className="muted small">
                  <time dateTime={item.at}>{formatInstant(item.at, locale, timeZone)}</time>
                </p>
              </li>
            ) : (
              <li key={`recap-${item.recap.id}`} className="family-item family-recap">
                <RecapCover coverId={item.recap.coverId} emblem={emblem} />
                <div>
                  <p>
                    <span className="badge">{t('family.news.recap')}</span>{' '}
                    <Link to={`/recaps/${item.recap.id}`}>{item.recap.title}</Link>
                  </p>
                  <p className="muted small">
                    <time dateTime={item.at}>{formatInstant(item.at, locale, timeZone, 'day')}</time>
                  </p>
                </div>
              </li>
            ),
          )}
        </ul>
      ) : (
        <p className="muted">{t('family.news.empty')}</p>
      )}
      <p className="link-row">
        <Link to="/inbox">{t('family.news.allMessages')}</Link>
        <Link to="/family/recaps">{t('family.news.allRecaps')}</Link>
      </p>
    </section>
  )
}

type ChildPart = 'upcoming' | 'consents' | 'recaps' | 'participations' | 'awards'

const PART_ICONS: Record<ChildPart, IconName> = {
  upcoming: 'calendar-clock',
  consents: 'pen-line',
  recaps: 'newspaper',
  participations: 'footprints',
  awards: 'award',
}

/** One part of a child's card: a heading, its list, or a calm line when there is nothing. */

/** One part of a child's card: a heading, its list, or a calm line when there is nothing. */
function ChildSection({
  childId,
  part,
  title,
  empty,
  children,
}: {
  childId: number
  part: ChildPart
  title: string
  empty?: string
  children: ReactNode[]
}) {
  const headingId = `child-${childId}-${part}`
  if (!children.length && !empty) return null
  return (
    // Named with the child's name: each child's card has the same parts (axe landmark-unique).
    <section aria-labelledby={`${headingId} child-${childId}-name`} className="family-part">
      <h4 id={headingId}>
        <Icon name={PART_ICONS[part]} />
        {title}
      </h4>
      {children.length ? (
        <ul className="plain-list family-list">{children}</ul>
      ) : (
        <p className="muted small">{empty}</p>
      )}
    </section>
  )
}

export function ChildCard({ child, data }: { child: Child; data: PortalData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { schoolKind, timeZone } = data
  return (
    <li className="card family-child">
      <h3 id={`child-${child.id}-name`}>{child.name}</h3>
      <p>
        {gradeLabel(locale, schoolKind, { level: child.gradeLevel, name: child.gradeName })} ·{' '}
        {classLabel(locale, schoolKind, {
          gradeLevel: child.gradeLevel,
          number: child.classNumber,
          name: child.className,
        })}
      </p>
      <p className="muted small">
        {child.headTeacherName
          ? t('home.headTeacher', { name: child.headTeacherName })
          : t('home.noHeadTeacher')}{' '}
        · {t('home.studentNumber', { number: child.studentNumber })}
      </p>
      {child.waiting.consents || child.waiting.notices ? (
        <p className="badge-row">
          {child.waiting.consents ? (
            <Link to="/family/consents" className="badge badge-warning">
              {t('home.consentsWaiting', { count: child.waiting.consents })}
            </Link>
          ) : null}
          {child.waiting.notices ? (
            <Link to="/family/notices" className="badge badge-info">
              {t('home.noticeOpen')}
            </Link>
          ) : null}
        </p>
      ) : null}

      <ChildSection
        childId={child.id}
        part="upcoming"
        title={t('family.child.upcoming')}
        empty={t('family.child.noUpcoming')}
      >
        {child.upcoming.map((activity) => (
          <li key={activity.id}>
            <Link to={`/activities/${activity.id}`}>{activity.title}</Link>
            {activity.offCampus ? (
              <>
                {' '}
                <span className="badge badge-warning">{t('seasons.timeline.offCampus')}</span>
              </>
            ) : null}
            <span className="family-when">
              {formatInstantRange(activity.startsAt, activity.endsAt, locale, timeZone)}
            </span>
          </li>
        ))}
      </ChildSection>

      <ChildSection childId={child.id} part="consents" title={t('family.child.consents')}>
        {child.consents.map((consent) => (
          <li key={consent.id}>
            <Link to={`/family/consents#child-${child.id}`}>{consent.title}</Link>
            <span className="family-when">
              {consent.consentDueOn
                ? t('family.child.answerBy', { date: formatDay(consent.consentDueOn, locale, 'short') })
                : t('family.child.answerBeforeStart')}
            </span>
          </li>
        ))}
      </ChildSection>

      <ChildSection
        childId={child.id}
        part="recaps"
        title={t('family.child.recaps')}
        empty={t('family.child.noRecaps')}
      >
        {child.recaps.map((recap) => (
          <li key={recap.id} className="family-recap">
            <RecapCover coverId={recap.coverId} emblem={data.school.emblem} />
            <div>
              <Link to={`/recaps/${recap.id}`}>{recap.title}</Link>
              <span className="family-when">{formatInstant(recap.publishedAt, locale, timeZone, 'day')}</span>
            </div>
          </li>
        ))}
      </ChildSection>

      <ChildSection
        childId={child.id}
        part="participations"
        title={t('family.child.participations')}
        empty={t('family.child.noParticipations')}
      >
        {child.participations.map((entry) => (
          <li key={entry.id}>
            {entry.title}
            <span className="family-when">{formatInstant(entry.startsAt, locale, timeZone, 'day')}</span>
            <span className="badge-row">
              <StatusAndRole status={entry.status} role={entry.role} />
              {entry.hours ? (
                <span className="badge">{t('records.timeline.hours', { hours: entry.hours })}</span>
              ) : null}
            </span>
          </li>
        ))}
      </ChildSection>

      <ChildSection
        childId={child.id}
        part="awards"
        title={t('family.child.awards')}
        empty={t('family.child.noAwards')}
      >
        {child.awards.map((award) => (
          <li key={award.id}>
            {award.title} <span className="badge">{levelLabel(award.level, t)}</span>
            <span className="family-when">
              {formatDay(award.awardedOn, locale)} · {award.activityTitle}
            </span>
          </li>
        ))}
      </ChildSection>

      <p>
        <Link to={`/family/children/${child.id}`} className="button button-secondary">
          {t('home.openRecord', { name: child.name })}
        </Link>
      </p>
    </li>
  )
}

export function DayList({
  id,
  title,
  days,
}: {
  id: string
  title: string
  days: { id: number; name: string; startsOn: string; endsOn: string }[]
}) {
  const locale = useLocale()
  return days.length ? (
    <section aria-labelledby={id} className="section">
      <h2 id={id}>{title}</h2>
      <ul className="plain-list">
        {days.map((day) => (
          <li key={day.id}>
            <strong>{day.name}</strong> {formatDayRange(day.startsOn, day.endsOn, locale)}
          </li>
        ))}
      </ul>
    </section>
  ) : null
}
