import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { StatusBadge } from '~/components/status-badge'
import { isVisibleToFamilies, PLAN_STATUSES } from '~/domain/approval'
import {
  agendaDays,
  type CalendarView,
  calendarDays,
  dayOrDefault,
  type GridDay,
  localDaysOf,
  monthGrid,
  type Placement,
  periodOf,
  shiftPeriod,
  weekRange,
} from '~/domain/calendar-grid'
import { classLabel, gradeLabel } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import { parseId } from '~/domain/schemas'
import { instantRangeOfDays, startOfLocalDay, toLocalDateTime } from '~/domain/school-time'
import { recordAudit } from '~/models/audit.server'
import {
  classReach,
  getActiveFeed,
  gradeReach,
  insertFeed,
  listActivitiesOfStaff,
  listCalendarActivities,
  listOpenTasksOfOwner,
  type Reach,
  revokeFeeds,
} from '~/models/calendar.server'
import { listChildrenOfGuardian } from '~/models/family.server'
import { listClasses, listDaysOff, listGrades } from '~/models/school.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import * as clock from '~/utils/clock'
import { formatDay, formatDayRange, formatInstant, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { createFeedToken } from '~/utils/ics.server'
import { pageTitle } from '~/utils/meta'
import { observancesBetween } from '~/utils/observances.server'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

const FAMILY_STATUSES = PLAN_STATUSES.filter(isVisibleToFamilies)
const AGENDA_LIMIT = 200

type View = CalendarView | 'agenda'

function viewOf(value: string | null): View {
  return value === 'week' || value === 'agenda' ? value : 'month'
}

/** A grade level from the URL (`?grade=5`), or null when absent; anything else is not a grade. */
function levelOf(value: string | null): number | null | 'invalid' {
  if (!value) return null
  return /^[1-9]\d?$/.test(value) ? Number(value) : 'invalid'
}

/** Feeds are written in the language of the page that handed out their address. */
function langSuffix(locale: Locale): string {
  return locale === 'en' ? '?lang=en' : ''
}

function webcal(url: string): string {
  return url.replace(/^https?:/, 'webcal:')
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'calendar:read' })
  const { schoolId } = user
  const timeZone = user.school.timeZone
  const isParent = user.role === 'parent'
  const params = new URL(request.url).searchParams
  const view = viewOf(params.get('view'))
  if (view === 'agenda' && isParent) throw new Response('Forbidden', { status: 403 })
  const today = todayIn(timeZone)
  const date = dayOrDefault(params.get('date'), today)

  if (view === 'agenda') return { ...(await agendaOf(user, today)), view, date, today }

  const [grades, classes, children] = await Promise.all([
    listGrades(db, { schoolId }),
    isParent ? Promise.resolve([]) : listClasses(db, { schoolId }),
    isParent ? listChildrenOfGuardian(db, { schoolId, guardianId: user.id }) : Promise.resolve([]),
  ])
  const { filter, reaches } = filterOf(params, { isParent, grades, classes, children })

  const calendarView: CalendarView = view
  const gridDays: GridDay[] =
    calendarView === 'month'
      ? monthGrid(date).weeks.flat()
      : weekRange(date).days.map((day) => ({ date: day, inMonth: true }))
  const first = gridDays[0]?.date ?? date
  const last = gridDays.at(-1)?.date ?? date
  const range = instantRangeOfDays(first, last, timeZone)
  const [activities, daysOff, feed] = await Promise.all([
    listCalendarActivities(db, {
      schoolId,
      ...range,
      statuses: isParent ? FAMILY_STATUSES : undefined,
      reaches,
    }),
    listDaysOff(db, { schoolId }),
    isParent ? getActiveFeed(db, { schoolId, userId: user.id }) : Promise.resolve(undefined),
  ])
  const days = calendarDays({
    days: gridDays,
    today,
    timeZone,
    activities: activities.map((a) => ({
      id: a.id,
      title: a.title,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      offCampus: a.offCampus === 1,
    })),
    observances: observancesBetween(first, last),
    daysOff: daysOff
      .filter((day) => day.startsOn <= last && day.endsOn >= first)
      .map((day) => ({ name: day.name, kind: day.kind, startsOn: day.startsOn, endsOn: day.endsOn })),
  })

  return {
    view: calendarView,
    date,
    today,
    role: user.role,
    kind: user.school.kind,
    period: periodOf(date, calendarView),
    previous: shiftPeriod(date, calendarView, -1),
    next: shiftPeriod(date, calendarView, 1),
    timeZone,
    filter,
    grades: grades.map((g) => ({ level: g.level, name: g.name })),
    classes: classes.map((c) => ({ id: c.id, number: c.number, name: c.name, gradeLevel: c.gradeLevel })),
    children: children.map((child) => ({
      name: child.name,
      classId: child.classId,
      classNumber: child.classNumber,
      className: child.className,
      gradeLevel: child.gradeLevel,
      gradeName: child.gradeName,
    })),
    days,
    feeds: isParent ? feedsOf(request, user, children, feed) : null,
  }
}

