import { array, coerce, literal, object, type output, type RefinementCtx, string, enum as zEnum } from 'zod'
import { commentRequired } from './approval'
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

/** The decisions an administrator takes on a season's page or its review page. */
const SEASON_DECISIONS = ['approve', 'request-changes', 'publish', 'close', 'reopen'] as const

const decisionFields = DecisionSchema.extend({
  decision: zEnum(SEASON_DECISIONS, { error: 'validation.unknownChoice' }),
  from: string().optional(),
})

function requireReturnComment(value: output<typeof decisionFields>, ctx: RefinementCtx) {
  if (commentRequired(value.decision) && !value.comment) {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: 'seasons.review.commentRequired' })
  }
}

/**
 * The decision form of the review page: the decision, the status the person saw (`from`, so a
 * decision someone else already took is not taken twice) and the comment a return requires.
 */
export const SeasonDecisionSchema = decisionFields.superRefine(requireReturnComment)

/** The same among the season page's forms, told apart by `intent`. */
export const SeasonDecisionIntentSchema = decisionFields
  .extend({ intent: literal('decide') })
  .superRefine(requireReturnComment)
