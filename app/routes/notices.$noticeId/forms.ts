import { coerce, discriminatedUnion, literal, object, enum as zEnum } from 'zod'
import { NOTICE_TEXT_MAX } from '~/domain/notice-window'
import { isValidHours, PARTICIPATION_ROLES } from '~/domain/participation'
import { day, requiredMultilineText } from '~/domain/schemas'

/* The forms of a notice window's page, shared by the server and the browser. */

const hoursMessage = 'notices.validation.hours'

export const ResolveSchema = object({
  intent: zEnum(['uphold', 'reject']),
  disputeId: coerce.number().int().positive(),
  revision: coerce.number().int().positive(),
  hours: coerce.number({ error: hoursMessage }).refine(isValidHours, hoursMessage).optional(),
  role: zEnum(PARTICIPATION_ROLES, { error: 'validation.unknownChoice' }).optional(),
  resolution: requiredMultilineText(NOTICE_TEXT_MAX),
})

export const ExtendSchema = object({ intent: literal('extend'), closesOn: day() })

export const EXTEND_FORM = 'extend'

export function resolveFormId(disputeId: number) {
  return `resolve-${disputeId}`
}

/** The page's one schema: a decision on a dispute, or a new last day. */
export const NoticeSchema = discriminatedUnion('intent', [ResolveSchema, ExtendSchema])
