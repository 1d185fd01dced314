import type { HeadersFunction } from '@remix-run/node'
import { isVisibleToFamilies, PLAN_STATUSES } from '~/domain/approval'
import {
  agendaDays,
  type CalendarView,
  calendarDays,
  dayOrDefault,
  type GridDay,
  localDaysOf,
  monthGrid,
  periodOf,
  shiftPeriod,
  weekRange,
} from '~/domain/calendar-grid'
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
import { auditedWrite, type Executor } from '~/services/audited-write.server'
import type { SessionUser } from '~/utils/auth.server'
import * as clock from '~/utils/clock'
import { todayIn } from '~/utils/dates'
import { resolveLocale } from '~/utils/i18n.server'
import { createFeedToken } from '~/utils/ics.server'
import { observancesBetween } from '~/utils/observances.server'
import { publicOrigin } from '~/utils/public-url.server'
import { notFound } from '~/utils/responses'

/*
 * The calendar's data: its search params, the month or week grid, the staff agenda and the
 * parents' feeds (the addresses they may subscribe to, and their private feed's token).
 */

const FAMILY_STATUSES = PLAN_STATUSES.filter(isVisibleToFamilies)
const AGENDA_LIMIT = 200

export type View = CalendarView | 'agenda'

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

export type CalendarQuery =
  | { view: 'agenda'; date: string; today: string; params: URLSearchParams }
  | { view: CalendarView; date: string; today: string; params: URLSearchParams }

/**
 * The calendar's search params, read once: the view and the day shown. The agenda is a staff
 * member's own activities and tasks, so a parent asking for it is refused (403).
 */
export function requireCalendarQuery(request: Request, user: SessionUser): CalendarQuery {
  const params = new URL(request.url).searchParams
  const view = viewOf(params.get('view'))
  if (view === 'agenda' && user.role === 'parent') throw new Response('Forbidden', { status: 403 })
  const today = todayIn(user.school.timeZone)
  return { view, date: dayOrDefault(params.get('date'), today), today, params }
}

/** The month or week grid: the days with their activities, observances and days off, the filter, the feeds. */
export async function loadGrid(
  db: Executor,
  request: Request,
  user: SessionUser,
  { view, date, today, params }: CalendarQuery & { view: CalendarView },
) {
  const { schoolId } = user
  const timeZone = user.school.timeZone
  const isParent = user.role === 'parent'

  const [grades, classes, children] = await Promise.all([
    listGrades(db, { schoolId }),
    isParent ? Promise.resolve([]) : listClasses(db, { schoolId }),
    isParent ? listChildrenOfGuardian(db, { schoolId, guardianId: user.id }) : Promise.resolve([]),
  ])
  const { filter, reaches } = filterOf(params, { isParent, grades, classes, children })

  const gridDays: GridDay[] =
    view === 'month'
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
    view: view,
    date,
    today,
    role: user.role,
    kind: user.school.kind,
    period: periodOf(date, view),
    previous: shiftPeriod(date, view, -1),
    next: shiftPeriod(date, view, 1),
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

/** The staff agenda: the user's coming activities (organiser or staff) and open tasks, by day. */
export async function loadAgenda(db: Executor, user: SessionUser, today: string) {
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
export const NO_STORE = { 'Cache-Control': 'no-store' }

// A document answer to creating a feed shows its address once: keep it out of every cache.
export const feedHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.get('Cache-Control') ? NO_STORE : loaderHeaders

/** Revokes every active feed of the user, one audit entry per feed (there is at most one, but old data may hold more). */
async function revokeAllFeeds(trx: Executor, user: SessionUser, detail?: { replaced: true }) {
  const { schoolId } = user
  const revoked = await revokeFeeds(trx, { schoolId, userId: user.id, now: clock.nowIso() })
  for (const id of revoked) {
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'calendar-feed-revoked',
      entity: 'calendar_feed',
      entityId: id,
      detail,
    })
  }
}

/** A new private feed replacing the user's old one; answers its address (and the webcal: one). */
export async function replacePrivateFeed(db: Executor, request: Request, user: SessionUser) {
  const { token, hash } = createFeedToken()
  await auditedWrite(
    db,
    user,
    async (trx) => {
      await revokeAllFeeds(trx, user, { replaced: true })
      return insertFeed(trx, { schoolId: user.schoolId, userId: user.id, tokenHash: hash })
    },
    (id) => ({ action: 'calendar-feed-created', entity: 'calendar_feed', entityId: id }),
  )
  const url = `${publicOrigin()}/ics/private/${token}.ics${langSuffix(resolveLocale(request))}`
  return { url, webcal: webcal(url) }
}

export async function revokePrivateFeed(db: Executor, user: SessionUser) {
  // Each revoked feed has its own entry, written by revokeAllFeeds; none for the whole.
  await auditedWrite(db, user, (trx) => revokeAllFeeds(trx, user), null)
}
