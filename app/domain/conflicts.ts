import { TZDate } from '@date-fns/tz'
import { eachDayOfInterval, format, isWeekend } from 'date-fns'

/** Planning warnings for activities. Pure: runs in the browser (live form hints) and on the server. */

export type PlannedActivity = {
  id: number // 0 for an activity not saved yet
  title: string
  startsAt: string // ISO UTC
  endsAt: string
  venue: string | null
  organiserId: number | null
  gradeIds: number[] // grades targeted as a whole
  classIds: number[] // single classes targeted
}

export type ConflictContext = {
  timeZone: string
  season: { startsOn: string; endsOn: string } | null // YYYY-MM-DD inclusive; null = no season check
  /** Days off; a 'workday' row is a make-up working day (调休上班), which is no conflict even on a weekend. */
  daysOff: { name: string; startsOn: string; endsOn: string; kind?: string }[]
  /** class id → grade id, for every class of the school */
  gradeOfClass: ReadonlyMap<number, number>
}

export type Conflict =
  | { kind: 'grade'; otherId: number; otherTitle: string; gradeId: number }
  | { kind: 'class'; otherId: number; otherTitle: string; classId: number }
  | { kind: 'venue'; otherId: number; otherTitle: string; venue: string }
  | { kind: 'organiser'; otherId: number; otherTitle: string; organiserId: number }
  | { kind: 'outside-season' }
  | { kind: 'weekend'; day: string }
  | { kind: 'day-off'; day: string; name: string }

export type ConflictKind = Conflict['kind']

type TimeClash = Extract<Conflict, { otherId: number }>

/** A multi-day activity over a long holiday would otherwise list every day. */
const MAX_REPORTED_DAYS = 7

const KIND_ORDER: Record<TimeClash['kind'], number> = { grade: 0, class: 1, venue: 2, organiser: 3 }

/** An activity with everything the pairwise checks need, computed once. */
type Prepared = {
  activity: PlannedActivity
  start: number
  end: number
  grades: ReadonlySet<number>
  classes: ReadonlySet<number>
  venueKey: string
}

