import { describe, expect, it } from 'vitest'
import {
  afterFailure,
  CLIENT_MAX_FAILURES,
  FAILURE_WINDOW_MS,
  isLocked,
  LOCK_MS,
  MAX_FAILURES,
  normalizeUsername,
  type ThrottleState,
  throttleKeys,
  windowStartBefore,
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

  it('counts an account per client, and each client across all names', () => {
    const owner = throttleKeys('JW-Admin', '203.0.113.7')
    const stranger = throttleKeys('jw-admin', '198.51.100.9')
    expect(owner.account).not.toBe(stranger.account)
    expect(owner.client).not.toBe(stranger.client)
    expect(throttleKeys('someone-else', '203.0.113.7').client).toBe(owner.client)
    expect(throttleKeys(' jw-admin ', '203.0.113.7').account).toBe(owner.account)
  })

  it('keeps keys short whatever name is typed', () => {
    expect(throttleKeys('x'.repeat(5000), '203.0.113.7').account.length).toBeLessThan(100)
  })

  it('locks a client at its own, higher ceiling', () => {
    let state: ThrottleState | null = null
    for (let i = 0; i < CLIENT_MAX_FAILURES - 1; i++)
      state = afterFailure(state, later(i), CLIENT_MAX_FAILURES)
    expect(isLocked(state, later(CLIENT_MAX_FAILURES))).toBe(false)
    state = afterFailure(state, later(CLIENT_MAX_FAILURES), CLIENT_MAX_FAILURES)
    expect(isLocked(state, later(CLIENT_MAX_FAILURES + 1))).toBe(true)
    expect(CLIENT_MAX_FAILURES).toBeGreaterThan(MAX_FAILURES)
  })

  it('lets go of states whose window has passed', () => {
    expect(windowStartBefore(later(FAILURE_WINDOW_MS)).getTime()).toBe(start.getTime())
  })
})
