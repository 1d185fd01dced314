import type { RecapAudience, RecapEventAction, RecapStatus, Role } from './vocabulary'

export type { RecapAudience, RecapEventAction, RecapStatus }

/**
 * The review lifecycle of a recap: draft → in_review → published, or returned (with a comment) and
 * submitted again. An admin may publish their own recap straight from draft; unpublishing puts a
 * published recap back to draft with its text and photos.
 */
export const RECAP_STATUSES = [
  'draft',
  'in_review',
  'returned',
  'published',
] as const satisfies readonly RecapStatus[]

export const RECAP_AUDIENCES = [
  'public',
  'parents',
  'grades',
  'classes',
  'staff',
] as const satisfies readonly RecapAudience[]

export type RecapStep = 'submit' | 'publish' | 'return' | 'unpublish'

export const RECAP_STEPS = [
  'submit',
  'publish',
  'return',
  'unpublish',
] as const satisfies readonly RecapStep[]

/** Who acts on a recap: their account and role. */
export type RecapActor = { userId: number; role: Role }

/** What the rules need to know of a recap. */
export type RecapState = { status: RecapStatus; authorId: number | null }

/** The history row each step writes. */
export const STEP_EVENTS: Record<RecapStep, Exclude<RecapEventAction, 'created'>> = {
  submit: 'submitted',
  publish: 'published',
  return: 'returned',
  unpublish: 'unpublished',
}

function isAuthor(recap: RecapState, actor: RecapActor): boolean {
  return recap.authorId !== null && recap.authorId === actor.userId
}

/** Staff who write recaps; parents never act on one. */
function isStaff(actor: RecapActor): boolean {
  return actor.role === 'admin' || actor.role === 'teacher'
}

/**
 * Whether this person may open the editor. A published recap is not edited in place: an admin
 * unpublishes it first, so that what readers see always went through review. Authors edit their own
 * recap; admins also edit one waiting for their review (a typo fixed before publishing).
 */
export function canEditRecap(recap: RecapState, actor: RecapActor): boolean {
  if (!isStaff(actor) || recap.status === 'published') return false
  if (isAuthor(recap, actor)) return true
  return actor.role === 'admin' && recap.status === 'in_review'
}

function isAdmin(_recap: RecapState, actor: RecapActor): boolean {
  return actor.role === 'admin'
}

/**
 * Every transition a recap makes, the one source of the lifecycle: the step, the statuses it
 * leaves, where it goes, and who may take it there. An admin's own recap needs no second pair of
 * eyes, so they publish it straight from draft; anyone else's is published from review.
 */
export const RECAP_TRANSITIONS: readonly {
  step: RecapStep
  from: readonly RecapStatus[]
  to: RecapStatus
  may: (recap: RecapState, actor: RecapActor) => boolean
}[] = [
  { step: 'submit', from: ['draft', 'returned'], to: 'in_review', may: canEditRecap },
  { step: 'publish', from: ['in_review'], to: 'published', may: isAdmin },
  {
    step: 'publish',
    from: ['draft', 'returned'],
    to: 'published',
    may: (recap, actor) => isAdmin(recap, actor) && isAuthor(recap, actor),
  },
  { step: 'return', from: ['in_review'], to: 'returned', may: isAdmin },
  { step: 'unpublish', from: ['published'], to: 'draft', may: isAdmin },
]

/** The status after this step, or null when the step does not apply to this recap and person. */
export function nextRecapStatus(recap: RecapState, step: RecapStep, actor: RecapActor): RecapStatus | null {
  const transition = RECAP_TRANSITIONS.find(
    (t) => t.step === step && t.from.includes(recap.status) && t.may(recap, actor),
  )
  return transition?.to ?? null
}

/** The steps this person may take now, in the order the page offers them. */
export function allowedRecapSteps(recap: RecapState, actor: RecapActor): RecapStep[] {
  return RECAP_STEPS.filter((step) => nextRecapStatus(recap, step, actor) !== null)
}

/** A teacher needs to know what to change, so returning without a comment is refused. */
export function recapCommentRequired(step: RecapStep): boolean {
  return step === 'return'
}

/**
 * Who hears of a step, apart from the person taking it: a submission goes to the school's admins,
 * a return or a publication to the author.
 */
export function recapStepRecipients(
  step: RecapStep,
  { authorId, adminIds, actorId }: { authorId: number | null; adminIds: readonly number[]; actorId: number },
): number[] {
  const recipients =
    step === 'submit'
      ? [...adminIds]
      : step === 'return' || step === 'publish'
        ? authorId === null
          ? []
          : [authorId]
        : []
  return [...new Set(recipients)].filter((id) => id !== actorId)
}

/** Audience targets are only kept for the audience that uses them. */
export function audienceTargets(
  audience: RecapAudience,
  { gradeIds, classIds }: { gradeIds: readonly number[]; classIds: readonly number[] },
): { gradeIds: number[]; classIds: number[] } {
  return {
    gradeIds: audience === 'grades' ? [...new Set(gradeIds)] : [],
    classIds: audience === 'classes' ? [...new Set(classIds)] : [],
  }
}

/** How many photos one recap carries: a recap, not an album. */
export const MAX_PHOTOS_PER_RECAP = 12

/** Where the photos of a recap with this audience may be left out: the readers who are not staff. */
export function withholdingReaders(audience: RecapAudience): ('public' | 'parent')[] {
  if (audience === 'staff') return []
  if (audience === 'public') return ['public', 'parent']
  return ['parent']
}