/** Same room however it was typed: ' 报告厅 ' = '报告厅', 'Hall A' = 'halla' = 'ＨＡＬＬ Ａ'. */
export function venueKey(venue: string | null): string {
  if (!venue) return ''
  return venue.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

function prepare(activity: PlannedActivity): Prepared {
  return {
    activity,
    start: Date.parse(activity.startsAt),
    end: Date.parse(activity.endsAt),
    grades: new Set(activity.gradeIds),
    classes: new Set(activity.classIds),
    venueKey: venueKey(activity.venue),
  }
}

/** Strict: one ending at 10:00 and the next starting at 10:00 share the room without a clash. */
function overlaps(a: Prepared, b: Prepared): boolean {
  return a.start < b.end && b.start < a.end
}

function books(p: Prepared, classId: number, gradeOfClass: ReadonlyMap<number, number>): boolean {
  if (p.classes.has(classId)) return true
  const gradeId = gradeOfClass.get(classId)
  return gradeId !== undefined && p.grades.has(gradeId)
}

/** Time clashes of `a` with `b`, seen from `a`. Assumes they overlap and are different activities. */
function clashes(a: Prepared, b: Prepared, gradeOfClass: ReadonlyMap<number, number>): TimeClash[] {
  const other = { otherId: b.activity.id, otherTitle: b.activity.title }
  const result: TimeClash[] = []
  for (const gradeId of [...a.grades].sort((x, y) => x - y)) {
    if (b.grades.has(gradeId)) result.push({ kind: 'grade', ...other, gradeId })
  }
  // Only a class named explicitly on at least one side can clash beyond the whole-grade clash above.
  const classIds = new Set<number>()
  for (const classId of a.classes) if (books(b, classId, gradeOfClass)) classIds.add(classId)
  for (const classId of b.classes) if (books(a, classId, gradeOfClass)) classIds.add(classId)
  for (const classId of [...classIds].sort((x, y) => x - y)) {
    const gradeId = gradeOfClass.get(classId)
    const coveredByGrade = gradeId !== undefined && a.grades.has(gradeId) && b.grades.has(gradeId)
    if (!coveredByGrade) result.push({ kind: 'class', ...other, classId })
  }
  if (a.venueKey !== '' && a.venueKey === b.venueKey) {
    result.push({ kind: 'venue', ...other, venue: a.activity.venue!.trim() })
  }
  const organiserId = a.activity.organiserId
  if (organiserId !== null && organiserId === b.activity.organiserId) {
    result.push({ kind: 'organiser', ...other, organiserId })
  }
  return result
}

type Found = { otherStart: number; conflict: TimeClash }

function targetOf(conflict: TimeClash): number | string {
  switch (conflict.kind) {
    case 'grade':
      return conflict.gradeId
    case 'class':
      return conflict.classId
    case 'venue':
      return conflict.venue
    case 'organiser':
      return conflict.organiserId
  }
}

function compareFound(x: Found, y: Found): number {
  const a = x.conflict
  const b = y.conflict
  if (x.otherStart !== y.otherStart) return x.otherStart - y.otherStart
  if (a.otherId !== b.otherId) return a.otherId - b.otherId
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
  const ta = targetOf(a)
  const tb = targetOf(b)
  if (typeof ta === 'number' && typeof tb === 'number') return ta - tb
  return String(ta) < String(tb) ? -1 : String(ta) > String(tb) ? 1 : 0
}

function localDay(instant: number, timeZone: string): TZDate {
  return new TZDate(instant, timeZone)
}

/** Season, weekend and day-off warnings: they depend on the activity alone. */
function calendarConflicts(p: Prepared, context: ConflictContext): Conflict[] {
  if (Number.isNaN(p.start) || Number.isNaN(p.end)) return []
  const { timeZone } = context
  // The last instant the activity occupies, so one ending at local midnight stays on the day before.
  const last = p.end > p.start ? p.end - 1 : p.start
  const firstDay = localDay(p.start, timeZone)
  const lastDay = localDay(last, timeZone)
  const first = format(firstDay, 'yyyy-MM-dd')
  const final = format(lastDay, 'yyyy-MM-dd')
  const result: Conflict[] = []
  if (context.season && (first < context.season.startsOn || final > context.season.endsOn)) {
    result.push({ kind: 'outside-season' })
  }
  // Most activities fit in one day; TZDate arithmetic is slow enough to skip when it can be.
  const days = first === final ? [firstDay] : eachDayOfInterval({ start: firstDay, end: lastDay })
  let reported = 0
  for (const date of days) {
    if (reported >= MAX_REPORTED_DAYS) break
    const day = days.length === 1 ? first : format(date, 'yyyy-MM-dd')
    // One warning per day: a holiday that falls on a weekend is reported as the holiday.
    const dayOff = context.daysOff.find((off) => off.startsOn <= day && day <= off.endsOn)
    if (dayOff?.kind === 'workday') continue
    if (dayOff) result.push({ kind: 'day-off', day, name: dayOff.name })
    else if (isWeekend(date)) result.push({ kind: 'weekend', day })
    else continue
    reported++
  }
  return result
}

function assemble(p: Prepared, found: Found[], context: ConflictContext): Conflict[] {
  found.sort(compareFound)
  return [...found.map((f) => f.conflict), ...calendarConflicts(p, context)]
}

/** Everything wrong with one activity against the others (the activity itself, same id, is skipped). */
export function findConflicts(
  activity: PlannedActivity,
  others: readonly PlannedActivity[],
  context: ConflictContext,
): Conflict[] {
  const self = prepare(activity)
  const found: Found[] = []
  for (const raw of others) {
    if (raw.id === activity.id) continue
    const other = prepare(raw)
    if (!overlaps(self, other)) continue
    for (const conflict of clashes(self, other, context.gradeOfClass)) {
      found.push({ otherStart: other.start, conflict })
    }
  }
  return assemble(self, found, context)
}

/**
 * Conflicts of every activity of a set, by activity id; activities without conflicts are absent.
 * Sorted by start and swept, so only activities whose times overlap are compared.
 */
export function findAllConflicts(
  activities: readonly PlannedActivity[],
  context: ConflictContext,
): Map<number, Conflict[]> {
  const prepared = activities
    .map(prepare)
    .filter((p) => !Number.isNaN(p.start) && !Number.isNaN(p.end))
    .sort((a, b) => a.start - b.start)
  const found = new Map<Prepared, Found[]>()
  const add = (p: Prepared, item: Found) => {
    const list = found.get(p)
    if (list) list.push(item)
    else found.set(p, [item])
  }
  let active: Prepared[] = []
  for (const current of prepared) {
    // Whatever ended by now cannot overlap this or any later-starting activity.
    active = active.filter((p) => p.end > current.start)
    for (const other of active) {
      if (other.activity.id === current.activity.id || !overlaps(current, other)) continue
      for (const conflict of clashes(current, other, context.gradeOfClass)) {
        add(current, { otherStart: other.start, conflict })
      }
      for (const conflict of clashes(other, current, context.gradeOfClass)) {
        add(other, { otherStart: current.start, conflict })
      }
    }
    active.push(current)
  }
  const result = new Map<number, Conflict[]>()
  for (const p of prepared) {
    const conflicts = assemble(p, found.get(p) ?? [], context)
    if (conflicts.length > 0) result.set(p.activity.id, conflicts)
  }
  return result
}

/** Stable key to de-duplicate/identify a conflict (e.g. for React keys). */
export function conflictKey(conflict: Conflict): string {
  switch (conflict.kind) {
    case 'grade':
      return `grade:${conflict.otherId}:${conflict.gradeId}`
    case 'class':
      return `class:${conflict.otherId}:${conflict.classId}`
    case 'venue':
      return `venue:${conflict.otherId}`
    case 'organiser':
      return `organiser:${conflict.otherId}:${conflict.organiserId}`
    case 'outside-season':
      return 'outside-season'
    case 'weekend':
      return `weekend:${conflict.day}`
    case 'day-off':
      return `day-off:${conflict.day}`
  }
}
