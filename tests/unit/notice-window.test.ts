import { describe, expect, it } from 'vitest'
import { isEntryLocked, noticeWindowState } from '~/domain/notice-window'

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
