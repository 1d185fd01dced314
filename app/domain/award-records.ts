import { isVisibleToFamilies } from './approval'
import { STANDARD_LEVELS } from './award-levels'
import type { AwardRecipientKind, PlanStatus } from './vocabulary'

/**
 * Levels highest first: the standard ones in their order (特等奖 … 优秀奖), then a contest's own labels
 * in the reader's alphabetical order, so a report lists them the same way every time.
 */
export function compareLevels(a: string, b: string, locale = 'zh'): number {
  const rank = (level: string) => {
    const index = (STANDARD_LEVELS as readonly string[]).indexOf(level)
    return index < 0 ? STANDARD_LEVELS.length : index
  }
  return rank(a) - rank(b) || a.localeCompare(b, locale)
}

/**
 * A guardian reads an award once it has been given (not while the ceremony is still being prepared)
 * and only for an activity families may see at all.
 */
export function isAwardVisibleToFamilies(
  award: { awardedOn: string; activityStatus: PlanStatus },
  today: string,
): boolean {
  return award.awardedOn <= today && isVisibleToFamilies(award.activityStatus)
}

export type AwardTally = {
  /** Every award, a class award once */
  awards: number
  classAwards: number
  /** Awards to named pupils, alone or in a team */
  pupilAwards: number
  /** Distinct pupils named in those awards */
  pupils: number
}

/** Counts of a list of awards: a class award counts once and names nobody; a pupil counts once. */
export function tallyAwards(
  awards: readonly { recipientKind: AwardRecipientKind; recipients: readonly { studentId: number }[] }[],
): AwardTally {
  const pupils = new Set<number>()
  let classAwards = 0
  for (const award of awards) {
    if (award.recipientKind === 'class') classAwards++
    else for (const recipient of award.recipients) pupils.add(recipient.studentId)
  }
  return {
    awards: awards.length,
    classAwards,
    pupilAwards: awards.length - classAwards,
    pupils: pupils.size,
  }
}
