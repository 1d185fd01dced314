/** A session ends after this long without a request… */
export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000
/** …and in any case this long after sign-in. */
export const ABSOLUTE_TIMEOUT_MS = 14 * 24 * 60 * 60 * 1000
/** Last-seen is written at most this often, so reading a page is not a write. */
export const TOUCH_INTERVAL_MS = 5 * 60 * 1000

export function sessionExpiresAt(signedInAt: Date): Date {
  return new Date(signedInAt.getTime() + ABSOLUTE_TIMEOUT_MS)
}

export function isSessionExpired(session: { lastSeenAt: Date; expiresAt: Date }, now: Date): boolean {
  return (
    now.getTime() >= session.expiresAt.getTime() ||
    now.getTime() - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS
  )
}

export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS
}
