import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '~/components/status-badge'
import type { Placement } from '~/domain/calendar-grid'
import { classLabel, gradeLabel } from '~/domain/grades'
import { formatDay } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { View } from './calendar.server'
import type { GridData } from './route'

type Day = GridData['days'][number]
type DayActivity = Day['activities'][number]

export type Query = { view?: View; date?: string; grade?: string; classId?: string }

function calendarHref({ view, date, grade, classId }: Query): string {
  const params = new URLSearchParams()
  if (view && view !== 'month') params.set('view', view)
  if (date) params.set('date', date)
  if (grade) params.set('grade', grade)
  if (classId) params.set('class', classId)
  const search = params.toString()
  return search ? `/calendar?${search}` : '/calendar'
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export function ViewLinks({ current, isStaff, query }: { current: View; isStaff: boolean; query: Query }) {
  const { t } = useTranslation()
  const views: View[] = isStaff ? ['month', 'week', 'agenda'] : ['month', 'week']
  return (
    <nav aria-label={t('calendar.views.label')}>
      <ul className="link-row plain-list calendar-views">
        {views.map((view) => (
          <li key={view}>
            <Link
              to={calendarHref({ ...query, view })}
              aria-current={view === current ? 'page' : undefined}
              className={view === current ? 'button button-small' : 'button button-secondary button-small'}
            >
              {t(`calendar.views.${view}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

export function FilterForm({ data }: { data: GridData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const isParent = data.role === 'parent'
  const gradesWithClasses = data.grades.map((grade) => ({
    ...grade,
    classes: data.classes.filter((c) => c.gradeLevel === grade.level),
  }))
  return (
    <Form
      method="get"
      className="inline-form filter-form"
      role="search"
      aria-label={t('calendar.filter.title')}
    >
      {data.view === 'month' ? null : <input type="hidden" name="view" value={data.view} />}
      <div className="field">
        <label htmlFor="calendar-date">{t('calendar.filter.date')}</label>
        <input id="calendar-date" name="date" type="date" defaultValue={data.date} />
      </div>
      {isParent ? (
        <div className="field">
          <label htmlFor="calendar-class">{t('calendar.filter.child')}</label>
          <select id="calendar-class" name="class" defaultValue={data.filter.classId}>
            <option value="">{t('calendar.filter.allChildren')}</option>
            {data.children.map((child) => (
              <option key={`${child.classId}-${child.name}`} value={child.classId}>
                {t('calendar.filter.childOption', {
                  name: child.name,
                  class: classLabel(locale, data.kind, {
                    gradeLevel: child.gradeLevel,
                    number: child.classNumber,
                    name: child.className,
                  }),
                })}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="calendar-grade">{t('calendar.filter.grade')}</label>
            <select id="calendar-grade" name="grade" defaultValue={data.filter.grade}>
              <option value="">{t('calendar.filter.allGrades')}</option>
              {data.grades.map((grade) => (
                <option key={grade.level} value={grade.level}>
                  {gradeLabel(locale, data.kind, grade)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="calendar-class">{t('calendar.filter.class')}</label>
            <select
              id="calendar-class"
              name="class"
              defaultValue={data.filter.classId}
              aria-describedby="calendar-class-hint"
            >
              <option value="">{t('calendar.filter.allClasses')}</option>
              {gradesWithClasses.map((grade) => (
                <optgroup key={grade.level} label={gradeLabel(locale, data.kind, grade)}>
                  {grade.classes.map((c) => (
                    <option key={c.id} value={c.id}>
                      {classLabel(locale, data.kind, c)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <p id="calendar-class-hint" className="field-hint">
              {t('calendar.filter.classHint')}
            </p>
          </div>
        </>
      )}
      <button type="submit" className="button button-secondary">
        {t('calendar.filter.show')}
      </button>
    </Form>
  )
}

export function PeriodNav({ data, query }: { data: GridData; query: Query }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('calendar.periodNav')}>
      <ul className="link-row plain-list calendar-period-nav">
        <li>
          <Link to={calendarHref({ ...query, date: data.previous })} rel="prev">
            {t(`calendar.previous.${data.view}`)}
          </Link>
        </li>
        <li>
          <Link to={calendarHref({ ...query, date: undefined })}>{t('calendar.today')}</Link>
        </li>
        <li>
          <Link to={calendarHref({ ...query, date: data.next })} rel="next">
            {t(`calendar.next.${data.view}`)}
          </Link>
        </li>
      </ul>
    </nav>
  )
}

function timeOf(placement: Placement<unknown>, t: (key: string, values?: Record<string, string>) => string) {
  const values = { start: placement.startTime, end: placement.endTime }
  switch (placement.part) {
    case 'single':
      return t('calendar.time.range', values)
    case 'first':
      return t('calendar.time.from', values)
    case 'last':
      return t('calendar.time.until', values)
    default:
      return t('calendar.time.allDay')
  }
}

function ActivityItem({ placement, isStaff }: { placement: DayActivity; isStaff: boolean }) {
  const { t } = useTranslation()
  const { activity } = placement
  const unpublished = activity.status !== 'published'
  return (
    <li className={isStaff && unpublished ? 'calendar-event calendar-event-unpublished' : 'calendar-event'}>
      <span className="calendar-event-time">{timeOf(placement, t)}</span>{' '}
      <Link to={`/activities/${activity.id}`}>{activity.title}</Link>
      {isStaff && unpublished ? (
        <>
          {' '}
          <StatusBadge status={activity.status} />
        </>
      ) : null}
      {activity.offCampus ? (
        <>
          {' '}
          <span className="badge badge-warning">{t('calendar.offCampus')}</span>
        </>
      ) : null}
    </li>
  )
}

function DayCell({ day, isStaff }: { day: Day; isStaff: boolean }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const empty = !day.activities.length && !day.observances.length && !day.daysOff.length
  // A make-up working day (调休上班) is a school day, even on a Saturday or Sunday.
  const workday = day.daysOff.some((off) => off.kind === 'workday')
  const classes = [
    'calendar-day',
    day.inMonth ? '' : 'calendar-day-outside',
    day.isToday ? 'calendar-day-today' : '',
    day.isWeekend && !workday ? 'calendar-day-weekend' : '',
    day.daysOff.some((off) => off.kind !== 'workday') ? 'calendar-day-off' : '',
    empty && !day.isToday ? 'calendar-day-empty' : '',
  ].filter(Boolean)
  return (
    <li className={classes.join(' ')} aria-current={day.isToday ? 'date' : undefined}>
      <h3 className="calendar-day-heading">
        <time dateTime={day.date}>
          <span className="calendar-day-number" aria-hidden="true">
            {Number(day.date.slice(8))}
          </span>{' '}
          <span className="calendar-day-date">{formatDay(day.date, locale, 'dayWithWeekday')}</span>
        </time>
        {day.isToday ? <span className="calendar-today-mark">{t('calendar.todayMark')}</span> : null}
      </h3>
      {empty ? null : (
        <ul className="calendar-items">
          {day.observances.map((o) => (
            <li key={o.key} className="calendar-observance">
              <span className="visually-hidden">{t('calendar.observance')}</span>
              {t(`observances.${o.key}`)}
            </li>
          ))}
          {day.daysOff.map((off) => (
            <li key={`${off.name}-${off.startsOn}`} className="calendar-holiday">
              <span className="badge badge-muted">{t(`school.calendar.kinds.${off.kind}`)}</span> {off.name}
            </li>
          ))}
          {day.activities.map((placement) => (
            <ActivityItem key={placement.activity.id} placement={placement} isStaff={isStaff} />
          ))}
        </ul>
      )}
    </li>
  )
}

export function CalendarGrid({ data }: { data: GridData }) {
  const { t } = useTranslation()
  const isStaff = data.role !== 'parent'
  const hasActivities = data.days.some((day) => day.activities.length)
  return (
    <>
      {hasActivities ? null : <p className="muted">{t('calendar.empty')}</p>}
      {/* Weekday names head the columns of the wide grid; each day's heading names its own weekday. */}
      <ol className="calendar-weekdays" aria-hidden="true">
        {WEEKDAYS.map((day) => (
          <li key={day}>{t(`calendar.weekdays.${day}`)}</li>
        ))}
      </ol>
      <ol
        className={data.view === 'month' ? 'calendar-days calendar-month' : 'calendar-days calendar-week'}
        aria-label={t('calendar.days')}
      >
        {data.days.map((day) => (
          <DayCell key={day.date} day={day} isStaff={isStaff} />
        ))}
      </ol>
    </>
  )
}
