import { addDays, format, parseISO } from 'date-fns'
import { classNameZh, type SchoolKind } from './grades'

/**
 * The year rollover: every current class moves up a grade into a new class of the same number,
 * the top grade graduates. Classes carry no year, so which year the roster is in is decided here.
 */
export type YearRange = { id: number; name: string; startsOn: string; endsOn: string }

/**
 * The academic year the current classes belong to: the one the last rollover went into; before any
 * rollover, the year today falls in, or between years the latest one begun (the summer holiday,
 * when schools roll over, may fall outside every year a school typed in).
 */
export function rosterYear<T extends YearRange>(
  years: readonly T[],
  { today, lastRolloverYearId }: { today: string; lastRolloverYearId: number | null },
): T | undefined {
  const rolledInto = years.find((y) => y.id === lastRolloverYearId)
  if (rolledInto) return rolledInto
  const byStart = [...years].sort((a, b) => a.startsOn.localeCompare(b.startsOn))
  return (
    byStart.find((y) => y.startsOn <= today && today <= y.endsOn) ??
    byStart.filter((y) => y.startsOn <= today).at(-1) ??
    byStart[0]
  )
}

/** The year after `current`: the first to start after it (years never overlap). */
export function followingYear<T extends YearRange>(years: readonly T[], current: YearRange): T | undefined {
  return [...years]
    .filter((y) => y.startsOn > current.startsOn)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0]
}

/** Schools roll over in the summer holiday: a year that starts more than a term away suggests a mistake. */
const EARLY_DAYS = 92

export function isEarlyRollover(next: YearRange, today: string): boolean {
  return today < format(addDays(parseISO(next.startsOn), -EARLY_DAYS), 'yyyy-MM-dd')
}

export type RolloverClass = {
  id: number
  name: string
  gradeLevel: number
  number: number
  headTeacherId: number | null
  pupils: number
}

export type ClassMove = { from: RolloverClass; toGradeId: number; toLevel: number; toName: string }

export type RolloverPlan = {
  moves: ClassMove[]
  graduating: RolloverClass[]
  /** Grade levels a class would move into that the school has not created */
  missingLevels: number[]
}

/** Where each current class goes: up one grade level, or out of school from the top grade. */
export function planClassMoves(
  kind: SchoolKind,
  grades: readonly { id: number; level: number }[],
  classes: readonly RolloverClass[],
): RolloverPlan {
  const topLevel = Math.max(...grades.map((g) => g.level))
  const gradeOfLevel = new Map(grades.map((g) => [g.level, g.id]))
  const moves: ClassMove[] = []
  const graduating: RolloverClass[] = []
  const missing = new Set<number>()
  for (const schoolClass of classes) {
    if (schoolClass.gradeLevel >= topLevel) {
      graduating.push(schoolClass)
      continue
    }
    const toLevel = schoolClass.gradeLevel + 1
    const toGradeId = gradeOfLevel.get(toLevel)
    if (toGradeId === undefined) {
      missing.add(toLevel)
      continue
    }
    moves.push({
      from: schoolClass,
      toGradeId,
      toLevel,
      toName: classNameZh(kind, toLevel, schoolClass.number),
    })
  }
  return { moves, graduating, missingLevels: [...missing].sort((a, b) => a - b) }
}
