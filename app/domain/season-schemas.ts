import { array, coerce, object } from 'zod'
import { day, multilineText, optionalText, required, text } from './schemas'
import { isOrdered } from './school-calendar'

/** Forms of the season pages. Messages are catalogue keys. */

const id = coerce.number({ error: required }).int(required).positive(required)

export const SeasonSchema = object({
  academicYearId: id,
  title: text(60),
  slogan: optionalText(80),
  description: multilineText(2000),
  startsOn: day(),
  endsOn: day(),
  ownerId: id,
}).refine((season) => isOrdered(season), { path: ['endsOn'], message: 'validation.endBeforeStart' })

export const StrandSchema = object({
  title: text(40),
  slogan: optionalText(60),
  position: coerce.number().int().min(1).max(99).optional(),
  gradeIds: array(coerce.number().int().positive(), { error: 'validation.chooseGrade' }).min(
    1,
    'validation.chooseGrade',
  ),
})

export const CopySeasonSchema = object({
  academicYearId: id,
  title: text(60),
})

export const DecisionSchema = object({
  comment: multilineText(1000),
})
