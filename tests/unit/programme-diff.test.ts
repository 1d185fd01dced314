import { describe, expect, it } from 'vitest'
import { diffProgramme, type ProgrammeSnapshot, parseSnapshot } from '~/domain/programme-diff'

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
      { entity: 'strand', id: 1, title: '感恩父母', change: 'changed', fields: ['gradeIds'] },
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
