import { object, enum as zEnum } from 'zod'
import { requiredMultilineText } from './schemas'

/**
 * The sections of a family's copy of their child's data (PIPL Art. 45), in the order the page and
 * the ZIP show them; a correction request names one of them.
 */
export const FAMILY_DATA_SECTIONS = [
  'profile',
  'classes',
  'participation',
  'awards',
  'consents',
  'photos',
  'notices',
  'guardian',
  'accounts',
] as const

export type FamilyDataSection = (typeof FAMILY_DATA_SECTIONS)[number]

export function isFamilyDataSection(value: unknown): value is FamilyDataSection {
  return (FAMILY_DATA_SECTIONS as readonly unknown[]).includes(value)
}

export const CORRECTION_TEXT_MAX = 500

export const CorrectionRequestSchema = object({
  section: zEnum(FAMILY_DATA_SECTIONS, { error: 'validation.unknownChoice' }),
  message: requiredMultilineText(CORRECTION_TEXT_MAX),
})

export const CORRECTION_OUTCOMES = ['corrected', 'not_changed'] as const

export const CorrectionAnswerSchema = object({
  outcome: zEnum(CORRECTION_OUTCOMES, { error: 'validation.unknownChoice' }),
  answer: requiredMultilineText(CORRECTION_TEXT_MAX),
})
