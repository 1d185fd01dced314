import { addDays, format, parseISO } from 'date-fns'
import { array, boolean, coerce, object, string, enum as zEnum } from 'zod'
import { day, multilineText, optionalText, required, text } from './schemas'
import { isLocalDateTime, toInstant } from './school-time'
import { DecisionSchema } from './season-schemas'
import { PRACTICE_CATEGORIES } from './social-practice'
import type { ActivityKind, PartnerRole } from './vocabulary'

/** Forms of the activity pages, shared by the server and the browser. Messages are catalogue keys. */
export const ACTIVITY_KINDS = [
  'lecture',
  'workshop',
  'ceremony',
  'screening',
  'service',
  'contest',
  'study_tour',
  'counselling',
  'class_meeting',
  'other',
] as const satisfies readonly ActivityKind[]

/** Whether parents must consent: by default only when the activity leaves the school. */
export const CONSENT_CHOICES = ['auto', 'yes', 'no'] as const
export type ConsentChoice = (typeof CONSENT_CHOICES)[number]

export const MAX_PRACTICE_HOURS = 40

const unknownChoice = 'validation.unknownChoice'

const id = coerce.number({ error: required }).int(required).positive(required)
const ids = array(coerce.number({ error: unknownChoice }).int(unknownChoice).positive(unknownChoice)).default(
  [],
)

/** A phone number as schools write them: 13800138000, 021-6438 1234, +86 138 0013 8000. */
export function isPhoneNumber(value: string): boolean {
  return /^\+?[\d\s()-]+$/.test(value) && value.replace(/\D/g, '').length >= 5
}

const localDateTime = string({ error: required }).refine(
  isLocalDateTime,
  'activities.validation.invalidDateTime',
)

/** What the server checks choices against: this season's strands, this school's people and rooms. */
export type ActivityChoices = {
  yearStartsOn: string
  yearEndsOn: string
  strandIds: readonly number[]
  gradeIds: readonly number[]
  classIds: readonly number[]
  staffIds: readonly number[]
  partnerIds: readonly number[]
  observanceKeys: readonly string[]
}

const activityFields = object({
  title: text(80),
  strandId: id.optional(),
  kind: zEnum(ACTIVITY_KINDS, { error: (issue) => (issue.input === undefined ? required : unknownChoice) }),
  lesson: optionalText(40),
  startsAt: localDateTime,
  endsAt: localDateTime,
  venue: optionalText(60),
  offCampus: boolean().default(false),
  consent: zEnum(CONSENT_CHOICES, { error: unknownChoice }).default('auto'),
  organiserId: id,
  staffIds: ids,
  guestIds: ids,
  partnerIds: ids,
  gradeIds: ids,
  classIds: ids,
  capacity: coerce
    .number({ error: 'activities.validation.capacity' })
    .int('activities.validation.capacity')
    .positive('activities.validation.capacity')
    .max(100_000, 'activities.validation.capacity')
    .optional(),
  description: multilineText(2000),
  practiceCategory: zEnum(PRACTICE_CATEGORIES, { error: unknownChoice }).optional(),
  practiceHours: coerce
    .number({ error: 'activities.validation.hours' })
    .min(0, 'activities.validation.hours')
    .max(MAX_PRACTICE_HOURS, 'activities.validation.hours')
    .refine((hours) => Number.isInteger(hours * 2), 'activities.validation.hours')
    .optional(),
  observance: string().trim().max(60, unknownChoice).optional(),
  // What a consent request tells guardians; the organiser is the teacher they call.
  transport: optionalText(60),
  contactPhone: string()
    .trim()
    .max(20, 'validation.tooLong|20')
    .refine((phone) => phone === '' || isPhoneNumber(phone), 'activities.validation.phone')
    .default(''),
  consentDueOn: day().optional(),
})

export type ActivityValues = ReturnType<typeof activityFields.parse>

type Issue = { path: (keyof ActivityValues)[]; message: string }

function outside(chosen: readonly number[], allowed: readonly number[]): boolean {
  const set = new Set(allowed)
  return chosen.some((value) => !set.has(value))
}

/** Rules between fields, and, on the server, the choices of this season and school. */
export function activityProblems(value: ActivityValues, choices?: ActivityChoices): Issue[] {
  const issues: Issue[] = []
  if (value.endsAt <= value.startsAt) {
    issues.push({ path: ['endsAt'], message: 'activities.validation.endNotAfterStart' })
  }
  if (value.gradeIds.length === 0 && value.classIds.length === 0) {
    issues.push({ path: ['gradeIds'], message: 'activities.validation.chooseTarget' })
  }
  const hours = value.practiceHours ?? 0
  if (value.practiceCategory && hours === 0) {
    issues.push({ path: ['practiceHours'], message: 'activities.validation.hoursNeeded' })
  }
  if (!value.practiceCategory && hours > 0) {
    issues.push({ path: ['practiceCategory'], message: 'activities.validation.categoryNeeded' })
  }
  // Answers are taken until the start; a due date asks for them at least a day before.
  if (value.consentDueOn && value.consentDueOn >= value.startsAt.slice(0, 10)) {
    issues.push({ path: ['consentDueOn'], message: 'activities.validation.dueNotBeforeStart' })
  }
  if (value.guestIds.some((guestId) => value.partnerIds.includes(guestId))) {
    issues.push({ path: ['partnerIds'], message: 'activities.validation.guestAndPartner' })
  }
  if (!choices) return issues
  // A local date-time starts with its local day, so the year bounds compare as text.
  if (value.startsAt.slice(0, 10) < choices.yearStartsOn || value.endsAt.slice(0, 10) > choices.yearEndsOn) {
    issues.push({ path: ['startsAt'], message: 'activities.validation.outsideYear' })
  }
  const checks: [keyof ActivityValues, readonly number[], readonly number[]][] = [
    ['strandId', value.strandId ? [value.strandId] : [], choices.strandIds],
    ['organiserId', [value.organiserId], choices.staffIds],
    ['staffIds', value.staffIds, choices.staffIds],
    ['guestIds', value.guestIds, choices.partnerIds],
    ['partnerIds', value.partnerIds, choices.partnerIds],
    ['gradeIds', value.gradeIds, choices.gradeIds],
    ['classIds', value.classIds, choices.classIds],
  ]
  for (const [field, chosen, allowed] of checks) {
    if (outside(chosen, allowed)) issues.push({ path: [field], message: unknownChoice })
  }
  if (value.observance && !choices.observanceKeys.includes(value.observance)) {
    issues.push({ path: ['observance'], message: unknownChoice })
  }
  return issues
}

