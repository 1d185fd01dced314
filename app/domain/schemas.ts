import { coerce, object, string, type ZodType, enum as zEnum } from 'zod'
import { DAY_OFF_KINDS, type DayRange, isOrdered, isValidDay } from './school-calendar'

/**
 * Form schemas, shared by the server and the browser. Messages are catalogue keys, translated
 * where they are shown.
 */
export const required = 'validation.required'

/*
 * What a stored text may hold, decided here for every form and the roster import. Single-line fields
 * (names, titles, captions) refuse what a reader cannot see or that reorders what they see: NUL and
 * other control characters, bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 * zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and line breaks. Multi-line fields keep line
 * breaks (CRLF becomes LF) and tabs, and silently lose the rest, except the joiners U+200C/U+200D
 * that emoji and some scripts need.
 */
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
  /[\u0000-\u0009\u000e-\u001f\u007f-\u0084\u0086-\u009f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]/
const STRIPPED_FROM_MULTILINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/g

/** A single-line value as stored: NFC, trimmed (String#trim also takes U+3000 and U+FEFF at the ends). */
export function normalizeLine(value: string): string {
  return value.normalize('NFC').trim()
}

/** Why a (normalised) single-line value cannot be stored, as a catalogue key, or null. */
export function lineProblem(value: string): string | null {
  if (LINE_BREAK.test(value)) return 'validation.lineBreak'
  if (HIDDEN.test(value)) return 'validation.hiddenCharacter'
  return null
}

/** A multi-line value as stored: NFC, LF line breaks, no control or bidi characters (not trimmed). */
export function normalizeMultiline(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(STRIPPED_FROM_MULTILINE, '')
}

function line(missing = required) {
  return string({ error: missing })
    .overwrite(normalizeLine)
    .superRefine((value, ctx) => {
      const problem = lineProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true })
    })
}

/** A required single-line field: a name, a title, a caption; `missing` says what an empty one lacks. */
export function text(max: number, { missing = required } = {}) {
  return line(missing).min(1, missing).max(max, `validation.tooLong|${max}`)
}

/** An optional single-line field; empty when not sent. */
export function optionalText(max: number) {
  return maybeText(max).default('')
}

/** An optional single-line field; undefined when not sent. */
export function maybeText(max: number) {
  return line().max(max, `validation.tooLong|${max}`).optional()
}

function multiline(trim: boolean) {
  return string({ error: required }).overwrite((value) =>
    trim ? normalizeMultiline(value).trim() : normalizeMultiline(value),
  )
}

/** An optional multi-line field (a description, a note); `trim: false` keeps a recap body's edges. */
export function multilineText(max: number, { trim = true } = {}) {
  return multiline(trim).max(max, `validation.tooLong|${max}`).default('')
}

/** A required multi-line field: a dispute's reason, its resolution. */
export function requiredMultilineText(max: number) {
  return multiline(true).min(1, required).max(max, `validation.tooLong|${max}`)
}

/**
 * Any date a school plans with falls in these years; 9999-12-31 is a typing slip that would sort
 * after everything. Forms that know the school's year bound their dates more closely.
 */
export const FIRST_DAY = '2000-01-01'
export const LAST_DAY = '2099-12-31'

export function day() {
  return string({ error: required })
    .refine(isValidDay, { message: 'validation.invalidDate', abort: true })
    .refine((value) => value >= FIRST_DAY && value <= LAST_DAY, 'validation.dateOutOfRange')
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/

export const SignInSchema = object({
  username: text(64),
  password: string({ error: required }).min(1, required).max(200, 'validation.tooLong|200'),
  redirectTo: string().optional(),
  /** A school's own sign-in address (`/login?school=<slug>`) */
  school: string().max(64).optional(),
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
