/**
 * A season's programme as it stood when it was submitted or decided, and what changed since: the
 * reviewer reads only the changes on a resubmission instead of the whole programme again.
 */
export type ProgrammeSnapshot = {
  season: { title: string; slogan: string; description: string; startsOn: string; endsOn: string }
  strands: { id: number; title: string; slogan: string; gradeIds: number[] }[]
  activities: {
    id: number
    title: string
    kind: string
    strandId: number | null
    startsAt: string
    endsAt: string
    venue: string
    offCampus: boolean
    needsConsent: boolean
    gradeIds: number[]
    classIds: number[]
  }[]
}

/** Grades and classes an item gained or lost: the reviewer reads which, not only that they changed. */
export type TargetChanges = {
  gradesAdded: number[]
  gradesRemoved: number[]
  classesAdded: number[]
  classesRemoved: number[]
}

export type ProgrammeChange = {
  entity: 'season' | 'strand' | 'activity'
  id: number
  title: string
  change: 'added' | 'removed' | 'changed'
  fields: string[]
  /** Only when grades or classes changed */
  targets?: TargetChanges
}

const TARGET_FIELDS = ['gradeIds', 'classIds'] as const

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const set = new Set(a)
  return set.size === new Set(b).size && b.every((id) => set.has(id))
}

/** What `after` targets that `before` did not, and the other way round; the order ticked does not matter. */
export function targetChanges(
  before: { gradeIds: readonly number[]; classIds?: readonly number[] },
  after: { gradeIds: readonly number[]; classIds?: readonly number[] },
): TargetChanges | undefined {
  const minus = (a: readonly number[] = [], b: readonly number[] = []) => a.filter((id) => !b.includes(id))
  const changes = {
    gradesAdded: minus(after.gradeIds, before.gradeIds),
    gradesRemoved: minus(before.gradeIds, after.gradeIds),
    classesAdded: minus(after.classIds, before.classIds),
    classesRemoved: minus(before.classIds, after.classIds),
  }
  return Object.values(changes).some((ids) => ids.length) ? changes : undefined
}

function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  ignore: readonly string[] = [],
) {
  return Object.keys(after).filter((key) => {
    if (ignore.includes(key)) return false
    const [was, is] = [before[key], after[key]]
    if ((TARGET_FIELDS as readonly string[]).includes(key) && Array.isArray(was) && Array.isArray(is)) {
      return !sameIds(was, is)
    }
    return JSON.stringify(was) !== JSON.stringify(is)
  })
}

function diffById<T extends { id: number; title: string; gradeIds: number[]; classIds?: number[] }>(
  entity: 'strand' | 'activity',
  before: readonly T[],
  after: readonly T[],
): ProgrammeChange[] {
  const old = new Map(before.map((item) => [item.id, item]))
  const changes: ProgrammeChange[] = []
  for (const item of after) {
    const previous = old.get(item.id)
    if (!previous) {
      changes.push({ entity, id: item.id, title: item.title, change: 'added', fields: [] })
      continue
    }
    old.delete(item.id)
    const fields = changedFields(previous, item, ['id'])
    if (!fields.length) continue
    const targets = targetChanges(previous, item)
    changes.push({
      entity,
      id: item.id,
      title: item.title,
      change: 'changed',
      fields,
      ...(targets ? { targets } : {}),
    })
  }
  for (const item of old.values())
    changes.push({ entity, id: item.id, title: item.title, change: 'removed', fields: [] })
  return changes
}

/** One activity against the programme as last decided; null when it is new there or unchanged. */
export function diffActivity(
  before: ProgrammeSnapshot | null,
  after: ProgrammeSnapshot['activities'][number],
): ProgrammeChange | null {
  const previous = before?.activities.find((a) => a.id === after.id)
  if (!previous) return null
  return diffById('activity', [previous], [after])[0] ?? null
}

export function diffProgramme(
  before: ProgrammeSnapshot,
  after: ProgrammeSnapshot,
  seasonId: number,
): ProgrammeChange[] {
  const seasonFields = changedFields(before.season, after.season)
  return [
    ...(seasonFields.length
      ? [
          {
            entity: 'season' as const,
            id: seasonId,
            title: after.season.title,
            change: 'changed' as const,
            fields: seasonFields,
          },
        ]
      : []),
    ...diffById('strand', before.strands, after.strands),
    ...diffById('activity', before.activities, after.activities),
  ]
}

export function parseSnapshot(json: string | null): ProgrammeSnapshot | null {
  if (!json) return null
  try {
    const value = JSON.parse(json) as ProgrammeSnapshot
    return value && Array.isArray(value.strands) && Array.isArray(value.activities) ? value : null
  } catch {
    return null
  }
}
