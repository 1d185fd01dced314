import { describe, expect, it } from 'vitest'
import {
  afterFailure,
  FAILURE_WINDOW_MS,
  isLocked,
  LOCK_MS,
  MAX_FAILURES,
  normalizeUsername,
  type ThrottleState,
} from '~/domain/sign-in-throttle'

const start = new Date('2026-03-05T08:00:00Z')
const later = (ms: number) => new Date(start.getTime() + ms)

function failTimes(n: number, stepMs = 1000): ThrottleState | null {
  let state: ThrottleState | null = null
  for (let i = 0; i < n; i++) state = afterFailure(state, later(i * stepMs))
  return state
}

describe('sign-in throttle', () => {
  it('does not lock before the limit', () => {
    const state = failTimes(MAX_FAILURES - 1)
    expect(state?.failures).toBe(MAX_FAILURES - 1)
    expect(isLocked(state, later(10_000))).toBe(false)
  })

  it('locks at the limit for the lock period, then lets the account try again', () => {
    const state = failTimes(MAX_FAILURES)
    const lockedAt = later((MAX_FAILURES - 1) * 1000)
    expect(isLocked(state, lockedAt)).toBe(true)
    expect(isLocked(state, new Date(lockedAt.getTime() + LOCK_MS - 1))).toBe(true)
    expect(isLocked(state, new Date(lockedAt.getTime() + LOCK_MS))).toBe(false)
  })

  it('starts counting again after the lock has passed', () => {
    const locked = failTimes(MAX_FAILURES)
    const next = afterFailure(locked, later(LOCK_MS + 60_000))
    expect(next.failures).toBe(1)
    expect(next.lockedUntil).toBeNull()
  })

  it('forgets failures older than the window', () => {
    const state = failTimes(3)
    const next = afterFailure(state, later(FAILURE_WINDOW_MS + 5000))
    expect(next.failures).toBe(1)
  })

  it('treats usernames case- and space-insensitively', () => {
    expect(normalizeUsername('  JW-Admin ')).toBe('jw-admin')
  })
})
