import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { isRecordable } from '~/domain/approval'
import {
  buildSheet,
  countStatuses,
  type Defaults,
  defaultHours,
  defaultRole,
  lacksConsent,
  type PostedRow,
  parseHours,
  planSave,
  rowIssues,
  type SaveInput,
  type SheetPupil,
  SheetSchema,
  type StoredEntry,
} from '~/domain/participation'

function pupil(studentId: number, over: Partial<SheetPupil> = {}): SheetPupil {
  return {
    studentId,
    name: `学生${studentId}`,
    studentNumber: String(studentId).padStart(2, '0'),
    classId: 52,
    className: '五(2)班',
    gradeLevel: 5,
    classNumber: 2,
    ...over,
  }
}

function entry(over: Partial<StoredEntry> = {}): StoredEntry {
  return {
    status: 'attended',
    role: 'volunteer',
    hours: 2,
    excuseReason: '',
    added: false,
    revision: 1,
    recordedByName: '周老师',
    recordedAt: '2026-03-05T08:00:00.000Z',
    noticeWindow: null,
    ...over,
  }
}

const defaults: Defaults = { hours: 2, role: 'volunteer' }

function posted(studentId: number, over: Partial<PostedRow> = {}): PostedRow {
  return { studentId, revision: 0, role: 'volunteer', ...over }
}

/** A sheet of pupils 1–4, pupil 3 already marked absent at revision 2. */
function input(over: Partial<SaveInput> = {}): SaveInput {
  const sheet = [1, 2, 3, 4].map((id) => ({
    studentId: id,
    name: `学生${id}`,
    locked: false,
    entry: id === 3 ? entry({ status: 'absent', hours: null, revision: 2 }) : null,
  }))
  return {
    posted: [],
    allPresent: false,
    sheet,
    schoolPupilIds: new Set([1, 2, 3, 4, 9]),
    defaults,
    otherHours: new Map(),
    ...over,
  }
}

describe('what the sheet offers', () => {
  it('is open once approved, and for corrections after closing, never before', () => {
    expect(isRecordable('approved')).toBe(true)
    expect(isRecordable('published')).toBe(true)
    expect(isRecordable('closed')).toBe(true)
    for (const status of ['draft', 'submitted', 'changes_requested'] as const) {
      expect(isRecordable(status)).toBe(false)
    }
  })

  it("defaults hours to the activity's credit when one pupil's day can hold it", () => {
    expect(defaultHours(2)).toBe(2)
    expect(defaultHours(1.5)).toBe(1.5)
    expect(defaultHours(null)).toBeNull()
    expect(defaultHours(40)).toBeNull()
  })

  it('makes pupils of a service activity volunteers', () => {
    expect(defaultRole('service')).toBe('volunteer')
    expect(defaultRole('ceremony')).toBe('participant')
  })

  it('lists target pupils and added ones in class order, stored entries on their rows', () => {
    const rows = buildSheet({
      targetPupils: [pupil(2, { studentNumber: '02' }), pupil(1, { studentNumber: '01' })],
      stored: [
        { ...pupil(2, { studentNumber: '02' }), entry: entry() },
        {
          ...pupil(7, { classId: 51, className: '五(1)班', classNumber: 1 }),
          entry: entry({ status: null, added: true }),
        },
      ],
      today: '2026-03-06',
    })
    expect(rows.map((r) => r.studentId)).toEqual([7, 1, 2])
    expect(rows[0]).toMatchObject({ added: true, removable: true, locked: false })
    expect(rows[1]).toMatchObject({ entry: null, added: false, removable: false })
    expect(rows[2]?.entry?.status).toBe('attended')
  })

  it('locks a row whose notice window has closed, and never offers to remove a marked one', () => {
    const window = { opensOn: '2026-03-09', closesOn: '2026-03-13' }
    const [open, closed, marked] = buildSheet({
      targetPupils: [],
      stored: [
        { ...pupil(1), entry: entry({ noticeWindow: window }) },
        { ...pupil(2), entry: entry({ noticeWindow: { opensOn: '2026-03-01', closesOn: '2026-03-05' } }) },
        { ...pupil(3), entry: entry({ added: true, status: 'absent' }) },
      ],
      today: '2026-03-10',
    })
    expect(open?.locked).toBe(false)
    expect(closed?.locked).toBe(true)
    expect(marked?.removable).toBe(false)
  })

  it('counts statuses, unmarked included', () => {
    expect(countStatuses(['attended', 'attended', 'absent', null, undefined, 'excused'])).toEqual({
      attended: 2,
      absent: 1,
      excused: 1,
      unmarked: 2,
    })
  })

  it('flags attendance without consent only where consent is needed', () => {
    expect(lacksConsent('attended', true, 'requested')).toBe(true)
    expect(lacksConsent('attended', true, 'refused')).toBe(true)
    expect(lacksConsent('attended', true, null)).toBe(true)
    expect(lacksConsent('attended', true, 'given')).toBe(false)
    expect(lacksConsent('absent', true, 'refused')).toBe(false)
    expect(lacksConsent('attended', false, null)).toBe(false)
  })
})

