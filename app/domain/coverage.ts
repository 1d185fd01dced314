/** The strands × grades coverage matrix of a season page: which grades each strand actually reaches. */

export type CoverageStrand = { id: number; gradeIds: number[] }
export type CoverageActivity = { strandId: number | null; gradeIds: number[]; classIds: number[] }
export type CoverageCell = { gradeId: number; targeted: boolean; count: number; gap: boolean }
export type CoverageRow = { strandId: number; cells: CoverageCell[] }

/** Grades an activity reaches: its whole grades plus the grades of its classes, de-duplicated, sorted ascending. */
export function gradesReached(
  activity: { gradeIds: readonly number[]; classIds: readonly number[] },
  gradeOfClass: ReadonlyMap<number, number>,
): number[] {
  const grades = new Set(activity.gradeIds)
  for (const classId of activity.classIds) {
    const gradeId = gradeOfClass.get(classId)
    // A class deleted since the activity was planned reaches nothing.
    if (gradeId !== undefined) grades.add(gradeId)
  }
  return [...grades].sort((a, b) => a - b)
}

/**
 * For every strand (row) and every grade given (columns, in the order given): how many of the strand's
 * activities reach that grade (wholly, or through at least one of its classes — an activity counts once per grade).
 * A gap is a targeted grade with no activity. Activities in other strands or none do not count.
 */
export function coverageMatrix(
  strands: readonly CoverageStrand[],
  gradeIds: readonly number[],
  activities: readonly CoverageActivity[],
  gradeOfClass: ReadonlyMap<number, number>,
): CoverageRow[] {
  // strand id → grade id → number of activities reaching it
  const counts = new Map<number, Map<number, number>>()
  for (const activity of activities) {
    if (activity.strandId === null) continue
    let byGrade = counts.get(activity.strandId)
    if (!byGrade) {
      byGrade = new Map()
      counts.set(activity.strandId, byGrade)
    }
    for (const gradeId of gradesReached(activity, gradeOfClass)) {
      byGrade.set(gradeId, (byGrade.get(gradeId) ?? 0) + 1)
    }
  }
  return strands.map((strand) => {
    const targeted = new Set(strand.gradeIds)
    const byGrade = counts.get(strand.id)
    return {
      strandId: strand.id,
      cells: gradeIds.map((gradeId) => {
        const count = byGrade?.get(gradeId) ?? 0
        const isTargeted = targeted.has(gradeId)
        return { gradeId, targeted: isTargeted, count, gap: isTargeted && count === 0 }
      }),
    }
  })
}

/** Grades each strand targets but nothing reaches: [{ strandId, gradeIds }] only for strands with gaps. */
export function coverageGaps(rows: readonly CoverageRow[]): { strandId: number; gradeIds: number[] }[] {
  return rows.flatMap((row) => {
    const gradeIds = row.cells.filter((cell) => cell.gap).map((cell) => cell.gradeId)
    return gradeIds.length > 0 ? [{ strandId: row.strandId, gradeIds }] : []
  })
}
