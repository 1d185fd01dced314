import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { levelLabel } from '~/domain/award-levels'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import { JUNIOR_STAGE_FIRST_LEVEL, type PracticeSummary } from '~/domain/social-practice'
import type { PupilAward } from '~/models/award-records.server'
import type { PupilRecord, RecordAudience, TimelineEntry, TimelinePeriod } from '~/models/pupil-record.server'
import { formatDay, formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { AttendanceStatus, ParticipationRole } from '../../db/schema'
import { PageHeader } from './page-header'

/**
 * A pupil's record as staff and the pupil's own guardians read it (and print it: A4 portrait, see
 * records.css). Staff-only parts — guardians, class links, teachers' notes — appear for staff only;
 * the loader already leaves them out for families.
 */
export function PupilRecordView({
  record,
  audience,
  timeZone,
  back,
  actions,
  children,
}: {
  record: PupilRecord
  audience: RecordAudience
  timeZone: string
  back: ReactNode
  actions?: ReactNode
  /** Sections after the timeline (who viewed the record). */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const { locale, kind } = useRecordLabels(record)
  const { pupil } = record
  const className = classLabel(locale, kind, {
    gradeLevel: pupil.gradeLevel,
    number: pupil.classNumber,
    name: pupil.className,
  })
  return (
    <div className="pupil-record">
      <p className="record-back">{back}</p>
      <PageHeader
        title={pupil.name}
        lead={
          <span className="badge-row">
            <span>{t('records.page.lead', { class: className, number: pupil.studentNumber })}</span>
            {pupil.anonymisedAt ? <span className="badge badge-muted">{t('retention.badge')}</span> : null}
            {pupil.graduatedOn ? (
              <span className="badge badge-muted">
                {t('records.page.graduated', { date: formatDay(pupil.graduatedOn, locale) })}
              </span>
            ) : pupil.active ? null : (
              <span className="badge badge-muted">{t('records.page.inactive')}</span>
            )}
          </span>
        }
        actions={actions}
      />
      <Summary record={record} audience={audience} className={className} />
      {record.practice ? <Practice practice={record.practice} gradeLevel={pupil.gradeLevel} /> : null}
      <RecordAwards record={record} />
      <Timeline record={record} audience={audience} timeZone={timeZone} />
      {children}
    </div>
  )
}

function useRecordLabels(record: PupilRecord): { locale: Locale; kind: SchoolKind } {
  return { locale: useLocale(), kind: record.pupil.schoolKind }
}

function Summary({
  record,
  audience,
  className,
}: {
  record: PupilRecord
  audience: RecordAudience
  className: string
}) {
  const { t } = useTranslation()
  const { locale, kind } = useRecordLabels(record)
  const { pupil, guardians } = record
  return (
    <section className="card section" aria-labelledby="record-summary-title">
      <h2 id="record-summary-title">{t('records.summary.title')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('records.summary.studentNumber')}</dt>
          <dd>{pupil.studentNumber}</dd>
        </div>
        <div>
          <dt>{t('records.summary.grade')}</dt>
          <dd>{gradeLabel(locale, kind, { level: pupil.gradeLevel, name: pupil.gradeName })}</dd>
        </div>
        <div>
          <dt>{t('records.summary.class')}</dt>
          <dd>
            {audience === 'staff' ? <Link to={`/classes/${pupil.classId}`}>{className}</Link> : className}
          </dd>
        </div>
        <div>
          <dt>{t('records.summary.photoConsent')}</dt>
          <dd>{t(`consents.photo.${pupil.photoConsent}`)}</dd>
        </div>
        {audience === 'staff' ? (
          <div>
            <dt>{t('records.summary.guardians')}</dt>
            <dd>
              {guardians.length
                ? guardians
                    .map((guardian) =>
                      // A guardian imported without a stated relation is named alone.
                      guardian.relation
                        ? t('records.summary.guardian', {
                            name: guardian.name,
                            relation: t(`relations.${guardian.relation}`, {
                              defaultValue: guardian.relation,
                            }),
                          })
                        : guardian.name,
                    )
                    .join(t('common.listSeparator'))
                : t('records.summary.noGuardians')}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  )
}

function Practice({ practice, gradeLevel }: { practice: PracticeSummary; gradeLevel: number }) {
  const { t } = useTranslation()
  const { patrioticBase, publicServicePosts } = practice
  return (
    <section className="card section record-practice" aria-labelledby="record-practice-title">
      <h2 id="record-practice-title">{t('records.practice.title')}</h2>
      <p className="muted">{t('records.practice.lead')}</p>
      {practice.complete ? <p className="alert alert-success">{t('records.practice.complete')}</p> : null}
      {gradeLevel < JUNIOR_STAGE_FIRST_LEVEL ? <p>{t('records.practice.startsInGradeSix')}</p> : null}
      {practice.primaryHours > 0 ? (
        <p className="alert alert-info">
          {t('records.practice.primaryNote', { hours: practice.primaryHours })}
        </p>
      ) : null}
      <h3>{t('records.practice.hoursTitle')}</h3>
      <ul className="practice-list">
        {practice.categories.map((c) => {
          const nameId = `practice-${c.category}`
          return (
            <li key={c.category} className="practice-item">
              <div className="practice-head">
                <span id={nameId} className="practice-name">
                  {t(`activities.practice.${c.category}`)}
                </span>
                <span className="practice-numbers">
                  {t('records.practice.done', { done: c.done, required: c.required })}
                </span>
              </div>
              {/* The numbers above and below say it all; the bar shows it at a glance. */}
              <progress className="practice-bar" max={100} value={c.percent} aria-labelledby={nameId} />
              <p className="small practice-detail">
                {t('records.practice.percent', { percent: c.percent })} ·{' '}
                {c.remaining > 0 ? (
                  t('records.practice.remaining', { hours: c.remaining })
                ) : (
                  <strong>
                    <span aria-hidden="true">✓ </span>
                    {t('records.practice.met')}
                  </strong>
                )}
                {c.primaryHours > 0 ? (
                  <span className="muted">
                    {' '}
                    · {t('records.practice.primaryInCategory', { hours: c.primaryHours })}
                  </span>
                ) : null}
              </p>
            </li>
          )
        })}
      </ul>
      <h3>{t('records.practice.milestonesTitle')}</h3>
      <ul className="milestone-list">
        <Milestone label={t('records.practice.patrioticBase')} progress={patrioticBase} />
        <Milestone label={t('records.practice.publicServicePosts')} progress={publicServicePosts} />
      </ul>
    </section>
  )
}

function Milestone({ label, progress }: { label: string; progress: PracticeSummary['patrioticBase'] }) {
  const { t } = useTranslation()
  return (
    <li className={progress.done ? 'milestone milestone-done' : 'milestone'}>
      <span className="milestone-mark" aria-hidden="true">
        {progress.done ? '✓' : '○'}
      </span>
      <span className="milestone-label">{label}</span>
      <span className="milestone-count">
        {t('records.practice.milestoneCount', { count: progress.count, required: progress.required })}
      </span>
      <span className={progress.done ? 'badge' : 'badge badge-muted'}>
        {progress.done ? t('records.practice.milestoneDone') : t('records.practice.milestoneOpen')}
      </span>
      {progress.primaryCount > 0 ? (
        <span className="small muted milestone-primary">
          {t('records.practice.primaryMilestone', { count: progress.primaryCount })}
        </span>
      ) : null}
    </li>
  )
}

/** The pupil's awards, newest first: their own, their team's (named by the team, never its other members) and their class's. */
function RecordAwards({ record }: { record: PupilRecord }) {
  const { t } = useTranslation()
  const { kind } = useRecordLabels(record)
  return (
    <section className="card section record-awards" aria-labelledby="record-awards-title">
      <h2 id="record-awards-title">{t('records.awards.title')}</h2>
      {record.awards.length ? (
        <>
          <p className="muted">{t('records.awards.count', { count: record.awards.length })}</p>
          <ol className="timeline">
            {record.awards.map((award) => (
              <AwardEntry key={award.id} award={award} kind={kind} linked={award.linked} />
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">{t('records.awards.empty')}</p>
      )}
    </section>
  )
}

type AwardShown = Omit<PupilAward, 'activityStatus'>

/**
 * One award as the pupil record and the class page show it: date, title, level, scope, who received
 * it, the activity and the presenter. `children` adds what the page knows more (a class's pupils).
 */
export function AwardEntry({
  award,
  kind,
  linked,
  children,
}: {
  award: AwardShown
  kind: SchoolKind
  linked: boolean
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <li className="timeline-item record-entry">
      <p className="timeline-when">{formatDay(award.awardedOn, locale)}</p>
      <p className="timeline-title">{award.title}</p>
      <p className="badge-row">
        <span className="badge">{levelLabel(award.level, t)}</span>
        <span className="badge badge-muted">{t(`awards.scopes.${award.scope}`)}</span>
        <span className="badge badge-muted">{recipientLabel(award, locale, kind, t)}</span>
      </p>
      {children}
      <p className="small">
        {t('records.awards.activity')}
        {linked ? (
          <Link to={`/activities/${award.activityId}`}>{award.activityTitle}</Link>
        ) : (
          award.activityTitle
        )}
      </p>
      {award.presenterName ? (
        <p className="small muted">
          {award.presenterTitle
            ? t('records.awards.presenterWithTitle', {
                name: award.presenterName,
                title: award.presenterTitle,
              })
            : t('records.awards.presenter', { name: award.presenterName })}
        </p>
      ) : null}
      {award.citation ? <p className="small">{award.citation}</p> : null}
    </li>
  )
}

function recipientLabel(
  award: AwardShown,
  locale: Locale,
  kind: SchoolKind,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (award.recipientKind === 'team') {
    return award.teamName
      ? t('records.awards.team', { team: award.teamName })
      : t('records.awards.teamUnnamed')
  }
  if (award.recipientKind === 'class') {
    if (award.gradeLevel === null || award.classNumber === null) return t('records.awards.classUnnamed')
    const name = classLabel(locale, kind, {
      gradeLevel: award.gradeLevel,
      number: award.classNumber,
      name: award.className ?? '',
    })
    return t('records.awards.class', { class: name })
  }
  return t('records.awards.pupil')
}

function periodLabel(period: TimelinePeriod, t: (key: string, options?: Record<string, unknown>) => string) {
  if (period.yearName && period.termName) {
    return t('records.timeline.term', { year: period.yearName, term: period.termName })
  }
  if (period.yearName) return t('records.timeline.year', { year: period.yearName })
  return t('records.timeline.undated')
}

/** A record spans every year the pupil was here, newest first: links to where each year begins. */
function YearLinks({ periods }: { periods: PupilRecord['periods'] }) {
  const { t } = useTranslation()
  const firstOfYear = new Map<string, string>()
  for (const period of periods) {
    if (period.yearName && !firstOfYear.has(period.yearName)) firstOfYear.set(period.yearName, period.key)
  }
  if (firstOfYear.size < 2) return null
  return (
    <nav className="year-links" aria-label={t('records.timeline.years')}>
      <ul>
        {[...firstOfYear].map(([yearName, key]) => (
          <li key={key}>
            <a href={`#period-${key}`}>{t('records.timeline.yearLink', { year: yearName })}</a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function Timeline({
  record,
  audience,
  timeZone,
}: {
  record: PupilRecord
  audience: RecordAudience
  timeZone: string
}) {
  const { t } = useTranslation()
  return (
    <section className="section record-timeline" aria-labelledby="record-timeline-title">
      <h2 id="record-timeline-title">{t('records.timeline.title')}</h2>
      {record.entryCount ? (
        <>
          <p className="muted">{t('records.timeline.count', { count: record.entryCount })}</p>
          <YearLinks periods={record.periods} />
          {record.periods.map((period) => (
            <section key={period.key} className="record-period" aria-labelledby={`period-${period.key}`}>
              <h3 id={`period-${period.key}`}>{periodLabel(period, t)}</h3>
              <ol className="timeline">
                {period.entries.map((entry) => (
                  <Entry
                    key={entry.id}
                    entry={entry}
                    record={record}
                    audience={audience}
                    timeZone={timeZone}
                  />
                ))}
              </ol>
            </section>
          ))}
        </>
      ) : (
        <p className="muted">{t('records.timeline.empty')}</p>
      )}
    </section>
  )
}

const STATUS_TONE = {
  attended: 'badge',
  absent: 'badge badge-warning',
  excused: 'badge badge-muted',
} as const

/**
 * An entry's status and role. An unmarked entry is a role planned ahead (or not yet marked on the
 * day): it reads as planned, never as attended, until the day's sheet is saved.
 */
export function StatusAndRole({
  status,
  role,
}: {
  status: AttendanceStatus | null
  role: ParticipationRole
}) {
  const { t } = useTranslation()
  const roleName = t(`participation.roles.${role}`)
  if (status === null) {
    return <span className="badge badge-muted">{t('records.timeline.planned', { role: roleName })}</span>
  }
  return (
    <>
      <span className={STATUS_TONE[status]}>{t(`participation.statuses.${status}`)}</span>
      <span className="badge badge-muted">{roleName}</span>
    </>
  )
}

const STATE_TONE = {
  recorded: 'badge badge-muted',
  on_notice: 'badge badge-warning',
  locked: 'badge',
  disputed: 'badge badge-warning',
} as const

function Entry({
  entry,
  record,
  audience,
  timeZone,
}: {
  entry: TimelineEntry
  record: PupilRecord
  audience: RecordAudience
  timeZone: string
}) {
  const { t } = useTranslation()
  const { locale, kind } = useRecordLabels(record)
  const attended = entry.status === 'attended'
  const when = formatInstant(entry.startsAt, locale, timeZone, 'day')
  const classAtTime = classLabel(locale, kind, {
    gradeLevel: entry.gradeLevel,
    number: entry.classNumber,
    name: entry.className,
  })
  const hours =
    entry.hours === null
      ? null
      : entry.practiceCategory
        ? t('records.timeline.practice', {
            category: t(`activities.practice.${entry.practiceCategory}`),
            hours: entry.hours,
          })
        : entry.hours > 0
          ? t('records.timeline.hours', { hours: entry.hours })
          : null
  return (
    <li className="timeline-item record-entry">
      <p className="timeline-when">
        {when} · {t('records.timeline.classAtTime', { class: classAtTime })}
      </p>
      <p className="timeline-title">
        {entry.linked ? <Link to={`/activities/${entry.activityId}`}>{entry.title}</Link> : entry.title}
      </p>
      <p className="badge-row">
        <StatusAndRole status={entry.status} role={entry.role} />
        {hours ? <span className="badge">{hours}</span> : null}
        {entry.patrioticBase ? <span className="badge">{t('records.timeline.patrioticBase')}</span> : null}
        {attended && hours && entry.stage === 'primary' ? (
          <span className="badge badge-muted">{t('records.timeline.notCounted')}</span>
        ) : null}
        {attended ? (
          <span className={STATE_TONE[entry.state]}>
            <span className="visually-hidden">{t('records.timeline.noticeState')}</span>
            {t(`records.states.${entry.state}`)}
          </span>
        ) : null}
      </p>
      <p className="small muted">
        {entry.strandTitle
          ? t('records.timeline.seasonAndStrand', { season: entry.seasonTitle, strand: entry.strandTitle })
          : t('records.timeline.season', { season: entry.seasonTitle })}
      </p>
      {audience === 'staff' && entry.excuseReason ? (
        <p className="small">{t('records.timeline.excuse', { reason: entry.excuseReason })}</p>
      ) : null}
      {audience === 'staff' && entry.note ? (
        <p className="small">{t('records.timeline.note', { note: entry.note })}</p>
      ) : null}
    </li>
  )
}