type ClassOption = { id: number; gradeLevel: number }

/**
 * What the calendar shows: a parent only ever their children's grades and classes, narrowed by the
 * filter; a grade is named by level, a class by id, and either must be one the user may choose.
 */
function filterOf(
  params: URLSearchParams,
  {
    isParent,
    grades,
    classes,
    children,
  }: {
    isParent: boolean
    grades: { id: number; level: number }[]
    classes: ClassOption[]
    children: { classId: number; gradeLevel: number }[]
  },
): { filter: { grade: string; classId: string }; reaches: Reach[] } {
  const gradeIdOf = (level: number) => grades.find((grade) => grade.level === level)?.id ?? 0
  const level = levelOf(params.get('grade'))
  const classParam = params.get('class')
  const classId = classParam ? parseId(classParam) : null
  if (level === 'invalid' || (classParam && !classId)) notFound()
  const choosable: ClassOption[] = isParent
    ? children.map((child) => ({ id: child.classId, gradeLevel: child.gradeLevel }))
    : classes
  const chosen = classId ? choosable.find((c) => c.id === classId) : undefined
  if (classId && !chosen) notFound()
  const levels = isParent ? children.map((child) => child.gradeLevel) : grades.map((grade) => grade.level)
  if (level !== null && !levels.includes(level)) notFound()

  const reaches: Reach[] = []
  if (isParent) {
    reaches.push({
      grades: children.map((child) => gradeIdOf(child.gradeLevel)),
      classes: children.map((child) => child.classId),
      classesOfGrades: [],
    })
  }
  if (chosen) reaches.push(classReach(chosen.id, gradeIdOf(chosen.gradeLevel)))
  else if (level !== null) reaches.push(gradeReach(gradeIdOf(level)))
  return {
    filter: { grade: level === null ? '' : String(level), classId: chosen ? String(chosen.id) : '' },
    reaches,
  }
}

function feedsOf(
  request: Request,
  user: SessionUser,
  children: { name: string; gradeLevel: number; gradeName: string }[],
  feed: { createdAt: string } | undefined,
) {
  const origin = publicOrigin()
  const suffix = langSuffix(resolveLocale(request))
  const byLevel = new Map<number, { level: number; gradeName: string; children: string[] }>()
  for (const child of children) {
    const entry = byLevel.get(child.gradeLevel) ?? {
      level: child.gradeLevel,
      gradeName: child.gradeName,
      children: [],
    }
    entry.children.push(child.name)
    byLevel.set(child.gradeLevel, entry)
  }
  return {
    grades: [...byLevel.values()].map((grade) => {
      const url = `${origin}/ics/${user.school.slug}/${grade.level}.ics${suffix}`
      return { ...grade, url, webcal: webcal(url) }
    }),
    activeSince: feed?.createdAt ?? null,
  }
}

