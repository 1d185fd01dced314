import type { SchoolKind } from './vocabulary'

export type { SchoolKind }

export const SCHOOL_KINDS: readonly SchoolKind[] = [
  'kindergarten',
  'primary',
  'junior',
  'nine_year',
  'senior',
]

const CHINESE_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const KINDERGARTEN_ZH = ['小班', '中班', '大班']
const KINDERGARTEN_EN = ['Nursery', 'Junior', 'Senior']
const SENIOR_ZH = ['高一', '高二', '高三']

/** Levels a school of this kind teaches: kindergarten 1–3, primary 1–5, junior 6–9, nine-year 1–9, senior 10–12. */
export function levelsForKind(kind: SchoolKind): number[] {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
  switch (kind) {
    case 'kindergarten':
      return range(1, 3)
    case 'primary':
      return range(1, 5)
    case 'junior':
      return range(6, 9)
    case 'nine_year':
      return range(1, 9)
    case 'senior':
      return range(10, 12)
  }
}

/** The Chinese name a school uses for a grade: 小班, 一年级, 高一. */
export function gradeNameZh(kind: SchoolKind, level: number): string {
  if (kind === 'kindergarten') return KINDERGARTEN_ZH[level - 1] ?? `${level}`
  if (level >= 10) return SENIOR_ZH[level - 10] ?? `${level}`
  return `${CHINESE_NUMERALS[level] ?? level}年级`
}

export function gradeNameEn(kind: SchoolKind, level: number): string {
  if (kind === 'kindergarten') return `${KINDERGARTEN_EN[level - 1] ?? level} class`
  return `Grade ${level}`
}

export function proposedGrades(kind: SchoolKind): { level: number; name: string }[] {
  return levelsForKind(kind).map((level) => ({ level, name: gradeNameZh(kind, level) }))
}

/** The grades this kind proposes that the school does not have yet (a renamed grade still counts). */
export function missingGrades(kind: SchoolKind, existingLevels: number[]): { level: number; name: string }[] {
  const existing = new Set(existingLevels)
  return proposedGrades(kind).filter((grade) => !existing.has(grade.level))
}

/** 一(2)班 for schools; kindergartens name classes by grade and number: 大四班. */
export function classNameZh(kind: SchoolKind, level: number, number: number): string {
  if (kind === 'kindergarten') {
    const grade = KINDERGARTEN_ZH[level - 1] ?? ''
    return `${grade.slice(0, 1)}${CHINESE_NUMERALS[number] ?? number}班`
  }
  const grade = level >= 10 ? (SENIOR_ZH[level - 10] ?? `${level}`) : (CHINESE_NUMERALS[level] ?? `${level}`)
  return `${grade}(${number})班`
}

export function classNameEn(kind: SchoolKind, level: number, number: number): string {
  if (kind === 'kindergarten') return `${KINDERGARTEN_EN[level - 1] ?? level} class ${number}`
  return `Class ${level}-${number}`
}

/** A grade as a reader sees it: the school's own Chinese name, or the English one. */
export function gradeLabel(
  locale: 'zh' | 'en',
  kind: SchoolKind,
  grade: { level: number; name: string },
): string {
  return locale === 'zh' ? grade.name : gradeNameEn(kind, grade.level)
}

export function classLabel(
  locale: 'zh' | 'en',
  kind: SchoolKind,
  c: { gradeLevel: number; number: number; name: string },
): string {
  return locale === 'zh' ? c.name : classNameEn(kind, c.gradeLevel, c.number)
}
