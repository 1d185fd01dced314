import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TableScroll } from '~/components/ui/table-scroll'
import type { Conflict } from '~/domain/conflicts'
import type { SchoolKind } from '~/domain/grades'
import { strandColourClass } from '~/domain/strand-colours'
import type { SeasonOverview } from '~/models/season-overview.server'
import { formatDay, formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import { ConflictList, conflictNames } from './conflict-list'
import { StatusBadge } from './status-badge'

/** The parts of a season shown both on its page and on the admin's review page. */
type Overview = Pick<
  SeasonOverview,
  | 'strands'
  | 'activities'
  | 'grades'
  | 'classes'
  | 'staff'
  | 'coverage'
  | 'conflicts'
  | 'observances'
  | 'reviews'
>

export function useNames(overview: Pick<Overview, 'grades' | 'classes' | 'staff'>, kind: SchoolKind) {
  const locale = useLocale()
  const users = Object.fromEntries(overview.staff.map((s) => [s.id, s.name]))
  return conflictNames(locale, kind, { grades: overview.grades, classes: overview.classes, users })
}

export function CoverageMatrix({ overview, kind }: { overview: Overview; kind: SchoolKind }) {
  const { t } = useTranslation()
  const names = useNames(overview, kind)
  const strandTitle = new Map(overview.strands.map((s) => [s.id, s.title]))
  const strandColour = new Map(overview.strands.map((s) => [s.id, strandColourClass(s.position)]))
  // Columns: only grades some strand serves or some activity reaches, so a nine-year school's table stays narrow.
  const used = overview.grades.filter((g) =>
    overview.coverage.some((row) =>
      row.cells.some((cell) => cell.gradeId === g.id && (cell.targeted || cell.count)),
    ),
  )
  const gaps = overview.coverage.reduce((sum, row) => sum + row.cells.filter((cell) => cell.gap).length, 0)
  if (overview.strands.length === 0) return <p className="muted">{t('seasons.coverage.noStrands')}</p>
  return (
    <>
      <TableScroll label={t('seasons.coverage.title')}>
        <table className="data-table coverage-table">
          <thead>
            <tr>
              <th scope="col">{t('seasons.coverage.strand')}</th>
              {used.map((grade) => (
                <th scope="col" key={grade.id}>
                  {names.grades[grade.id]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.coverage.map((row) => (
              <tr key={row.strandId}>
                <th scope="row" className={`strand-edge ${strandColour.get(row.strandId) ?? ''}`}>
                  {strandTitle.get(row.strandId)}
                </th>
                {used.map((grade) => {
                  const cell = row.cells.find((c) => c.gradeId === grade.id)
                  if (!cell) return <td key={grade.id} />
                  if (cell.gap) {
                    return (
                      <td key={grade.id} className="coverage-gap">
                        <span aria-hidden="true">{t('seasons.coverage.gap')}</span>
                        <span className="visually-hidden">
                          {t('seasons.coverage.gapLabel', {
                            strand: strandTitle.get(row.strandId),
                            grade: names.grades[grade.id],
                          })}
                        </span>
                      </td>
                    )
                  }
                  return (
                    <td key={grade.id} className={cell.targeted ? 'coverage-hit' : 'muted'}>
                      {cell.count ||
                        (cell.targeted ? (
                          ''
                        ) : (
                          <span className="visually-hidden">{t('seasons.coverage.notTargeted')}</span>
                        ))}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className={gaps ? 'alert alert-info' : 'muted'}>
        {gaps ? t('seasons.coverage.gaps', { count: gaps }) : t('seasons.coverage.complete')}
      </p>
    </>
  )
}

export function SeasonTimeline({
  overview,
  kind,
  timeZone,
}: {
  overview: Overview
  kind: SchoolKind
  timeZone: string
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const names = useNames(overview, kind)
  const strandTitle = new Map(overview.strands.map((s) => [s.id, s.title]))
  const strandColour = new Map(overview.strands.map((s) => [s.id, strandColourClass(s.position)]))
  const warned = new Set(overview.conflicts.map((c) => c.activityId))
  if (overview.activities.length === 0) return <p className="muted">{t('seasons.timeline.empty')}</p>
  return (
    <ol className="timeline">
      {overview.activities.map((activity) => (
        <li
          key={activity.id}
          className={
            activity.strandId
              ? `timeline-item strand-edge ${strandColour.get(activity.strandId) ?? ''}`
              : 'timeline-item'
          }
        >
          <p className="timeline-when">
            <time dateTime={activity.startsAt}>{formatInstant(activity.startsAt, locale, timeZone)}</time>
          </p>
          <div>
            <p className="timeline-title">
              <Link to={`/activities/${activity.id}`}>{activity.title}</Link>{' '}
              <StatusBadge status={activity.status} />
              {warned.has(activity.id) ? (
                <>
                  {' '}
                  <a href={`#conflicts-${activity.id}`} className="badge badge-warning">
                    {t('seasons.conflicts.title')}
                  </a>
                </>
              ) : null}
            </p>
            <p className="muted small">
              {[
                activity.strandId ? strandTitle.get(activity.strandId) : t('seasons.timeline.noStrand'),
                ...activity.gradeIds.map((id) => names.grades[id]),
                ...activity.classIds.map((id) => names.classes[id]),
                activity.venue,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {activity.offCampus || activity.needsConsent ? (
              <p className="badge-row">
                {activity.offCampus ? (
                  <span className="badge badge-warning">{t('seasons.timeline.offCampus')}</span>
                ) : null}
                {activity.needsConsent ? (
                  <span className="badge badge-muted">{t('seasons.timeline.consent')}</span>
                ) : null}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  )
}

export function SeasonConflicts({ overview, kind }: { overview: Overview; kind: SchoolKind }) {
  const { t } = useTranslation()
  const names = useNames(overview, kind)
  const titles = new Map(overview.activities.map((a) => [a.id, a.title]))
  if (overview.conflicts.length === 0) return <p className="muted">{t('seasons.conflicts.none')}</p>
  return (
    <>
      <p className="muted">{t('seasons.conflicts.lead')}</p>
      <ul className="plain-list stack">
        {overview.conflicts.map(
          ({ activityId, conflicts }: { activityId: number; conflicts: Conflict[] }) => (
            <li key={activityId} id={`conflicts-${activityId}`}>
              <Link to={`/activities/${activityId}`}>
                {t('seasons.conflicts.activity', { title: titles.get(activityId) })}
              </Link>
              <ConflictList conflicts={conflicts} names={names} />
            </li>
          ),
        )}
      </ul>
    </>
  )
}

export function SeasonObservances({ overview }: { overview: Overview }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (overview.observances.length === 0) return <p className="muted">{t('seasons.observances.none')}</p>
  return (
    <ul className="plain-list">
      {overview.observances.map((observance) => (
        <li key={`${observance.key}-${observance.date}`}>
          <time dateTime={observance.date}>{formatDay(observance.date, locale, 'short')}</time>{' '}
          <strong>{t(`observances.${observance.key}`)}</strong>
          {observance.activityCount ? (
            <span className="muted">
              {' '}
              · {t('seasons.observances.linked', { count: observance.activityCount })}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

export function ReviewHistory({ reviews, timeZone }: { reviews: Overview['reviews']; timeZone: string }) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (reviews.length === 0) return <p className="muted">{t('seasons.history.empty')}</p>
  return (
    <ol className="plain-list history">
      {reviews.map((review) => (
        <li key={review.id}>
          <p>
            <time dateTime={review.createdAt} className="muted">
              {formatInstant(review.createdAt, locale, timeZone)}
            </time>{' '}
            {t(`seasons.history.actions.${review.action}`, { name: review.actorName })}
          </p>
          {review.comment ? <blockquote className="review-comment">{review.comment}</blockquote> : null}
        </li>
      ))}
    </ol>
  )
}
