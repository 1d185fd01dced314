/** 特等奖, 一等奖, 二等奖, 三等奖, 优秀奖: the levels a contest has unless it names its own. */
export const STANDARD_LEVELS = ['special', 'first', 'second', 'third', 'merit'] as const
export type StandardLevel = (typeof STANDARD_LEVELS)[number]

export const AWARD_SCOPES = ['school', 'district', 'city', 'national'] as const

export function isStandardLevel(level: string): level is StandardLevel {
  return (STANDARD_LEVELS as readonly string[]).includes(level)
}

/** A contest's levels, highest first: its own list (activities.award_levels, JSON) or the standard one. */
export function levelsOf(awardLevels: string | null): string[] {
  if (!awardLevels) return [...STANDARD_LEVELS]
  try {
    const parsed: unknown = JSON.parse(awardLevels)
    if (Array.isArray(parsed) && parsed.length && parsed.every((l) => typeof l === 'string' && l.trim())) {
      return parsed as string[]
    }
  } catch {
    // A damaged list falls back to the standard levels rather than breaking the page.
  }
  return [...STANDARD_LEVELS]
}

/** What a person reads for a level: the catalogue's name of a standard level, a custom label as it is. */
export function levelLabel(level: string, t: (key: string) => string): string {
  return isStandardLevel(level) ? t(`awards.levels.${level}`) : level
}