describe('hours', () => {
  it('accepts empty and half hours from 0 to 24, full-width digits too', () => {
    expect(parseHours('')).toEqual({ value: null })
    expect(parseHours(undefined)).toEqual({ value: null })
    expect(parseHours(' 1.5 ')).toEqual({ value: 1.5 })
    expect(parseHours('0')).toEqual({ value: 0 })
    expect(parseHours('24')).toEqual({ value: 24 })
    expect(parseHours('.5')).toEqual({ value: 0.5 })
    expect(parseHours('２．５')).toEqual({ value: 2.5 })
  })

  it('refuses what is not a number, out of range or not in half hours', () => {
    expect(parseHours('abc')).toEqual({ error: 'participation.validation.hoursNumber' })
    expect(parseHours('1e1')).toEqual({ error: 'participation.validation.hoursNumber' })
    expect(parseHours('2小时')).toEqual({ error: 'participation.validation.hoursNumber' })
    expect(parseHours('-1')).toEqual({ error: 'participation.validation.hoursRange' })
    expect(parseHours('25')).toEqual({ error: 'participation.validation.hoursRange' })
    expect(parseHours('24.5')).toEqual({ error: 'participation.validation.hoursRange' })
    expect(parseHours('1.25')).toEqual({ error: 'participation.validation.hoursStep' })
  })
})

describe('row rules', () => {
  it('wants a reason for an excused pupil', () => {
    expect(rowIssues(posted(1, { status: 'excused' }), 3, false)).toEqual([
      { index: 3, field: 'reason', message: 'participation.validation.reasonRequired' },
    ])
    expect(rowIssues(posted(1, { status: 'excused', reason: '发烧' }), 3, false)).toEqual([])
  })

  it('checks hours of those who attended only: an absent pupil is credited nothing anyway', () => {
    expect(rowIssues(posted(1, { status: 'attended', hours: '25' }), 0, false)).toHaveLength(1)
    expect(rowIssues(posted(1, { status: 'absent', hours: '25' }), 0, false)).toEqual([])
  })

  it('asks to mark a pupil before crediting hours, unless "all present" marks them', () => {
    expect(rowIssues(posted(1, { hours: '2' }), 0, false)).toEqual([
      { index: 0, field: 'status', message: 'participation.validation.markFirst' },
    ])
    expect(rowIssues(posted(1, { hours: '2' }), 0, true)).toEqual([])
    expect(rowIssues(posted(1, { hours: 'x' }), 0, true)).toHaveLength(1)
  })

  it('parses the posted sheet and puts messages on the row fields', () => {
    const formData = new URLSearchParams({
      intent: 'save',
      'rows[0].studentId': '11',
      'rows[0].revision': '0',
      'rows[0].status': 'excused',
      'rows[0].role': 'volunteer',
      'rows[1].studentId': '12',
      'rows[1].revision': '3',
      'rows[1].status': 'attended',
      'rows[1].role': 'docent',
      'rows[1].hours': '1.5',
    })
    const submission = parseWithZod(formData, { schema: SheetSchema })
    expect(submission.status).toBe('error')
    expect(submission.status === 'error' && submission.error?.['rows[0].reason']).toEqual([
      'participation.validation.reasonRequired',
    ])
    formData.set('rows[0].reason', '病假')
    const fixed = parseWithZod(formData, { schema: SheetSchema })
    expect(fixed.status).toBe('success')
    if (fixed.status !== 'success') return
    expect(fixed.value.rows[1]).toEqual({
      studentId: 12,
      revision: 3,
      status: 'attended',
      role: 'docent',
      hours: '1.5',
    })
  })

  it('refuses a role or status outside the lists', () => {
    const formData = new URLSearchParams({
      intent: 'save',
      'rows[0].studentId': '11',
      'rows[0].revision': '0',
      'rows[0].status': 'late',
      'rows[0].role': 'captain',
    })
    const submission = parseWithZod(formData, { schema: SheetSchema })
    if (submission.status !== 'error') throw new Error('expected errors')
    expect(submission.error?.['rows[0].status']).toEqual(['validation.unknownChoice'])
    expect(submission.error?.['rows[0].role']).toEqual(['validation.unknownChoice'])
  })
})