async function agendaOf(user: SessionUser, today: string) {
  const { schoolId } = user
  const timeZone = user.school.timeZone
  const [activities, tasks] = await Promise.all([
    listActivitiesOfStaff(db, {
      schoolId,
      userId: user.id,
      from: startOfLocalDay(today, timeZone),
      limit: AGENDA_LIMIT,
    }),
    listOpenTasksOfOwner(db, { schoolId, userId: user.id, limit: AGENDA_LIMIT }),
  ])
  const agenda = agendaDays({
    activities: activities.map((a) => {
      const days = localDaysOf(a, timeZone)
      // Under its day's heading a one-day activity needs only its hours.
      const hours =
        days.first === days.last
          ? {
              start: toLocalDateTime(a.startsAt, timeZone).slice(11),
              end: toLocalDateTime(a.endsAt, timeZone).slice(11),
            }
          : null
      return { ...a, organiser: a.organiserId === user.id, hours }
    }),
    tasks,
    today,
    timeZone,
  })
  return { role: user.role, timeZone, agenda }
}

// The answer carries the private feed's address, shown once: no cache may keep it.
const NO_STORE = { 'Cache-Control': 'no-store' }

type FeedReply = { form: 'create-feed'; url: string; webcal: string }

export async function action({ request }: ActionFunctionArgs) {
  // Private feeds are a parent's own: staff have no children's calendar to subscribe to.
  const user = await requireUser(request, { permission: 'family:read' })
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'create-feed':
      return createFeed(request, user)
    case 'revoke-feed':
      return revokeFeed(request, user)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function createFeed(request: Request, user: SessionUser) {
  const { schoolId } = user
  const { token, hash } = createFeedToken()
  await db.transaction().execute(async (trx) => {
    const replaced = await revokeFeeds(trx, { schoolId, userId: user.id, now: clock.nowIso() })
    for (const id of replaced) {
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'calendar-feed-revoked',
        entity: 'calendar_feed',
        entityId: id,
        detail: { replaced: true },
      })
    }
    const id = await insertFeed(trx, { schoolId, userId: user.id, tokenHash: hash })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'calendar-feed-created',
      entity: 'calendar_feed',
      entityId: id,
    })
  })
  const url = `${publicOrigin()}/ics/private/${token}.ics${langSuffix(resolveLocale(request))}`
  return data<FeedReply>({ form: 'create-feed', url, webcal: webcal(url) }, { headers: NO_STORE })
}

async function revokeFeed(request: Request, user: SessionUser) {
  const { schoolId } = user
  await db.transaction().execute(async (trx) => {
    const revoked = await revokeFeeds(trx, { schoolId, userId: user.id, now: clock.nowIso() })
    for (const id of revoked) {
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'calendar-feed-revoked',
        entity: 'calendar_feed',
        entityId: id,
      })
    }
  })
  const { search } = new URL(request.url)
  return redirectWithFlash(user, `/calendar${search}#feeds`, 'calendar.feeds.revoked')
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type GridData = Exclude<LoaderData, { view: 'agenda' }>
type AgendaData = Extract<LoaderData, { view: 'agenda' }>
type Day = GridData['days'][number]
type DayActivity = Day['activities'][number]

type Query = { view?: View; date?: string; grade?: string; classId?: string }

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

