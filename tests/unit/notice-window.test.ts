import { describe, expect, it } from 'vitest'
import {
  addSchoolDays,
  canDispute,
  DEFAULT_NOTICE_SCHOOL_DAYS,
  defaultClosesOn,
  extensionProblem,
  FAMILY_CLOSED_VISIBLE_DAYS,
  familyVisibleSince,
  isEntryLocked,
  isSchoolDay,
  MAX_NOTICE_DAYS,
  NOTICE_EXPORT_COLUMNS,
  nextDay,
  noticeDatesProblems,
  noticeWindowState,
} from '~/domain/notice-window'

const window = { opensOn: '2026-12-01', closesOn: '2026-12-07' }

describe('notice window', () => {
  it('is upcoming before its first day, open on both end days, closed after the last', () => {
    expect(noticeWindowState(window, '2026-11-30')).toBe('upcoming')
    expect(noticeWindowState(window, '2026-12-01')).toBe('open')
    expect(noticeWindowState(window, '2026-12-07')).toBe('open')
    expect(noticeWindowState(window, '2026-12-08')).toBe('closed')
  })

  it('locks an entry only once its window has closed', () => {
    expect(isEntryLocked(null, '2027-01-01')).toBe(false)
    expect(isEntryLocked(window, '2026-12-07')).toBe(false)
    expect(isEntryLocked(window, '2026-12-08')).toBe(true)
  })
})

// 2026-12-04 is a Friday; 2027-01-01 (元旦) a Friday.
const newYear = [{ startsOn: '2027-01-01', endsOn: '2027-01-03' }]

describe('school days', () => {
  it('are weekdays not covered by a day off', () => {
    expect(isSchoolDay('2026-12-04', [])).toBe(true)
    expect(isSchoolDay('2026-12-05', [])).toBe(false)
    expect(isSchoolDay('2026-12-06', [])).toBe(false)
    expect(isSchoolDay('2027-01-01', newYear)).toBe(false)
    expect(isSchoolDay('2026-12-31', newYear)).toBe(true)
  })

  it('counts forward over weekends', () => {
    // Monday + 5 school days is the next Monday; Thursday + 2 is Monday.
    expect(addSchoolDays('2026-11-30', 5, [])).toBe('2026-12-07')
    expect(addSchoolDays('2026-12-03', 2, [])).toBe('2026-12-07')
    // From a Saturday the first school day is Monday.
    expect(addSchoolDays('2026-11-28', 1, [])).toBe('2026-11-30')
  })

  it('skips days off, including a long holiday', () => {
    // Wed 30 Dec: Thu 31 (1), [Fri 1 Jan off, weekend], Mon 4 (2), Tue 5 (3).
    expect(addSchoolDays('2026-12-30', 3, newYear)).toBe('2027-01-05')
    const nationalDay = [{ startsOn: '2026-10-01', endsOn: '2026-10-08' }]
    expect(addSchoolDays('2026-09-29', 2, nationalDay)).toBe('2026-10-09')
  })

  it('refuses a count that is not a positive whole number', () => {
    expect(() => addSchoolDays('2026-12-01', 0, [])).toThrow(RangeError)
    expect(() => addSchoolDays('2026-12-01', 1.5, [])).toThrow(RangeError)
    expect(() => addSchoolDays('2026-13-01', 1, [])).toThrow(RangeError)
  })

  it('proposes a window closing five school days after it opens', () => {
    expect(DEFAULT_NOTICE_SCHOOL_DAYS).toBe(5)
    expect(defaultClosesOn('2026-12-01', [])).toBe('2026-12-08')
    expect(defaultClosesOn('2026-12-29', newYear)).toBe('2027-01-06')
  })
})

describe('new window dates', () => {
  const today = '2026-12-01'

  it('accepts a window from today, and a one-day window', () => {
    expect(noticeDatesProblems({ opensOn: today, closesOn: '2026-12-08' }, today)).toEqual({})
    expect(noticeDatesProblems({ opensOn: '2026-12-02', closesOn: '2026-12-02' }, today)).toEqual({})
  })

  it('refuses opening in the past and closing before opening', () => {
    expect(noticeDatesProblems({ opensOn: '2026-11-30', closesOn: '2026-12-08' }, today)).toEqual({
      opensOn: 'notices.validation.opensInPast',
    })
    expect(noticeDatesProblems({ opensOn: '2026-12-05', closesOn: '2026-12-04' }, today)).toEqual({
      closesOn: 'validation.endBeforeStart',
    })
  })

  it(`runs at most ${MAX_NOTICE_DAYS} days, both ends counted`, () => {
    expect(noticeDatesProblems({ opensOn: today, closesOn: '2026-12-30' }, today)).toEqual({})
    expect(noticeDatesProblems({ opensOn: today, closesOn: '2026-12-31' }, today)).toEqual({
      closesOn: `notices.validation.tooLong|${MAX_NOTICE_DAYS}`,
    })
  })
})

describe('extending a window', () => {
  const open = { opensOn: '2026-12-01', closesOn: '2026-12-07' }

  it('moves the closing day later while the window is open or upcoming', () => {
    expect(extensionProblem(open, '2026-12-10', '2026-12-07')).toBeNull()
    expect(extensionProblem(open, '2026-12-10', '2026-11-20')).toBeNull()
  })

  it('refuses once closed, an earlier or same day, and a span over the limit', () => {
    expect(extensionProblem(open, '2026-12-10', '2026-12-08')).toBe('notices.validation.alreadyClosed')
    expect(extensionProblem(open, '2026-12-07', '2026-12-03')).toBe('notices.validation.notLater')
    expect(extensionProblem(open, '2026-12-05', '2026-12-03')).toBe('notices.validation.notLater')
    expect(extensionProblem(open, '2026-12-31', '2026-12-03')).toBe(
      `notices.validation.tooLong|${MAX_NOTICE_DAYS}`,
    )
  })
})

describe('the extend form', () => {
  it('proposes the day after the current last day', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01')
    expect(nextDay('2028-02-28')).toBe('2028-02-29')
  })
})

describe('guardians and the window', () => {
  it('may dispute only while it is open', () => {
    expect(canDispute(window, '2026-11-30')).toBe(false)
    expect(canDispute(window, '2026-12-01')).toBe(true)
    expect(canDispute(window, '2026-12-07')).toBe(true)
    expect(canDispute(window, '2026-12-08')).toBe(false)
  })

  it(`see a closed window for ${FAMILY_CLOSED_VISIBLE_DAYS} days after it closed`, () => {
    expect(familyVisibleSince('2026-12-29')).toBe('2026-12-01')
    expect(familyVisibleSince('2027-03-01')).toBe('2027-02-01')
  })
})

describe('export layout', () => {
  it('has the documented Chinese columns in order', () => {
    expect(NOTICE_EXPORT_COLUMNS.map((c) => c.header)).toEqual([
      '学号',
      '姓名',
      '班级',
      '活动',
      '日期',
      '类别',
      '课时',
      '角色',
      '出勤',
      '公示期',
      '异议',
      '处理结果',
    ])
  })
})
