import { describe, expect, it } from 'vitest'
import {
  classLabel,
  classNameEn,
  classNameZh,
  gradeLabel,
  gradeNameZh,
  levelsForKind,
  missingGrades,
  proposedGrades,
} from '~/domain/grades'
import { AcademicYearSchema, ClassSchema, parseId, TermSchema } from '~/domain/schemas'
import {
  dayOffProblem,
  isOrdered,
  isValidDay,
  overlaps,
  termProblem,
  yearContaining,
  yearProblem,
  yearToOpen,
} from '~/domain/school-calendar'

const year = { startsOn: '2025-09-01', endsOn: '2026-08-31' }
const autumn = { startsOn: '2025-09-01', endsOn: '2026-01-23' }

describe('isValidDay', () => {
  it('accepts real calendar days, leap days included', () => {
    expect(isValidDay('2026-03-05')).toBe(true)
    expect(isValidDay('2028-02-29')).toBe(true)
  })

  it('refuses days that do not exist and other shapes', () => {
    expect(isValidDay('2026-02-30')).toBe(false)
    expect(isValidDay('2026-02-29')).toBe(false)
    expect(isValidDay('2026-13-01')).toBe(false)
    expect(isValidDay('2026-3-5')).toBe(false)
    expect(isValidDay('2026-03-05T00:00')).toBe(false)
    expect(isValidDay('')).toBe(false)
  })
})

describe('ranges', () => {
  it('orders and overlaps inclusively', () => {
    expect(isOrdered({ startsOn: '2026-01-01', endsOn: '2026-01-01' })).toBe(true)
    expect(isOrdered({ startsOn: '2026-01-02', endsOn: '2026-01-01' })).toBe(false)
    expect(overlaps(autumn, { startsOn: '2026-01-23', endsOn: '2026-02-01' })).toBe(true)
    expect(overlaps(autumn, { startsOn: '2026-01-24', endsOn: '2026-02-01' })).toBe(false)
  })
})

describe('termProblem', () => {
  it('accepts a term inside its year beside the others', () => {
    expect(termProblem({ startsOn: '2026-02-23', endsOn: '2026-07-03' }, year, [autumn])).toBeNull()
    expect(termProblem(year, year, [])).toBeNull()
  })

  it('refuses a term that starts before or ends after its year', () => {
    expect(termProblem({ startsOn: '2025-08-31', endsOn: '2025-12-31' }, year, [])).toBe(
      'validation.termOutsideYear',
    )
    expect(termProblem({ startsOn: '2026-02-23', endsOn: '2026-09-01' }, year, [])).toBe(
      'validation.termOutsideYear',
    )
  })

  it('refuses a term overlapping another', () => {
    expect(termProblem({ startsOn: '2026-01-01', endsOn: '2026-06-30' }, year, [autumn])).toBe(
      'validation.termOverlaps',
    )
  })

  it('treats a shared day as an overlap, and the next day as free', () => {
    expect(termProblem({ startsOn: '2026-01-23', endsOn: '2026-06-30' }, year, [autumn])).toBe(
      'validation.termOverlaps',
    )
    expect(termProblem({ startsOn: '2026-01-24', endsOn: '2026-06-30' }, year, [autumn])).toBeNull()
  })
})

describe('dayOffProblem', () => {
  it('accepts a day off inside the year, one day or several', () => {
    expect(dayOffProblem({ startsOn: '2025-10-01', endsOn: '2025-10-08' }, year)).toBeNull()
    expect(dayOffProblem({ startsOn: '2026-08-31', endsOn: '2026-08-31' }, year)).toBeNull()
  })

  it('refuses one reaching outside the year', () => {
    expect(dayOffProblem({ startsOn: '2026-08-30', endsOn: '2026-09-02' }, year)).toBe(
      'validation.dayOffOutsideYear',
    )
  })
})

describe('yearProblem', () => {
  it('accepts a year after the others', () => {
    expect(yearProblem({ startsOn: '2026-09-01', endsOn: '2027-08-31' }, [year])).toBeNull()
  })

  it('refuses a year of one day, or one overlapping another year', () => {
    expect(yearProblem({ startsOn: '2026-09-01', endsOn: '2026-09-01' }, [])).toBe('validation.yearTooShort')
    expect(yearProblem({ startsOn: '2026-08-01', endsOn: '2027-07-31' }, [year])).toBe(
      'validation.yearOverlaps',
    )
  })
})

describe('yearContaining', () => {
  const years = [
    { id: 2, ...year },
    { id: 1, startsOn: '2024-09-01', endsOn: '2025-08-31' },
  ]

  it('finds the year a day falls in, edges included', () => {
    expect(yearContaining(years, '2026-03-05')?.id).toBe(2)
    expect(yearContaining(years, '2025-08-31')?.id).toBe(1)
    expect(yearContaining(years, '2025-09-01')?.id).toBe(2)
  })

  it('finds nothing outside every year', () => {
    expect(yearContaining(years, '2027-01-01')).toBeUndefined()
    expect(yearContaining([], '2026-01-01')).toBeUndefined()
  })
})