function ViewLinks({ current, isStaff, query }: { current: View; isStaff: boolean; query: Query }) {
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

function FilterForm({ data }: { data: GridData }) {
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

function PeriodNav({ data, query }: { data: GridData; query: Query }) {
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

function CalendarGrid({ data }: { data: GridData }) {
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

function FeedsSection({ data }: { data: GridData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const reply = useActionData<typeof action>()
  const feeds = data.feeds
  if (!feeds) return null
  const separator = t('common.listSeparator')
  return (
    <section id="feeds" className="card stack section" aria-labelledby="feeds-title">
      <div>
        <h2 id="feeds-title">{t('calendar.feeds.title')}</h2>
        <p className="muted">{t('calendar.feeds.lead')}</p>
      </div>
      {feeds.grades.length ? (
        <section className="stack" aria-labelledby="grade-feeds-title">
          <h3 id="grade-feeds-title">{t('calendar.feeds.gradeTitle')}</h3>
          <p className="muted">{t('calendar.feeds.gradeLead')}</p>
          <ul className="plain-list stack">
            {feeds.grades.map((grade) => {
              const name = t('calendar.feeds.gradeFeed', {
                grade: gradeLabel(locale, data.kind, { level: grade.level, name: grade.gradeName }),
                children: grade.children.join(separator),
              })
              return (
                <li key={grade.level} className="field">
                  <label htmlFor={`grade-feed-${grade.level}`}>{name}</label>
                  <input
                    id={`grade-feed-${grade.level}`}
                    className="calendar-feed-url"
                    type="url"
                    readOnly
                    value={grade.url}
                  />
                  <a href={grade.webcal}>
                    {t('calendar.feeds.subscribe')}
                    <span className="visually-hidden"> {name}</span>
                  </a>
                </li>
              )
            })}
          </ul>
        </section>
      ) : null}
      <section className="stack" aria-labelledby="private-feed-title">
        <h3 id="private-feed-title">{t('calendar.feeds.privateTitle')}</h3>
        <p className="muted">{t('calendar.feeds.privateLead')}</p>
        {reply?.form === 'create-feed' ? (
          <div className="alert alert-success stack" role="status">
            <p>{t('calendar.feeds.created')}</p>
            <div className="field">
              <label htmlFor="private-feed-url">{t('calendar.feeds.privateAddress')}</label>
              <input
                id="private-feed-url"
                className="calendar-feed-url"
                type="url"
                readOnly
                value={reply.url}
              />
            </div>
            <p>
              <a href={reply.webcal} className="button">
                {t('calendar.feeds.subscribe')}
              </a>
            </p>
            <p>{t('calendar.feeds.howTo')}</p>
          </div>
        ) : feeds.activeSince ? (
          <p>
            {t('calendar.feeds.active', {
              date: formatInstant(feeds.activeSince, locale, data.timeZone, 'day'),
            })}
          </p>
        ) : (
          <p>{t('calendar.feeds.none')}</p>
        )}
        <div className="link-row">
          <Form method="post">
            <input type="hidden" name="intent" value="create-feed" />
            <button type="submit" className={feeds.activeSince ? 'button button-secondary' : 'button'}>
              {feeds.activeSince ? t('calendar.feeds.recreate') : t('calendar.feeds.create')}
            </button>
          </Form>
          {feeds.activeSince ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-feed" />
              <button type="submit" className="button button-danger">
                {t('calendar.feeds.revoke')}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </section>
  )
}

function AgendaView({ data }: { data: AgendaData }) {
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

export default function CalendarPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const isStaff = data.role !== 'parent'
  const lead = isStaff ? t('calendar.leadStaff') : t('calendar.leadParent')
  if (data.view === 'agenda') {
    return (
      <>
        <PageHeader title={t('calendar.title')} lead={lead} />
        <ViewLinks
          current="agenda"
          isStaff
          query={{ date: data.date === data.today ? undefined : data.date }}
        />
        <AgendaView data={data} />
      </>
    )
  }
  const query: Query = {
    view: data.view,
    date: data.date === data.today ? undefined : data.date,
    grade: data.filter.grade || undefined,
    classId: data.filter.classId || undefined,
  }
  return (
    <>
      <PageHeader title={t('calendar.title')} lead={lead} />
      <ViewLinks current={data.view} isStaff={isStaff} query={query} />
      <FilterForm data={data} />
      <section aria-labelledby="period-title" className="section">
        <div className="calendar-header">
          <h2 id="period-title">{formatDayRange(data.period.first, data.period.last, locale)}</h2>
          <PeriodNav data={data} query={query} />
        </div>
        <CalendarGrid data={data} />
      </section>
      <FeedsSection data={data} />
    </>
  )
}

// A document answer to creating a feed shows its address once: keep it out of every cache.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.get('Cache-Control') ? NO_STORE : loaderHeaders

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
