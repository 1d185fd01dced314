/**
 * Sign-in throttling per account name. Counted for unknown names too, so the answer never tells
 * whether an account exists.
 */
export const MAX_FAILURES = 5
export const FAILURE_WINDOW_MS = 15 * 60 * 1000
export const LOCK_MS = 15 * 60 * 1000

export type ThrottleState = {
  failures: number
  firstFailureAt: Date
  lockedUntil: Date | null
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime()
}

/** The state after one more failed attempt at `now`. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const windowExpired = !state || now.getTime() - state.firstFailureAt.getTime() > FAILURE_WINDOW_MS
  const lockExpired = !!state?.lockedUntil && state.lockedUntil.getTime() <= now.getTime()
  const fresh = windowExpired || lockExpired
  const failures = fresh ? 1 : state!.failures + 1
  const firstFailureAt = fresh ? now : state!.firstFailureAt
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null
  return { failures, firstFailureAt, lockedUntil }
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase()
}