/** The activity form's schema; without choices (in the browser) only the rules between fields apply. */
export function activitySchema(choices?: ActivityChoices) {
  return activityFields.superRefine((value, ctx) => {
    for (const issue of activityProblems(value, choices)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    }
  })
}

export const ActivitySchema = activitySchema()

/** Stored flag: "auto" asks for consent exactly when the activity leaves the school. */
export function resolveConsent(choice: ConsentChoice, offCampus: boolean): boolean {
  return choice === 'auto' ? offCampus : choice === 'yes'
}

/** The choice that reproduces a stored flag, so an unchanged edit keeps following the location. */
export function consentChoiceOf(needsConsent: boolean, offCampus: boolean): ConsentChoice {
  if (needsConsent === offCampus) return 'auto'
  return needsConsent ? 'yes' : 'no'
}

/** The form's values as the model stores them: UTC instants, resolved consent, guests and partners. */
export function activityInputOf(
  value: ActivityValues,
  { seasonId, timeZone }: { seasonId: number; timeZone: string },
) {
  const gradeIds = [...new Set(value.gradeIds)]
  const partners: { partnerId: number; role: PartnerRole }[] = [
    ...value.guestIds.map((partnerId) => ({ partnerId, role: 'guest' as const })),
    ...value.partnerIds.map((partnerId) => ({ partnerId, role: 'partner' as const })),
  ]
  const hours = value.practiceHours ?? 0
  return {
    seasonId,
    strandId: value.strandId ?? null,
    title: value.title,
    kind: value.kind,
    lesson: value.lesson,
    startsAt: toInstant(value.startsAt, timeZone),
    endsAt: toInstant(value.endsAt, timeZone),
    venue: value.venue,
    offCampus: value.offCampus,
    needsConsent: resolveConsent(value.consent, value.offCampus),
    organiserId: value.organiserId,
    capacity: value.capacity ?? null,
    description: value.description,
    practiceCategory: value.practiceCategory && hours > 0 ? value.practiceCategory : null,
    practiceHours: value.practiceCategory && hours > 0 ? hours : null,
    observance: value.observance || null,
    transport: value.transport,
    contactPhone: value.contactPhone,
    consentDueOn: value.consentDueOn ?? null,
    gradeIds,
    classIds: [...new Set(value.classIds)],
    staffIds: [...new Set(value.staffIds)].filter((staffId) => staffId !== value.organiserId),
    partners,
  }
}

export type DefaultTaskKey = 'venue' | 'guest' | 'safety'

/**
 * The checklist a new activity starts with: book the venue, invite the guests, write the safety
 * plan for an outing; each for the organiser, due three days before the activity's day.
 */
export function defaultTasks(
  activity: { venue: string; offCampus: boolean; hasGuest: boolean; organiserId: number | null },
  startDay: string,
): { key: DefaultTaskKey; ownerId: number | null; dueOn: string }[] {
  const dueOn = format(addDays(parseISO(startDay), -3), 'yyyy-MM-dd')
  const keys: DefaultTaskKey[] = []
  if (activity.venue.trim()) keys.push('venue')
  if (activity.hasGuest) keys.push('guest')
  if (activity.offCampus) keys.push('safety')
  return keys.map((key) => ({ key, ownerId: activity.organiserId, dueOn }))
}

/** Checklist work starts in the summer before the year: a task may be due this many days before it. */
export const TASK_LEAD_DAYS = 60

/** A checklist task; with the activity's academic year (on the server), its due date lies within reach of it. */
export function taskSchema(year?: { startsOn: string; endsOn: string }) {
  return object({
    title: text(80),
    ownerId: id.optional(),
    dueOn: day()
      .refine(
        (dueOn) =>
          !year ||
          (dueOn >= format(addDays(parseISO(year.startsOn), -TASK_LEAD_DAYS), 'yyyy-MM-dd') &&
            dueOn <= year.endsOn),
        'activities.validation.dueOutsideYear',
      )
      .optional(),
  })
}

export const TaskSchema = taskSchema()

export const ACTIVITY_DECISIONS = ['approve', 'request-changes'] as const

/** An admin's decision on a single activity; returning it needs a comment the teacher can act on. */
export const ActivityDecisionSchema = DecisionSchema.extend({
  intent: zEnum(ACTIVITY_DECISIONS, { error: unknownChoice }),
}).superRefine((value, ctx) => {
  if (value.intent === 'request-changes' && !value.comment) {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: 'activities.validation.commentRequired' })
  }
})
