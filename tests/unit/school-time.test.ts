import { describe, expect, it } from 'vitest'
import {
  instantRangeOfDays,
  isLocalDateTime,
  localDay,
  toInstant,
  toLocalDateTime,
} from '~/domain/school-time'

describe('school time', () => {
  it('turns a wall-clock time in the school’s zone into a UTC instant and back', () => {
    expect(toInstant('2026-03-06T09:00', 'Asia/Shanghai')).toBe('2026-03-06T01:00:00.000Z')
    expect(toLocalDateTime('2026-03-06T01:00:00.000Z', 'Asia/Shanghai')).toBe('2026-03-06T09:00')
    // A zone with daylight saving keeps the wall clock too.
    expect(toInstant('2026-07-01T09:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z')
  })

  it('puts an evening in UTC on the next school-local day', () => {
    expect(localDay('2026-03-06T17:00:00.000Z', 'Asia/Shanghai')).toBe('2026-03-07')
    expect(localDay('2026-03-06T15:59:00.000Z', 'Asia/Shanghai')).toBe('2026-03-06')
  })

  it('bounds a run of local days by instants, end exclusive', () => {
    expect(instantRangeOfDays('2026-03-01', '2026-03-31', 'Asia/Shanghai')).toEqual({
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    })
  })

  it('accepts only real datetime-local values', () => {
    expect(isLocalDateTime('2026-03-06T09:00')).toBe(true)
    expect(isLocalDateTime('2026-02-30T09:00')).toBe(false)
    expect(isLocalDateTime('2026-03-06T24:00')).toBe(false)
    expect(isLocalDateTime('2026-03-06 09:00')).toBe(false)
  })
})
