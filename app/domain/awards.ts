import { array, coerce, literal, object, string, enum as zEnum } from 'zod'
import { AWARD_SCOPES, STANDARD_LEVELS, type StandardLevel } from './award-levels'
import { day, multilineText, optionalText, text } from './schemas'
import type { AwardRecipientKind } from './vocabulary'

/**
 * Awards of an activity (a contest's results, a team's, a class's): form schemas and rules, shared by
 * the server and the browser. Messages are catalogue keys. Siji records awards; it never ranks pupils.
 */

export const TITLE_MAX = 60
export const PERSON_MAX = 30
export const TEAM_NAME_MAX = 40
export const CITATION_MAX = 200
export const LEVEL_MAX = 20
export const LEVELS_MAX = 12

/** What the rules check a posted award against, read from the database by the caller. */
export type AwardContext = {
  /** The contest's levels, highest first (levelsOf) */
  levels: readonly string[]
  /** Pupils marked as attended: only they can be given an award */
  participantIds: ReadonlySet<number>
  /** The activity's target classes and the classes its participants were in */
  classIds: ReadonlySet<number>
  /** The academic year of the activity's season */
  year: { startsOn: string; endsOn: string }
  /** The awards each pupil already holds in this activity (their own and their teams') */
  held: ReadonlyMap<number, readonly HeldAward[]>
}

export type HeldAward = { awardId: number; title: string }

/** Pupil → the awards they hold in the activity, from one row per award and recipient. */
export function heldAwardsOf(rows: readonly ({ studentId: number } & HeldAward)[]): Map<number, HeldAward[]> {
  const held = new Map<number, HeldAward[]>()
  for (const { studentId, awardId, title } of rows) {
    held.set(studentId, [...(held.get(studentId) ?? []), { awardId, title }])
  }
  return held
}

/**
 * A pupil holds one award of a title per activity: a second 一等奖 would count twice on certificates,
 * the ceremony sheet and reports. `except` is the award being corrected, which may keep its title.
 */
export function holdsTitle(
  context: AwardContext,
  studentId: number,
  title: string,
  except?: number,
): boolean {
  return (context.held.get(studentId) ?? []).some(
    (award) => award.title === title.trim() && award.awardId !== except,
  )
}

const unknownChoice = 'validation.unknownChoice'
const id = coerce.number({ error: unknownChoice }).int(unknownChoice).positive(unknownChoice)

/**
 * The fields every award has. Rules needing the context sit on the fields themselves, so a form with
 * several mistakes shows them all at once (an object's refinement runs only once its fields pass).
 */
function sharedFields(context: AwardContext) {
  return {
    title: text(TITLE_MAX),
    scope: zEnum(AWARD_SCOPES, { error: unknownChoice }),
    presenterName: optionalText(PERSON_MAX),
    presenterTitle: optionalText(PERSON_MAX),
    awardedOn: day().refine(
      // An invalid day has day()'s own message.
      (value) =>
        !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
        (value >= context.year.startsOn && value <= context.year.endsOn),
      'awards.validation.outsideYear',
    ),
  }
}

function isLevelOf(context: AwardContext) {
  return (value: string | undefined) => !value || context.levels.includes(value)
}

function levelOf(context: AwardContext) {
  return string({ error: 'awards.validation.chooseLevel' })
    .trim()
    .min(1, 'awards.validation.chooseLevel')
    .refine(isLevelOf(context), 'awards.validation.unknownLevel')
}

/** A contest's results in one go: one row per participant, the shared fields once. */
export function resultsSchema(context: AwardContext) {
  return object({
    intent: literal('results'),
    ...sharedFields(context),
    rows: array(
      object({
        studentId: id,
        /** Empty: this participant is given no award */
        level: string().trim().optional().refine(isLevelOf(context), 'awards.validation.unknownLevel'),
        citation: multilineText(CITATION_MAX),
      }).optional(),
    ).default([]),
  }).superRefine((value, ctx) => {
    const seen = new Set<number>()
    let chosen = 0
    value.rows.forEach((row, index) => {
      if (!row?.level) return
      chosen += 1
      // Not on the results table (another school's pupil, one absent): a forged row has no field to show it.
      if (!context.participantIds.has(row.studentId) || seen.has(row.studentId)) {
        ctx.addIssue({ code: 'custom', path: [], message: 'awards.validation.notParticipant' })
      } else if (holdsTitle(context, row.studentId, value.title)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', index, 'level'],
          message: 'awards.validation.alreadyAwarded',
        })
      }
      seen.add(row.studentId)
    })
    if (chosen === 0) ctx.addIssue({ code: 'custom', path: [], message: 'awards.validation.noResults' })
  })
}

export type ResultsValues = ReturnType<ReturnType<typeof resultsSchema>['parse']>

/** One award for a team of participants: a name and at least two members. */
export function teamSchema(context: AwardContext) {
  return object({
    intent: literal('team'),
    ...sharedFields(context),
    level: levelOf(context),
    teamName: text(TEAM_NAME_MAX),
    studentIds: array(id)
      .default([])
      .refine((ids) => new Set(ids).size >= 2, 'awards.validation.teamSize')
      .refine(
        (ids) => ids.every((member) => context.participantIds.has(member)),
        'awards.validation.notParticipant',
      ),
    citation: multilineText(CITATION_MAX),
  }).superRefine((value, ctx) => {
    if (value.studentIds.some((member) => holdsTitle(context, member, value.title))) {
      ctx.addIssue({
        code: 'custom',
        path: ['studentIds'],
        message: 'awards.validation.memberAlreadyAwarded',
      })
    }
  })
}

