import { boolean, coerce, object, string, enum as zEnum } from 'zod'
import {
  NAME_MAX,
  normalizePhone,
  normalizeStudentNumber,
  RELATIONS,
  STUDENT_NUMBER_MAX,
  studentNumberProblem,
} from './roster-fields'
import { required, text } from './schemas'

/** The forms of the roster pages; the same rules as a roster file's rows. Messages are catalogue keys. */
const studentNumber = string({ error: required })
  .max(STUDENT_NUMBER_MAX * 2, `validation.tooLong|${STUDENT_NUMBER_MAX}`)
  .transform(normalizeStudentNumber)
  .superRefine((value, ctx) => {
    const problem = studentNumberProblem(value)
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: problem === 'roster.errors.numberRequired' ? required : problem,
      })
  })

const classId = coerce.number({ error: required }).int(required).positive(required)

const relation = zEnum(RELATIONS, {
  error: (issue) => (issue.input === undefined ? required : 'validation.unknownChoice'),
})

export const PupilSchema = object({
  studentNumber,
  name: text(NAME_MAX),
  classId,
})

export const PupilEditSchema = PupilSchema.extend({ active: boolean().default(false) })

/** An existing parent account of the school, by the username they sign in with. */
export const LinkGuardianSchema = object({
  username: string({ error: required }).trim().toLowerCase().max(32, 'validation.tooLong|32'),
  relation,
})

/** A new parent account: a phone is required, it is how a later roster import recognises them. */
export const NewGuardianSchema = object({
  guardianName: text(NAME_MAX),
  guardianPhone: string({ error: required })
    .refine((phone) => normalizePhone(phone) !== null, 'roster.validation.phone')
    .transform((phone) => normalizePhone(phone) as string),
  relation,
})

export const UnlinkGuardianSchema = object({ guardianId: coerce.number().int().positive() })

export const ANONYMISE_REASON_MAX = 200

/** Anonymising a departed pupil at once: a reason, then a second post that confirms it. */
export const AnonymiseSchema = object({
  reason: text(ANONYMISE_REASON_MAX),
  confirmed: zEnum(['yes']).optional(),
})
