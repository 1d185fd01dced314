/**
 * Sign-in throttling per account name *and* client, so a stranger guessing a password locks out
 * only themselves, not the owner at their usual computer; and per client across all names, so a
 * flood of guesses (or of made-up names) from one client is cut off early. Counted for unknown
 * names too, so the answer never tells whether an account exists.
 */
export const MAX_FAILURES = 5
/** Failures one client may make across all names in the window before it is locked out of all. */
export const CLIENT_MAX_FAILURES = 30
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

/** The state after one more failed attempt at `now`; locked at `max` failures in the window. */
export function afterFailure(state: ThrottleState | null, now: Date, max = MAX_FAILURES): ThrottleState {
  const windowExpired = !state || now.getTime() - state.firstFailureAt.getTime() > FAILURE_WINDOW_MS
  const lockExpired = !!state?.lockedUntil && state.lockedUntil.getTime() <= now.getTime()
  const fresh = windowExpired || lockExpired
  const failures = fresh ? 1 : state!.failures + 1
  const firstFailureAt = fresh ? now : state!.firstFailureAt
  const lockedUntil = failures >= max ? new Date(now.getTime() + LOCK_MS) : null
  return { failures, firstFailureAt, lockedUntil }
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase()
}

/**
 * A state that no longer counts for anything (its window over, no lock running) starts a fresh
 * count anyway (afterFailure), so its row can go: states began before this instant.
 */
export function windowStartBefore(now: Date): Date {
  return new Date(now.getTime() - FAILURE_WINDOW_MS)
}

/** Names are cut short in keys so a long made-up name cannot make a long row. */
const NAME_KEY_MAX = 64

/** The two counters an attempt is checked against: this account from this client, and this client. */
export function throttleKeys(account: string, client: string): { account: string; client: string } {
  return {
    account: `account:${client}:${normalizeUsername(account).slice(0, NAME_KEY_MAX)}`,
    client: `client:${client}`,
  }
}