export type TeamValues = ReturnType<ReturnType<typeof teamSchema>['parse']>

/** One award for a whole class: a target class of the activity, or a class its participants were in. */
export function classSchema(context: AwardContext) {
  return object({
    intent: literal('class'),
    ...sharedFields(context),
    level: levelOf(context),
    classId: coerce
      .number({ error: 'awards.validation.chooseClass' })
      .int('awards.validation.chooseClass')
      .positive('awards.validation.chooseClass')
      .refine((classId) => context.classIds.has(classId), 'awards.validation.classNotEligible'),
    citation: multilineText(CITATION_MAX),
  })
}

export type ClassValues = ReturnType<ReturnType<typeof classSchema>['parse']>

/** A valid entry form: the contest's results, a team's award or a class's. */
export type NewAwardInput = ResultsValues | TeamValues | ClassValues

/** Correcting one award; its recipients stay (a wrong recipient: delete the award, enter it again). */
export function editSchema(
  context: AwardContext,
  award: { id: number; recipientKind: AwardRecipientKind; recipients: readonly { studentId: number }[] },
) {
  return object({
    intent: literal('edit'),
    awardId: id,
    ...sharedFields(context),
    level: levelOf(context),
    teamName: award.recipientKind === 'team' ? text(TEAM_NAME_MAX) : optionalText(TEAM_NAME_MAX),
    citation: multilineText(CITATION_MAX),
  }).superRefine((value, ctx) => {
    if (award.recipients.some((r) => holdsTitle(context, r.studentId, value.title, award.id))) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'awards.validation.titleHeld' })
    }
  })
}

export type EditValues = ReturnType<ReturnType<typeof editSchema>['parse']>

type LevelListParse = { levels: string[] | null } | { error: string }

/**
 * A contest's own levels typed one per line, highest first. A line naming a standard level (一等奖,
 * "First prize") is stored as its key, so it stays translated; the standard list itself is stored as
 * null. `standardLabels` maps every catalogue name of a standard level to its key.
 */
export function parseLevelList(
  typed: string,
  standardLabels: ReadonlyMap<string, StandardLevel>,
): LevelListParse {
  const lines = typed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  if (lines.length === 0) return { levels: null }
  if (lines.length > LEVELS_MAX) return { error: `awards.validation.tooManyLevels|${LEVELS_MAX}` }
  if (lines.some((line) => line.length > LEVEL_MAX)) return { error: `validation.tooLong|${LEVEL_MAX}` }
  const levels = lines.map((line) => standardLabels.get(line) ?? line)
  if (new Set(levels).size !== levels.length) return { error: 'awards.validation.duplicateLevel' }
  const standard =
    levels.length === STANDARD_LEVELS.length && levels.every((l, i) => l === STANDARD_LEVELS[i])
  return { levels: standard ? null : levels }
}

/** The levels editor: levels given to awards already must stay in the list. */
export function levelsSchema({
  standardLabels,
  inUse,
}: {
  standardLabels: ReadonlyMap<string, StandardLevel>
  inUse: readonly string[]
}) {
  return object({
    intent: literal('levels'),
    levels: multilineText(2000),
  }).superRefine((value, ctx) => {
    const parsed = parseLevelList(value.levels, standardLabels)
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: parsed.error })
      return
    }
    const kept: readonly string[] = parsed.levels ?? STANDARD_LEVELS
    if (inUse.some((used) => !kept.includes(used))) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'awards.validation.levelInUse' })
    }
  })
}

/**
 * The order new awards are presented in: the lowest level first, so the top prize comes last, as at
 * a ceremony; awards of one level keep the order they were entered in (the results table's).
 */
export function presentingOrder<T extends { level: string }>(
  awards: readonly T[],
  levels: readonly string[],
): T[] {
  const rank = (award: T) => {
    const index = levels.indexOf(award.level)
    return index === -1 ? levels.length : index
  }
  return [...awards].sort((a, b) => rank(b) - rank(a))
}

export const MOVE_DIRECTIONS = ['up', 'down'] as const
export type MoveDirection = (typeof MOVE_DIRECTIONS)[number]

/** The presenting order after moving one award a place up or down; null when it cannot move. */
export function moveInOrder(
  ids: readonly number[],
  awardId: number,
  direction: MoveDirection,
): number[] | null {
  const from = ids.indexOf(awardId)
  const to = direction === 'up' ? from - 1 : from + 1
  if (from === -1 || to < 0 || to >= ids.length) return null
  const order = [...ids]
  order[from] = ids[to] as number
  order[to] = awardId
  return order
}

export type AwardRecipient = { studentId: number; name: string; classId: number }

/**
 * The certificates an award prints: one per pupil, one per member of a team, one for a class. A
 * certificate names its pupil (null for a class award).
 */
export function certificatesOf<
  T extends { recipientKind: AwardRecipientKind; recipients: readonly AwardRecipient[] },
>(award: T): { award: T; pupil: T['recipients'][number] | null }[] {
  if (award.recipientKind === 'class') return [{ award, pupil: null }]
  return award.recipients.map((pupil) => ({ award, pupil }))
}