describe('grades of each kind of school', () => {
  it('proposes the levels of each kind', () => {
    expect(levelsForKind('kindergarten')).toEqual([1, 2, 3])
    expect(levelsForKind('primary')).toEqual([1, 2, 3, 4, 5])
    expect(levelsForKind('junior')).toEqual([6, 7, 8, 9])
    expect(levelsForKind('nine_year')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(levelsForKind('senior')).toEqual([10, 11, 12])
  })

  it('names grades as schools do', () => {
    expect(proposedGrades('kindergarten').map((g) => g.name)).toEqual(['小班', '中班', '大班'])
    expect(proposedGrades('primary').map((g) => g.name)).toEqual([
      '一年级',
      '二年级',
      '三年级',
      '四年级',
      '五年级',
    ])
    expect(proposedGrades('junior').map((g) => g.name)).toEqual(['六年级', '七年级', '八年级', '九年级'])
    expect(gradeNameZh('nine_year', 9)).toBe('九年级')
    expect(gradeNameZh('nine_year', 1)).toBe('一年级')
    expect(proposedGrades('senior').map((g) => g.name)).toEqual(['高一', '高二', '高三'])
  })

  it('names classes as schools do', () => {
    expect(classNameZh('kindergarten', 1, 1)).toBe('小一班')
    expect(classNameZh('kindergarten', 3, 4)).toBe('大四班')
    expect(classNameZh('primary', 1, 2)).toBe('一(2)班')
    expect(classNameZh('junior', 9, 3)).toBe('九(3)班')
    expect(classNameZh('nine_year', 5, 2)).toBe('五(2)班')
    expect(classNameZh('senior', 10, 1)).toBe('高一(1)班')
    expect(classNameEn('kindergarten', 3, 4)).toBe('Senior class 4')
    expect(classNameEn('senior', 10, 1)).toBe('Class 10-1')
  })

  it('shows the stored Chinese name in Chinese and a computed one in English', () => {
    const grade = { level: 1, name: '小小班' }
    expect(gradeLabel('zh', 'kindergarten', grade)).toBe('小小班')
    expect(gradeLabel('en', 'kindergarten', grade)).toBe('Nursery class')
    expect(gradeLabel('en', 'senior', { level: 10, name: '高一' })).toBe('Grade 10')
    const c = { gradeLevel: 2, number: 3, name: '二(3)班' }
    expect(classLabel('zh', 'primary', c)).toBe('二(3)班')
    expect(classLabel('en', 'primary', c)).toBe('Class 2-3')
  })

  it('lists the missing grades, counting a renamed grade as present', () => {
    expect(missingGrades('senior', [11])).toEqual([
      { level: 10, name: '高一' },
      { level: 12, name: '高三' },
    ])
    expect(missingGrades('kindergarten', [1, 2, 3])).toEqual([])
    expect(missingGrades('primary', []).map((g) => g.level)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('form schemas', () => {
  it('leaves a class name empty so the server can name it', () => {
    const result = ClassSchema.safeParse({ gradeId: '3', number: '2' })
    expect(result.success && result.data).toEqual({ gradeId: 3, number: 2 })
    expect(ClassSchema.safeParse({ gradeId: '3', number: '31' }).success).toBe(false)
  })

  it('refuses impossible dates and a term ending before it starts', () => {
    const bad = AcademicYearSchema.safeParse({ name: 'x', startsOn: '2026-02-30', endsOn: '2026-08-31' })
    expect(bad.success).toBe(false)
    const backwards = TermSchema.safeParse({
      academicYearId: '1',
      name: 't',
      startsOn: '2026-03-01',
      endsOn: '2026-02-01',
    })
    expect(backwards.success).toBe(false)
    expect(backwards.error?.issues[0]?.message).toBe('validation.endBeforeStart')
  })

  it('reads record ids strictly', () => {
    expect(parseId('12')).toBe(12)
    expect(parseId('0')).toBeNull()
    expect(parseId('12abc')).toBeNull()
    expect(parseId('1e3')).toBeNull()
    expect(parseId(' 12')).toBeNull()
    expect(parseId(undefined)).toBeNull()
  })
})

describe('the year a page opens on', () => {
  const years = [
    { id: 3, startsOn: '2027-09-01', endsOn: '2028-08-31' },
    { id: 2, startsOn: '2026-09-01', endsOn: '2027-08-31' },
    { id: 1, startsOn: '2025-09-01', endsOn: '2026-08-31' },
  ]

  it('is the current year when it has something to show', () => {
    expect(yearToOpen(years, { today: '2026-12-07', withData: new Set([1, 2]) })?.id).toBe(2)
  })

  it('is the most recent year with data that has begun when the current one is empty', () => {
    expect(yearToOpen(years, { today: '2026-12-07', withData: new Set([1, 3]) })?.id).toBe(1)
  })

  it('falls back to the current year when no year that has begun has data', () => {
    expect(yearToOpen(years, { today: '2026-12-07', withData: new Set([3]) })?.id).toBe(2)
    expect(yearToOpen(years, { today: '2026-12-07', withData: new Set() })?.id).toBe(2)
  })

  it('is the latest year when today falls in none', () => {
    expect(yearToOpen(years, { today: '2030-01-01', withData: new Set() })?.id).toBe(3)
    expect(yearToOpen(years, { today: '2030-01-01', withData: new Set([2]) })?.id).toBe(2)
    expect(yearToOpen([], { today: '2030-01-01', withData: new Set() })).toBeUndefined()
  })
})