describe('saving', () => {
  it('"all present" marks every unmarked row with the default hours and keeps existing marks', () => {
    const plan = planSave(input({ allPresent: true }))
    expect(plan.kind).toBe('ok')
    if (plan.kind !== 'ok') return
    expect(plan.writes.map((w) => w.studentId)).toEqual([1, 2, 4])
    expect(plan.writes[0]).toEqual({
      studentId: 1,
      insert: true,
      revision: 1,
      values: { status: 'attended', role: 'volunteer', hours: 2, excuseReason: '' },
    })
    expect(plan.counts).toEqual({ attended: 3, absent: 1, excused: 0, unmarked: 0 })
  })

  it('"all present" with the typed rows keeps what was typed and marks the rest', () => {
    const plan = planSave(
      input({
        allPresent: true,
        posted: [
          posted(1, { status: 'absent' }),
          posted(2, { role: 'docent', hours: '3' }),
          posted(3, { revision: 2 }),
        ],
      }),
    )
    expect(plan.kind).toBe('ok')
    if (plan.kind !== 'ok') return
    expect(plan.writes.map((w) => [w.studentId, w.values.status, w.values.role, w.values.hours])).toEqual([
      [1, 'absent', 'volunteer', null],
      [2, 'attended', 'docent', 3],
      [4, 'attended', 'volunteer', 2],
    ])
  })

  it('writes only rows that change, credits attended ones, and keeps a reason only for excused', () => {
    const plan = planSave(
      input({
        posted: [
          posted(1, { status: 'attended' }),
          posted(2, { status: 'excused', reason: '病假', hours: '2' }),
          posted(3, { revision: 2, status: 'absent', role: 'volunteer' }),
          posted(4),
        ],
      }),
    )
    expect(plan.kind).toBe('ok')
    if (plan.kind !== 'ok') return
    expect(plan.writes).toEqual([
      {
        studentId: 1,
        insert: true,
        revision: 1,
        values: { status: 'attended', role: 'volunteer', hours: 2, excuseReason: '' },
      },
      {
        studentId: 2,
        insert: true,
        revision: 1,
        values: { status: 'excused', role: 'volunteer', hours: null, excuseReason: '病假' },
      },
    ])
  })

  it('updates a stored row to its next revision', () => {
    const plan = planSave(input({ posted: [posted(3, { revision: 2, status: 'attended', hours: '1.5' })] }))
    expect(plan).toMatchObject({
      kind: 'ok',
      writes: [{ studentId: 3, insert: false, revision: 3, values: { status: 'attended', hours: 1.5 } }],
    })
  })

  it('is a conflict when someone saved a row since it was read and this save would change it', () => {
    const base = input()
    const theirs = entry({ status: 'absent', hours: null, revision: 2 })
    const plan = planSave({
      ...base,
      posted: [posted(1, { status: 'attended' }), posted(3, { revision: 1, status: 'attended' })],
    })
    expect(plan).toEqual({ kind: 'conflict', conflicts: [{ studentId: 3, index: 1, stored: theirs }] })
  })

  it('is no conflict when the other save already holds the same values, or this row is left unmarked', () => {
    const same = planSave(input({ posted: [posted(3, { revision: 1, status: 'absent' })] }))
    expect(same).toMatchObject({ kind: 'ok', writes: [] })
    const unmarked = planSave(input({ posted: [posted(3, { revision: 0 })] }))
    expect(unmarked).toMatchObject({ kind: 'ok', writes: [] })
  })

  it('sees a row created by someone else since the page was read as a conflict too', () => {
    const base = input()
    const sheet = base.sheet.map((row) =>
      row.studentId === 1 ? { ...row, entry: entry({ status: 'excused', excuseReason: '病假' }) } : row,
    )
    const plan = planSave({ ...base, sheet, posted: [posted(1, { revision: 0, status: 'attended' })] })
    expect(plan).toMatchObject({ kind: 'conflict', conflicts: [{ studentId: 1, index: 0 }] })
  })

  it('refuses a pupil not on the sheet, and calls one removed since a conflict', () => {
    expect(planSave(input({ posted: [posted(9, { status: 'attended' })] }))).toEqual({
      kind: 'unknown',
      studentIds: [9],
    })
    expect(planSave(input({ posted: [posted(99, { revision: 4, status: 'attended' })] }))).toEqual({
      kind: 'unknown',
      studentIds: [99],
    })
    expect(planSave(input({ posted: [posted(9, { revision: 1, status: 'attended' })] }))).toEqual({
      kind: 'conflict',
      conflicts: [{ studentId: 9, index: 0, stored: null }],
    })
  })

  it('refuses a change to a locked row, but not an unchanged one', () => {
    const base = input()
    const sheet = base.sheet.map((row) => (row.studentId === 3 ? { ...row, locked: true } : row))
    expect(planSave({ ...base, sheet, posted: [posted(3, { revision: 2, status: 'attended' })] })).toEqual({
      kind: 'locked',
      studentIds: [3],
    })
    expect(planSave({ ...base, sheet, posted: [posted(3, { revision: 2, status: 'absent' })] }).kind).toBe(
      'ok',
    )
    // "All present" passes a locked unmarked row by.
    const lockedUnmarked = base.sheet.map((row) => (row.studentId === 4 ? { ...row, locked: true } : row))
    const plan = planSave({ ...base, sheet: lockedUnmarked, allPresent: true })
    expect(plan.kind === 'ok' && plan.writes.map((w) => w.studentId)).toEqual([1, 2])
  })

  it("keeps a pupil's day within 24 hours across activities", () => {
    const otherHours = new Map([
      [1, 22],
      [2, 23.5],
    ])
    const plan = planSave(
      input({
        otherHours,
        posted: [
          posted(1, { status: 'attended', hours: '2' }),
          posted(2, { status: 'attended', hours: '1' }),
        ],
      }),
    )
    expect(plan).toEqual({
      kind: 'invalid',
      issues: [{ index: 1, field: 'hours', message: 'participation.validation.dayTotal|0.5' }],
      overDay: [],
    })
    // A row "all present" fills without a field to show the message on is named instead.
    const bare = planSave(input({ otherHours, allPresent: true }))
    expect(bare).toEqual({ kind: 'invalid', issues: [], overDay: [2] })
  })

  it('does not let an old, unchanged row block a save of others', () => {
    const base = input({ otherHours: new Map([[3, 24]]) })
    const sheet = base.sheet.map((row) =>
      row.studentId === 3 ? { ...row, entry: entry({ hours: 4, revision: 2 }) } : row,
    )
    const plan = planSave({
      ...base,
      sheet,
      posted: [posted(3, { revision: 2, status: 'attended', hours: '4' }), posted(1, { status: 'absent' })],
    })
    expect(plan).toMatchObject({ kind: 'ok', writes: [{ studentId: 1 }] })
  })
})
