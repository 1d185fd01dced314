import { parseWithZod } from '@conform-to/zod/v4'
import { isWithin, yearContaining } from '~/domain/school-calendar'
import { SeasonSchema } from '~/domain/season-schemas'
import { getAcademicYear, listAcademicYears } from '~/models/school.server'
import { isSeasonTitleTaken } from '~/models/seasons.server'
import { listTeachers } from '~/models/users.server'
import type { SessionUser } from './auth.server'
import { db } from './db.server'

/** Options of the season form: the school's years and its active staff. */
export async function loadSeasonFormOptions(schoolId: number, today: string) {
  const [years, staff] = await Promise.all([
    listAcademicYears(db, { schoolId }),
    listTeachers(db, { schoolId }),
  ])
  // A new season most likely belongs to the year under way, else the latest one.
  const currentYear = yearContaining(years, today) ?? years.at(-1)
  return {
    years: years.map((y) => ({ id: y.id, name: y.name })),
    staff: staff.map((s) => ({ id: s.id, name: s.label })),
    currentYearId: currentYear?.id ?? null,
  }
}

/**
 * Parses and checks a season form against the school: its year, dates inside the year, an owner
 * among the staff, a title not used twice in a year. Returns the submission with field errors on failure.
 */
export async function parseSeasonForm(user: SessionUser, formData: FormData, exceptId?: number) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: SeasonSchema })
  if (submission.status !== 'success') return { ok: false as const, reply: submission.reply() }
  const season = submission.value
  const errors: Record<string, string[]> = {}
  const year = await getAcademicYear(db, { schoolId, id: season.academicYearId })
  if (!year) errors.academicYearId = ['validation.required']
  else if (!isWithin(season, year)) errors.startsOn = ['seasons.validation.outsideYear']
  const staff = await listTeachers(db, { schoolId })
  if (!staff.some((person) => person.id === season.ownerId))
    errors.ownerId = ['seasons.validation.ownerUnknown']
  if (
    year &&
    (await isSeasonTitleTaken(db, { schoolId, academicYearId: year.id, title: season.title, exceptId }))
  ) {
    errors.title = ['seasons.validation.titleTaken']
  }
  if (Object.keys(errors).length)
    return { ok: false as const, reply: submission.reply({ fieldErrors: errors }) }
  return { ok: true as const, season, reply: submission.reply() }
}
