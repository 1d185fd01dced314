import { draftRecap } from '~/domain/recap-draft'
import type { RecapChoices, RecapValues } from '~/domain/recap-schemas'
import { RECAP_BODY_MAX, RECAP_TITLE_MAX } from '~/domain/recap-schemas'
import { yearContaining } from '~/domain/school-calendar'
import { loadRecapFacts } from '~/models/recap-facts.server'
import {
  findRecappableActivityIds,
  latestRecappableYearId,
  listActivityOptions,
  listAudienceClasses,
  listSeasonOptions,
} from '~/models/recaps.server'
import { listAcademicYears, listGrades } from '~/models/school.server'
import { nowIso } from '~/utils/clock'
import type { SessionUser } from './auth.server'
import { todayIn } from './dates'
import { db } from './db.server'
import { createI18n } from './i18n'
import { resolveLocale } from './i18n.server'

/**
 * What the recap form offers: the school's seasons, the decided activities of one academic year
 * (asked for with ?year=, else the year of the recap's season, else the latest year with
 * activities to recap), the grades and classes an audience may target. What a recap already links
 * stays offered, so saving never drops it silently.
 */
export async function loadRecapFormOptions(
  user: SessionUser,
  {
    askedYearId,
    recap,
  }: {
    askedYearId: number | null
    recap?: { academicYearId: number | null; activityIds: number[]; classIds: number[] }
  },
) {
  const { schoolId } = user
  const [years, seasons, grades, classes] = await Promise.all([
    listAcademicYears(db, { schoolId }),
    listSeasonOptions(db, { schoolId }),
    listGrades(db, { schoolId }),
    listAudienceClasses(db, { schoolId, includeIds: recap?.classIds ?? [] }),
  ])
  const yearId =
    years.find((year) => year.id === askedYearId)?.id ??
    recap?.academicYearId ??
    (await latestRecappableYearId(db, { schoolId, before: nowIso() })) ??
    yearContaining(years, todayIn(user.school.timeZone))?.id ??
    years[0]?.id ??
    null
  const activities = await listActivityOptions(db, {
    schoolId,
    academicYearId: yearId,
    includeIds: recap?.activityIds ?? [],
  })
  return {
    years: years.map(({ id, name }) => ({ id, name })),
    yearId,
    seasons,
    activities,
    grades,
    classes,
  }
}

export type RecapFormOptions = Awaited<ReturnType<typeof loadRecapFormOptions>>

/**
 * What the action accepts: this school's seasons, grades and classes, and among the posted
 * activities those of the school worth a recap (or already linked to this one).
 */
export async function recapChoicesFor(
  user: SessionUser,
  {
    formData,
    linkedActivityIds = [],
    classIds = [],
  }: {
    formData: FormData
    linkedActivityIds?: readonly number[]
    classIds?: readonly number[]
  },
): Promise<RecapChoices> {
  const { schoolId } = user
  const posted = formData
    .getAll('activityIds')
    .map((value) => Number(value))
    .filter((value) => Number.isSafeInteger(value) && value > 0)
  const [seasons, grades, classes, activityIds] = await Promise.all([
    listSeasonOptions(db, { schoolId }),
    listGrades(db, { schoolId }),
    listAudienceClasses(db, { schoolId, includeIds: classIds }),
    findRecappableActivityIds(db, { schoolId, ids: posted, alsoAllowed: linkedActivityIds }),
  ])
  return {
    seasonIds: seasons.map((s) => s.id),
    activityIds,
    gradeIds: grades.map((g) => g.id),
    classIds: classes.map((c) => c.id),
  }
}

/** A first draft from the linked activities' records, in the reader's language. */
export async function draftFor(
  user: SessionUser,
  request: Request,
  value: Pick<RecapValues, 'activityIds' | 'seasonId'>,
): Promise<{ title: string; body: string }> {
  const locale = resolveLocale(request)
  const facts = await loadRecapFacts(db, {
    schoolId: user.schoolId,
    activityIds: [...value.activityIds],
    seasonId: value.seasonId ?? null,
    locale,
  })
  const draft = draftRecap(facts, createI18n(locale).t)
  return { title: draft.title.slice(0, RECAP_TITLE_MAX), body: draft.body.slice(0, RECAP_BODY_MAX) }
}
