import { describe, expect, it } from 'vitest'
import { keptDaysOff, nextYearOf, proposeYear, YearStartSchema } from '~/domain/year-start'

const years = [
  { id: 1, name: '2025-2026', startsOn: '2025-09-01', endsOn: '2026-08-31' },
  { id: 2, name: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-08-31' },
]

describe('nextYearOf', () => {
  it('is the year after the one today falls in, existing or not', () => {
    expect(nextYearOf(years, '2027-08-20')).toEqual({ previous: years[1], existing: undefined })
    expect(nextYearOf(years, '2026-03-01')).toEqual({ previous: years[0], existing: years[1] })
    // Between years (a summer nobody typed in), the latest year begun.
    expect(nextYearOf([years[0]!], '2026-09-05').previous).toBe(years[0])
  })
})

describe('proposeYear', () => {
  it('proposes 1 September to 31 August after the latest year, with two terms on weekdays', () => {
    expect(proposeYear(years, '2027-08-20', '2028-02-01')).toEqual({
      name: '2027-2028',
      startsOn: '2027-09-01',
      endsOn: '2028-08-31',
      terms: [
        { startsOn: '2027-09-01', endsOn: '2028-01-21' },
        { startsOn: '2028-02-21', endsOn: '2028-06-30' },
      ],
    })
  })

  it('starts the second term after a late Spring Festival break', () => {
    // 春节 2029 is 13 February: the break runs to the 19th, the term starts on Monday the 26th.
    const proposal = proposeYear(
      [{ startsOn: '2027-09-01', endsOn: '2028-08-31' }],
      '2028-08-01',
      '2029-02-19',
    )
    expect(proposal.terms[1].startsOn).toBe('2029-02-26')
  })

  it('without any year, proposes the one today’s autumn starts', () => {
    expect(proposeYear([], '2027-08-20').name).toBe('2027-2028')
    expect(proposeYear([], '2027-03-20').name).toBe('2026-2027')
  })
})

describe('YearStartSchema', () => {
  const base = {
    name: '2027-2028',
    startsOn: '2027-09-01',
    endsOn: '2028-08-31',
    terms: [
      { name: '第一学期', startsOn: '2027-09-01', endsOn: '2028-01-21' },
      { name: '第二学期', startsOn: '2028-02-21', endsOn: '2028-06-30' },
    ],
  }

  it('keeps ticked proposals and filled blank rows, and drops the rest', () => {
    const result = YearStartSchema.safeParse({
      ...base,
      daysOff: [
        {
          proposed: '1',
          keep: 'on',
          kind: 'holiday',
          name: '国庆节',
          startsOn: '2027-10-01',
          endsOn: '2027-10-07',
        },
        { proposed: '1', kind: 'holiday', name: '元旦', startsOn: '2028-01-01', endsOn: '2028-01-03' },
        { kind: 'workday', name: '调休上班', startsOn: '2027-09-26', endsOn: '2027-09-26' },
        { kind: 'exam' },
      ],
    })
    expect(result.success).toBe(true)
    expect(keptDaysOff(result.data!).map((d) => [d.index, d.name, d.kind])).toEqual([
      [0, '国庆节', 'holiday'],
      [2, '调休上班', 'workday'],
    ])
  })

  it('names the field of a filled row that is missing or wrong', () => {
    const result = YearStartSchema.safeParse({
      ...base,
      daysOff: [
        { kind: 'workday', name: '调休上班' },
        { kind: 'exam', name: '期末考试', startsOn: '2028-06-20', endsOn: '2028-06-19' },
        { proposed: '1', kind: 'holiday', name: '', startsOn: 'x', endsOn: '' },
      ],
    })
    expect(result.success).toBe(false)
    const issues = result.error!.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues).toEqual([
      ['daysOff.0.startsOn', 'validation.required'],
      ['daysOff.0.endsOn', 'validation.required'],
      ['daysOff.1.endsOn', 'validation.endBeforeStart'],
    ])
  })
})
