import { boolean, object, type output, string, enum as zEnum } from 'zod'
import { multilineText, optionalText, required, text } from './schemas'
import type { PartnerCategory } from './vocabulary'

/** The talent pool (能人库) forms. Messages are catalogue keys. */
export const PARTNER_CATEGORIES = [
  'community',
  'care_home',
  'parent_volunteer',
  'expert',
  'venue',
  'museum',
  'party_branch',
  'other',
] as const satisfies readonly PartnerCategory[]

/** Digits, spaces, +, - and parentheses, with at least one digit: 021-5788 1234, +86 (21) 5788-1234. */
export const PHONE_PATTERN = /^[0-9 +()-]*[0-9][0-9 +()-]*$/

export const PartnerSchema = object({
  name: text(60),
  category: zEnum(PARTNER_CATEGORIES, {
    error: (issue) => (issue.input === undefined ? required : 'validation.unknownChoice'),
  }),
  offers: multilineText(200),
  patrioticBase: boolean().default(false),
  contactName: optionalText(30),
  contactPhone: string()
    .trim()
    .max(20, 'validation.tooLong|20')
    .refine((phone) => phone === '' || PHONE_PATTERN.test(phone), 'partners.validation.phone')
    .default(''),
  notes: multilineText(500),
})

export type PartnerInput = output<typeof PartnerSchema>

export function isPartnerCategory(value: unknown): value is PartnerCategory {
  return PARTNER_CATEGORIES.includes(value as PartnerCategory)
}
