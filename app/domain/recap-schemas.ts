import { array, boolean, coerce, object, enum as zEnum } from 'zod'
import { RECAP_AUDIENCES, RECAP_STEPS, recapCommentRequired } from './recap-lifecycle'
import { multilineText, optionalText, required, text } from './schemas'

/** Forms of the recap pages, shared by the server and the browser. Messages are catalogue keys. */
export const RECAP_TITLE_MAX = 80
export const RECAP_BODY_MAX = 20_000
export const PHOTO_CAPTION_MAX = 120
export const RECAP_COMMENT_MAX = 1000

const unknownChoice = 'validation.unknownChoice'

const id = coerce.number({ error: unknownChoice }).int(unknownChoice).positive(unknownChoice)
const ids = array(id).default([])

/** What the server checks choices against: this school's seasons, activities, grades and classes. */
export type RecapChoices = {
  seasonIds: readonly number[]
  activityIds: readonly number[]
  gradeIds: readonly number[]
  classIds: readonly number[]
}

const recapFields = object({
  title: optionalText(RECAP_TITLE_MAX),
  body: multilineText(RECAP_BODY_MAX, { trim: false }),
  seasonId: id.optional(),
  activityIds: ids,
  audience: zEnum(RECAP_AUDIENCES, {
    error: (issue) => (issue.input === undefined ? required : unknownChoice),
  }),
  gradeIds: ids,
  classIds: ids,
})

export type RecapValues = ReturnType<typeof recapFields.parse>

type Issue = { path: (keyof RecapValues)[]; message: string }

function outside(chosen: readonly number[], allowed: readonly number[]): boolean {
  const set = new Set(allowed)
  return chosen.some((value) => !set.has(value))
}

/**
 * What the form asks for: `create` and `save` need a title, `draft` and `redraft` need linked
 * activities to draft from (the drafted title fills an empty one). Audience targets are required for
 * the audience that uses them when something is stored, and on the server every id must be one of
 * this school's.
 */
export type RecapFormMode = 'create' | 'draft' | 'save' | 'redraft'

export function recapProblems(value: RecapValues, mode: RecapFormMode, choices?: RecapChoices): Issue[] {
  const issues: Issue[] = []
  if ((mode === 'create' || mode === 'save') && value.title === '') {
    issues.push({ path: ['title'], message: required })
  }
  if ((mode === 'draft' || mode === 'redraft') && value.activityIds.length === 0) {
    issues.push({ path: ['activityIds'], message: 'recaps.form.chooseActivityToDraft' })
  }
  // A fresh draft body stores nothing, so only what it is drafted from is checked.
  const stored = mode !== 'redraft'
  if (stored && value.audience === 'grades' && value.gradeIds.length === 0) {
    issues.push({ path: ['gradeIds'], message: 'recaps.form.chooseGrade' })
  }
  if (stored && value.audience === 'classes' && value.classIds.length === 0) {
    issues.push({ path: ['classIds'], message: 'recaps.form.chooseClass' })
  }
  if (!choices) return issues
  const checks: [keyof RecapValues, readonly number[], readonly number[]][] = [
    ['seasonId', value.seasonId ? [value.seasonId] : [], choices.seasonIds],
    ['activityIds', value.activityIds, choices.activityIds],
    ['gradeIds', value.audience === 'grades' ? value.gradeIds : [], choices.gradeIds],
    ['classIds', value.audience === 'classes' ? value.classIds : [], choices.classIds],
  ]
  for (const [field, chosen, allowed] of checks) {
    if (outside(chosen, allowed)) issues.push({ path: [field], message: unknownChoice })
  }
  return issues
}

/** The recap form's schema; without choices (in the browser) only the rules between fields apply. */
export function recapSchema(mode: RecapFormMode, choices?: RecapChoices) {
  return recapFields.superRefine((value, ctx) => {
    for (const issue of recapProblems(value, mode, choices)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
    }
  })
}

/** Previewing checks nothing but the body's length: a half-written recap may be looked at. */
export const RecapPreviewSchema = object({
  body: multilineText(RECAP_BODY_MAX, { trim: false }),
})

/** A photo's caption (its alt text) and the pupils it shows. */
const photoFields = object({
  // An empty field arrives as no value at all: both are the same missing caption.
  caption: text(PHOTO_CAPTION_MAX, { missing: 'recaps.photos.captionRequired' }),
  showsPupils: boolean().default(false),
  pupilIds: ids,
})

export type PhotoValues = ReturnType<typeof photoFields.parse>

/** On the server, `pupilIds` are the pupils the picker offered (attendees of the linked activities). */
export function photoSchema(pupilIds?: readonly number[]) {
  return photoFields.superRefine((value, ctx) => {
    if (value.showsPupils && value.pupilIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['pupilIds'], message: 'recaps.photos.choosePupil' })
    }
    if (pupilIds && value.showsPupils && outside(value.pupilIds, pupilIds)) {
      ctx.addIssue({ code: 'custom', path: ['pupilIds'], message: unknownChoice })
    }
  })
}

/** The pupils stored with a photo: none unless it is marked as showing pupils. */
export function photoPupilsOf(value: PhotoValues): number[] {
  return value.showsPupils ? [...new Set(value.pupilIds)] : []
}

/** A review step on the recap page; returning needs a comment the author can act on. */
export const RecapStepSchema = object({
  intent: zEnum(RECAP_STEPS, { error: unknownChoice }),
  comment: multilineText(RECAP_COMMENT_MAX),
}).superRefine((value, ctx) => {
  if (recapCommentRequired(value.intent) && value.comment === '') {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: 'recaps.review.commentRequired' })
  }
})
