import { describe, expect, it } from 'vitest'
import { diffActivity, diffProgramme, type ProgrammeSnapshot, parseSnapshot } from '~/domain/programme-diff'

const before: ProgrammeSnapshot = {
  season: {
    title: '春·播感恩季',
    slogan: '感恩',
    description: '',
    startsOn: '2026-03-02',
    endsOn: '2026-03-31',
  },
  strands: [{ id: 1, title: '感恩父母', slogan: '', gradeIds: [1, 6] }],
  activities: [
    {
      id: 10,
      title: '陶艺课',
      kind: 'workshop',
      strandId: 1,
      startsAt: '2026-03-06T01:00:00.000Z',
      endsAt: '2026-03-06T02:00:00.000Z',
      venue: '陶艺教室',
      offCampus: false,
      needsConsent: false,
      gradeIds: [1],
      classIds: [],
    },
    {
      id: 11,
      title: '劳技课',
      kind: 'workshop',
      strandId: 1,
      startsAt: '2026-03-04T01:00:00.000Z',
      endsAt: '2026-03-04T02:00:00.000Z',
      venue: '劳技教室',
      offCampus: false,
      needsConsent: false,
      gradeIds: [6],
      classIds: [],
    },
  ],
}

describe('what changed since the last review', () => {
  it('finds nothing in an unchanged programme', () => {
    expect(diffProgramme(before, structuredClone(before), 1)).toEqual([])
  })

  it('names added, removed and changed items with the fields that changed', () => {
    const after = structuredClone(before)
    after.season.endsOn = '2026-04-03'
    after.strands[0]!.gradeIds = [1]
    after.activities[0]!.venue = '报告厅'
    after.activities[0]!.startsAt = '2026-03-05T01:00:00.000Z'
    after.activities.splice(1, 1)
    after.activities.push({ ...before.activities[1]!, id: 12, title: '串珠手链' })
    expect(diffProgramme(before, after, 7)).toEqual([
      { entity: 'season', id: 7, title: '春·播感恩季', change: 'changed', fields: ['endsOn'] },
      {
        entity: 'strand',
        id: 1,
        title: '感恩父母',
        change: 'changed',
        fields: ['gradeIds'],
        targets: { gradesAdded: [], gradesRemoved: [6], classesAdded: [], classesRemoved: [] },
      },
      { entity: 'activity', id: 10, title: '陶艺课', change: 'changed', fields: ['startsAt', 'venue'] },
      { entity: 'activity', id: 12, title: '串珠手链', change: 'added', fields: [] },
      { entity: 'activity', id: 11, title: '劳技课', change: 'removed', fields: [] },
    ])
  })

  it('reads only well-formed snapshots', () => {
    expect(parseSnapshot(JSON.stringify(before))).toEqual(before)
    expect(parseSnapshot(null)).toBeNull()
    expect(parseSnapshot('{not json')).toBeNull()
    expect(parseSnapshot('{"season":{}}')).toBeNull()
  })
})

describe('grades and classes in the changes', () => {
  it('names the grades and classes an activity gained and lost', () => {
    const after = structuredClone(before)
    after.activities[0]!.gradeIds = [1, 2]
    after.activities[1]!.gradeIds = []
    after.activities[1]!.classIds = [61, 62]
    expect(diffProgramme(before, after, 7)).toEqual([
      {
        entity: 'activity',
        id: 10,
        title: '陶艺课',
        change: 'changed',
        fields: ['gradeIds'],
        targets: { gradesAdded: [2], gradesRemoved: [], classesAdded: [], classesRemoved: [] },
      },
      {
        entity: 'activity',
        id: 11,
        title: '劳技课',
        change: 'changed',
        fields: ['gradeIds', 'classIds'],
        targets: { gradesAdded: [], gradesRemoved: [6], classesAdded: [61, 62], classesRemoved: [] },
      },
    ])
  })

  it('does not count grades ticked in another order as a change', () => {
    const reordered = structuredClone(before)
    reordered.strands[0]!.gradeIds = [6, 1]
    expect(diffProgramme(before, reordered, 7)).toEqual([])
  })

  it('diffs one activity against the programme as decided', () => {
    const changed = { ...before.activities[0]!, gradeIds: [1, 2, 3], classIds: [] }
    expect(diffActivity(before, changed)?.targets).toEqual({
      gradesAdded: [2, 3],
      gradesRemoved: [],
      classesAdded: [],
      classesRemoved: [],
    })
    expect(diffActivity(before, before.activities[0]!)).toBeNull()
    expect(diffActivity(null, changed)).toBeNull()
  })
})
