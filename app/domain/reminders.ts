import { shouldRequestConsents } from './consent'
import type { Role } from './vocabulary'

/**
 * Reminders to guardians who have not answered a consent request (提醒未回复的家长), and the families
 * only paper reaches: who may remind, when, whom a press reaches, and who needs a paper slip.
 */

/**
 * Staff who run the activity (admins, its organiser, its staff) remind any class or all of them; a
 * class's head teacher reminds their own class only. `classId` null asks for the whole activity.
 */
export function mayRemind(
  user: { id: number; role: Role },
  activity: { organiserId: number | null; staffIds: readonly number[] },
  scope: { classId: number | null; headTeacherId: number | null },
): boolean {
  if (user.role === 'admin') return true
  if (user.role !== 'teacher') return false
  if (activity.organiserId === user.id || activity.staffIds.includes(user.id)) return true
  return scope.classId !== null && scope.headTeacherId === user.id
}

/** Reminding makes sense while requests are out and can still be answered: as for sending them. */
export const isReminderOpen = shouldRequestConsents

type SentReminder = { classId: number | null }

/**
 * Whom a press reaches, given the reminders already sent for the activity on the same school day:
 * each family hears at most once a day per activity. A class reminded today (or the whole activity)
 * is not reminded again; a whole-activity press reaches only the classes nobody reminded today.
 * Returns the classes to remind, or the earlier reminder that already covered the request.
 */
export function planReminder<R extends SentReminder>(
  requested: number | null,
  classIds: readonly number[],
  sentToday: readonly R[],
): { classIds: number[] } | { already: R } {
  const whole = sentToday.find((r) => r.classId === null)
  if (whole) return { already: whole }
  if (requested !== null) {
    const same = sentToday.find((r) => r.classId === requested)
    return same ? { already: same } : { classIds: [requested] }
  }
  const reminded = new Set(sentToday.map((r) => r.classId))
  const left = classIds.filter((id) => !reminded.has(id))
  const last = sentToday.at(-1)
  return left.length === 0 && last ? { already: last } : { classIds: left }
}

/**
 * A pupil is reachable online when at least one guardian has an active parent account in the school;
 * otherwise the family hears only on paper.
 */
export function isReachable(guardians: readonly { role: Role; active: boolean | 0 | 1 }[]): boolean {
  return guardians.some((g) => g.role === 'parent' && Boolean(g.active))
}

export type ClassReach<P> = { classId: number; pupils: number; paper: P[] }

/**
 * Per class (in first-seen order): how many pupils, and those whose families only paper reaches, in
 * the order given; the total counts both over all classes.
 */
export function groupReach<P extends { id: number; classId: number }>(
  pupils: readonly P[],
  paperOnly: ReadonlySet<number>,
): { classes: ClassReach<P>[]; total: { pupils: number; paper: number } } {
  const byClass = new Map<number, ClassReach<P>>()
  for (const pupil of pupils) {
    const group = byClass.get(pupil.classId) ?? { classId: pupil.classId, pupils: 0, paper: [] }
    byClass.set(pupil.classId, group)
    group.pupils++
    if (paperOnly.has(pupil.id)) group.paper.push(pupil)
  }
  const classes = [...byClass.values()]
  return {
    classes,
    total: { pupils: pupils.length, paper: classes.reduce((sum, c) => sum + c.paper.length, 0) },
  }
}
