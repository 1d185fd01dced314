import { describe, expect, it } from 'vitest'
import { type CoverageActivity, coverageGaps, coverageMatrix, gradesReached } from '~/domain/coverage'

// Grade n has classes n01 and n02 (e.g. 601, 602).
const gradeIds = [1, 2, 3, 4, 5, 6, 7, 8]
const gradeOfClass = new Map(gradeIds.flatMap((g) => [[g * 100 + 1, g] as const, [g * 100 + 2, g] as const]))

// The Jiwang season: four strands, each aimed at two grades.
const strands = [
  { id: 11, gradeIds: [1, 6] },
  { id: 12, gradeIds: [2, 7] },
  { id: 13, gradeIds: [2, 4] },
  { id: 14, gradeIds: [5, 8] },
]

const activities: CoverageActivity[] = [
  { strandId: 11, gradeIds: [1], classIds: [] },
  { strandId: 11, gradeIds: [1, 3], classIds: [] }, // grade 3 is not a target of strand 11
  { strandId: 11, gradeIds: [], classIds: [601, 602] }, // two classes of grade 6: counts once
  { strandId: 12, gradeIds: [7], classIds: [701] }, // whole grade and one of its classes: counts once
  { strandId: 13, gradeIds: [], classIds: [401] },
  { strandId: null, gradeIds: [2, 5, 8], classIds: [] }, // no strand: reaches nothing in the matrix
  { strandId: 99, gradeIds: [5], classIds: [] }, // a strand not on this page
]

function row(strandId: number) {
  const found = coverageMatrix(strands, gradeIds, activities, gradeOfClass).find(
    (r) => r.strandId === strandId,
  )
  return Object.fromEntries(found!.cells.map((cell) => [cell.gradeId, cell]))
}

describe('coverageMatrix', () => {
  it('has one row per strand and one cell per grade, in the order given', () => {
    const rows = coverageMatrix(strands, [8, 1, 4], activities, gradeOfClass)
    expect(rows.map((r) => r.strandId)).toEqual([11, 12, 13, 14])
    for (const r of rows) expect(r.cells.map((c) => c.gradeId)).toEqual([8, 1, 4])
  })

  it('counts activities reaching a grade wholly or through its classes, once each', () => {
    const first = row(11)
    expect(first[1]).toEqual({ gradeId: 1, targeted: true, count: 2, gap: false })
    expect(first[6]).toEqual({ gradeId: 6, targeted: true, count: 1, gap: false })
    // Reached without being a target: counted, never a gap.
    expect(first[3]).toEqual({ gradeId: 3, targeted: false, count: 1, gap: false })
    expect(first[2]).toEqual({ gradeId: 2, targeted: false, count: 0, gap: false })
    expect(row(12)[7]).toEqual({ gradeId: 7, targeted: true, count: 1, gap: false })
    expect(row(13)[4]).toEqual({ gradeId: 4, targeted: true, count: 1, gap: false })
  })

  it('marks targeted grades nothing reaches as gaps, ignoring activities of no or other strands', () => {
    expect(row(12)[2]).toEqual({ gradeId: 2, targeted: true, count: 0, gap: true })
    expect(row(13)[2]).toEqual({ gradeId: 2, targeted: true, count: 0, gap: true })
    expect(row(14)[5]).toEqual({ gradeId: 5, targeted: true, count: 0, gap: true })
    expect(row(14)[8]).toEqual({ gradeId: 8, targeted: true, count: 0, gap: true })
  })

  it('shows every targeted grade as a gap when the season has no activities', () => {
    const rows = coverageMatrix(strands, gradeIds, [], gradeOfClass)
    expect(coverageGaps(rows)).toEqual(strands.map((s) => ({ strandId: s.id, gradeIds: s.gradeIds })))
  })
})

describe('coverageGaps', () => {
  it('lists only the strands with gaps', () => {
    const rows = coverageMatrix(strands, gradeIds, activities, gradeOfClass)
    expect(coverageGaps(rows)).toEqual([
      { strandId: 12, gradeIds: [2] },
      { strandId: 13, gradeIds: [2] },
      { strandId: 14, gradeIds: [5, 8] },
    ])
  })

  it('is empty when every target is reached', () => {
    const covering = strands.map((s) => ({ strandId: s.id, gradeIds: s.gradeIds, classIds: [] }))
    expect(coverageGaps(coverageMatrix(strands, gradeIds, covering, gradeOfClass))).toEqual([])
  })
})

describe('gradesReached', () => {
  it('joins whole grades and the grades of classes, de-duplicated and sorted', () => {
    expect(gradesReached({ gradeIds: [7, 2], classIds: [701, 301, 302] }, gradeOfClass)).toEqual([2, 3, 7])
    expect(gradesReached({ gradeIds: [], classIds: [] }, gradeOfClass)).toEqual([])
  })

  it('ignores a class the school no longer has', () => {
    expect(gradesReached({ gradeIds: [], classIds: [999] }, gradeOfClass)).toEqual([])
  })
})
