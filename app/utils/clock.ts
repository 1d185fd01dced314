/**
 * The one "now" of Siji. Every rule that depends on the time reads it here, never `new Date()`.
 *
 * `SIJI_NOW` (an ISO instant, e.g. `2027-09-15T08:00:00+08:00`) sets the clock for a whole server,
 * for demos and tests: the clock starts at that instant when first read and then runs on, so two
 * things done one after the other still get different times. Unset, it is the real time. In the
 * browser there is no SIJI_NOW: pages take "now" from their loader when it matters.
 */
let pinned: { setting: string; offsetMs: number } | null = null

function pinnedSetting(): string | undefined {
  return typeof process === 'undefined' ? undefined : process.env.SIJI_NOW || undefined
}

export function now(): Date {
  const setting = pinnedSetting()
  if (!setting) return new Date()
  if (pinned?.setting !== setting) {
    const start = new Date(setting)
    if (Number.isNaN(start.getTime())) throw new Error(`SIJI_NOW is not an ISO instant: ${setting}`)
    pinned = { setting, offsetMs: start.getTime() - Date.now() }
  }
  return new Date(Date.now() + pinned.offsetMs)
}

/** Now as an ISO UTC string, the form timestamps are stored in. */
export function nowIso(): string {
  return now().toISOString()
}
