import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '~/components/status-badge'
import { formatDay, formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { AgendaData } from './route'

export function AgendaView({ data }: { data: AgendaData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { agenda, timeZone } = data
  const nothing = !agenda.days.length && !agenda.overdue.length && !agenda.undated.length
  type Activity = AgendaData['agenda']['days'][number]['activities'][number]
  type Task = AgendaData['agenda']['undated'][number]
  const timeOfActivity = (a: Activity) => {
    if (a.hours) return t('calendar.time.range', a.hours)
    const start = formatInstant(a.startsAt, locale, timeZone)
    const end = formatInstant(a.endsAt, locale, timeZone)
    return t('calendar.agenda.range', { start, end })
  }
  // Under a day's heading the due date goes without saying; overdue tasks need it.
  const taskItem = (task: Task, withDue = false) => (
    <li key={`task-${task.id}`} className="calendar-task">
      <span className="badge badge-muted">{t('calendar.agenda.task')}</span> {task.title}
      {withDue && task.dueOn ? <span className="muted"> · {formatDay(task.dueOn, locale)}</span> : null}
      <br />
      <span className="muted">{t('calendar.agenda.forActivity')}</span>
      <Link to={`/activities/${task.activityId}`}>{task.activityTitle}</Link>
    </li>
  )
  return (
    <section aria-labelledby="agenda-title" className="stack">
      <div>
        <h2 id="agenda-title">{t('calendar.agenda.title')}</h2>
        <p className="muted">{t('calendar.agenda.lead')}</p>
      </div>
      {nothing ? <p>{t('calendar.agenda.empty')}</p> : null}
      {agenda.overdue.length ? (
        <section aria-labelledby="agenda-overdue" className="card">
          <h3 id="agenda-overdue">{t('calendar.agenda.overdue')}</h3>
          <ul className="calendar-items">{agenda.overdue.map((task) => taskItem(task, true))}</ul>
        </section>
      ) : null}
      {agenda.days.length ? (
        <ol className="calendar-agenda">
          {agenda.days.map((day) => (
            <li
              key={day.date}
              className={day.date === data.today ? 'calendar-day calendar-day-today' : 'calendar-day'}
              aria-current={day.date === data.today ? 'date' : undefined}
            >
              <h3 className="calendar-day-heading">
                <time dateTime={day.date}>{formatDay(day.date, locale, 'dayWithWeekday')}</time>
                {day.date === data.today ? (
                  <span className="calendar-today-mark">{t('calendar.todayMark')}</span>
                ) : null}
              </h3>
              <ul className="calendar-items">
                {day.activities.map((activity) => (
                  <li key={`activity-${activity.id}`} className="calendar-event">
                    <span className="calendar-event-time">{timeOfActivity(activity)}</span>{' '}
                    <Link to={`/activities/${activity.id}`}>{activity.title}</Link>{' '}
                    <span className="badge">
                      {activity.organiser ? t('calendar.agenda.organiser') : t('calendar.agenda.staff')}
                    </span>
                    {activity.status === 'published' ? null : (
                      <>
                        {' '}
                        <StatusBadge status={activity.status} />
                      </>
                    )}
                    {activity.offCampus ? (
                      <>
                        {' '}
                        <span className="badge badge-warning">{t('calendar.offCampus')}</span>
                      </>
                    ) : null}
                  </li>
                ))}
                {day.tasks.map((task) => taskItem(task))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
      {agenda.undated.length ? (
        <section aria-labelledby="agenda-undated" className="card">
          <h3 id="agenda-undated">{t('calendar.agenda.undated')}</h3>
          <ul className="calendar-items">{agenda.undated.map((task) => taskItem(task))}</ul>
        </section>
      ) : null}
    </section>
  )
}
