import { discriminatedUnion, literal, object, unknown } from 'zod'
import { AcademicYearSchema, DayOffSchema, parseId, TermSchema } from '~/domain/schemas'
import { dayOffProblem, termProblem, yearProblem } from '~/domain/school-calendar'
import type { DayOffKind } from '~/domain/vocabulary'
import {
  deleteDayOff,
  deleteTerm,
  getAcademicYear,
  getDayOff,
  getTerm,
  insertAcademicYear,
  insertDayOff,
  insertTerm,
  isAcademicYearNameTaken,
  listAcademicYears,
  listTermsOfYear,
} from '~/models/school.server'
import { type Actor, auditedWrite, type Executor } from '~/services/audited-write.server'
import { notFound } from '~/utils/responses'

export type AcademicYear = NonNullable<Awaited<ReturnType<typeof getAcademicYear>>>

/** A malformed or missing id names nothing of this school: 404, not a form error. */
const recordId = unknown().transform(parseId)

/** The year a term or day-off form is for; another school's (or none) is 404 whatever else was typed. */
export async function findYear(db: Executor, actor: Actor, formData: FormData): Promise<AcademicYear> {
  const id = parseId(formData.get('academicYearId'))
  const year = id ? await getAcademicYear(db, { schoolId: actor.schoolId, id }) : undefined
  return year ?? notFound()
}

/**
 * The page's forms, told apart by `intent`. The checks against what is stored run as refinements,
 * each message on the field it is about; `year` is the one a term or day-off form is for.
 */
export function calendarFormSchema(db: Executor, actor: Actor, year: AcademicYear | undefined) {
  const { schoolId } = actor
  return discriminatedUnion('intent', [
    AcademicYearSchema.safeExtend({ intent: literal('add-year') }).superRefine(async (value, ctx) => {
      if (await isAcademicYearNameTaken(db, { schoolId, name: value.name })) {
        ctx.addIssue({ code: 'custom', path: ['name'], message: 'validation.yearNameTaken' })
        return
      }
      const problem = yearProblem(value, await listAcademicYears(db, { schoolId }))
      if (!problem) return
      const field = problem === 'validation.yearTooShort' ? 'endsOn' : 'startsOn'
      ctx.addIssue({ code: 'custom', path: [field], message: problem })
    }),
    TermSchema.safeExtend({ intent: literal('add-term') }).superRefine(async (value, ctx) => {
      if (!year) return
      const others = await listTermsOfYear(db, { schoolId, academicYearId: year.id })
      const problem = termProblem(value, year, others)
      if (problem) ctx.addIssue({ code: 'custom', path: ['startsOn'], message: problem })
    }),
    DayOffSchema.safeExtend({ intent: literal('add-day-off') }).superRefine((value, ctx) => {
      const problem = year && dayOffProblem(value, year)
      if (problem) ctx.addIssue({ code: 'custom', path: ['startsOn'], message: problem })
    }),
    object({ intent: literal('delete-term'), termId: recordId }),
    object({ intent: literal('delete-day-off'), dayOffId: recordId }),
  ])
}

type YearFields = { name: string; startsOn: string; endsOn: string }
type DayOffFields = YearFields & { kind: DayOffKind }

export async function addYear(db: Executor, actor: Actor, year: YearFields): Promise<number> {
  const detail = { name: year.name, startsOn: year.startsOn, endsOn: year.endsOn }
  return auditedWrite(
    db,
    actor,
    (trx) => insertAcademicYear(trx, { schoolId: actor.schoolId, ...detail }),
    (id) => ({ action: 'year-created', entity: 'academic_year', entityId: id, detail }),
  )
}

export async function addTerm(db: Executor, actor: Actor, year: AcademicYear, term: YearFields) {
  const detail = { academicYearId: year.id, name: term.name, startsOn: term.startsOn, endsOn: term.endsOn }
  await auditedWrite(
    db,
    actor,
    (trx) => insertTerm(trx, { schoolId: actor.schoolId, ...detail }),
    (id) => ({ action: 'term-created', entity: 'term', entityId: id, detail }),
  )
}

/** Deletes the term and answers the year it was in; another school's term is 404. */
export async function removeTerm(db: Executor, actor: Actor, id: number | null): Promise<number> {
  const { schoolId } = actor
  const term = (id ? await getTerm(db, { schoolId, id }) : undefined) ?? notFound()
  await auditedWrite(db, actor, (trx) => deleteTerm(trx, { schoolId, id: term.id }), {
    action: 'term-deleted',
    entity: 'term',
    entityId: term.id,
    detail: { academicYearId: term.academicYearId, name: term.name },
  })
  return term.academicYearId
}

export async function addDayOff(db: Executor, actor: Actor, year: AcademicYear, day: DayOffFields) {
  const { name, kind, startsOn, endsOn } = day
  const detail = { academicYearId: year.id, name, kind, startsOn, endsOn }
  await auditedWrite(
    db,
    actor,
    (trx) => insertDayOff(trx, { schoolId: actor.schoolId, ...detail }),
    (id) => ({ action: 'day-off-created', entity: 'day_off', entityId: id, detail }),
  )
}

/** Deletes the day off and answers the year it was in; another school's is 404. */
export async function removeDayOff(db: Executor, actor: Actor, id: number | null): Promise<number> {
  const { schoolId } = actor
  const dayOff = (id ? await getDayOff(db, { schoolId, id }) : undefined) ?? notFound()
  await auditedWrite(db, actor, (trx) => deleteDayOff(trx, { schoolId, id: dayOff.id }), {
    action: 'day-off-deleted',
    entity: 'day_off',
    entityId: dayOff.id,
    detail: { academicYearId: dayOff.academicYearId, name: dayOff.name },
  })
  return dayOff.academicYearId
}
