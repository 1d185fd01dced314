import { describe, expect, it } from 'vitest'
import { checkRosterText, type RosterClass } from '~/domain/roster-csv'
import { planRosterImport, type RosterState } from '~/domain/roster-import'

const CLASSES: RosterClass[] = [
  { id: 51, name: '五(1)班', gradeLevel: 5, number: 1 },
  { id: 52, name: '五(2)班', gradeLevel: 5, number: 2 },
]

const HEADER = '学号,姓名,班级,家长姓名,家长手机,关系'

const EMPTY: RosterState = { pupils: [], parents: [], links: [] }

/** The school already has 张一诺 in 五(1)班, guarded by 张妈妈 (account 7, phone 13800000001). */
const SCHOOL: RosterState = {
  pupils: [{ id: 100, studentNumber: 'S1', name: '张一诺', classId: 51, active: true }],
  parents: [{ id: 7, phone: '13800000001' }],
  links: [{ studentId: 100, guardianId: 7, guardianName: '张妈妈', relation: 'mother' }],
}

/** Checks the lines as an upload is checked, then plans them against `state`. */
function plan(lines: string[], state: RosterState) {
  const check = checkRosterText([HEADER, ...lines].join('\r\n'), CLASSES)
  return { check, plan: planRosterImport(check.rows, state) }
}

describe('planRosterImport', () => {
  it('adds a pupil the school does not have, with a new guardian account for an unknown phone', () => {
    const { plan: p } = plan(['S2,李华,五(2)班,李强,13800000002,父亲'], SCHOOL)
    expect(p.newPupils).toEqual([{ line: 2, studentNumber: 'S2', name: '李华', classId: 52 }])
    expect(p.updatedPupils).toEqual([])
    expect(p.newGuardians).toEqual([{ phone: '13800000002', name: '李强', pupils: ['李华'] }])
    expect(p.links).toEqual([
      { studentNumber: 'S2', guardianId: null, phone: '13800000002', relation: 'father' },
    ])
    expect(p.errors).toEqual([])
  })

  it('moves a pupil whose class changed, saying what it was; an identical row is unchanged', () => {
    const moved = plan(['S1,张一诺,五(2)班,张妈妈,13800000001,母亲'], SCHOOL).plan
    expect(moved.updatedPupils).toEqual([
      {
        line: 2,
        studentNumber: 'S1',
        name: '张一诺',
        classId: 52,
        before: { name: '张一诺', classId: 51, active: true },
      },
    ])
    expect(moved.newPupils).toEqual([])
    expect(moved.links).toEqual([])

    const same = plan(['S1,张一诺,五(1)班,张妈妈,13800000001,母亲'], SCHOOL).plan
    expect(same).toMatchObject({
      newPupils: [],
      updatedPupils: [],
      unchanged: 1,
      links: [],
      newGuardians: [],
    })
  })

  it('brings back a pupil who had left, though name and class are the same', () => {
    const left = { ...SCHOOL, pupils: [{ ...SCHOOL.pupils[0]!, active: false }] }
    const { plan: p } = plan(['S1,张一诺,五(1)班,,,'], left)
    expect(p.updatedPupils.map((u) => u.before)).toEqual([{ name: '张一诺', classId: 51, active: false }])
    expect(p.unchanged).toBe(0)
  })

  it('links an existing account by its phone, the oldest when a phone is on several, and re-labels a changed relation', () => {
    const twoAccounts = {
      ...SCHOOL,
      parents: [
        { id: 9, phone: '13800000003' },
        { id: 4, phone: '13800000003' },
      ],
    }
    const { plan: p } = plan(
      ['S1,张一诺,五(1)班,张爷爷,13800000003,祖父母', 'S3,王五,五(1)班,张爷爷,13800000003,祖父母'],
      {
        ...twoAccounts,
      },
    )
    expect(p.newGuardians).toEqual([])
    expect(p.links).toEqual([
      { studentNumber: 'S1', guardianId: 4, phone: '13800000003', relation: 'grandparent' },
      { studentNumber: 'S3', guardianId: 4, phone: '13800000003', relation: 'grandparent' },
    ])

    const relabelled = plan(['S1,张一诺,五(1)班,张妈妈,13800000001,监护人'], SCHOOL).plan
    expect(relabelled.links).toEqual([
      { studentNumber: 'S1', guardianId: 7, phone: '13800000001', relation: 'guardian' },
    ])
  })

  it('makes one account for a new phone used by two pupils, named as the first row names it', () => {
    const { plan: p } = plan(
      ['S4,陈一,五(1)班,陈妈妈,13800000004,母亲', 'S5,陈二,五(2)班,陈妈妈,13800000004,母亲'],
      EMPTY,
    )
    expect(p.newGuardians).toEqual([{ phone: '13800000004', name: '陈妈妈', pupils: ['陈一', '陈二'] }])
    expect(p.links.map((l) => [l.studentNumber, l.guardianId, l.phone])).toEqual([
      ['S4', null, '13800000004'],
      ['S5', null, '13800000004'],
    ])
  })

  it('plans a pupil once when the file repeats their number for a second guardian', () => {
    const { check, plan: p } = plan(
      ['S6,周六,五(1)班,周妈妈,13800000006,母亲', 'S6,周六,五(1)班,周爸爸,13800000007,父亲'],
      EMPTY,
    )
    expect(check.errors).toEqual([])
    expect(p.newPupils.map((n) => n.studentNumber)).toEqual(['S6'])
    expect(p.newGuardians.map((g) => g.name)).toEqual(['周妈妈', '周爸爸'])
    expect(p.links.map((l) => l.studentNumber)).toEqual(['S6', 'S6'])
  })

  it('keeps a guardian without a phone only when the pupil already has them, by name', () => {
    const kept = plan(['S1,张一诺,五(1)班,张妈妈,,母亲'], SCHOOL).plan
    expect(kept).toMatchObject({ errors: [], links: [], newGuardians: [] })

    const unknown = plan(['S1,张一诺,五(1)班,张阿姨,,监护人', 'S8,吴八,五(1)班,吴妈妈,,母亲'], SCHOOL).plan
    expect(unknown.errors).toEqual([
      {
        line: 2,
        field: 'guardianPhone',
        messageKey: 'roster.errors.phoneForNewGuardian',
        params: { name: '张阿姨' },
      },
      {
        line: 3,
        field: 'guardianPhone',
        messageKey: 'roster.errors.phoneForNewGuardian',
        params: { name: '吴妈妈' },
      },
    ])
  })

  it('plans nothing from a file the check refused: a number repeated for another pupil, an unknown class', () => {
    const { check, plan: p } = plan(
      ['S1,张一诺,五(1)班,,,', 'S1,李四,五(2)班,,,', 'S9,郑九,九(4)班,,,', 'S10,钱十,五(2)班,,,'],
      SCHOOL,
    )
    expect(check.errors.map((e) => [e.line, e.messageKey])).toEqual([
      [3, 'roster.errors.duplicateNumber'],
      [4, 'roster.errors.unknownClass'],
    ])
    expect(p).toEqual({
      newPupils: [],
      updatedPupils: [],
      unchanged: 0,
      newGuardians: [],
      links: [],
      errors: [],
    })
  })
})
