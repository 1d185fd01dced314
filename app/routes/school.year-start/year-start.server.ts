/** The three steps of the start of a year: what each shows, and the two it performs here. */
import { parseWithZod } from '@conform-to/zod/v4'
import { array, coerce, object } from 'zod'
import type { Conflict } from '~/domain/conflicts'
import { required } from '~/domain/schemas'
import { dayOffProblem, termProblem, yearProblem } from '~/domain/school-calendar'
import { keptDaysOff, nextYearOf, proposeYear, YearStartSchema } from '~/domain/year-start'
import { recordAudit } from '~/models/audit.server'
import { lastRolloverYearId, previewRollover } from '~/models/roster.server'
import { insertAcademicYearWithCalendar, listAcademicYears } from '~/models/school.server'
import { copySeason, listCopiesInYear } from '~/models/season-copy.server'
import { loadSeasonOverview } from '~/models/season-overview.server'
import { isSeasonTitleTaken, listSeasons } from '~/models/seasons.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { now } from '~/utils/clock'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { copiedSeasonTitle, proposeHolidays } from '~/utils/observances.server'
import { invalidForm, notFound } from '~/utils/responses'

export const FLOW_PATH = '/school/year-start'

// Only what a copied activity's new date needs looking at, not clashes with other activities.
const DATE_CONFLICTS = new Set<Conflict['kind']>(['weekend', 'day-off', 'outside-season'])

export async function loadYearStart(user: SessionUser) {
  const { schoolId } = user
  const today = todayIn(user.school.timeZone, now())
  const years = await listAcademicYears(db, { schoolId })
  const { previous, existing } = nextYearOf(years, today)

  // Step 1: the year is proposed only while it does not exist; then the calendar page edits it.
  let proposal = null
  if (!existing) {
    const draft = proposeYear(years, today)
    const holidays = proposeHolidays(draft)
    const springFestival = holidays.find((h) => h.key === 'spring-festival')
    proposal = { ...proposeYear(years, today, springFestival?.endsOn), holidays }
  }

  // Step 2: the roster moves up once into the new year.
  const [rolledInto, preview] = await Promise.all([
    lastRolloverYearId(db, schoolId),
    existing ? previewRollover(db, { schoolId, kind: user.school.kind, today }) : null,
  ])
  const rollover = existing
    ? {
        done: rolledInto === existing.id,
        from: preview?.from?.name ?? null,
        to: preview?.to?.name ?? null,
        moving: preview?.plan.moves.reduce((sum, m) => sum + m.from.pupils, 0) ?? 0,
        graduating: preview?.plan.graduating.reduce((sum, c) => sum + c.pupils, 0) ?? 0,
        problem: preview?.problem?.messageKey ?? null,
      }
    : null

  // Step 3: last year's seasons, each once copied or not, and what the copies need re-dated.
  const [sources, copies] = await Promise.all([
    previous ? listSeasons(db, { schoolId, academicYearId: previous.id }) : [],
    existing ? listCopiesInYear(db, { schoolId, academicYearId: existing.id }) : [],
  ])
  const copyOf = new Map(copies.map((c) => [c.copiedFromId, c]))
  const redate = await Promise.all(
    copies.map(async (copy) => {
      const overview = await loadSeasonOverview(db, {
        schoolId,
        seasonId: copy.id,
        timeZone: user.school.timeZone,
      })
      const titles = new Map(overview?.activities.map((a) => [a.id, a.title]))
      const activities = (overview?.conflicts ?? []).flatMap(({ activityId, conflicts }) => {
        const dated = conflicts.filter((c) => DATE_CONFLICTS.has(c.kind))
        return dated.length ? [{ id: activityId, title: titles.get(activityId) ?? '', conflicts: dated }] : []
      })
      return { seasonId: copy.id, activities }
    }),
  )
  return {
    today,
    previous: previous ? { id: previous.id, name: previous.name } : null,
    year: existing
      ? { id: existing.id, name: existing.name, startsOn: existing.startsOn, endsOn: existing.endsOn }
      : null,
    proposal,
    rollover,
    seasons: sources.map((season) => ({
      id: season.id,
      title: season.title,
      startsOn: season.startsOn,
      endsOn: season.endsOn,
      status: season.status,
      copyTitle:
        existing && previous
          ? copiedSeasonTitle({ ...season, yearStartsOn: previous.startsOn }, existing.startsOn)
          : null,
      copy: copyOf.get(season.id) ?? null,
    })),
    redate: redate.filter((r) => r.activities.length),
  }
}

