import type { ActivityChoices } from '~/domain/activity-schemas'
import type { PlannedActivity } from '~/domain/conflicts'
import { type ActivityFormOptions, findActivityConflicts } from '~/models/activity-context.server'
import { redirectWithFlash, type SessionUser } from './auth.server'
import { db } from './db.server'
import { OBSERVANCE_KEYS, observancesBetween } from './observances.server'

/** What the action accepts: the choices the form offered, dates in the season's year, any observance. */
export function activityChoicesOf(
  options: ActivityFormOptions,
  season: { yearStartsOn: string; yearEndsOn: string },
): ActivityChoices {
  return {
    yearStartsOn: season.yearStartsOn,
    yearEndsOn: season.yearEndsOn,
    strandIds: options.strands.map((s) => s.id),
    gradeIds: options.grades.map((g) => g.id),
    classIds: options.classes.map((c) => c.id),
    staffIds: options.staff.map((s) => s.id),
    partnerIds: options.partners.map((p) => p.id),
    observanceKeys: OBSERVANCE_KEYS,
  }
}

/** The observance select: those falling in the season first, with their dates, then all the others. */
export function observanceChoicesOf(
  season: { startsOn: string; endsOn: string },
  suggested: string | null = null,
) {
  const inSeason = observancesBetween(season.startsOn, season.endsOn)
  const near = new Set<string>(inSeason.map((o) => o.key))
  return { inSeason, other: OBSERVANCE_KEYS.filter((key) => !near.has(key)), suggested }
}

/**
 * After a create or an edit, to the activity's page with `flash`; when the saved activity has
 * warnings, `<flash>WithWarnings` says how many (the page lists them).
 */
export async function redirectToSavedActivity(
  user: SessionUser,
  {
    activity,
    season,
    flash,
  }: { activity: PlannedActivity; season: { startsOn: string; endsOn: string }; flash: string },
): Promise<Response> {
  const { conflicts } = await findActivityConflicts(db, {
    schoolId: user.schoolId,
    timeZone: user.school.timeZone,
    activity,
    season,
  })
  const to = `/activities/${activity.id}`
  if (!conflicts.length) return redirectWithFlash(user, to, flash)
  return redirectWithFlash(user, to, `${flash}WithWarnings`, { count: conflicts.length })
}
