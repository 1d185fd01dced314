import { describe, expect, it } from 'vitest'
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  isSessionExpired,
  sessionExpiresAt,
  shouldTouch,
  TOUCH_INTERVAL_MS,
} from '~/domain/session-policy'

const signedIn = new Date('2026-03-05T08:00:00Z')
const at = (ms: number) => new Date(signedIn.getTime() + ms)

describe('session policy', () => {
  it('keeps an active session alive', () => {
    const expiresAt = sessionExpiresAt(signedIn)
    expect(isSessionExpired({ lastSeenAt: at(IDLE_TIMEOUT_MS - 1000), expiresAt }, at(IDLE_TIMEOUT_MS))).toBe(
      false,
    )
  })

  it('ends an idle session', () => {
    const expiresAt = sessionExpiresAt(signedIn)
    expect(isSessionExpired({ lastSeenAt: signedIn, expiresAt }, at(IDLE_TIMEOUT_MS))).toBe(true)
  })

  it('ends any session at the absolute limit, however active', () => {
    const expiresAt = sessionExpiresAt(signedIn)
    const now = at(ABSOLUTE_TIMEOUT_MS)
    expect(isSessionExpired({ lastSeenAt: at(ABSOLUTE_TIMEOUT_MS - 1), expiresAt }, now)).toBe(true)
  })

  it('writes last-seen only now and then', () => {
    expect(shouldTouch(signedIn, at(TOUCH_INTERVAL_MS - 1))).toBe(false)
    expect(shouldTouch(signedIn, at(TOUCH_INTERVAL_MS))).toBe(true)
  })
})