export async function createYear(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: YearStartSchema })
  if (submission.status !== 'success') return invalidForm('year-start', submission.reply())
  const form = submission.value
  const years = await listAcademicYears(db, { schoolId })
  // Running step 1 again (a second click, an old tab) finds the year it made and adds nothing.
  if (nextYearOf(years, todayIn(user.school.timeZone, now())).existing) {
    return redirectWithFlash(user, `${FLOW_PATH}#step-year`, 'school.yearStart.year.already')
  }
  const fieldErrors: Record<string, string[]> = {}
  if (years.some((y) => y.name === form.name)) fieldErrors.name = ['validation.yearNameTaken']
  const problem = yearProblem(form, years)
  if (problem) fieldErrors[problem === 'validation.yearTooShort' ? 'endsOn' : 'startsOn'] = [problem]
  form.terms.forEach((term, index) => {
    const termIssue = termProblem(term, form, form.terms.slice(0, index))
    if (termIssue) fieldErrors[`terms[${index}].startsOn`] = [termIssue]
  })
  const daysOff = keptDaysOff(form)
  for (const day of daysOff) {
    const dayIssue = dayOffProblem(day, form)
    if (dayIssue) fieldErrors[`daysOff[${day.index}].startsOn`] = [dayIssue]
  }
  if (Object.keys(fieldErrors).length) return invalidForm('year-start', submission.reply({ fieldErrors }))

  await db.transaction().execute(async (trx) => {
    const yearId = await insertAcademicYearWithCalendar(trx, {
      schoolId,
      name: form.name,
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      terms: form.terms,
      daysOff: daysOff.map(({ index: _, ...day }) => day),
    })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'year-created',
      entity: 'academic_year',
      entityId: yearId,
      detail: {
        name: form.name,
        startsOn: form.startsOn,
        endsOn: form.endsOn,
        terms: form.terms.length,
        daysOff: daysOff.length,
      },
    })
  })
  return redirectWithFlash(user, `${FLOW_PATH}#step-roster`, 'school.yearStart.year.done', {
    count: daysOff.length,
  })
}

const CopySeasonsSchema = object({
  seasonIds: array(coerce.number({ error: required }).int(required).positive(required), {
    error: 'school.yearStart.copy.noneChosen',
  }).min(1, 'school.yearStart.copy.noneChosen'),
})

export async function copySeasons(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: CopySeasonsSchema })
  if (submission.status !== 'success') return invalidForm('copy-seasons', submission.reply())
  const years = await listAcademicYears(db, { schoolId })
  const { previous, existing } = nextYearOf(years, todayIn(user.school.timeZone, now()))
  if (!previous || !existing) notFound()
  const sources = await listSeasons(db, { schoolId, academicYearId: previous.id })
  const chosen = submission.value.seasonIds.map((seasonId) => sources.find((s) => s.id === seasonId))
  if (chosen.some((s) => !s)) notFound()
  // Running step 3 again copies nothing twice: a season with a copy in the new year is left alone.
  const copied = new Set(
    (await listCopiesInYear(db, { schoolId, academicYearId: existing.id })).map((c) => c.copiedFromId),
  )
  const todo = chosen.flatMap((season) =>
    season && !copied.has(season.id)
      ? [
          {
            season,
            title: copiedSeasonTitle({ ...season, yearStartsOn: previous.startsOn }, existing.startsOn),
          },
        ]
      : [],
  )
  for (const { title } of todo) {
    if (await isSeasonTitleTaken(db, { schoolId, academicYearId: existing.id, title })) {
      return invalidForm(
        'copy-seasons',
        submission.reply({ fieldErrors: { seasonIds: ['school.yearStart.copy.titleTaken'] } }),
      )
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const { season, title } of todo) {
      const copyId = await copySeason(trx, {
        schoolId,
        seasonId: season.id,
        target: { id: existing.id, startsOn: existing.startsOn },
        title,
        ownerId: user.id,
        timeZone: user.school.timeZone,
      })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'season-copied',
        entity: 'season',
        entityId: copyId,
        detail: { from: season.id, academicYearId: existing.id, title },
      })
    }
  })
  return redirectWithFlash(user, `${FLOW_PATH}#step-seasons`, 'school.yearStart.copy.done', {
    count: todo.length,
  })
}
