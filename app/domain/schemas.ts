import { coerce, object, string, type ZodType, enum as zEnum } from 'zod'
import { DAY_OFF_KINDS, type DayRange, isOrdered, isValidDay } from './school-calendar'

/**
 * Form schemas, shared by the server and the browser. Messages are catalogue keys, translated
 * where they are shown.
 */
export const required = 'validation.required'

export function text(max: number) {
  return string({ error: required }).trim().min(1, required).max(max, `validation.tooLong|${max}`)
}

export function day() {
  return string({ error: required }).refine(isValidDay, 'validation.invalidDate')
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/

export const SignInSchema = object({
  username: text(64),
  password: string({ error: required }).min(1, required).max(200, 'validation.tooLong|200'),
  redirectTo: string().optional(),
})

export const PASSWORD_MIN = 10

function newPassword() {
  return string({ error: required })
    .min(PASSWORD_MIN, 'validation.passwordTooShort')
    .max(200, 'validation.tooLong|200')
}

export const ChangePasswordSchema = object({
  currentPassword: string({ error: required }).min(1, required).max(200, 'validation.tooLong|200'),
  newPassword: newPassword(),
  confirmPassword: string({ error: required }).min(1, required),
}).refine((value) => value.newPassword === value.confirmPassword, {
  path: ['confirmPassword'],
  message: 'validation.passwordsDiffer',
})

export const AccountSchema = object({
  username: string({ error: required })
    .trim()
    .toLowerCase()
    .max(32, 'validation.tooLong|32')
    .regex(USERNAME_PATTERN, 'validation.usernameFormat'),
  displayName: text(40),
  role: zEnum(['admin', 'teacher', 'parent'], { error: required }),
})

export const SchoolProfileSchema = object({
  name: text(60),
  district: text(30),
})

export const GradeSchema = object({
  gradeId: coerce.number().int().positive(),
  name: text(20),
})

const classNumber = coerce
  .number({ error: 'validation.classNumber' })
  .int('validation.classNumber')
  .min(1, 'validation.classNumber')
  .max(30, 'validation.classNumber')

/** Adding a class to a grade; an empty name becomes the usual one (一(2)班, 大四班). */
export const ClassSchema = object({
  gradeId: coerce.number({ error: required }).int(required).positive(required),
  number: classNumber,
  name: text(20).optional(),
  headTeacherId: coerce.number().int().positive().optional(),
})

/** Editing a class: its grade stays, so a pupil's history keeps its meaning. */
export const ClassEditSchema = object({
  classId: coerce.number().int().positive(),
  number: classNumber,
  name: text(20).optional(),
  headTeacherId: coerce.number().int().positive().optional(),
})

/** A record id from a form field or URL segment: a positive integer, or null for anything else. */
export function parseId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value)) return null
  const id = Number(value)
  return Number.isSafeInteger(id) ? id : null
}

function dayRange<T extends Record<string, ZodType>>(extra: T) {
  return object({ ...extra, startsOn: day(), endsOn: day() }).refine(
    (range) => isOrdered(range as DayRange),
    {
      path: ['endsOn'],
      message: 'validation.endBeforeStart',
    },
  )
}

export const AcademicYearSchema = dayRange({ name: text(30) })
export const TermSchema = dayRange({ academicYearId: coerce.number().int().positive(), name: text(30) })
export const DayOffSchema = dayRange({
  academicYearId: coerce.number().int().positive(),
  name: text(30),
  kind: zEnum(DAY_OFF_KINDS, { error: required }),
})
