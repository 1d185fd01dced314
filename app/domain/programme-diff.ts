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

export type ProgrammeChange = {
  entity: 'season' | 'strand' | 'activity'
  id: number
  title: string
  change: 'added' | 'removed' | 'changed'
  fields: string[]
}

function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  ignore: readonly string[] = [],
) {
  return Object.keys(after).filter(
    (key) => !ignore.includes(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  )
}

function diffById<T extends { id: number; title: string }>(
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
    if (fields.length) changes.push({ entity, id: item.id, title: item.title, change: 'changed', fields })
  }
  for (const item of old.values())
    changes.push({ entity, id: item.id, title: item.title, change: 'removed', fields: [] })
  return changes
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
