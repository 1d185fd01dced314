import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '~/components/page-header'
import { StatusBadge } from '~/components/status-badge'
import { classLabel } from '~/domain/grades'
import { formatDay, formatDayRange, formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { HomeData, SeasonsOfYear } from './route'

function SeasonsSummary({
  seasons,
  waiting,
}: {
  seasons: Pick<SeasonsOfYear[number], 'id' | 'title' | 'status' | 'startsOn' | 'endsOn'>[]
  waiting?: number
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section aria-labelledby="seasons-title" className="card stack">
      <h2 id="seasons-title">{t('home.seasonsTitle')}</h2>
      {waiting ? (
        <p className="alert alert-info">
          <Link to="/reviews">{t('home.waitingReviews', { count: waiting })}</Link>
        </p>
      ) : null}
      {seasons.length ? (
        <ul className="plain-list">
          {seasons.map((season) => (
            <li key={season.id}>
              <Link to={`/seasons/${season.id}`}>{season.title}</Link> <StatusBadge status={season.status} />{' '}
              <span className="muted small">{formatDayRange(season.startsOn, season.endsOn, locale)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('home.noSeasons')}</p>
      )}
      <p className="link-row">
        <Link to="/seasons">{t('home.allSeasons')}</Link>
        <Link to="/calendar">{t('home.openCalendar')}</Link>
      </p>
    </section>
  )
}

type Day = { id: number; name: string; startsOn: string; endsOn: string }

function DayItems({ days }: { days: Day[] }) {
  const locale = useLocale()
  return (
    <ul className="plain-list">
      {days.map((day) => (
        <li key={day.id}>
          <strong>{day.name}</strong> {formatDayRange(day.startsOn, day.endsOn, locale)}
        </li>
      ))}
    </ul>
  )
}

function UpcomingDaysOff({ holidays, exams }: { holidays: Day[]; exams: Day[] }) {
  const { t } = useTranslation()
  return (
    <>
      <section aria-labelledby="days-off-title" className="section">
        <h2 id="days-off-title">{t('home.upcomingDaysOff')}</h2>
        {holidays.length ? <DayItems days={holidays} /> : <p>{t('home.noUpcomingDaysOff')}</p>}
      </section>
      {exams.length ? (
        <section aria-labelledby="exams-title" className="section">
          <h2 id="exams-title">{t('home.examWeeks')}</h2>
          <DayItems days={exams} />
        </section>
      ) : null}
    </>
  )
}

function OverdueTasks({ tasks }: { tasks: Extract<HomeData, { view: 'teacher' }>['overdueTasks'] }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section aria-labelledby="overdue-title" className="card stack">
      <h2 id="overdue-title">{t('home.overdueTasks')}</h2>
      {tasks.length ? (
        <ul className="plain-list">
          {tasks.map((task) => (
            <li key={task.id}>
              <Link to={`/activities/${task.activityId}`}>{task.activityTitle}</Link>
              {' · '}
              {task.title}{' '}
              <span className="muted small">
                {task.dueOn ? t('home.taskDue', { day: formatDay(task.dueOn, locale) }) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('home.noOverdueTasks')}</p>
      )}
    </section>
  )
}

function OpenNotices({ data }: { data: Extract<HomeData, { view: 'teacher' }> }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <section aria-labelledby="notices-title" className="card stack">
      <h2 id="notices-title">{t('home.openNotices')}</h2>
      {data.noticeWindows.length ? (
        <ul className="plain-list">
          {data.noticeWindows.map((window) => (
            <li key={window.id}>
              <Link to={`/notices/${window.id}`}>
                {t('home.noticeOf', { className: classLabel(locale, data.schoolKind, window) })}
              </Link>{' '}
              <span className="muted small">{formatDayRange(window.opensOn, window.closesOn, locale)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('home.noOpenNotices')}</p>
      )}
    </section>
  )
}

export function AdminHome({ data }: { data: Extract<HomeData, { view: 'admin' }> }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <>
      <PageHeader
        title={t('home.welcome', { name: data.name })}
        lead={t('home.adminLead', { school: data.schoolName })}
      />
      <SeasonsSummary seasons={data.seasons} waiting={data.waiting} />
      <section aria-labelledby="structure-title" className="section">
        <h2 id="structure-title">{t('home.structure')}</h2>
        <dl className="stats">
          <div>
            <dt>{t('home.grades')}</dt>
            <dd>{data.counts.grades}</dd>
          </div>
          <div>
            <dt>{t('home.classes')}</dt>
            <dd>{data.counts.classes}</dd>
          </div>
          <div>
            <dt>{t('home.pupils')}</dt>
            <dd>{data.counts.pupils}</dd>
          </div>
          {(['admin', 'teacher', 'parent'] as const).map((role) => (
            <div key={role}>
              {/* A count's label, not the role's name: "Administrator 2" read as a person. */}
              <dt>{t(`home.roleAccounts.${role}`)}</dt>
              <dd>{data.accounts[role]}</dd>
            </div>
          ))}
        </dl>
        <p className="link-row">
          <Link to="/school">{t('home.manageSchool')}</Link>
          <Link to="/school/accounts">{t('home.manageAccounts')}</Link>
        </p>
      </section>
      <div className="grid-2">
        <section aria-labelledby="year-title" className="card">
          <h2 id="year-title">{t('home.currentYear')}</h2>
          {data.currentYear ? (
            <>
              <p>
                <strong>{data.currentYear.name}</strong> ·{' '}
                {formatDayRange(data.currentYear.startsOn, data.currentYear.endsOn, locale)}
              </p>
              <h3>{t('home.termsAndDaysOff')}</h3>
              <ul className="plain-list">
                {data.terms.map((term) => (
                  <li key={`term-${term.id}`}>
                    <strong>{term.name}</strong> {formatDayRange(term.startsOn, term.endsOn, locale)}
                  </li>
                ))}
                {data.holidays.map((day) => (
                  <li key={`day-${day.id}`}>
                    {day.name} {formatDayRange(day.startsOn, day.endsOn, locale)}
                  </li>
                ))}
              </ul>
              {data.exams.length ? (
                <>
                  <h3>{t('home.yearExamWeeks')}</h3>
                  <DayItems days={data.exams} />
                </>
              ) : null}
            </>
          ) : (
            <p>{t('home.noCurrentYear')}</p>
          )}
          <p className="link-row">
            <Link to="/school/calendar">{t('home.manageCalendar')}</Link>
            <Link to="/school/year-start">{t('school.yearStart.title')}</Link>
          </p>
        </section>
        <section aria-labelledby="audit-title" className="card">
          <h2 id="audit-title">{t('home.recentActivity')}</h2>
          {data.audit.length ? (
            <ul className="plain-list">
              {data.audit.map((entry) => (
                <li key={entry.id}>
                  <span className="muted">{formatInstant(entry.createdAt, locale, data.timeZone)}</span>{' '}
                  {entry.userName ?? t('auditLog.system')} ·{' '}
                  {t(`audit.${entry.action}`, { defaultValue: entry.action })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('home.noRecentActivity')}</p>
          )}
          <p>
            <Link to="/school/audit">{t('home.allAudit')}</Link>
          </p>
        </section>
      </div>
    </>
  )
}

export function TeacherHome({ data }: { data: Extract<HomeData, { view: 'teacher' }> }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <>
      <PageHeader title={t('home.welcome', { name: data.name })} lead={t('home.teacherLead')} />
      <SeasonsSummary seasons={data.seasons} />
      <div className="grid-2">
        <OverdueTasks tasks={data.overdueTasks} />
        <OpenNotices data={data} />
      </div>
      <section aria-labelledby="classes-title" className="section">
        <h2 id="classes-title">{t('home.myClasses')}</h2>
        {data.classes.length ? (
          <ul className="card-grid">
            {data.classes.map((c) => (
              <li key={c.id} className="card">
                <h3>
                  <Link to={`/classes/${c.id}`}>{classLabel(locale, data.schoolKind, c)}</Link>
                </h3>
                <p>{t('home.pupilCount', { count: Number(c.studentCount ?? 0) })}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('home.noClasses')}</p>
        )}
        <p>
          <Link to="/classes">{t('home.allClasses')}</Link>
        </p>
      </section>
      <UpcomingDaysOff holidays={data.holidays} exams={data.exams} />
    </>
  )
}
